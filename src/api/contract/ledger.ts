import { z } from 'zod'
import { list, longRead, read, write } from './define'
import { Count, dicatat, Id, NoInput, RequiredText, VariantName } from './common'

/** What a check of a database file found: whether it holds, and the first problem when it does not. */
export const Pemeriksaan = z.object({ ok: z.boolean(), problem: z.string().nullable() })

export const ChainReport = Pemeriksaan.extend({
  rows: z.number().int(),
  head: z.string(),
  integrity: z.string(),
  firstBadSeq: z.number().int().nullable(),
  balancesMatch: z.boolean(),
  /** Every finding, the first being `problem`: schema, ledger chain, jejak chain, table digests, witnesses. */
  problems: z.array(z.string()),
  /** The jejak chain (issue 15): rows walked, its head, the first row that does not hold. */
  jejak: z.object({
    rows: z.number().int(),
    seq: z.number().int(),
    hash: z.string(),
    kodeSaksi: z.string().nullable(),
    firstBadSeq: z.number().int().nullable(),
  }),
  /** Witnesses checked: journal entries (papers, backups made, codes shown) and backups in the folder. */
  saksi: z.number().int(),
})

export type ChainReport = z.infer<typeof ChainReport>

export const BalanceRow = VariantName.extend({ place: z.string(), qty: z.number().int() })

export const HistoryRow = z.object({
  seq: z.number().int(),
  ...dicatat,
  variantId: Id,
  variant: z.string(),
  from: z.string(),
  to: z.string(),
  fromLabel: z.string(),
  toLabel: z.string(),
  qty: z.number().int(),
  note: z.string().nullable(),
  shiftId: z.number().int().nullable(),
  documentId: z.string().nullable(),
  reason: z.string().nullable(),
  correctsSeq: z.number().int().nullable(),
  reversedBy: z.number().int().nullable(),
  worker: z.string().nullable(),
})

export type HistoryRow = z.infer<typeof HistoryRow>

const PlaceText = z.string().regex(/^[A-Z]+(:[A-Za-z0-9_]{1,40}){0,2}:?$/, 'Tempat tidak sah')

export const ledgerMethods = {
  'ledger.periksa': longRead(
    NoInput,
    ChainReport,
    'Memeriksa integritas SQLite, rantai hash buku besar dan kecocokan saldo',
  ),
  'ledger.lihatKodeSaksi': read(
    NoInput,
    z.object({ kode: z.string(), seq: z.number().int(), at: z.string() }),
    'Kode saksi harian: kepala jejak sebagai kode pendek untuk buku catatan atau laporan ke KPU provinsi',
  ),
  'ledger.periksaKodeSaksi': read(
    z.object({ kode: z.string().trim().min(1).max(40) }).strict(),
    z.object({
      cocok: z.boolean(),
      /** cocok; berbeda (the history differs at or before the code's row); tidak-dikenal (no such row). */
      hasil: z.enum(['cocok', 'berbeda', 'tidak-dikenal']),
      seq: z.number().int(),
      pesan: z.string(),
    }),
    'Memeriksa kode saksi yang diketik (dari buku catatan gudang atau berita acara) terhadap riwayat berkas ini; kode yang cocok disimpan sebagai saksi',
  ),
  'ledger.daftarSaldo': list(BalanceRow, 'Saldo setiap barang per tempat, dihitung dari buku besar'),
  'ledger.lihatRiwayat': read(
    z
      .object({
        variantId: Id.optional(),
        place: PlaceText.optional(),
        placePrefix: PlaceText.optional(),
        shiftId: Id.optional(),
        documentId: z.string().max(60).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    z.object({ truncated: z.boolean(), rows: z.array(HistoryRow) }),
    'Baris buku besar di balik sebuah angka: setiap perpindahan masuk/keluar suatu tempat, terbaru dahulu',
  ),
  'ledger.koreksi': write(
    z.object({ seq: z.number().int().positive(), qty: Count, note: RequiredText('Alasan koreksi', 300) }).strict(),
    z.object({ seqs: z.array(z.number().int()) }),
    'Mengoreksi satu baris buku besar: baris pembatalan dan baris dengan jumlah yang benar (0 = batal)',
    'koordinator',
  ),
}
