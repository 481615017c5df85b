// pdfmake's own line breaker and column calculator, which test/unit/flow.test.ts compares src/reports/pdf/flow.ts with.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string)
    nextBreak(): { position: number; required: boolean } | null
  }
}
declare module 'pdfmake/js/columnCalculator.js' {
  const calc: {
    buildColumnWidths(
      columns: { width: number | string; _minWidth: number; _maxWidth: number; _calcWidth?: number }[],
      availableWidth: number,
    ): void
  }
  export default calc
}
