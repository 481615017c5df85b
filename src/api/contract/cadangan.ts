import { z } from 'zod'
import { method } from './define'
import { NoInput } from './common'

const Folder = z.string().trim().min(1, 'Folder wajib diisi').max(500, 'Alamat folder terlalu panjang')

export const BackupInfo = z.object({
  file: z.string(),
  name: z.string(),
  at: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
  ok: z.boolean(),
  problem: z.string().nullable(),
  ledgerRows: z.number().int(),
  chainHead: z.string(),
  schemaVersion: z.number().int(),
  satker: z.string().nullable(),
})

export const SystemStatus = z.object({
  mode: z.enum(['normal', 'pemulihan']),
  problem: z.string().nullable(),
  dbPath: z.string(),
  backupDir: z.string(),
})

export const DocumentCheck = z.object({
  found: z.boolean(),
  documentId: z.number().int().nullable(),
  nomor: z.string().nullable(),
  title: z.string().nullable(),
  subject: z.string().nullable(),
  issuedAt: z.string().nullable(),
  chainSeq: z.number().int().nullable(),
  /** The ledger still holds, unaltered, every row the document was made from. */
  intact: z.boolean(),
  verdict: z.string(),
  /** Rows written after the document that concern what it states (corrections of its delivery, …). */
  laterRows: z.number().int(),
})

export const cadanganMethods = {
  'system.status': method({
    input: NoInput,
    output: SystemStatus,
    description: 'Keadaan basis data saat dibuka: normal, atau mode pemulihan beserta masalahnya',
    writes: false,
  }),
  'cadangan.list': method({
    input: z.object({ folder: Folder.optional() }).strict().default({}),
    output: z.array(BackupInfo),
    description:
      'Cadangan basis data ini (atau di folder lain, mis. USB), terbaru dahulu, masing-masing sudah diperiksa',
    writes: false,
    long: true,
  }),
  'cadangan.buat': method({
    input: z.object({ folder: Folder.optional() }).strict().default({}),
    output: BackupInfo.extend({ dropped: z.array(z.string()) }),
    description: 'Membuat cadangan sekarang (ke folder cadangan, atau ke folder/USB pilihan) dan memeriksanya',
    writes: false,
    long: true,
    access: 'koordinator',
  }),
  'cadangan.pulihkan': method({
    input: z.object({ file: z.string().trim().min(1, 'Pilih berkas cadangan').max(700) }).strict(),
    output: z.object({ restored: BackupInfo, previous: z.string() }),
    description:
      'Memulihkan basis data dari cadangan yang lolos pemeriksaan; berkas sebelumnya disimpan untuk dibatalkan',
    writes: true,
    access: 'admin',
  }),
  'dokumen.periksa': method({
    input: z.object({ kode: z.string().trim().min(1, 'Isi nomor dokumen atau pindai kode QR-nya').max(200) }).strict(),
    output: DocumentCheck,
    description:
      'Memeriksa dokumen tercetak (nomor atau isi kode QR): apakah buku besar masih memuat keadaan saat dokumen dibuat',
    writes: false,
  }),
}
