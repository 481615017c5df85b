import { checkNip } from './nip'

/**
 * The documents the warehouse issues. Each has a register entry (nomor, snapshot, chain head) and
 * signers configured per type in Pengaturan. Types are stable codes stored in the database.
 */
export const DOC_TYPE_CODES = [
  'BA_PENERIMAAN',
  'BA_SORTIR',
  'BA_RUSAK',
  'NOTA_RETUR',
  'BA_SERAH_TERIMA',
  'BA_PEMUSNAHAN',
  'REKAP_UPAH',
] as const
export type DocType = (typeof DOC_TYPE_CODES)[number]

/** The sheets a satker prints on: A4, or F4 ("folio", 215 × 330 mm), which many offices still load. */
export const PAPERS = ['A4', 'F4'] as const
export type PaperName = (typeof PAPERS)[number]

export const SIGNER_POSITIONS = ['pihak', 'saksi', 'mengetahui'] as const
export type SignerPosition = (typeof SIGNER_POSITIONS)[number]

export interface Signer {
  /** "Yang Menyerahkan", "PIHAK PERTAMA", "Saksi", "Mengetahui". */
  peran: string
  jabatan: string
  nama: string
  nip: string
  instansi: string
  posisi: SignerPosition
}

export interface DocTypeSpec {
  title: string[]
  /** {kode_dokumen} in the number pattern. */
  kode: string
  /** A recap (rekap upah) is registered for its QR and chain head but carries no BA number. */
  numbered: boolean
  /**
   * The kind of naskah dinas in the number's classification part (PKPU 2/2021 tata naskah; Keputusan KPU
   * 57/2022 kode klasifikasi): "BA" for a berita acara ("514/PP.09.4-BA/1219/2024"), "ND" for a nota.
   */
  jenisNaskah: string
  description: string
  /** Who signs by default, names left for the satker to fill in. */
  defaultSigners: Signer[]
}

const slot = (peran: string, jabatan: string, posisi: SignerPosition, instansi = ''): Signer => ({
  peran,
  jabatan,
  nama: '',
  nip: '',
  instansi,
  posisi,
})

const KASUBBAG_LOGISTIK = 'Kepala Subbagian Keuangan, Umum dan Logistik'
const witness = (jabatan: string): Signer => slot('Saksi', jabatan, 'saksi')
const knownByKetua = (): Signer => slot('Mengetahui', 'Ketua KPU', 'mengetahui')

/**
 * The floor's own papers (hasil sortir-lipat, rusak dan kurang) are made by the logistics head, checked by the
 * Sekretaris, witnessed by Bawaslu and known by the Ketua: one list, so the two cannot drift apart.
 */
const floorReportSigners = (): Signer[] => [
  slot('Yang Membuat', KASUBBAG_LOGISTIK, 'pihak'),
  slot('Yang Memeriksa', 'Sekretaris KPU', 'pihak'),
  witness('Anggota Bawaslu'),
  knownByKetua(),
]

export const DOC_TYPES: Record<DocType, DocTypeSpec> = {
  BA_PENERIMAAN: {
    title: ['BERITA ACARA PENERIMAAN LOGISTIK PEMILIHAN'],
    kode: 'BA-TERIMA',
    numbered: true,
    jenisNaskah: 'BA',
    description: 'Berita acara penerimaan logistik dari penyedia, per pengiriman (surat jalan/BTTB)',
    // PIHAK PERTAMA is the penyedia's representative, named on each delivery.
    defaultSigners: [
      slot('PIHAK KEDUA', 'Sekretaris KPU', 'pihak'),
      witness('Anggota Bawaslu'),
      witness('Perwakilan Polres'),
    ],
  },
  BA_SORTIR: {
    title: ['BERITA ACARA', 'HASIL SORTIR DAN LIPAT SURAT SUARA'],
    kode: 'BA-SORLIP',
    numbered: true,
    jenisNaskah: 'BA',
    description:
      'Berita acara hasil sortir dan lipat per jenis surat suara dan dapil, untuk satu hari atau rentang tanggal',
    defaultSigners: floorReportSigners(),
  },
  BA_RUSAK: {
    title: ['BERITA ACARA', 'SURAT SUARA RUSAK DAN KEKURANGAN SURAT SUARA'],
    kode: 'BA-RUSAK',
    numbered: true,
    jenisNaskah: 'BA',
    description:
      'Berita acara surat suara rusak menurut kriteria dan kekurangan per jenis dan dapil, sebagai permintaan penggantian',
    defaultSigners: floorReportSigners(),
  },
  NOTA_RETUR: {
    title: ['NOTA PENGEMBALIAN SURAT SUARA TERTUKAR'],
    kode: 'NOTA-RETUR',
    numbered: true,
    jenisNaskah: 'ND',
    description: 'Nota pengembalian surat suara tertukar (milik satker atau dapil lain) kepada penyedia',
    defaultSigners: [slot('Yang Menyerahkan', KASUBBAG_LOGISTIK, 'pihak')],
  },
  BA_SERAH_TERIMA: {
    title: ['BERITA ACARA', 'SERAH TERIMA LOGISTIK PEMILIHAN'],
    kode: 'BA-SERAH',
    numbered: true,
    jenisNaskah: 'BA',
    description:
      'Berita acara serah terima kit TPS kepada PPK (Panitia Pemilihan Kecamatan), per kecamatan, dengan lampiran per desa dan per TPS',
    // PIHAK KEDUA is the Ketua PPK named at each handover.
    defaultSigners: [slot('PIHAK PERTAMA', 'Sekretaris KPU', 'pihak'), knownByKetua()],
  },
  BA_PEMUSNAHAN: {
    title: ['BERITA ACARA', 'PEMUSNAHAN SURAT SUARA RUSAK DAN LEBIH'],
    kode: 'BA-MUSNAH',
    numbered: true,
    jenisNaskah: 'BA',
    description:
      'Berita acara pemusnahan surat suara rusak dan lebih per jenis dan dapil, dengan saksi Bawaslu, Polres dan Kodim',
    defaultSigners: [
      slot('Yang Melaksanakan', 'Sekretaris KPU', 'pihak'),
      witness('Anggota Bawaslu'),
      witness('Perwakilan Polres'),
      witness('Perwakilan Kodim'),
      knownByKetua(),
    ],
  },
  REKAP_UPAH: {
    title: ['REKAPITULASI UPAH PEKERJA', 'SORTIR, LIPAT DAN PERAKITAN LOGISTIK'],
    kode: 'REKAP-UPAH',
    numbered: false,
    jenisNaskah: 'REKAP',
    description: 'Rekap upah pekerja per lembar/unit dengan potongan pajak, per pekerja',
    defaultSigners: [
      slot('Dibuat oleh', 'Bendahara Pengeluaran', 'pihak'),
      slot('Disetujui oleh', 'Pejabat Pembuat Komitmen (PPK)', 'pihak'),
      slot('Mengetahui', 'Sekretaris KPU', 'mengetahui'),
    ],
  },
}

/**
 * A type's number pattern when the satker set none of its own: the election's pattern, whose "-BA"
 * classification part becomes the type's own kind of naskah ("{no}/PP.09.4-BA/…" numbers a nota
 * "{no}/PP.09.4-ND/…"), so a nota is never numbered as a berita acara.
 */
export function defaultNomorPattern(type: DocType, electionPattern: string): string {
  const jenis = DOC_TYPES[type].jenisNaskah
  return jenis === 'BA' ? electionPattern : electionPattern.replace(/-BA(?=\/|$)/, `-${jenis}`)
}

/** Short names for buttons, filters and the register; the document's own title stays on the paper. */
export const DOC_SHORT_LABEL: Record<DocType, string> = {
  BA_PENERIMAAN: 'BA penerimaan',
  BA_SORTIR: 'BA hasil sortir dan lipat',
  BA_RUSAK: 'BA surat suara rusak dan kurang',
  NOTA_RETUR: 'Nota pengembalian',
  REKAP_UPAH: 'Rekap upah',
  BA_SERAH_TERIMA: 'BA serah terima ke PPK',
  BA_PEMUSNAHAN: 'BA pemusnahan',
}

export const SIGNER_POSITION_LABEL: Record<SignerPosition, string> = {
  pihak: 'Pihak',
  saksi: 'Saksi',
  mengetahui: 'Mengetahui',
}

/**
 * The satker's region without "Kabupaten"/"Kota" ("Kabupaten Batu Bara" -> "Batu Bara"): where a paper is
 * signed when no place is set, and the region in "Bupati dan Wakil Bupati Batu Bara".
 */
export const satkerDaerah = (satker: string): string => satker.replace(/^(kabupaten|kota)\s+/i, '')

/**
 * Signers as stored (JSON written by the settings screen), read leniently: a hand-edited row with a
 * missing NIP still prints; anything that is not a list of signers gives null and the defaults apply.
 */
export function readSigners(value: unknown): Signer[] | null {
  if (!Array.isArray(value)) return null
  const out: Signer[] = []
  for (const v of value) {
    if (!v || typeof v !== 'object') return null
    const o = v as Record<string, unknown>
    const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '')
    if (!(SIGNER_POSITIONS as readonly string[]).includes(o.posisi as string)) return null
    out.push({
      peran: text('peran'),
      jabatan: text('jabatan'),
      nama: text('nama'),
      nip: text('nip'),
      instansi: text('instansi'),
      posisi: o.posisi as SignerPosition,
    })
  }
  return out
}

/** What a printed document's QR code says: enough to find it in the register and check its chain head. */
export function documentQrText(input: {
  kodeWilayah: string
  documentId: number
  nomor: string | null
  chainSeq: number
  chainHash: string
}): string {
  return [
    'GUDANG-PEMILU',
    input.kodeWilayah || '-',
    `DOK-${input.documentId}`,
    input.nomor ?? '-',
    `${input.chainSeq}:${input.chainHash.slice(0, 16)}`,
  ].join('|')
}

export function parseDocumentQr(text: string): { documentId: number; chainSeq: number; hashPrefix: string } | null {
  const m = /^GUDANG-PEMILU\|[^|]*\|DOK-(\d+)\|[^|]*\|(\d+):([0-9a-f]{16})$/.exec(text.trim())
  return m ? { documentId: Number(m[1]), chainSeq: Number(m[2]), hashPrefix: m[3]! } : null
}

/**
 * The regulation a paper cites for the damage criteria of ballots (DOMAIN.md §4): Keputusan KPU 1395/2023
 * is the Pemilu 2024 decree. For a Pilkada the app knows no decree number, so it cites none rather than
 * the Pemilu one.
 */
export const kriteriaRusakDasar = (jenis: 'pemilu' | 'pilkada'): string | null =>
  jenis === 'pemilu' ? 'Keputusan KPU Nomor 1395 Tahun 2023' : null

/**
 * Why a document cannot be issued with these signers: a party (posisi "pihak") without a name would be
 * a row of dots under a signature the secretary must send back, and a NIP that cannot be one must not be
 * printed. Witnesses and "Mengetahui" may be left for the hand. One issue per signer, numbered as listed.
 */
export function signerIssues(signers: readonly Signer[]): { row: number; column: string; message: string }[] {
  return signers.flatMap((s, i) => {
    const who = [s.peran, s.jabatan].filter(Boolean).join(', ') || `penanda tangan ke-${i + 1}`
    const out: { row: number; column: string; message: string }[] = []
    if (s.posisi === 'pihak' && s.nama.trim() === '')
      out.push({ row: i + 1, column: 'nama', message: `Nama ${who} belum diisi` })
    const nip = checkNip(s.nip)
    if (!nip.ok) out.push({ row: i + 1, column: 'nip', message: `NIP ${who}: ${nip.message}` })
    return out
  })
}
