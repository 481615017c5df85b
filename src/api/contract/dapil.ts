import { z } from 'zod'
import { list, read, write } from './define'
import { Id, Issue, NameText, UploadedFile } from './common'

export const DapilOfBallot = z.object({
  itemId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  /**
   * Every kecamatan has a dapil of this type. A type the satker maps by file (DPR, DPRD: core/presets
   * dapilNeedsMapping) is "belum dipetakan" until its dapil file is imported; packing and labels refuse it.
   */
  dipetakan: z.boolean(),
  /** Kecamatan still waiting for a dapil of this type (new election, or new kecamatan from a TPS import). */
  belumDipetakan: z.array(Id),
  /** The dapil themselves; kecamatan not yet mapped are never one of them. */
  dapil: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kecamatanIds: z.array(Id),
      inUse: z.boolean(),
      /** The PSU reserve of this dapil, held at the satker: its own, else its ballot type's. */
      psu: z.number().int(),
      /** Its own PSU reserve when set (e.g. 0 where a neighbouring satker holds it); null follows the type. */
      psuSendiri: z.number().int().nullable(),
    }),
  ),
})

export type DapilOfBallot = z.infer<typeof DapilOfBallot>

export const DapilMapping = z
  .object({
    itemId: Id,
    mapping: z
      .array(
        z
          .object({
            kecamatanId: Id,
            dapil: NameText('Nama dapil', 'dapil', 60),
          })
          .strict(),
      )
      .min(1, 'Pemetaan dapil kosong'),
  })
  .strict()

export const DapilPsu = z
  .object({
    dapilId: Id,
    /** Sheets; null makes the dapil follow its ballot type's PSU reserve again. */
    psu: z
      .number({ error: 'Isi jumlah lembar' })
      .int('Jumlah lembar harus bilangan bulat')
      .min(0, 'Tidak boleh negatif')
      .max(1_000_000, 'Paling banyak 1.000.000 lembar')
      .nullable(),
  })
  .strict()

export const dapilMethods = {
  'dapil.daftar': list(DapilOfBallot, 'Daerah pemilihan per jenis surat suara dan kecamatan anggotanya'),
  'dapil.aturPemetaan': write(
    DapilMapping,
    z.array(DapilOfBallot),
    'Menetapkan dapil setiap kecamatan untuk satu jenis surat suara',
    'koordinator',
  ),
  'dapil.aturPsu': write(
    DapilPsu,
    z.array(DapilOfBallot),
    'Menetapkan cadangan PSU satu dapil (mis. 0 bila disimpan satker tetangga dalam dapil yang sama); kosong mengikuti jenis surat suaranya',
    'koordinator',
  ),
  'dapil.pratinjauImpor': read(
    UploadedFile,
    z.object({
      ok: z.boolean(),
      errors: z.array(Issue),
      updated: z.number().int(),
      /** Dapil names the file would create: dapil.impor creates them only when dapilBaru names them. */
      dapilBaru: z.array(
        z.object({
          itemCode: z.string(),
          nama: z.string(),
          baris: z.array(z.number().int()),
          mirip: z.array(z.string()),
        }),
      ),
      /** Kecamatan the file leaves out, per ballot type it names: the file is refused while any are. */
      tanpaDapil: z.array(z.object({ itemCode: z.string(), kecamatan: z.array(z.string()) })),
    }),
    'Memeriksa berkas pemetaan dapil tanpa menyimpan: galat, dapil baru yang perlu dikonfirmasi, kecamatan yang tidak disebut (berkas ditolak)',
  ),
  'dapil.impor': write(
    UploadedFile.extend({
      /** The new dapil names the coordinator confirmed (as dapil.pratinjauImpor listed them). */
      dapilBaru: z
        .array(NameText('Nama dapil baru', 'dapil', 60))
        .max(200)
        .default([]),
    }).strict(),
    z.object({ updated: z.number().int() }),
    'Mengimpor pemetaan kecamatan ke dapil dari CSV/XLSX (kolom: surat_suara, kecamatan, dapil); setiap kecamatan harus disebut untuk setiap jenis surat suara dalam berkas',
    'koordinator',
  ),
}
