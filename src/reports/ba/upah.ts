import { formatAngka, jumlahTerbilang } from '../../core/terbilang'
import { shortItemName } from '../../core/text'
import type { Table } from '../table'
import { dataTable, paragraph, type Content } from '../pdf'
import { periodText } from './sortir'
import { signatureBlock, type DocParts, type Snapshot } from './snapshot'

export interface UpahData {
  from: string
  to: string
  taxPercent: number
  items: { code: string; name: string; unit: string; rate: number | null }[]
  workers: { nama: string; regu: string; qty: Record<string, number>; gross: number; tax: number; net: number }[]
  notes: string[]
}

/** Shares of a team's output can be fractions of a sheet; shown with up to two decimals. */
const qtyText = (n: number): string => (Number.isInteger(n) ? formatAngka(n) : formatAngka(Math.round(n * 100) / 100))

const rupiah = (n: number) => `Rp${formatAngka(n)}`

export function rekapUpah(snap: Snapshot<UpahData>): DocParts {
  const d = snap.data
  const gross = d.workers.reduce((s, w) => s + w.gross, 0)
  const tax = d.workers.reduce((s, w) => s + w.tax, 0)
  const net = d.workers.reduce((s, w) => s + w.net, 0)
  const body: Content[] = [
    paragraph(
      `Rekapitulasi upah pekerja sortir, lipat dan perakitan logistik ${snap.header.namaPemilihan} pada ${periodText(d.from, d.to)}, berdasarkan hasil kerja yang tercatat per shift. Hasil regu dibagi rata kepada anggota regu yang hadir pada shift tersebut, kecuali dicatat per pekerja.`,
    ),
    dataTable({
      columns: [
        { header: 'Barang', width: '*' },
        { header: 'Satuan', width: 'auto' },
        { header: 'Upah per Satuan (Rp)', numeric: true, noSum: true },
      ],
      rows: d.items.map((i) => [i.name, i.unit, i.rate]),
      fontSize: 9,
    }),
    dataTable({
      numbered: true,
      columns: [
        { header: 'Nama' },
        { header: 'Regu' },
        ...d.items.map((i) => ({ header: `${shortItemName(i.name)} (${i.unit})`, numeric: true })),
        { header: 'Bruto (Rp)', numeric: true },
        { header: `Pajak ${String(d.taxPercent).replace('.', ',')}% (Rp)`, numeric: true },
        { header: 'Diterima (Rp)', numeric: true },
        // Room for a signature: 2,5 cm wide, and the rows padded to about 8 mm.
        { header: 'Tanda Tangan', width: 71 },
      ],
      rows: d.workers.map((w) => [
        w.nama,
        w.regu,
        ...d.items.map((i) => (w.qty[i.code] ? qtyText(w.qty[i.code]!) : '-')),
        w.gross,
        w.tax,
        w.net,
        '',
      ]),
      totals: {
        label: 'JUMLAH',
        values: [
          null,
          null,
          null,
          ...d.items.map((i) => qtyText(d.workers.reduce((s, w) => s + (w.qty[i.code] ?? 0), 0))),
          gross,
          tax,
          net,
          null,
        ],
      },
      fontSize: 8,
      rowPadding: 6,
    }),
    paragraph(
      `Jumlah upah bruto ${rupiah(gross)}, pajak dipotong ${rupiah(tax)}, jumlah diterima pekerja ${jumlahTerbilang(net)} rupiah.`,
    ),
    ...d.notes.map((n) => paragraph(`Catatan: ${n}`)),
  ]
  return {
    title: ['REKAPITULASI UPAH PEKERJA', 'SORTIR, LIPAT DAN PERAKITAN LOGISTIK'],
    // The signature column stays on the paper: the whole recap turns to landscape when its table needs it.
    orientation: 'auto',
    body,
    closing: paragraph(
      'Demikian rekapitulasi upah ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    ),
    signatures: signatureBlock(snap),
  }
}

/** The same recap as a worksheet, for the bendahara's own calculations. */
export function rekapUpahTable(snap: Snapshot<UpahData>, nomorOrId: string): Table {
  const d = snap.data
  const num = (label: string) => ({ label, numeric: true })
  return {
    sheet: 'Rekap Upah',
    heading: [
      `Rekapitulasi Upah Pekerja ${periodText(d.from, d.to)}`,
      `${snap.header.satkerNama} · ${snap.header.namaPemilihan}`,
      `Dokumen ${nomorOrId}; pajak ${d.taxPercent}%`,
    ],
    columns: [
      { label: 'Nama', numeric: false },
      { label: 'Regu', numeric: false },
      ...d.items.map((i) => ({ label: `${i.name} (${i.unit}) @Rp${formatAngka(i.rate ?? 0)}`, numeric: true })),
      num('Bruto (Rp)'),
      num('Pajak (Rp)'),
      num('Diterima (Rp)'),
    ],
    rows: d.workers.map((w) => [
      w.nama,
      w.regu,
      ...d.items.map((i) => Math.round((w.qty[i.code] ?? 0) * 100) / 100),
      w.gross,
      w.tax,
      w.net,
    ]),
    totals: [
      'JUMLAH',
      '',
      ...d.items.map((i) => Math.round(d.workers.reduce((s, w) => s + (w.qty[i.code] ?? 0), 0) * 100) / 100),
      ...(['gross', 'tax', 'net'] as const).map((k) => d.workers.reduce((s, w) => s + w[k], 0)),
    ],
  }
}
