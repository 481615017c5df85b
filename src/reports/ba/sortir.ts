import { jumlahTerbilang } from '../../core/terbilang'
import { shortItemName } from '../../core/text'
import { tanggalPanjang } from '../../core/tanggal'
import { opening, paragraph, subheading, type Content } from '../pdf'
import { signatureBlock, type DocParts, type Snapshot } from './snapshot'
import { num, reasonRows, reasonTable, variantCells, variantTable } from './tables'

export interface SortirRow {
  item: string
  dapil: string | null
  /** Sheets handed to teams in the period, net of returns. */
  disortir: number
  baik: number
  rusak: number
  rusakByReason: Record<string, number>
  /** What was written with the damage of a reason that needs a note (Lainnya), since issue 13. */
  rusakNotes?: Record<string, string[]>
}

/** Where the ballots of one type and dapil stand: needed, received, and sorted good or damaged. */
interface BallotPosition {
  item: string
  dapil: string | null
  kebutuhan: number
  diterima: number
  baik: number
  rusak: number
}

export interface PositionRow extends BallotPosition {
  belumDisortir: number
  kekurangan: number
}

export interface SortirData {
  from: string
  to: string
  shifts: number
  teams: number
  workers: number
  reasons: { code: string; label: string }[]
  rows: SortirRow[]
  reklasifikasi: { item: string; dapil: string | null; reason: string; qty: number; note: string }[]
  position: PositionRow[]
  /**
   * The date the position (Lampiran I) is as of, since issue 13: the ledger at the end of `to`. Absent
   * from snapshots issued before (their lampiran was today's position), which reprint as they were.
   */
  asOf?: string
}

export const periodText = (from: string, to: string): string =>
  from === to
    ? `tanggal ${tanggalPanjang(from)}`
    : `tanggal ${tanggalPanjang(from)} sampai dengan ${tanggalPanjang(to)}`

/**
 * The regulation a paper cites for the damage criteria: the one its election type's snapshot names
 * (none for a Pilkada, whose decree the app does not know), or Keputusan KPU 1395/2023 for a snapshot
 * issued before the header named it.
 */
export const kriteriaCited = (h: { kriteriaRusak?: string | null }): string =>
  h.kriteriaRusak === undefined
    ? ' (Keputusan KPU Nomor 1395 Tahun 2023)'
    : h.kriteriaRusak
      ? ` (${h.kriteriaRusak})`
      : ''

export function baSortir(snap: Snapshot<SortirData>): DocParts {
  const d = snap.data
  const baik = d.rows.reduce((s, r) => s + r.baik, 0)
  const rusak = d.rows.reduce((s, r) => s + r.rusak, 0)
  const body: Content[] = [
    opening(snap.tanggal, {
      tempat: snap.header.tempat,
      lanjutan: `kami yang bertanda tangan di bawah ini menyatakan bahwa telah dilaksanakan sortir dan lipat surat suara ${snap.header.namaPemilihan} pada ${periodText(d.from, d.to)}, dalam ${d.shifts} shift oleh ${d.teams} regu dengan ${d.workers} pekerja, dengan hasil sebagai berikut:`,
    }),
    subheading('A. Hasil sortir dan lipat'),
    variantTable(
      [num('Disortir'), num('Baik'), num('Rusak')],
      d.rows.map((r) => [...variantCells(r), r.baik + r.rusak, r.baik, r.rusak]),
    ),
    paragraph(
      `Jumlah surat suara yang disortir dan dilipat dalam keadaan baik sebanyak ${jumlahTerbilang(baik)} lembar, dan yang rusak sebanyak ${jumlahTerbilang(rusak)} lembar.`,
    ),
  ]
  const reasons = reasonRows(d.rows, d.reasons)
  body.push(
    ...reasonTable(subheading(`B. Rincian surat suara rusak menurut kriteria${kriteriaCited(snap.header)}`), reasons),
  )
  if (reasons.length)
    body.push(
      paragraph(
        'Surat suara rusak disimpan terpisah menurut kriterianya sampai dimusnahkan dengan berita acara pemusnahan.',
      ),
    )
  if (d.reklasifikasi.length) {
    body.push(
      subheading(
        `${reasons.length ? 'C' : 'B'}. Surat suara yang semula dinyatakan rusak kemudian dinyatakan layak pakai`,
      ),
    )
    body.push(
      variantTable(
        [{ header: 'Semula' }, { header: 'Alasan' }, num('Jumlah')],
        d.reklasifikasi.map((r) => [...variantCells(r), r.reason, r.note, r.qty]),
      ),
    )
  }
  return {
    title: ['BERITA ACARA', 'HASIL SORTIR DAN LIPAT SURAT SUARA'],
    body,
    signatures: signatureBlock(snap),
    annexes: [
      {
        title: `Posisi surat suara sampai dengan ${tanggalPanjang(snap.tanggal)}`,
        body: [
          variantTable(
            ['Kebutuhan', 'Diterima', 'Baik', 'Rusak', 'Belum Disortir', 'Kekurangan'].map(num),
            d.position.map((p) => [
              ...variantCells(p),
              p.kebutuhan,
              p.diterima,
              p.baik,
              p.rusak,
              p.belumDisortir,
              p.kekurangan,
            ]),
            { fontSize: 9 },
          ),
          paragraph(
            d.asOf
              ? 'Kebutuhan adalah jumlah DPT ditambah cadangan pada setiap TPS serta cadangan pemungutan suara ulang. Kekurangan adalah bagian kebutuhan yang belum dapat dipenuhi dari surat suara baik dan surat suara yang belum disortir.'
              : 'Kebutuhan = DPT ditambah cadangan per TPS, ditambah cadangan PSU. Kekurangan = kebutuhan yang belum tertutup oleh surat suara baik ditambah yang belum disortir.',
          ),
        ],
      },
    ],
  }
}

export interface RusakRow extends BallotPosition {
  rusakByReason: Record<string, number>
  kurangKirim: number
  kekurangan: number
  /**
   * Since issue 13 (absent from snapshots issued before, which keep their own wording on a reprint):
   * sheets counted in from replacement deliveries, damaged sheets not yet replaced, whether the
   * deliveries are declared complete, and the sheets asked for (null while deliveries are open).
   */
  pengganti?: number
  rusakBelumDiganti?: number
  lengkap?: boolean
  diminta?: number | null
}

export interface RusakData {
  reasons: { code: string; label: string }[]
  rows: RusakRow[]
}

const variantName = (r: { item: string; dapil: string | null }) =>
  `${shortItemName(r.item)}${r.dapil ? ` Dapil ${r.dapil}` : ''}`

/** A list in Indonesian prose: "a", "a dan b", "a, b, dan c". */
const daftarKata = (xs: string[]) =>
  xs.length <= 2 ? xs.join(' dan ') : `${xs.slice(0, -1).join(', ')}, dan ${xs.at(-1)!}`

/**
 * BA surat suara rusak dan kurang: per type and dapil the damaged sheets and what the printer has not
 * delivered; a request for exactly those once the deliveries of that type and dapil are declared
 * complete, and for the others a statement that deliveries are still under way. Words, no formulas.
 */
export function baRusak(snap: Snapshot<RusakData>): DocParts {
  if (snap.data.rows.some((r) => r.diminta === undefined)) return baRusakSebelumIssue13(snap)
  const d = snap.data
  const rows = d.rows.filter((r) => r.diterima !== 0 || r.rusak !== 0 || r.kurangKirim !== 0 || r.lengkap)
  const selesai = rows.filter((r) => r.lengkap)
  const berjalan = rows.filter((r) => !r.lengkap)
  const minta = selesai.reduce((s, r) => s + (r.diminta ?? 0), 0)
  const mintaRusak = selesai.reduce((s, r) => s + (r.rusakBelumDiganti ?? 0), 0)
  const mintaKurang = selesai.reduce((s, r) => s + r.kurangKirim, 0)
  const body: Content[] = [
    opening(snap.tanggal, {
      tempat: snap.header.tempat,
      lanjutan: `kami yang bertanda tangan di bawah ini telah melakukan penghitungan surat suara rusak dan surat suara yang belum dikirim oleh penyedia untuk ${snap.header.namaPemilihan} berdasarkan hasil penerimaan serta sortir dan lipat sampai dengan tanggal tersebut, dengan hasil sebagai berikut:`,
    }),
    subheading('A. Surat suara rusak dan belum dikirim per jenis dan dapil'),
    variantTable(
      [...['Kebutuhan', 'Diterima', 'Rusak', 'Belum Dikirim'].map(num), { header: 'Pengiriman' }, num('Diminta')],
      rows.map((r) => [
        ...variantCells(r),
        r.kebutuhan,
        r.diterima,
        r.rusak,
        r.kurangKirim,
        r.lengkap ? 'Lengkap' : 'Berlangsung',
        r.diminta ?? null,
      ]),
      { fontSize: 9 },
    ),
    ...reasonTable(
      subheading(`B. Rincian surat suara rusak menurut kriteria${kriteriaCited(snap.header)}`),
      reasonRows(rows, d.reasons),
    ),
  ]
  if (minta > 0) {
    const rincian = [
      mintaRusak > 0 ? `surat suara rusak sebanyak ${jumlahTerbilang(mintaRusak)} lembar` : null,
      mintaKurang > 0 ? `surat suara yang belum dikirim sebanyak ${jumlahTerbilang(mintaKurang)} lembar` : null,
    ].filter((x): x is string => x !== null)
    body.push(
      paragraph(
        `Berdasarkan hal tersebut, ${snap.header.satkerNama} mengajukan permintaan penggantian surat suara kepada penyedia sebanyak ${jumlahTerbilang(minta)} lembar, yang terdiri atas ${rincian.join(' dan ')}, dengan rincian per jenis dan dapil pada kolom Diminta.`,
      ),
    )
  } else if (selesai.length) {
    body.push(
      paragraph(
        `Untuk ${daftarKata(selesai.map(variantName))}, yang pengirimannya telah dinyatakan lengkap, tidak terdapat surat suara rusak yang belum diganti maupun surat suara yang belum dikirim, sehingga tidak diajukan permintaan penggantian.`,
      ),
    )
  }
  if (berjalan.length)
    body.push(
      paragraph(
        `Pengiriman ${daftarKata(berjalan.map(variantName))} dari penyedia masih berlangsung; permintaan penggantian untuk jenis dan dapil tersebut diajukan setelah pengirimannya dinyatakan lengkap.`,
      ),
    )
  return {
    title: ['BERITA ACARA', 'SURAT SUARA RUSAK DAN KEKURANGAN SURAT SUARA'],
    body,
    signatures: signatureBlock(snap),
  }
}

/** The BA as issued before issue 13, for reprints of those snapshots: a reprint reproduces its original. */
function baRusakSebelumIssue13(snap: Snapshot<RusakData>): DocParts {
  const d = snap.data
  const minta = d.rows.reduce((s, r) => s + r.kekurangan, 0)
  const body: Content[] = [
    opening(snap.tanggal, {
      tempat: snap.header.tempat,
      lanjutan: `kami yang bertanda tangan di bawah ini telah melakukan penghitungan surat suara rusak dan kekurangan surat suara ${snap.header.namaPemilihan} berdasarkan hasil penerimaan serta sortir dan lipat, dengan hasil sebagai berikut:`,
    }),
    subheading('A. Posisi surat suara per jenis dan dapil'),
    variantTable(
      ['Kebutuhan', 'Diterima', 'Rusak', 'Kurang Kirim', 'Kekurangan'].map(num),
      d.rows.map((r) => [...variantCells(r), r.kebutuhan, r.diterima, r.rusak, r.kurangKirim, r.kekurangan]),
      { fontSize: 9 },
    ),
    ...reasonTable(subheading('B. Rincian surat suara rusak menurut kriteria'), reasonRows(d.rows, d.reasons)),
  ]
  body.push(
    minta > 0
      ? paragraph(
          `Berdasarkan hal tersebut, ${snap.header.satkerNama} mengajukan permintaan penggantian surat suara sebanyak ${jumlahTerbilang(minta)} lembar, dengan rincian per jenis dan dapil pada kolom Kekurangan di atas.`,
        )
      : paragraph(
          'Berdasarkan hal tersebut, kebutuhan surat suara setiap jenis dan dapil telah tercukupi sehingga tidak diajukan permintaan penggantian.',
        ),
  )
  body.push(
    paragraph(
      'Kekurangan = kebutuhan (DPT ditambah cadangan per TPS dan cadangan PSU) yang belum tertutup oleh surat suara baik ditambah yang belum disortir. Kurang kirim = selisih kurang antara hasil hitung dan surat jalan yang belum diselesaikan.',
    ),
  )
  return {
    title: ['BERITA ACARA', 'SURAT SUARA RUSAK DAN KEKURANGAN SURAT SUARA'],
    body,
    signatures: signatureBlock(snap),
  }
}
