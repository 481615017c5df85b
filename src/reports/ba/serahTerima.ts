import { formatTpsNumber } from '../../core/tps'
import { jumlahTerbilang } from '../../core/terbilang'
import { shortItemName } from '../../core/text'
import {
  dataTable,
  identityTable,
  opening,
  paragraph,
  strong,
  subheading,
  type CellValue,
  type Content,
  type DataColumn,
} from '../pdf'
import { signatureBlock, type DocParts, type Snapshot } from './snapshot'

export interface SerahTerimaItem {
  variantId: number
  code: string
  name: string
  kind: 'ballot' | 'logistics'
  unit: string
  dapil: string | null
}

export interface SerahTerimaData {
  handoverId: number
  kecamatan: string
  ppkNama: string
  ppkJabatan: string
  kendaraan: string
  note: string
  items: SerahTerimaItem[]
  desa: { nama: string; tps: number; qty: Record<number, number> }[]
  tps: { desa: string; nomor: number; qty: Record<number, number>; exception: string | null; segel: string[] }[]
}

/** A column header short enough for a lampiran with every item side by side: "SS Gubernur", "Kotak", "Template Braille". */
export function itemColumnLabel(i: Pick<SerahTerimaItem, 'code' | 'name' | 'kind'>): string {
  if (i.kind === 'ballot') return shortItemName(i.name).replace(/^Surat suara /i, 'SS ')
  return i.code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
}

const tpsLabel = formatTpsNumber

export function baSerahTerima(snap: Snapshot<SerahTerimaData>): DocParts {
  const d = snap.data
  const first = snap.signers.find((s) => s.posisi === 'pihak')
  const total = (v: number) => d.desa.reduce((s, x) => s + (x.qty[v] ?? 0), 0)
  const units = new Map<string, number>()
  for (const i of d.items) units.set(i.unit, (units.get(i.unit) ?? 0) + total(i.variantId))
  const tpsCount = d.tps.length
  const exceptions = d.tps.filter((t) => t.exception)
  const itemCols: DataColumn[] = d.items.map((i) => ({ header: itemColumnLabel(i), numeric: true }))
  const body: Content[] = [
    opening(snap.tanggal, { tempat: snap.header.tempat }),
    identityTable(
      [
        ['Nama', first?.nama || '..............................'],
        ...(first?.nip ? ([['NIP', first.nip]] as [string, string][]) : []),
        ['Jabatan', first?.jabatan || '..............................'],
        ['Instansi', snap.header.satkerNama],
      ],
      { indent: 20 },
    ),
    paragraph(['selanjutnya disebut ', strong('PIHAK PERTAMA'), '.'], { indent: 20 }),
    identityTable(
      [
        ['Nama', d.ppkNama],
        ['Jabatan', d.ppkJabatan],
        ['Instansi', `Panitia Pemilihan Kecamatan (PPK) ${d.kecamatan}`],
      ],
      { indent: 20 },
    ),
    paragraph(['selanjutnya disebut ', strong('PIHAK KEDUA'), '.'], { indent: 20 }),
    paragraph([
      strong('PIHAK PERTAMA'),
      ' telah menyerahkan kepada ',
      strong('PIHAK KEDUA'),
      ` dan `,
      strong('PIHAK KEDUA'),
      ` telah menerima logistik ${snap.header.namaPemilihan} untuk ${tpsCount} TPS di ${d.desa.length} desa/kelurahan Kecamatan ${d.kecamatan}` +
        (d.kendaraan ? `, diangkut dengan ${d.kendaraan}` : '') +
        ', dalam keadaan baik, terkemas per TPS dan tersegel, dengan rincian sebagai berikut:',
    ]),
    dataTable({
      numbered: true,
      columns: [
        { header: 'Jenis Logistik', width: '*' },
        { header: 'Dapil', width: 'auto', noWrap: true },
        { header: 'Satuan', width: 'auto' },
        { header: 'Jumlah', numeric: true },
      ],
      rows: d.items.map((i) => [
        i.kind === 'ballot' ? shortItemName(i.name) : i.name,
        i.dapil ?? '-',
        i.unit,
        total(i.variantId),
      ]),
    }),
    paragraph(
      `Jumlah seluruhnya ${[...units.entries()]
        .filter(([, n]) => n > 0)
        .map(([u, n]) => `${jumlahTerbilang(n)} ${u}`)
        .join(', ')}, dengan rincian per desa/kelurahan pada Lampiran I dan per TPS pada Lampiran II.`,
    ),
  ]
  if (exceptions.length) {
    body.push(subheading('Catatan: kit yang diserahkan belum lengkap'))
    for (const t of exceptions) body.push(paragraph(`${tpsLabel(t.nomor)} ${t.desa}: ${t.exception}`, { indent: 20 }))
  }
  if (d.note) body.push(paragraph(`Keterangan: ${d.note}`))
  body.push(
    paragraph([
      'Sejak penandatanganan berita acara ini, logistik tersebut menjadi tanggung jawab ',
      strong('PIHAK KEDUA'),
      ' untuk disalurkan kepada PPS dan KPPS.',
    ]),
  )

  const sum = (rows: CellValue[][], from: number): CellValue[] =>
    rows[0]!.map((_, i) =>
      i < from ? null : rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0),
    )
  const desaRows: CellValue[][] = d.desa.map((x) => [x.nama, x.tps, ...d.items.map((i) => x.qty[i.variantId] ?? 0)])
  const tpsRows: CellValue[][] = d.tps.map((t) => [
    t.desa,
    tpsLabel(t.nomor),
    ...d.items.map((i) => t.qty[i.variantId] ?? 0),
    t.segel.join(', ') || '-',
  ])
  const pihakKedua = {
    peran: 'PIHAK KEDUA',
    jabatan: d.ppkJabatan,
    nama: d.ppkNama,
    nip: '',
    instansi: `PPK ${d.kecamatan}`,
    posisi: 'pihak' as const,
  }
  return {
    title: ['BERITA ACARA', 'SERAH TERIMA LOGISTIK PEMILIHAN'],
    body,
    signatures: signatureBlock(snap, { after: [pihakKedua] }),
    annexes: [
      {
        title: `Rincian per desa/kelurahan, Kecamatan ${d.kecamatan}`,
        body: [
          dataTable({
            numbered: true,
            columns: [{ header: 'Desa/Kelurahan', width: '*' }, { header: 'TPS', numeric: true }, ...itemCols],
            rows: desaRows,
            totals: { label: 'JUMLAH', values: [null, ...sum(desaRows, 1)] },
            fontSize: 7,
          }),
        ],
      },
      {
        title: `Rincian per TPS, Kecamatan ${d.kecamatan}`,
        body: [
          dataTable({
            numbered: true,
            columns: [
              { header: 'Desa/Kelurahan', width: '*' },
              { header: 'TPS', width: 'auto', noWrap: true },
              ...itemCols,
              { header: 'Nomor Segel', width: 'auto' },
            ],
            rows: tpsRows,
            fontSize: 7,
          }),
        ],
      },
    ],
  }
}

export interface PemusnahanData {
  pemusnahanId: number
  metode: string
  tempat: string
  note: string
  reasons: { code: string; label: string }[]
  rows: { item: string; dapil: string | null; rusakByReason: Record<string, number>; lebih: number }[]
}

export function baPemusnahan(snap: Snapshot<PemusnahanData>): DocParts {
  const d = snap.data
  const rusakOf = (r: PemusnahanData['rows'][number]) => Object.values(r.rusakByReason).reduce((s, n) => s + n, 0)
  const total = d.rows.reduce((s, r) => s + rusakOf(r) + r.lebih, 0)
  const saksi = snap.signers.filter((s) => s.posisi === 'saksi')
  const body: Content[] = [
    opening(snap.tanggal, {
      tempat: d.tempat,
      lanjutan: `telah dilaksanakan pemusnahan surat suara rusak dan surat suara lebih ${snap.header.namaPemilihan} milik ${snap.header.satkerNama} dengan cara ${d.metode}, disaksikan oleh ${
        saksi.length
          ? saksi.map((s) => `${s.jabatan}${s.nama ? ` (${s.nama})` : ''}`).join(', ')
          : 'para saksi yang bertanda tangan di bawah ini'
      }, dengan rincian sebagai berikut:`,
    }),
    dataTable({
      numbered: true,
      columns: [
        { header: 'Jenis Surat Suara', width: '*' },
        { header: 'Dapil', width: 'auto', noWrap: true },
        { header: 'Rusak', numeric: true },
        { header: 'Lebih', numeric: true },
        { header: 'Jumlah Dimusnahkan', numeric: true },
      ],
      rows: d.rows.map((r) => [shortItemName(r.item), r.dapil ?? '-', rusakOf(r), r.lebih, rusakOf(r) + r.lebih]),
      totals: { label: 'JUMLAH' },
    }),
    paragraph(
      `Jumlah surat suara yang dimusnahkan sebanyak ${jumlahTerbilang(total)} lembar, sehingga tidak dapat digunakan lagi.`,
    ),
  ]
  const reasonRows = d.rows.flatMap((r) =>
    d.reasons
      .filter((x) => (r.rusakByReason[x.code] ?? 0) > 0)
      .map((x) => [shortItemName(r.item), r.dapil ?? '-', x.label, r.rusakByReason[x.code]!] as CellValue[]),
  )
  if (reasonRows.length) {
    body.push(subheading('Rincian surat suara rusak yang dimusnahkan menurut kriteria'))
    body.push(
      dataTable({
        numbered: true,
        columns: [
          { header: 'Jenis Surat Suara', width: '*' },
          { header: 'Dapil', width: 'auto', noWrap: true },
          { header: 'Kriteria Rusak', width: 130 },
          { header: 'Jumlah', numeric: true },
        ],
        rows: reasonRows,
        totals: { label: 'JUMLAH' },
      }),
    )
  }
  if (d.note) body.push(paragraph(`Keterangan: ${d.note}`))
  return { title: ['BERITA ACARA', 'PEMUSNAHAN SURAT SUARA RUSAK DAN LEBIH'], body, signatures: signatureBlock(snap) }
}
