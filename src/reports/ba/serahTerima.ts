import { formatTpsNumber } from '../../core/tps'
import { jumlahTerbilang } from '../../core/terbilang'
import { shortItemName } from '../../core/text'
import {
  dataTable,
  opening,
  paragraph,
  strong,
  subheading,
  type CellValue,
  type Content,
  type DataColumn,
} from '../pdf'
import { signatureBlock, type DocParts, type Snapshot } from './snapshot'
import { num, party, reasonRows, reasonTable, signerIdentity, variantCells, variantTable } from './tables'
import { jumlahPerBarang, namaTempat, segelRingkas, totalGroup } from './wording'
import type { ItemKind } from '../../core/presets'

export interface SerahTerimaItem {
  variantId: number
  code: string
  name: string
  kind: ItemKind
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
  tps: {
    desa: string
    nomor: number
    qty: Record<number, number>
    exception: string | null
    segel: string[]
    /**
     * Kotak in the kit, since issue 13: the paper says "tersegel" only when every kotak has its seal
     * number, and lists the ones without. Absent from snapshots issued before, which reprint as they were.
     */
    kotak?: number
  }[]
}

/**
 * The TPS whose kotak are not all sealed (fewer seal numbers than kotak), grouped per desa in the
 * order of the annex: "Tanjung Prapat: TPS 003 (2 kotak), TPS 004 (1 dari 2 kotak)". Null for a
 * snapshot that predates the kotak count.
 */
export function segelBelumTercatat(d: SerahTerimaData): string[] | null {
  if (d.tps.some((t) => t.kotak === undefined)) return null
  const perDesa = new Map<string, string[]>()
  for (const t of d.tps) {
    const kotak = t.kotak ?? 0
    const missing = kotak - Math.min(t.segel.length, kotak)
    if (missing === 0) continue
    const what = missing === kotak ? `${kotak} kotak` : `${missing} dari ${kotak} kotak`
    const list = perDesa.get(t.desa) ?? []
    list.push(`${tpsLabel(t.nomor)} (${what})`)
    perDesa.set(t.desa, list)
  }
  return [...perDesa].map(([desa, list]) => `${namaTempat(desa)}: ${list.join(', ')}`)
}

/** A column header short enough for a lampiran with every item side by side: "SS Gubernur", "Kotak", "Template Braille". */
export function itemColumnLabel(i: Pick<SerahTerimaItem, 'code' | 'name' | 'kind'>): string {
  if (i.kind === 'ballot')
    return shortItemName(i.name)
      .replace(/^Surat suara /i, 'SS ')
      .replace(/\s*\((PPWP)\)$/, '')
      .replace(/ RI$/, '')
      .replace(/Kabupaten\/Kota/, 'Kab/Kota')
      .replace(/Provinsi/, 'Prov.')
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
  const kecamatan = namaTempat(d.kecamatan)
  // The place name inside what was typed reads the same as everywhere else on the paper.
  const ppkJabatan = d.ppkJabatan.replace(
    new RegExp(d.kecamatan.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'),
    kecamatan,
  )
  const tpsCount = d.tps.length
  const tanpaSegel = segelBelumTercatat(d)
  const kotakAda = d.tps.some((t) => (t.kotak ?? 0) > 0)
  // "Tersegel" only when every kotak carries its seal number (a snapshot from before says what it said).
  const tersegel = tanpaSegel === null || (kotakAda && tanpaSegel.length === 0)
  const exceptions = d.tps.filter((t) => t.exception)
  const itemCols: DataColumn[] = d.items.map((i) => ({ header: itemColumnLabel(i), numeric: true }))
  const body: Content[] = [
    opening(snap.tanggal, { tempat: snap.header.tempat }),
    ...party(signerIdentity(first, snap.header.satkerNama), 'PIHAK PERTAMA'),
    ...party(
      [
        ['Nama', d.ppkNama],
        ['Jabatan', ppkJabatan],
        ['Instansi', `Panitia Pemilihan Kecamatan (PPK) ${kecamatan}`],
      ],
      'PIHAK KEDUA',
    ),
    paragraph([
      strong('PIHAK PERTAMA'),
      ' telah menyerahkan kepada ',
      strong('PIHAK KEDUA'),
      ` dan `,
      strong('PIHAK KEDUA'),
      ` telah menerima logistik ${snap.header.namaPemilihan} untuk ${tpsCount} TPS di ${d.desa.length} desa/kelurahan Kecamatan ${kecamatan}` +
        (d.kendaraan ? `, diangkut dengan ${d.kendaraan}` : '') +
        (tersegel
          ? ', dalam keadaan baik, terkemas per TPS dan tersegel'
          : ', dalam keadaan baik dan terkemas per TPS') +
        ', dengan rincian sebagai berikut:',
    ]),
    variantTable(
      [{ header: 'Satuan', width: 'auto' }, num('Jumlah')],
      d.items.map((i) => [
        i.kind === 'ballot' ? shortItemName(i.name) : i.name,
        i.dapil ?? '-',
        i.unit,
        total(i.variantId),
      ]),
      { item: 'Jenis Logistik', groups: d.items.map((i) => totalGroup({ ...i, item: i.name })) },
    ),
    paragraph(
      `Jumlah seluruhnya ${jumlahPerBarang(d.items.map((i) => ({ ...i, item: i.name, qty: total(i.variantId) })))}, dengan rincian per desa/kelurahan pada Lampiran I dan per TPS pada Lampiran II.`,
    ),
  ]
  if (exceptions.length) {
    body.push(subheading('Catatan: kit yang diserahkan belum lengkap'))
    for (const t of exceptions)
      body.push(paragraph(`${tpsLabel(t.nomor)} ${namaTempat(t.desa)}: ${t.exception}`, { indent: 20 }))
  }
  if (tanpaSegel?.length) {
    body.push(subheading('Catatan: kotak suara yang nomor segelnya belum tercatat'))
    for (const line of tanpaSegel) body.push(paragraph(line, { indent: 20 }))
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
  const desaRows: CellValue[][] = d.desa.map((x) => [
    namaTempat(x.nama),
    x.tps,
    ...d.items.map((i) => x.qty[i.variantId] ?? 0),
  ])
  // The desa is named on its first TPS only: 400 rows repeating a long name would take a line each.
  const tpsRows: CellValue[][] = d.tps.map((t, k) => [
    k > 0 && d.tps[k - 1]!.desa === t.desa ? '' : namaTempat(t.desa),
    tpsLabel(t.nomor),
    ...d.items.map((i) => t.qty[i.variantId] ?? 0),
    segelRingkas(t.segel) || '-',
  ])
  const pihakKedua = {
    peran: 'PIHAK KEDUA',
    jabatan: ppkJabatan,
    nama: d.ppkNama,
    nip: '',
    // "Ketua PPK Kecamatan X" names the PPK already.
    instansi: d.ppkJabatan.toLowerCase().includes(d.kecamatan.toLowerCase()) ? '' : `PPK Kecamatan ${kecamatan}`,
    posisi: 'pihak' as const,
  }
  return {
    title: ['BERITA ACARA', 'SERAH TERIMA LOGISTIK PEMILIHAN'],
    body,
    signatures: signatureBlock(snap, { after: [pihakKedua] }),
    annexes: [
      {
        title: `Rincian per desa/kelurahan, Kecamatan ${kecamatan}`,
        body: [
          dataTable({
            numbered: true,
            columns: [{ header: 'Desa/Kelurahan' }, { header: 'TPS', numeric: true }, ...itemCols],
            rows: desaRows,
            totals: { label: 'JUMLAH', values: [null, ...sum(desaRows, 1)] },
            fontSize: 8,
          }),
        ],
      },
      {
        title: `Rincian per TPS, Kecamatan ${kecamatan}`,
        body: [
          dataTable({
            numbered: true,
            columns: [
              { header: 'Desa/Kelurahan' },
              { header: 'TPS', width: 'auto', noWrap: true },
              ...itemCols,
              { header: 'Nomor Segel' },
            ],
            rows: tpsRows,
            totals: { label: 'JUMLAH' },
            fontSize: 8,
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
  rows: {
    item: string
    dapil: string | null
    rusakByReason: Record<string, number>
    /** What was written with Lainnya damage, since issue 13. */
    rusakNotes?: Record<string, string[]>
    lebih: number
  }[]
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
    variantTable(
      ['Rusak', 'Lebih', 'Jumlah Dimusnahkan'].map(num),
      d.rows.map((r) => [...variantCells(r), rusakOf(r), r.lebih, rusakOf(r) + r.lebih]),
    ),
    paragraph(
      `Jumlah surat suara yang dimusnahkan sebanyak ${jumlahTerbilang(total)} lembar, sehingga tidak dapat digunakan lagi.`,
    ),
  ]
  body.push(
    ...reasonTable(
      subheading('Rincian surat suara rusak yang dimusnahkan menurut kriteria'),
      reasonRows(d.rows, d.reasons),
    ),
  )
  if (d.note) body.push(paragraph(`Keterangan: ${d.note}`))
  return { title: ['BERITA ACARA', 'PEMUSNAHAN SURAT SUARA RUSAK DAN LEBIH'], body, signatures: signatureBlock(snap) }
}
