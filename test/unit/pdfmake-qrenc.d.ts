// pdfmake's internal QR encoder, which test/unit/qr-matrix.test.ts compares src/reports/pdf/qrMatrix.ts with.
declare module 'pdfmake/js/qrEnc.js' {
  const qrEnc: {
    measure(node: { qr: string; version: number; eccLevel: string; mode: string; fit: number }): {
      _canvas: { x: number; y: number }[]
    }
  }
  export default qrEnc
}
