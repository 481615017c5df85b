import { formatAngka, jumlahTerbilang } from '../../core/terbilang'
import { shortItemName } from '../../core/text'
import type { Table } from '../table'
import { dataTable, paragraph, type Content } from '../pdf'
import { periodText } from './sortir'
import { signatureBlock, type DocParts, type Snapshot } from './snapshot'
import type { Pph21Metode } from '../../core/pay'

export interface UpahData {
  from: string
  to: string
  taxPercent: number
  /** Absent in a recap issued before issue 13: the flat percentage. */
  pph21Metode?: Pph21Metode
  items: { code: string; name: string; unit: string; rate: number | null }[]
  workers: ({
    nama: string
    regu: string
    qty: Record<string, number>
    gross: number
    tax: number
    net: number
  } & Partial<{
    /** Whole: the bendahara reports the tax withheld by it. Absent in a recap issued before issue 13. */
    nik: string | null
    npwp: string | null
    bank: string
    noRekening: string
  }>)[]
  notes: string[]
}

/** The recap carries NIK, NPWP and bank account (issued since issue 13; a reprint of an older one does not). */
const withIdentity = (d: UpahData) => d.workers.some((w) => w.nik !== undefined)

/** The name, then what is recorded of NIK, NPWP and bank account, one to a line. */
function identityLines(w: UpahData['workers'][number]): string[] {
  return [
    w.nama,
    ...(w.nik ? [`NIK ${w.nik}`] : []),
    ...(w.npwp ? [`NPWP ${w.npwp}`] : []),
    ...(w.bank || w.noRekening ? [[w.bank, w.noRekening].filter(Boolean).join(' ')] : []),
  ]
}

const taxHeader = (d: UpahData) =>
  d.pph21Metode === 'ter_harian' ? 'PPh 21' : `Pajak ${String(d.taxPercent).replace('.', ',')}%`

/** How the tax was withheld, in a sentence of the recap. */
function taxSentence(d: UpahData): string {
  return d.pph21Metode === 'ter_harian'
    ? 'PPh Pasal 21 dipotong menurut tarif efektif harian bagi pegawai tidak tetap (Peraturan Menteri Keuangan Nomor 168 Tahun 2023 dan Peraturan Pemerintah Nomor 58 Tahun 2023), dihitung per hari kerja: penghasilan bruto sehari sampai dengan Rp450.000 tidak dipotong, di atas Rp450.000 sampai dengan Rp2.500.000 dipotong 0,5%, dan di atas Rp2.500.000 dipotong dengan tarif Pasal 17 ayat (1) huruf a Undang-Undang Pajak Penghasilan atas 50% penghasilan bruto sehari.'
    : `Pajak penghasilan dipotong ${String(d.taxPercent).replace('.', ',')}% dari upah bruto.`
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
      `Rekapitulasi upah pekerja sortir, lipat dan perakitan logistik ${snap.header.namaPemilihan} pada ${periodText(d.from, d.to)}, berdasarkan hasil kerja yang tercatat per shift. Hasil regu dibagi rata kepada anggota regu yang hadir pada shift tersebut, kecuali dicatat per pekerja. ${taxSentence(d)}`,
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
        // NIK, NPWP and account under the name, not in columns of their own: with five ballot types, kotak and
        // bilik the table would no longer hold the Tanda Tangan column beside the amounts.
        { header: withIdentity(d) ? 'Nama, NIK, NPWP, Rekening' : 'Nama' },
        { header: 'Regu' },
        ...d.items.map((i) => ({ header: `${shortItemName(i.name)} (${i.unit})`, numeric: true })),
        { header: 'Bruto (Rp)', numeric: true },
        { header: `${taxHeader(d)} (Rp)`, numeric: true },
        { header: 'Diterima (Rp)', numeric: true },
        // Room for a signature: 2,5 cm wide, and the rows padded to about 8 mm.
        { header: 'Tanda Tangan', width: 71 },
      ],
      rows: d.workers.map((w) => [
        withIdentity(d) ? identityLines(w).join('\n') : w.nama,
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
      `Dokumen ${nomorOrId}; ${d.pph21Metode === 'ter_harian' ? 'PPh 21 tarif efektif harian (PMK 168/2023)' : `pajak ${d.taxPercent}%`}`,
    ],
    columns: [
      { label: 'Nama', numeric: false },
      { label: 'Regu', numeric: false },
      ...(withIdentity(d) ? ['NIK', 'NPWP', 'Bank', 'No. Rekening'].map((label) => ({ label, numeric: false })) : []),
      ...d.items.map((i) => ({ label: `${i.name} (${i.unit}) @Rp${formatAngka(i.rate ?? 0)}`, numeric: true })),
      num('Bruto (Rp)'),
      num(`${d.pph21Metode === 'ter_harian' ? 'PPh 21' : 'Pajak'} (Rp)`),
      num('Diterima (Rp)'),
    ],
    rows: d.workers.map((w) => [
      w.nama,
      w.regu,
      // As text: a 16-digit NIK stored as a number loses its last digit in a spreadsheet.
      ...(withIdentity(d) ? [w.nik ?? '', w.npwp ?? '', w.bank ?? '', w.noRekening ?? ''] : []),
      ...d.items.map((i) => Math.round((w.qty[i.code] ?? 0) * 100) / 100),
      w.gross,
      w.tax,
      w.net,
    ]),
    totals: [
      'JUMLAH',
      '',
      ...(withIdentity(d) ? ['', '', '', ''] : []),
      ...d.items.map((i) => Math.round(d.workers.reduce((s, w) => s + (w.qty[i.code] ?? 0), 0) * 100) / 100),
      ...(['gross', 'tax', 'net'] as const).map((k) => d.workers.reduce((s, w) => s + w[k], 0)),
    ],
  }
}
