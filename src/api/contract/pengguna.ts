import { z } from 'zod'
import { ROLES } from '../../core/roles'
import { list, write } from './define'
import { changesOf, Id, NameText } from './common'

const Role = z.enum(ROLES, { error: 'Peran harus operator, koordinator atau admin' })

export const Pin = z.string().trim().max(8, 'PIN terdiri dari 4 sampai 8 angka')

export const Pengguna = z.object({ id: Id, nama: z.string(), role: Role, active: z.boolean(), hasPin: z.boolean() })
export type Pengguna = z.infer<typeof Pengguna>

export const PenggunaCreate = z
  .object({ nama: NameText('Nama pengguna', 'pengguna', 60), role: Role, pin: Pin.optional() })
  .strict()
export type PenggunaCreate = z.output<typeof PenggunaCreate>

export const PenggunaUpdate = z
  .object({ id: Id, ...changesOf(PenggunaCreate), active: z.boolean().optional() })
  .strict()
export type PenggunaUpdate = z.output<typeof PenggunaUpdate>

export const penggunaMethods = {
  'pengguna.daftar': list(Pengguna, 'Pengguna berkas pemilihan ini (tanpa PIN)'),
  'pengguna.tambahAdminPertama': write(
    z.object({ nama: NameText('Nama admin', 'pengguna', 60), pin: Pin.min(1, 'PIN wajib diisi') }).strict(),
    Pengguna,
    'Membuat admin pertama pada berkas yang belum memiliki admin',
    'semua',
  ),
  'pengguna.tambah': write(PenggunaCreate, Pengguna, 'Menambah pengguna (koordinator dan admin dengan PIN)', 'admin'),
  'pengguna.ubah': write(PenggunaUpdate, Pengguna, 'Mengubah nama, peran, status aktif atau PIN pengguna', 'admin'),
  'pengguna.gantiPin': write(
    z.object({ pinLama: Pin.min(1, 'PIN lama wajib diisi'), pinBaru: Pin.min(1, 'PIN baru wajib diisi') }).strict(),
    Pengguna,
    'Mengganti PIN sendiri dengan menyebut PIN lama',
    'koordinator',
  ),
}
