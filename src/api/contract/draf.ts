import { z } from 'zod'
import { DRAF_BAGIAN, DRAF_JENIS, DRAF_KUNCI, type DrafJenis } from '../../core/draf'
import { read, write } from './define'

/** A draft's parts as typed: column -> text (a cell can hold "abc" until it is fixed). */
const Isi = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,59}$/, 'Nama kolom draf tidak sah'), z.string().max(1000))
  .refine((isi) => Object.keys(isi).length <= 60, 'Terlalu banyak kolom dalam satu baris draf')

const Bagian = z.string().max(20, 'Baris draf tidak sah')

/** Which draft: its kind and its key (a tally grid: "<shift>:<variant>"). */
const DrafKey = z
  .object({
    jenis: z.enum(DRAF_JENIS),
    kunci: z.string().max(40),
  })
  .strict()

const keyIsValid = (d: { jenis: DrafJenis; kunci: string }) => DRAF_KUNCI[d.jenis].test(d.kunci)
const keyIssue = { message: 'Kunci draf tidak sah', path: ['kunci'] }

/** Each part named as its kind names them: a tally grid's rows, a form's head and lines. */
function partsOfKind(d: { jenis: DrafJenis; bagian?: Record<string, unknown> | string[] }, ctx: z.RefinementCtx) {
  const names = Array.isArray(d.bagian) ? d.bagian : Object.keys(d.bagian ?? {})
  for (const name of names)
    if (!DRAF_BAGIAN[d.jenis].test(name))
      ctx.addIssue({ code: 'custom', message: 'Baris draf tidak sah', path: ['bagian', name] })
}

export const DrafLihatInput = DrafKey.refine(keyIsValid, keyIssue)

export const DrafSimpanInput = DrafKey.extend({
  /** The parts that changed; a part with nothing typed in it is removed. */
  bagian: z
    .record(Bagian, Isi)
    .refine((b) => Object.keys(b).length <= 500, 'Terlalu banyak baris dalam satu draf')
    .refine((b) => Object.keys(b).length >= 1, 'Tidak ada baris draf'),
  /** The parts given are the whole draft: any other part is removed (a form written whole). */
  ganti: z.boolean().default(false),
  /**
   * The version the parts were typed against (a tally grid: the shift's versi when typing began), kept so a
   * restored draft is saved against it and a team changed meanwhile is refused as stale (docs/lan.md).
   */
  basisSeq: z.number().int().nonnegative().optional(),
})
  .refine(keyIsValid, keyIssue)
  .superRefine(partsOfKind)
export type DrafSimpanInput = z.output<typeof DrafSimpanInput>

export const DrafHapusInput = DrafKey.extend({
  /** Only these parts; all of the draft when absent. */
  bagian: z.array(Bagian).max(500).optional(),
  /**
   * Only the parts the caller typed (a grid just saved): a part another station typed stays, since it is
   * that person's unsaved work (restored, it is saved against its own version or refused as stale).
   */
  milikSaya: z.boolean().default(false),
})
  .refine(keyIsValid, keyIssue)
  .superRefine(partsOfKind)
export type DrafHapusInput = z.output<typeof DrafHapusInput>

export const Draf = z.object({
  bagian: z.record(z.string(), z.record(z.string(), z.string())),
  /** The newest part's time and who typed it; null for no draft. */
  diubahAt: z.string().nullable(),
  actor: z.string().nullable(),
  /** The oldest version any part was typed against; null when none was given. */
  basisSeq: z.number().int().nullable(),
})
export type Draf = z.infer<typeof Draf>

export const drafMethods = {
  'draf.lihat': read(
    DrafLihatInput,
    Draf,
    'Isian yang belum disimpan (draf) satu lembar tally, formulir penerimaan baru atau formulir pengaturan, per baris',
  ),
  'draf.simpan': write(
    DrafSimpanInput,
    z.object({ diubahAt: z.string() }),
    'Menyimpan isian yang belum disimpan (draf) per baris; bukan catatan buku besar',
  ),
  'draf.hapus': write(
    DrafHapusInput,
    z.object({ dihapus: z.number().int() }),
    'Membuang draf satu lembar tally atau formulir, atau beberapa barisnya',
  ),
}
