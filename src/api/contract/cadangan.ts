import { z } from 'zod'
import { method } from './define'

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

export const cadanganMethods = {
  'cadangan.daftar': method({
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
}
