import { z } from 'zod'
import { CAKUPAN, type Kepala } from '../../core/stasiun'
import { list, read, write } from './define'
import { Id, NameText, NoInput } from './common'

const Cakupan = z.enum(CAKUPAN, { error: 'Cakupan harus tally, pintu, dasbor atau penuh' })
const Port = z.number().int().min(1024, 'Port minimal 1024').max(65_535, 'Port maksimal 65535')
const Alamat = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F.:]{2,45}$/, 'Alamat IP tidak sah (mis. 192.168.1.10)')

/** A paired (or to be paired) station as the host keeps it. */
export const Stasiun = z.object({
  id: Id,
  nama: z.string(),
  cakupan: Cakupan,
  /** The admin allowed this (browser) station over plain HTTP, with the warning shown. */
  izinkanHttp: z.boolean(),
  dipasang: z.boolean(),
  status: z.enum(['belum_dipasang', 'terpasang', 'dicabut']),
  dibuatAt: z.string(),
  dipasangAt: z.string().nullable(),
  dicabutAt: z.string().nullable(),
})
export type Stasiun = z.infer<typeof Stasiun>

/** A station with when the host last heard from it (since the host started; null when not since then). */
export const StasiunTerlihat = Stasiun.extend({ terakhirTerlihat: z.string().nullable() })

/** A chain head: the sequence and hash of a ledger row (core/stasiun.ts Kepala). */
export const KepalaRantai = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
}) satisfies z.ZodType<Kepala>

export const HostStatus = z.object({
  /** What the admin set: listening or not, on which port and addresses. */
  setelan: z.object({
    aktif: z.boolean(),
    port: z.number().int(),
    alamat: z.array(z.string()),
    portHttp: z.number().int().nullable(),
  }),
  /** False in a process that cannot listen (the command line) or while the listener is off. */
  berjalan: z.boolean(),
  /** The addresses stations reach it on (with `port`). */
  alamat: z.array(z.string()),
  port: z.number().int().nullable(),
  portHttp: z.number().int().nullable(),
  /** SHA-256 of the certificate, as hex pairs: stations compare it when they pair. */
  sidikJari: z.string().nullable(),
  /** Why it is not listening (port taken, no such address), in Bahasa Indonesia. */
  galat: z.string().nullable(),
  /** Failed witness checks of stations, newest first: the host shows them as a banner. */
  alarm: z.array(z.object({ at: z.string(), oleh: z.string(), pesan: z.string() })),
  /** Stations connected to the live feed now. */
  tersambung: z.number().int(),
})

export const stasiunMethods = {
  'stasiun.daftar': list(StasiunTerlihat, 'Stasiun LAN yang terdaftar di komputer induk ini', 'admin'),
  'stasiun.tambah': write(
    z
      .object({
        nama: NameText('Nama stasiun', 'stasiun', 60),
        cakupan: Cakupan,
        izinkanHttp: z.boolean().default(false),
      })
      .strict(),
    StasiunTerlihat,
    'Menambah stasiun (mis. "Meja sortir 1") dengan cakupan halaman dan tindakannya',
    'admin',
  ),
  'stasiun.ubah': write(
    z
      .object({
        id: Id,
        nama: NameText('Nama stasiun', 'stasiun', 60).optional(),
        cakupan: Cakupan.optional(),
        izinkanHttp: z.boolean().optional(),
      })
      .strict(),
    StasiunTerlihat,
    'Mengubah nama, cakupan, atau izin HTTP biasa sebuah stasiun',
    'admin',
  ),
  'stasiun.cabut': write(
    z.object({ id: Id }).strict(),
    StasiunTerlihat,
    'Mencabut kredensial stasiun: sambungannya diputus dan ia harus dipasangkan ulang',
    'admin',
  ),
  'stasiun.buatKodePasang': write(
    z.object({ id: Id }).strict(),
    z.object({
      stasiunId: Id,
      nama: z.string(),
      kode: z.string(),
      tautan: z.string(),
      alamat: z.array(z.string()),
      port: z.number().int(),
      sidikJari: z.string(),
      kedaluwarsa: z.string(),
      qr: z.object({ ukuran: z.number().int(), baris: z.array(z.string()) }),
    }),
    'Kode pasang sekali pakai (berlaku 10 menit) dan kode QR-nya untuk sebuah stasiun',
    'admin',
  ),
  'stasiun.lihatHost': read(
    NoInput,
    HostStatus,
    'Mode induk: alamat dan port yang didengarkan, sidik jari sertifikat, alarm saksi',
    'admin',
  ),
  'stasiun.aturHost': write(
    z
      .object({
        aktif: z.boolean(),
        port: Port.optional(),
        alamat: z.array(Alamat).max(8).optional(),
        portHttp: Port.nullable().optional(),
      })
      .strict(),
    HostStatus,
    'Menyalakan atau mematikan mode induk (penerima stasiun LAN) dan memilih port serta alamatnya',
    'admin',
  ),
  'stasiun.lihatSaya': read(
    NoInput,
    z.object({ stasiun: StasiunTerlihat.nullable(), kepala: KepalaRantai }),
    'Stasiun yang memanggil (null di komputer induk sendiri) dan kepala rantai saat ini',
  ),
  'stasiun.buktikan': write(
    z.object({ kepala: z.array(KepalaRantai).min(1).max(64) }).strict(),
    z.object({
      cocok: z.boolean(),
      kepala: KepalaRantai,
      hasil: z.array(
        z.object({ seq: z.number().int(), hash: z.string(), cocok: z.boolean(), diInduk: z.string().nullable() }),
      ),
    }),
    'Saksi stasiun: apakah kepala rantai yang pernah dilihat stasiun masih ada di buku besar induk; bila tidak, alarm dicatat',
    'semua',
  ),
}
