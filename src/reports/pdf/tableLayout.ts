/**
 * A table's rules and cell padding, in the form both pdfmake and our own flow renderer take (each a
 * function of the row or column index). Every table of a document is one of a few kinds (a ruled grid, a
 * borderless list of label and value, a row of signers): tableLayout writes one from its numbers.
 */
export interface FlowTableLayout {
  hLineWidth: (i: number) => number
  vLineWidth: (i: number) => number
  hLineColor?: string
  vLineColor?: string
  paddingLeft: (i: number) => number
  paddingRight: (i: number) => number
  paddingTop: (i: number) => number
  paddingBottom: (i: number) => number
}

/** A padding in points: the same for every cell, or by column (left, right) or row (top, bottom) index. */
type Padding = number | ((i: number) => number)

const each = (p: Padding) => (typeof p === 'number' ? () => p : p)

/** `line`: the width of every rule (0: none), in `color` when given; the padding of each side of a cell. */
export function tableLayout(o: {
  line: number
  color?: string
  left: Padding
  right: Padding
  top: Padding
  bottom: Padding
}): FlowTableLayout {
  return {
    hLineWidth: () => o.line,
    vLineWidth: () => o.line,
    ...(o.color === undefined ? {} : { hLineColor: o.color, vLineColor: o.color }),
    paddingLeft: each(o.left),
    paddingRight: each(o.right),
    paddingTop: each(o.top),
    paddingBottom: each(o.bottom),
  }
}
