import type { TableRow } from './csv'
import type { Issue } from './errors'
import { checkName as checkNameText, looksLikeFormula, type Checked } from './names'

/**
 * Reading the tables a satker already has (TPS lists, dapil mappings, worker lists): find the header
 * row whatever the office called its columns, and check names and codes the same way everywhere.
 */

/** At most this many errors (and warnings) are listed; one more line says how many were left out. */
export const MAX_LISTED_ISSUES = 200
/** Header rows are looked for this far down, because workbooks often start with a title block. */
const HEADER_SEARCH_ROWS = 15

export interface FieldSpec {
  /** How the field is named in messages. */
  label: string
  /** Accepted header spellings, as written in messages; matched after headerKey(). */
  synonyms: readonly string[]
  required: boolean
}

/** Case, spaces, underscores, dots, hyphens and slashes vary between offices; none of them carry meaning. */
export const headerKey = (h: string): string =>
  h
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_.\-/\\]+/g, '')

export interface HeaderMatch<F extends string> {
  line: number
  /** Field -> cell index. */
  index: Partial<Record<F, number>>
  columns: Record<string, string>
  errors: Issue[]
}

const quoteList = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ')

/**
 * Finds the header row (the first of the top rows naming most required fields, so a title block above
 * it is skipped) and maps each field to a column. Missing or doubly-matched columns are errors because
 * guessing a column would import the wrong numbers.
 */
export function matchHeader<F extends string>(
  rows: readonly TableRow[],
  fields: Record<F, FieldSpec>,
): { header: HeaderMatch<F>; headerPos: number } {
  const entries = Object.entries(fields) as [F, FieldSpec][]
  const keyToField = new Map<string, F>()
  for (const [field, spec] of entries) for (const s of spec.synonyms) keyToField.set(headerKey(s), field)
  const required = entries.filter(([, s]) => s.required).length

  const fieldsIn = (row: TableRow): number => {
    const found = new Set<F>()
    for (const c of row.cells) {
      const f = keyToField.get(headerKey(c))
      if (f !== undefined && fields[f].required) found.add(f)
    }
    return found.size
  }
  let headerPos = 0
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS)
  for (let i = 0; i < limit; i++) {
    if (fieldsIn(rows[i]!) >= Math.max(1, required - 1)) {
      headerPos = i
      break
    }
  }

  const row = rows[headerPos]!
  const index: Partial<Record<F, number>> = {}
  const columns: Record<string, string> = {}
  const errors: Issue[] = []
  row.cells.forEach((raw, i) => {
    const text = raw.trim()
    const field = keyToField.get(headerKey(text))
    if (field === undefined) return
    if (index[field] !== undefined) {
      errors.push({
        row: row.line,
        column: text,
        message: `Kolom "${columns[field]}" dan kolom "${text}" sama-sama dibaca sebagai kolom ${fields[field].label}. Hapus atau ganti nama salah satunya.`,
      })
      return
    }
    index[field] = i
    columns[field] = text
  })
  const found = row.cells.map((c) => c.trim()).filter((c) => c !== '')
  for (const [field, spec] of entries) {
    if (!spec.required || index[field] !== undefined) continue
    errors.push({
      row: row.line,
      column: field,
      message:
        `Kolom ${spec.label} tidak ditemukan pada baris judul (baris ${row.line}). ` +
        `Judul kolom yang terbaca: ${found.length ? quoteList(found) : '(tidak ada)'}. ` +
        `Nama kolom yang dikenali: ${quoteList(spec.synonyms)}.`,
    })
  }
  return { header: { line: row.line, index, columns, errors }, headerPos }
}

/** A table read against its fields: the data rows under the header, and a field's column and cells. */
export interface FieldTable<F extends string> {
  header: HeaderMatch<F>
  dataRows: readonly TableRow[]
  /** The column a field was read from, as the file heads it (for messages); the field when it has none. */
  col: (f: F) => string
  /** A field's cell in a row, trimmed; empty when the file has no such column. */
  cell: (row: TableRow, f: F) => string
}

/**
 * Every table import begins alike: an empty file, a header that does not name the fields, and a header with
 * nothing under it are refused, each with its message (`what`: what the rows are, "data TPS", "pekerja").
 */
export function readFieldTable<F extends string>(
  rows: readonly TableRow[],
  fields: Record<F, FieldSpec>,
  what: string,
): { table: FieldTable<F> } | { errors: Issue[]; columns: Record<string, string> } {
  if (rows.length === 0)
    return { errors: [{ message: 'Berkas kosong: tidak ada baris yang berisi data.' }], columns: {} }
  const { header, headerPos } = matchHeader(rows, fields)
  if (header.errors.length) return { errors: finishIssues(header.errors, 'galat'), columns: header.columns }
  const dataRows = rows.slice(headerPos + 1)
  if (dataRows.length === 0) {
    const message = `Berkas hanya berisi judul kolom (baris ${header.line}) tanpa satu pun ${what}.`
    return { errors: [{ row: header.line, message }], columns: header.columns }
  }
  const col = (f: F): string => header.columns[f] ?? f
  const cell = (row: TableRow, f: F): string => {
    const i = header.index[f]
    return i === undefined ? '' : (row.cells[i] ?? '').trim()
  }
  return { table: { header, dataRows, col, cell } }
}

/** A name as first written in a file: its key (how it compares), its spelling and its line. */
interface FirstSpelling {
  key: string
  name: string
  line: number
}

/**
 * The look-alike rule of a file: the first spelling of each look is kept ("Batu Bara 1" and "Batu Bara I"
 * look the same), and a later name with that look that is another name (by `key`) is refused with why.
 * `what` names the thing ("regu"), `same` ends the advice ("regunya sama"). Null: a new look, or the same name.
 */
export function lookAlikes(what: string, same: string) {
  const seen = new Map<string, FirstSpelling>()
  return (look: string, key: string, name: string, line: number): string | null => {
    const first = seen.get(look)
    if (!first) seen.set(look, { key, name, line })
    if (!first || first.key === key) return null
    return `Nama ${what} "${name}" sama dengan nama yang sudah ada: ${first.name} (baris ${first.line}), hanya berbeda pada huruf yang tampak serupa; tulis persis sama bila ${same}`
  }
}

/** Sorts by row (stable) and caps the list so a wholly wrong file does not produce thousands of lines. */
export function finishIssues(list: Issue[], noun: string): Issue[] {
  const sorted = list
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.row ?? 0) - (b.issue.row ?? 0) || a.i - b.i)
  const out = sorted.map((x) => x.issue)
  if (out.length <= MAX_LISTED_ISSUES) return out
  const more = out.length - MAX_LISTED_ISSUES
  return [
    ...out.slice(0, MAX_LISTED_ISSUES),
    {
      message: `Masih ada ${more} ${noun} lain yang tidak ditampilkan. Perbaiki yang tercantum di atas lalu baca ulang berkas.`,
    },
  ]
}

export { looksLikeFormula }

export type NameCheck = Checked

/** A name read from a file: the same rule as a name typed in a form (core/names.ts). */
export function checkName(raw: string, label: string, maxLength: number): NameCheck {
  return checkNameText(raw, `Nama ${label}`, maxLength)
}

/** Kemendagri codes: digits, optionally dotted (12.19.01.1001). */
export function checkKode(
  raw: string,
  label: string,
  example: string,
): { ok: true; value: string | null } | { ok: false; message: string } {
  const s = raw.trim()
  if (s === '') return { ok: true, value: null }
  if (looksLikeFormula(s)) return { ok: false, message: `${label} "${s}" berisi rumus; tulis sebagai teks biasa` }
  if (!/^\d+(\.\d+)*$/.test(s))
    return { ok: false, message: `${label} "${s}" hanya boleh berisi angka (boleh bertitik), mis. ${example}` }
  return { ok: true, value: s }
}
