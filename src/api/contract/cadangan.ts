import { z } from 'zod'
import { list, longRead, read, write } from './define'
import { Filter } from './common'
import { Pemeriksaan } from './ledger'
import { Pin } from './pengguna'
import { KepalaBerkas } from './sistem'

const Folder = z.string().trim().min(1, 'Folder wajib diisi').max(500, 'Alamat folder terlalu panjang')
/** The backup folder, or one chosen (a USB stick). */
const InFolder = Filter({ folder: Folder.optional() })

/** A backup file and what its check found: whether it is sound, and (when it is) its head and satker. */
export const Cadangan = KepalaBerkas.extend({
  file: z.string(),
  name: z.string(),
  at: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
  ...Pemeriksaan.shape,
  satker: z.string().nullable(),
})

export type Cadangan = z.infer<typeof Cadangan>

/** A backup just made, and the older ones thinned away to make room. */
export const CadanganBaru = Cadangan.extend({ dropped: z.array(z.string()) })
export type CadanganBaru = z.infer<typeof CadanganBaru>

/** A restore: the backup now in place, and where the file it replaced was kept (to undo it). */
export const CadanganDipulihkan = z.object({
  restored: Cadangan,
  previous: z.string(),
  /** Who restored: the admin signed in, the admin whose PIN was typed (recovery mode), or why no one was asked. */
  oleh: z.string(),
})
export type CadanganDipulihkan = z.infer<typeof CadanganDipulihkan>

/** A folder chosen for backups (a USB stick), who chose it and when; `ada` when it is there now. */
export const FolderCadangan = z.object({ folder: z.string(), at: z.string(), oleh: z.string(), ada: z.boolean() })
export type FolderCadangan = z.infer<typeof FolderCadangan>

export const cadanganMethods = {
  'cadangan.daftar': longRead(
    InFolder,
    z.array(Cadangan),
    'Cadangan basis data ini (atau di folder yang dipilih, mis. USB), terbaru dahulu, masing-masing sudah diperiksa',
  ),
  'cadangan.buat': longRead(
    InFolder,
    CadanganBaru,
    'Membuat cadangan sekarang (ke folder cadangan, atau ke folder/USB pilihan) dan memeriksanya',
    'koordinator',
  ),
  'cadangan.daftarFolder': list(
    FolderCadangan,
    'Folder yang dipilih untuk cadangan (mis. USB), dan apakah tersedia sekarang',
  ),
  'cadangan.pilihFolder': read(
    z
      .object({
        folder: Folder,
        /** In recovery mode: an admin's PIN from the broken file, when its users can be read (services/pemulihanPin.ts). */
        pin: Pin.optional(),
      })
      .strict(),
    z.array(FolderCadangan),
    'Memilih folder untuk cadangan (di aplikasi desktop lewat jendela pemilih folder; di mode peramban dan CLI diketik admin)',
    'admin',
  ),
  'cadangan.pulihkan': write(
    z
      .object({
        file: z.string().trim().min(1, 'Pilih berkas cadangan').max(700),
        /** In recovery mode: an admin's PIN, from the broken file or from the backup (services/pemulihanPin.ts). */
        pin: Pin.optional(),
      })
      .strict(),
    CadanganDipulihkan,
    'Memulihkan basis data dari cadangan yang lolos pemeriksaan; berkas sebelumnya disimpan untuk dibatalkan',
    'admin',
  ),
}
