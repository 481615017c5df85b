import { tableToCsv, tableToXlsx, type Table } from '../reports/table'
import type { NeedLevel } from '../api/contract/kebutuhan'
import type { ReadContext } from './context'
import { requireElection } from './pemilihan'
import * as kebutuhan from './kebutuhan'

const LEVEL_TITLE: Record<NeedLevel, string> = {
  tps: 'per TPS',
  desa: 'per Desa/Kelurahan',
  kecamatan: 'per Kecamatan',
  dapil: 'Surat Suara per Dapil',
}

function needsTable(ctx: ReadContext, level: NeedLevel): Table {
  const e = requireElection(ctx)
  const heading = [
    `Kebutuhan Logistik ${LEVEL_TITLE[level]}`,
    `${e.jenis === 'pemilu' ? 'Pemilu' : 'Pilkada'} ${e.tahun} · ${e.satker}${e.provinsi ? ', ' + e.provinsi : ''}`,
    `Cadangan ${String(e.reservePercent).replace('.', ',')}% per TPS`,
    ...(e.dataNote ? [e.dataNote] : []),
  ]
  const num = (label: string) => ({ label, numeric: true })
  const text = (label: string) => ({ label, numeric: false })
  if (level === 'dapil') {
    const rows = kebutuhan.daftarDapil(ctx)
    return {
      sheet: 'Per Dapil',
      heading,
      columns: [
        text('Jenis Surat Suara'),
        text('Dapil'),
        num('Jumlah TPS'),
        num('DPT'),
        num('Cadangan'),
        num('Kebutuhan TPS'),
        num('Cadangan PSU'),
        num('Total'),
      ],
      rows: rows.map((r) => [r.itemName, r.dapil, r.tps, r.dpt, r.reserve, r.kits, r.psu, r.total]),
    }
  }
  if (level === 'tps') {
    const { columns, rows } = kebutuhan.daftarTps(ctx)
    const totals = columns.map((c) => rows.reduce((s, r) => s + (r.qty[c.code] ?? 0), 0))
    // The dapil of each TPS per ballot type, after the figures ("Belum dipetakan" until the dapil file).
    const ballots = columns.filter((c) => c.kind === 'ballot')
    return {
      sheet: 'Per TPS',
      heading,
      columns: [
        text('Kecamatan'),
        text('Desa/Kelurahan'),
        num('No. TPS'),
        num('DPT'),
        ...columns.map((c) => num(`${c.name} (${c.unit})`)),
        ...ballots.map((c) => text(`Dapil ${c.name}`)),
      ],
      rows: rows.map((r) => [
        r.kecamatan,
        r.desa,
        r.nomor,
        r.dpt,
        ...columns.map((c) => r.qty[c.code] ?? 0),
        ...ballots.map((c) => r.dapil[c.code] ?? ''),
      ]),
      totals: ['JUMLAH', '', rows.length, rows.reduce((s, r) => s + r.dpt, 0), ...totals, ...ballots.map(() => '')],
    }
  }
  const { columns, rows } = kebutuhan.lihatRekap(ctx, level)
  const totals = columns.map((c) => rows.reduce((s, r) => s + (r.qty[c.code] ?? 0), 0))
  const lead = level === 'desa' ? [text('Kecamatan'), text('Desa/Kelurahan')] : [text('Kecamatan')]
  return {
    sheet: level === 'desa' ? 'Per Desa' : 'Per Kecamatan',
    heading,
    columns: [...lead, num('Jumlah TPS'), num('DPT'), ...columns.map((c) => num(`${c.name} (${c.unit})`))],
    rows: rows.map((r) => [
      ...(level === 'desa' ? [r.kecamatan ?? '', r.desa ?? ''] : [r.kecamatan ?? '']),
      r.tps,
      r.dpt,
      ...columns.map((c) => r.qty[c.code] ?? 0),
    ]),
    totals: [
      ...(level === 'desa' ? ['JUMLAH', ''] : ['JUMLAH']),
      rows.reduce((s, r) => s + r.tps, 0),
      rows.reduce((s, r) => s + r.dpt, 0),
      ...totals,
    ],
  }
}

export async function ekspor(ctx: ReadContext, format: 'xlsx' | 'csv', level: NeedLevel) {
  const e = requireElection(ctx)
  const table = needsTable(ctx, level)
  const slug = `${e.satker}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  const fileName = `kebutuhan-${level}-${slug}-${e.tahun}.${format}`
  const content = format === 'xlsx' ? await tableToXlsx(table) : tableToCsv(table)
  return {
    fileName,
    mime:
      format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
    contentBase64: content.toString('base64'),
  }
}
