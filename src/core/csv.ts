import { refused } from './errors'

export type Delimiter = ',' | ';' | '\t'

/** One record of a table file; `line` is the 1-based line (CSV) or worksheet row (XLSX) where it starts. */
export interface TableRow {
  line: number
  cells: string[]
  /** From a workbook: which cells held a number rather than text (a 16-digit NIK as a number has lost a digit). */
  numeric?: boolean[]
}

export interface DelimitedTable {
  delimiter: Delimiter
  rows: TableRow[]
}

const DELIMITERS: readonly Delimiter[] = [';', ',', '\t']

/**
 * Counts candidate delimiters, outside quotes, in the first record that has any: the header line
 * (or a title line above it, which Excel writes as "JUDUL;;;;"). Data rows are not consulted because
 * names in them may contain commas, and reading a semicolon file from an Indonesian-locale Excel as
 * one column is the failure to avoid. A title line with fewer than two delimiters ("DAFTAR TPS" or
 * "KECAMATAN X, KAB. Y") is passed over since every table we read has at least three columns. Ties go
 * to ';' then ',' then tab (DELIMITERS order), because Indonesian Excel writes ';'.
 */
function detectDelimiter(text: string, start: number): Delimiter {
  const MAX_RECORDS = 20
  let counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let inQuotes = false
  let records = 0
  let firstAny: Delimiter | null = null
  const pick = (minCount: number): Delimiter | null => {
    let best: Delimiter | null = null
    let bestCount = minCount - 1
    for (const d of DELIMITERS) {
      const n = counts.get(d)!
      if (n > bestCount) {
        best = d
        bestCount = n
      }
    }
    return best
  }
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++
        else inQuotes = false
      }
      continue
    }
    if (ch === '"') inQuotes = true
    else if (ch === '\n' || ch === '\r') {
      const found = pick(2)
      if (found) return found
      firstAny ??= pick(1)
      if (++records >= MAX_RECORDS) break
      counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
    } else if (ch === ',' || ch === ';' || ch === '\t') counts.set(ch, counts.get(ch)! + 1)
  }
  return pick(2) ?? firstAny ?? pick(1) ?? ','
}

/**
 * Parses CSV/TSV text per RFC 4180 (quoted fields, doubled quotes, line breaks inside quotes) with
 * CRLF, LF or lone CR line ends. Rows whose cells are all blank (empty lines, or ";;;" rows Excel
 * writes for emptied rows) are skipped, but every row keeps the line number it has in the file so
 * error messages point where the user can look. A leading `sep=;` line (an Excel hint) sets the
 * delimiter. Cells are returned untrimmed: what is significant is the consumer's call.
 */
export function parseDelimited(text: string, opts: { maxRows?: number; tooMany?: () => Error } = {}): DelimitedTable {
  const maxRows = opts.maxRows ?? Infinity
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1

  let forced: Delimiter | null = null
  const sep = /^sep=(.)(\r\n|\n|\r|$)/i.exec(text.slice(pos, pos + 8))
  if (sep && (sep[1] === ',' || sep[1] === ';' || sep[1] === '\t')) {
    forced = sep[1]
    pos += sep[0].length
    line = 2
  }
  const delimiter = forced ?? detectDelimiter(text, pos)

  const rows: TableRow[] = []
  let cells: string[] = []
  let cell = ''
  let rowLine = line
  let inQuotes = false
  let quoteLine = 0

  const endRow = (): void => {
    cells.push(cell)
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells })
    // Stopped as soon as the limit is passed: a file of a million rows is refused without reading it all.
    if (rows.length > maxRows) throw opts.tooMany?.() ?? refused(`Berkas lebih dari ${maxRows} baris`)
    cells = []
    cell = ''
  }

  const n = text.length
  const delimiterCode = delimiter.charCodeAt(0)
  while (pos < n) {
    // Plain text up to the next character that means something here is taken as one slice rather than
    // a character at a time: a TPS list is mostly such runs.
    let end = pos
    if (inQuotes) {
      for (let c = text.charCodeAt(end); end < n && c !== 0x22 && c !== 0x0d && c !== 0x0a; c = text.charCodeAt(++end));
    } else {
      for (
        let c = text.charCodeAt(end);
        end < n && c !== 0x22 && c !== 0x0d && c !== 0x0a && c !== delimiterCode;
        c = text.charCodeAt(++end)
      );
    }
    if (end > pos) {
      cell += text.slice(pos, end)
      pos = end
      continue
    }
    const ch = text[pos]!
    if (inQuotes) {
      if (ch === '"') {
        if (text[pos + 1] === '"') {
          cell += '"'
          pos += 2
        } else {
          inQuotes = false
          pos++
        }
      } else if (ch === '\r' && text[pos + 1] === '\n') {
        // A line break inside a quoted cell still moves the file's line count on.
        cell += '\r\n'
        pos += 2
        line++
      } else {
        if (ch === '\r' || ch === '\n') line++
        cell += ch
        pos++
      }
      continue
    }
    if (ch === '"' && cell.trim() === '') {
      // A quote opening a field (spaces before it, as some tools write, are dropped).
      inQuotes = true
      quoteLine = line
      cell = ''
      pos++
    } else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
      pos++
    } else if (ch === '\r' || ch === '\n') {
      endRow()
      pos += ch === '\r' && text[pos + 1] === '\n' ? 2 : 1
      line++
      rowLine = line
    } else {
      // Text after a closing quote (`"abc"def`) or a quote inside an unquoted field is kept literally:
      // being lenient here loses nothing, the importer still validates every value.
      cell += ch
      pos++
    }
  }
  if (inQuotes) {
    const message = `Tanda kutip (") yang dibuka pada baris ${quoteLine} tidak pernah ditutup, sehingga sisa berkas terbaca sebagai satu sel. Periksa sel pada baris ${quoteLine}.`
    throw refused(message, [{ row: quoteLine, message }])
  }
  if (cell !== '' || cells.length > 0) endRow()
  return { delimiter, rows }
}

export const delimiterName = (d: Delimiter): string => (d === ';' ? 'titik koma' : d === ',' ? 'koma' : 'tab')
