import { z } from 'zod'
import { DOC_TYPE_CODES, SIGNER_POSITIONS, type Signer as CoreSigner } from '../../core/documents'
import { checkNip } from '../../core/nip'
import { list, read, write } from './define'
import { Download, Filter, Id, IsoDate, OptionalName, Paper, ShortText } from './common'

export const DocType = z.enum(DOC_TYPE_CODES)

export type DocType = z.infer<typeof DocType>

/** Who signs a document of one type, as the satker set it. core/documents.ts owns the shape. */
export const Signer = z
  .object({
    peran: ShortText('Peran', 60),
    jabatan: ShortText('Jabatan', 120),
    nama: OptionalName('Nama penanda tangan', 100),
    /** 18 digits with a real birth date and TMT (core/nip.ts), kept as printed: "19800101 200501 1 001". */
    nip: z
      .string()
      .default('')
      .transform((raw, ctx) => {
        const r = checkNip(raw)
        if (r.ok) return r.value
        ctx.addIssue({ code: 'custom', message: r.message })
        return z.NEVER
      }),
    instansi: ShortText('Instansi', 100).default(''),
    posisi: z.enum(SIGNER_POSITIONS),
  })
  .strict() satisfies z.ZodType<CoreSigner>

/** A signer of a berita acara: core's shape (core/documents.ts), whose default signers it describes. */
export type Signer = z.infer<typeof Signer>

/**
 * A signer as stored: read back as it is, so a NIP saved before NIPs were checked still lists (and is
 * refused when the document is issued, naming it).
 */
const SignerStored = Signer.extend({ nip: z.string() })

/** A document type with the number pattern and signers in force for it. */
export const DokumenJenis = z.object({
  type: DocType,
  title: z.array(z.string()),
  kode: z.string(),
  numbered: z.boolean(),
  description: z.string(),
  /** The pattern in force: this type's own, or the election's default. */
  nomorPattern: z.string(),
  ownPattern: z.string().nullable(),
  signers: z.array(SignerStored),
})

export type DokumenJenis = z.infer<typeof DokumenJenis>

/** An issued document of the register: its number, what it states and the chain head it was made from. */
export const Dokumen = z.object({
  id: Id,
  type: DocType,
  nomor: z.string().nullable(),
  title: z.string(),
  subject: z.string(),
  ref: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  chainSeq: z.number().int(),
  chainHash: z.string(),
  prints: z.number().int(),
  formats: z.array(z.enum(['pdf', 'xlsx'])),
  /** Formats printed at least once: the next print of these is a SALINAN. */
  printedFormats: z.array(z.enum(['pdf', 'xlsx'])),
})

export type Dokumen = z.infer<typeof Dokumen>

/** The document an act issued (its BA), by register id and nomor: null until there is one. */
export const Terbitan = z.object({ documentId: Id.nullable(), nomor: z.string().nullable() })

const BaDate = { tanggal: IsoDate.optional() }

/** Documents issued on request. BA serah terima and BA pemusnahan are issued by the handover and the destruction themselves. */
export const IssueInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('BA_PENERIMAAN'), deliveryId: Id, ...BaDate }).strict(),
  z
    .object({
      type: z.literal('BA_SORTIR'),
      from: IsoDate,
      to: IsoDate,
      ...BaDate,
      /**
       * A BA hasil sortir for days another one already covers is a second paper for the same work: issued
       * only when the user confirms it (after a correction, say), naming the earlier one.
       */
      ulang: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('BA_RUSAK'), ...BaDate }).strict(),
  z.object({ type: z.literal('NOTA_RETUR'), returId: Id, ...BaDate }).strict(),
  z.object({ type: z.literal('REKAP_UPAH'), from: IsoDate, to: IsoDate, ...BaDate }).strict(),
])

export type IssueInput = z.infer<typeof IssueInput>

/** What the check of a printed document found. */
export const DokumenPeriksa = Terbitan.extend({
  found: z.boolean(),
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

export type DokumenPeriksa = z.infer<typeof DokumenPeriksa>

export const dokumenMethods = {
  'dokumen.daftarJenis': list(DokumenJenis, 'Jenis dokumen dengan pola nomor dan penanda tangan masing-masing'),
  'dokumen.aturJenis': write(
    z
      .object({
        type: DocType,
        nomorPattern: z.string().trim().max(120, 'Pola nomor terlalu panjang').nullable(),
        signers: z.array(Signer).max(12, 'Paling banyak 12 penanda tangan'),
      })
      .strict(),
    DokumenJenis,
    'Mengatur pola nomor dan penanda tangan/saksi satu jenis dokumen',
    'koordinator',
  ),
  'dokumen.terbitkan': write(
    IssueInput,
    Dokumen,
    'Menerbitkan dokumen: mengambil nomor dari register, merekam isi dan kepala rantai buku besar',
    'koordinator',
  ),
  'dokumen.daftar': read(
    Filter({ type: DocType.optional() }),
    z.array(Dokumen),
    'Register dokumen yang sudah diterbitkan, terbaru dahulu',
  ),
  'dokumen.cetak': write(
    z
      .object({
        id: Id,
        format: z.enum(['pdf', 'xlsx']).default('pdf'),
        /** The paper of this print; the satker's current setting when left out (a reprint follows it, too). */
        paper: Paper.optional(),
      })
      .strict(),
    Download,
    'Mencetak dokumen dari register pada kertas A4 atau F4 (bawaan: pengaturan kertas satker); cetakan kedua dan seterusnya bertanda SALINAN',
  ),
  'dokumen.periksa': read(
    z.object({ kode: z.string().trim().min(1, 'Isi nomor dokumen atau pindai kode QR-nya').max(200) }).strict(),
    DokumenPeriksa,
    'Memeriksa dokumen tercetak (nomor atau isi kode QR): apakah buku besar masih memuat keadaan saat dokumen dibuat',
  ),
}
