/**
 * The documents the warehouse issues. Each has a register entry (nomor, snapshot, chain head) and
 * signers configured per type in Pengaturan. Types are stable codes stored in the database.
 */
export type DocType =
  'BA_PENERIMAAN' | 'BA_SORTIR' | 'BA_RUSAK' | 'NOTA_RETUR' | 'REKAP_UPAH' | 'BA_SERAH_TERIMA' | 'BA_PEMUSNAHAN'

export type SignerPosition = 'pihak' | 'saksi' | 'mengetahui'

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
    description:
      'Berita acara hasil sortir dan lipat per jenis surat suara dan dapil, untuk satu hari atau rentang tanggal',
    defaultSigners: floorReportSigners(),
  },
  BA_RUSAK: {
    title: ['BERITA ACARA', 'SURAT SUARA RUSAK DAN KEKURANGAN SURAT SUARA'],
    kode: 'BA-RUSAK',
    numbered: true,
    description:
      'Berita acara surat suara rusak menurut kriteria dan kekurangan per jenis dan dapil, sebagai permintaan penggantian',
    defaultSigners: floorReportSigners(),
  },
  NOTA_RETUR: {
    title: ['NOTA PENGEMBALIAN SURAT SUARA TERTUKAR'],
    kode: 'NOTA-RETUR',
    numbered: true,
    description: 'Nota pengembalian surat suara tertukar (milik satker atau dapil lain) kepada penyedia',
    defaultSigners: [slot('Yang Menyerahkan', KASUBBAG_LOGISTIK, 'pihak')],
  },
  BA_SERAH_TERIMA: {
    title: ['BERITA ACARA', 'SERAH TERIMA LOGISTIK PEMILIHAN'],
    kode: 'BA-SERAH',
    numbered: true,
    description:
      'Berita acara serah terima kit TPS kepada PPK (Panitia Pemilihan Kecamatan), per kecamatan, dengan lampiran per desa dan per TPS',
    // PIHAK KEDUA is the Ketua PPK named at each handover.
    defaultSigners: [slot('PIHAK PERTAMA', 'Sekretaris KPU', 'pihak'), knownByKetua()],
  },
  BA_PEMUSNAHAN: {
    title: ['BERITA ACARA', 'PEMUSNAHAN SURAT SUARA RUSAK DAN LEBIH'],
    kode: 'BA-MUSNAH',
    numbered: true,
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
    description: 'Rekap upah pekerja per lembar/unit dengan potongan pajak, per pekerja',
    defaultSigners: [
      slot('Dibuat oleh', 'Bendahara Pengeluaran', 'pihak'),
      slot('Disetujui oleh', 'Pejabat Pembuat Komitmen (PPK)', 'pihak'),
      slot('Mengetahui', 'Sekretaris KPU', 'mengetahui'),
    ],
  },
}

export const DOC_TYPE_CODES = Object.keys(DOC_TYPES) as DocType[]

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

const POSITIONS = Object.keys(SIGNER_POSITION_LABEL) as SignerPosition[]

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
    if (!POSITIONS.includes(o.posisi as SignerPosition)) return null
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
