import type { PreparedTable } from './dataTable'

/**
 * The part of pdfmake 0.3's document-definition language this app uses, typed (pdfmake ships no
 * types). Extend it here when a document needs another pdfmake feature, rather than casting.
 */

export type Margins = number | [number, number] | [number, number, number, number]
export type Alignment = 'left' | 'right' | 'center' | 'justify'
export type Width = number | '*' | 'auto' | `${number}%`

/** Style properties pdfmake accepts on any node. */
export interface StyleProps {
  style?: string | string[]
  font?: string
  fontSize?: number
  bold?: boolean
  italics?: boolean
  alignment?: Alignment
  color?: string
  background?: string
  lineHeight?: number
  characterSpacing?: number
  decoration?: 'underline' | 'lineThrough' | 'overline'
  decorationStyle?: 'dashed' | 'dotted' | 'double' | 'wavy'
  decorationThickness?: number
  margin?: Margins
  noWrap?: boolean
  preserveLeadingSpaces?: boolean
  opacity?: number
}

/** Layout properties of block nodes. */
export interface BlockProps extends StyleProps {
  id?: string
  width?: Width
  pageBreak?: 'before' | 'after'
  /** Keep the whole node on one page (moved to the next page if it does not fit). */
  unbreakable?: boolean
  headlineLevel?: number
  /** Placed at this point of the page (points from the top-left corner), outside the flow. */
  absolutePosition?: { x: number; y: number }
  /** Set on the page a `pageBreak: 'before'` starts. */
  pageOrientation?: 'portrait' | 'landscape'
  /**
   * Not pdfmake's: how the document builder sizes the node and keeps it on a page (./layout.ts). The
   * builder replaces hinted nodes with plain ones before pdfmake sees them.
   */
  hint?: LayoutHint
}

/** What ./layout.ts needs to know about a block to size it and to keep it with what follows. */
export type LayoutHint =
  | { kind: 'table'; table: PreparedTable; keepWithNext?: boolean }
  | { kind: 'paragraph'; keepWithNext?: boolean }
  /** A block of this height (or measured, for identity tables) kept on one page, and with what follows. */
  | { kind: 'keep'; keepWithNext?: boolean; measure: 'identity' | 'text' }

/** A run of text inside a paragraph: plain, or styled. */
export type Inline = string | InlineText
export interface InlineText extends StyleProps {
  text: string | Inline[]
}

export interface ContentText extends BlockProps {
  text: string | Inline[]
}

export interface ContentStack extends BlockProps {
  stack: Content[]
}

export interface ContentColumns extends BlockProps {
  columns: Content[]
  columnGap?: number
}

export interface CellProps {
  colSpan?: number
  rowSpan?: number
  fillColor?: string
  /** [left, top, right, bottom] */
  border?: [boolean, boolean, boolean, boolean]
  verticalAlignment?: 'top' | 'middle' | 'bottom'
}

/** A table cell; `{}` fills a spot covered by a colSpan/rowSpan. */
export type TableCell = Content | (ContentNode & CellProps) | Record<string, never>

export interface TableLayout {
  hLineWidth?: (i: number, node: ContentTable) => number
  vLineWidth?: (i: number, node: ContentTable) => number
  hLineColor?: string | ((i: number, node: ContentTable) => string)
  vLineColor?: string | ((i: number, node: ContentTable) => string)
  paddingLeft?: (i: number, node: ContentTable) => number
  paddingRight?: (i: number, node: ContentTable) => number
  paddingTop?: (i: number, node: ContentTable) => number
  paddingBottom?: (i: number, node: ContentTable) => number
  fillColor?: string | ((rowIndex: number, node: ContentTable, columnIndex: number) => string | null)
  defaultBorder?: boolean
}

export interface ContentTable extends BlockProps {
  table: {
    body: TableCell[][]
    widths?: Width[] | Width
    heights?: number | (number | 'auto')[] | ((row: number) => number | 'auto')
    /** Rows repeated at the top of every page the table continues on. */
    headerRows?: number
    /** Rows after the header that must stay on the header's page. */
    keepWithHeaderRows?: number
    /** Never split a row across pages. */
    dontBreakRows?: boolean
  }
  layout?: TableLayout | 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines'
}

export type CanvasElement =
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth?: number; lineColor?: string }
  | {
      type: 'rect'
      x: number
      y: number
      w: number
      h: number
      lineWidth?: number
      lineColor?: string
      color?: string
      r?: number
      dash?: { length: number }
    }

export interface ContentCanvas extends BlockProps {
  canvas: CanvasElement[]
}

export interface ContentImage extends BlockProps {
  /** A key of `images` in the document definition, or a data URL. */
  image: string
  height?: number
  fit?: [number, number]
}

export interface ContentQr extends BlockProps {
  qr: string
  /** pdfmake rounds the module size down to whole points: size = modules × floor(fit / modules). */
  fit?: number
  version?: number
  eccLevel?: 'L' | 'M' | 'Q' | 'H'
  mode?: 'numeric' | 'alphanumeric' | 'octet'
  foreground?: string
  background?: string
  padding?: number
}

export type ContentNode =
  ContentText | ContentStack | ContentColumns | ContentTable | ContentCanvas | ContentImage | ContentQr
export type Content = string | ContentNode | Content[]

export interface PageSize {
  width: number
  height: number
}

export type DynamicContent = (currentPage: number, pageCount: number, pageSize: PageSize) => Content | null | undefined

export interface Watermark {
  text: string
  color?: string
  opacity?: number
  bold?: boolean
  italics?: boolean
  fontSize?: number
  angle?: number
  font?: string
}

/** PDF metadata. pdfmake capitalises the keys (title → Title). */
export interface DocInfo {
  title?: string
  author?: string
  subject?: string
  keywords?: string
  creator?: string
  producer?: string
  creationDate?: Date
}

/** What pdfmake tells a `pageBreakBefore` callback about a node after a trial layout. */
export interface PageBreakNode {
  id?: string
  headlineLevel?: number
  /**
   * Every page the node's content landed on. Content inside tables and unbreakable blocks reports
   * pages relative to its block, so for such nodes this is unreliable.
   */
  pageNumbers: number[]
  pages: number
  startPosition: {
    pageNumber: number
    top: number
    left: number
    verticalRatio: number
    horizontalRatio: number
    pageInnerHeight: number
  }
}

export interface PageBreakHelpers {
  getFollowingNodesOnPage(): PageBreakNode[]
  getNodesOnNextPage(): PageBreakNode[]
  getPreviousNodesOnPage(): PageBreakNode[]
}

export interface PdfDocDefinition {
  content: Content
  pageSize: PageSize | 'A4'
  pageOrientation?: 'portrait' | 'landscape'
  pageMargins: [number, number, number, number]
  header?: DynamicContent
  footer?: DynamicContent
  background?: DynamicContent
  watermark?: Watermark
  /** Return true to start the node on a new page; pdfmake lays the document out again. */
  pageBreakBefore?: (node: PageBreakNode, helpers: PageBreakHelpers) => boolean
  info?: DocInfo
  defaultStyle?: StyleProps
  styles?: Record<string, StyleProps>
  /** name → data URL ("data:image/png;base64,…"). Local paths are refused by the access policy. */
  images?: Record<string, string>
  language?: string
  compress?: boolean
}
