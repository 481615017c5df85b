import { z } from 'zod'
import { isIsoDate } from '../../core/shifts'
import { MAX_COUNT } from '../../core/count'
import { checkName, checkText, type Checked } from '../../core/names'
import type { Issue as CoreIssue } from '../../core/errors'
import { IMPORT_LIMITS, megabyte } from '../../core/importLimits'
import { ITEM_KINDS, JENIS, RULES } from '../../core/presets'
import { ROUNDINGS } from '../../core/reserve'
import { PAPERS } from '../../core/documents'
import { PPH21_METODE } from '../../core/pay'

export const Id = z.number().int().positive()
export const Jenis = z.enum(JENIS)
/** How the per-TPS reserve is rounded: up (KPU practice), nearest, down, or up to an even number ("digenapkan"). */
export const Rounding = z.enum(ROUNDINGS)
export const Rule = z.enum(RULES)
export const ItemKind = z.enum(ITEM_KINDS)
export const Paper = z.enum(PAPERS)
export const Pph21Metode = z.enum(PPH21_METODE)

/** What is wrong, and where: core's shape (core/errors.ts), which every refusal carries. */
export const Issue = z.object({
  row: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
}) satisfies z.ZodType<CoreIssue>

/**
 * The input of a read that only narrows what it reads: every field optional, none given reads everything.
 * ({} is a valid input whatever the fields, since none is required.)
 */
export const Filter = <S extends Record<string, z.ZodOptional>>(shape: S) =>
  z
    .object(shape)
    .strict()
    .default({} as never)

/** A read that takes nothing. */
export const NoInput = Filter({})

/** The limit of an uploaded table (core/importLimits.ts), as base64 characters (4 for every 3 bytes). */
export const MAX_UPLOAD_BYTES = IMPORT_LIMITS.bytes
const MAX_UPLOAD_BASE64 = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4
// Made when needed: the first number formatted in id-ID loads the locale's data (15-40 ms of every start).
const tooLarge = () => `Berkas terlalu besar (maksimum ${megabyte(MAX_UPLOAD_BYTES)}, batas ukuran berkas impor)`

/** 64 characters of base64, by code: a loop over a lookup table, several times faster than a regular expression. */
const BASE64 = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1

/** Node's Buffer, where there is one: this contract is also read by the window, which has none. */
const NodeBuffer = (
  globalThis as { Buffer?: { from(s: string, encoding: 'base64'): { toString(e: 'base64'): string } } }
).Buffer

/**
 * Plain base64 (padding only at the end). This runs on the thread serving every window, on up to 13
 * million characters: a regular expression took a tenth of a second there, this loop a tenth of that.
 */
function isBase64(s: string): boolean {
  // Where Node's Buffer is (every thread serving an import), a string that is exactly the canonical encoding
  // of its bytes is base64 (decoding and encoding again take half the time of the loop); any other is
  // decided by the loop, which also takes what is not canonical (no padding, say).
  if (NodeBuffer?.from(s, 'base64').toString('base64') === s) return true
  let end = s.length
  if (s.charCodeAt(end - 1) === 0x3d) end--
  if (s.charCodeAt(end - 1) === 0x3d) end--
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || BASE64[c] === 0) return false
  }
  return true
}

/** An uploaded file travels as base64 so one JSON contract serves IPC, HTTP and the CLI. */
export const UploadedFile = z.object({
  fileName: z.string().min(1, 'Nama berkas wajib diisi').max(255, 'Nama berkas terlalu panjang'),
  contentBase64: z.string().superRefine((s, ctx) => {
    // The length first, and nothing else when it is too long: a huge upload is refused without reading it.
    const bytes = (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0)
    if (s.length > MAX_UPLOAD_BASE64 || bytes > MAX_UPLOAD_BYTES) ctx.addIssue({ code: 'custom', message: tooLarge() })
    else if (!isBase64(s)) ctx.addIssue({ code: 'custom', message: 'Isi berkas bukan base64 yang sah' })
  }),
})

export const Download = z.object({
  fileName: z.string(),
  mime: z.string(),
  contentBase64: z.string(),
})
export type Download = z.infer<typeof Download>

/**
 * A file a long job wrote to disk (too big to travel inside the JSON): where it is, and what the user
 * saves it as. job.lihat gives a download address for it.
 */
export const FileOutput = z.object({
  fileName: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  file: z.string(),
})
export type FileOutput = z.infer<typeof FileOutput>

/** A count of sheets or units: whole, not negative, not absurd. */
export const Count = z
  .number({ error: 'Jumlah harus angka' })
  .int('Jumlah harus bilangan bulat')
  .min(0, 'Jumlah tidak boleh negatif')
  .max(MAX_COUNT, 'Jumlah terlalu besar')
export const PositiveCount = Count.min(1, 'Jumlah minimal 1')

/**
 * Whole numbers a service counted, each under its name (a kit's statuses, a shift's movements, a ledger
 * position): an answer's counts, said once as a group rather than a field at a time.
 */
export function counts<const K extends string>(...names: readonly K[]): Record<K, z.ZodNumber> {
  return Object.fromEntries(names.map((name) => [name, z.number().int()])) as Record<K, z.ZodNumber>
}

/** A field of an input as a change takes it: optional, its default dropped (left out keeps what is stored). */
type Change<T extends z.core.SomeType> = z.ZodOptional<T extends z.ZodDefault<infer U extends z.core.SomeType> ? U : T>

/**
 * The fields of a record's input as a change takes them (pekerja.ubah beside pekerja.tambah): the same rule
 * and message for each field, said once in the input.
 */
export function changesOf<S extends z.ZodRawShape>(input: z.ZodObject<S>): { [K in keyof S]: Change<S[K]> } {
  const shape: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(input.shape) as [string, z.ZodType][])
    shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional()
  return shape as { [K in keyof S]: Change<S[K]> }
}

/** Who did something and when (an ISO instant and the user's name), as every record of an act keeps it. */
export const dicatat = { at: z.string(), actor: z.string() }

/** An act settled with a note: a difference resolved, a handover confirmed. */
export const Catatan = z.object({ ...dicatat, note: z.string() })
export const IsoDate = z.string().superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s))
    ctx.addIssue({ code: 'custom', message: 'Tanggal ditulis TTTT-BB-HH, mis. 2024-11-05' })
  else if (!isIsoDate(s)) ctx.addIssue({ code: 'custom', message: `Tanggal ${s} tidak ada di kalender` })
})
/** Dates from and to (both included), either left open. */
export const Rentang = Filter({ from: IsoDate.optional(), to: IsoDate.optional() })
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam ditulis JJ:MM, mis. 08:00')
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Waktu ditulis TTTT-BB-HHTJJ:MM')
/** A text field run through one of the core rules: the value the handler gets is the normalised text. */
export const checked = (check: (raw: string) => Checked) =>
  z.string().transform((raw, ctx) => {
    const r = check(raw)
    if (r.ok) return r.value
    ctx.addIssue({ code: 'custom', message: r.message })
    return z.NEVER
  })

/**
 * Free text typed by a person (core/names.ts checkText): NFC, other spaces folded, trimmed. Control,
 * invisible and bidi characters and broken UTF-16 are refused rather than stored: they print as boxes on a
 * berita acara, or make it read other than it says.
 */
export const ShortText = (label: string, max = 200) => checked((raw) => checkText(raw, label, max))
export const RequiredText = (label: string, max = 200) =>
  ShortText(label, max).refine((s) => s !== '', `${label} wajib diisi`)
/**
 * A name (of a person, team, dapil, supplier, satker): the same rule as names read from a file
 * (core/names.ts checkName), so a form and an import refuse the same text with the same message.
 */
export const NameText = (label: string, noun: string, max: number) =>
  checked((raw) =>
    raw.trim() === '' ? { ok: false, message: `${label} wajib diisi` } : checkName(raw, `Nama ${noun}`, max),
  )
/** A name that may be left empty (a signer not yet known); when given, the name rule applies. */
export const OptionalName = (label: string, max: number) =>
  checked((raw) => (raw.trim() === '' ? { ok: true, value: '' } : checkName(raw, label, max)))
export const Note = ShortText('Catatan', 500).default('')

/** A variant as the floor names it: ballot type and dapil, or a logistics item. */
export const VariantInfo = z.object({
  variantId: Id,
  itemId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  kind: ItemKind,
  assembled: z.boolean(),
  unit: z.string(),
  colorHex: z.string().nullable(),
  dapilId: Id.nullable(),
  dapil: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  label: z.string(),
})
export type VariantInfo = z.infer<typeof VariantInfo>

/** A variant as a table's row names it: item code and name, and the dapil of a ballot type. */
export const VariantName = VariantInfo.pick({ variantId: true, itemCode: true, itemName: true, dapil: true })

/** A variant as a line of stock shows it: its name, and the kind, unit and colour of its item. */
export const VariantLine = VariantName.extend(VariantInfo.pick({ kind: true, unit: true, colorHex: true }).shape)
