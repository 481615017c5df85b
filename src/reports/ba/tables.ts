import type { Signer } from '../../core/documents'
import { shortItemName } from '../../core/text'
import { dataTable, identityTable, paragraph, strong, type CellValue, type Content, type DataColumn } from '../pdf'
import { reasonLabel } from './wording'

/*
 * The blocks several berita acara print alike: the tables of ballots per type and dapil, the damage by
 * kriteria, and the two parties of a serah terima. One builder each, so the papers cannot drift apart.
 */

/** A column of counts: right-aligned, summed in the JUMLAH row. */
export const num = (header: string): DataColumn => ({ header, numeric: true })

/** A ballot type and dapil as every table names them ("-" for none). */
export const variantCells = (r: { item: string; dapil: string | null }): CellValue[] => [
  shortItemName(r.item),
  r.dapil ?? '-',
]

/**
 * A numbered table of ballots (or items, `item` naming the first column), one row per type and dapil
 * (`rows` start with variantCells), its `columns` after the type and Dapil, and a JUMLAH row: one, or
 * one per group of `groups` (see DataTableSpec.totals).
 */
export const variantTable = (
  columns: DataColumn[],
  rows: CellValue[][],
  opts: { item?: string; fontSize?: number; groups?: (string | null)[] } = {},
): Content =>
  dataTable({
    numbered: true,
    columns: [{ header: opts.item ?? 'Jenis Surat Suara' }, { header: 'Dapil' }, ...columns],
    rows,
    totals: { label: 'JUMLAH', ...(opts.groups ? { groups: opts.groups } : {}) },
    ...(opts.fontSize === undefined ? {} : { fontSize: opts.fontSize }),
  })

interface DamagedRow {
  item: string
  dapil: string | null
  rusakByReason: Record<string, number>
  rusakNotes?: Record<string, string[]>
}

/** The damaged sheets of each type and dapil, one row per kriteria that has any (with its notes). */
export const reasonRows = (rows: DamagedRow[], reasons: { code: string; label: string }[]): CellValue[][] =>
  rows.flatMap((r) =>
    reasons
      .filter((x) => (r.rusakByReason[x.code] ?? 0) !== 0)
      .map((x) => [...variantCells(r), reasonLabel(x.label, r.rusakNotes?.[x.code]), r.rusakByReason[x.code]!]),
  )

/** The table of damage by kriteria under its subheading; nothing when no sheet is damaged. */
export function reasonTable(heading: Content, rows: CellValue[][]): Content[] {
  return rows.length ? [heading, variantTable([{ header: 'Kriteria Rusak' }, num('Jumlah')], rows)] : []
}

const DOTS = '..............................'

/** A signer as a party names them: the dots leave room to write in a name or post not yet known. */
export const signerIdentity = (
  s: Pick<Signer, 'nama' | 'nip' | 'jabatan'> | undefined,
  instansi: string,
  instansiLabel = 'Instansi',
): [string, string][] => [
  ['Nama', s?.nama || DOTS],
  ...(s?.nip ? ([['NIP', s.nip]] as [string, string][]) : []),
  ['Jabatan', s?.jabatan || DOTS],
  [instansiLabel, instansi],
]

/** One party of a serah terima: who they are, then "selanjutnya disebut PIHAK …" (and their part). */
export const party = (identity: [string, string][], pihak: 'PIHAK PERTAMA' | 'PIHAK KEDUA', part = ''): Content[] => [
  identityTable(identity, { indent: 20 }),
  paragraph(['selanjutnya disebut ', strong(pihak), `${part}.`], { indent: 20 }),
]
