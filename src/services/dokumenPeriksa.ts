import type { DokumenPeriksa } from '../api/contract/dokumen'
import { parseDocumentQr } from '../core/documents'
import { GENESIS_HASH } from '../core/ledgerRow'
import * as queries from '../db/dokumen'
import { verifyChain } from '../db/ledger'
import type { ReadContext } from './context'
import * as saksi from './saksi'

/**
 * "Cek dokumen tercetak": from a berita acara's number or the text of its QR code, whether the ledger
 * still holds, unaltered, every row the document was made from — its chain head row with the same
 * hash, and every link up to it. Corrections written later do not make a document false (they are new
 * rows); they are counted so the reader knows the figures have moved on since.
 */
type DocRow = queries.DokumenCheckRow

function find(
  ctx: ReadContext,
  kode: string,
): { doc: DocRow | undefined; qrPrefix: string | null; qrSeq: number | null } {
  const qr = parseDocumentQr(kode)
  if (qr) {
    return {
      doc: queries.dokumenById(ctx.db, qr.documentId),
      qrPrefix: qr.hashPrefix,
      qrSeq: qr.chainSeq,
    }
  }
  const text = kode.replace(/^nomor\s*:?\s*/i, '').trim()
  const dok = text.match(/^DOK-(\d+)$/i)
  const doc = dok ? queries.dokumenById(ctx.db, Number(dok[1])) : queries.dokumenByNomor(ctx.db, text)
  return { doc, qrPrefix: null, qrSeq: null }
}

/** Rows after the document that touch what it states: its event's own rows, or the shifts of its dates. */
function laterRows(ctx: ReadContext, d: DocRow): number {
  const range = d.ref.match(/^(SORTIR|UPAH):(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/)
  if (range) return queries.laterShiftRows(ctx.db, d.chain_seq, range[2]!, range[3]!)
  if (!d.ref || d.ref.startsWith('RUSAK:')) return 0
  return queries.laterEventRows(ctx.db, d.chain_seq, d.ref)
}

export function periksa(ctx: ReadContext, kode: string): DokumenPeriksa {
  const { doc, qrPrefix, qrSeq } = find(ctx, kode)
  const none = {
    documentId: null,
    nomor: null,
    title: null,
    subject: null,
    issuedAt: null,
    chainSeq: null,
    laterRows: 0,
  }
  // The register is in the file; the witness journal outside it holds what was issued (services/saksi.ts).
  const journal = doc
    ? saksi.daftar(ctx).find((e) => e.jenis === 'dokumen' && e.label === `dokumen nomor ${doc.nomor}`)
    : saksi
        .daftar(ctx)
        .find((e) => e.jenis === 'dokumen' && e.label === `dokumen nomor ${kode.replace(/^nomor\s*:?\s*/i, '').trim()}`)
  if (!doc && journal)
    return {
      ...none,
      found: false,
      intact: false,
      verdict: `Dokumen ${journal.label.replace('dokumen ', '')} tercatat di jurnal saksi (terbit ${journal.at.slice(0, 10)}) tetapi tidak ada lagi di register: register telah diubah di luar aplikasi.`,
    }
  if (!doc)
    return {
      ...none,
      found: false,
      intact: false,
      verdict: `Tidak ada dokumen "${kode.trim().slice(0, 80)}" dalam register basis data ini. Periksa nomornya, atau dokumen ini dibuat dari basis data lain.`,
    }
  const base = {
    found: true,
    documentId: doc.id,
    nomor: doc.nomor,
    title: doc.title,
    subject: doc.subject,
    issuedAt: doc.issued_at,
    chainSeq: doc.chain_seq,
  }
  if (qrPrefix !== null && (qrSeq !== doc.chain_seq || !doc.chain_hash.startsWith(qrPrefix))) {
    return {
      ...base,
      intact: false,
      laterRows: 0,
      verdict: `Kode QR menyebut kepala rantai #${qrSeq} ${qrPrefix}, tetapi register mencatat #${doc.chain_seq} ${doc.chain_hash.slice(0, 16)}: kode QR atau register telah diubah.`,
    }
  }
  if (journal && (journal.ledger.seq !== doc.chain_seq || journal.ledger.hash !== doc.chain_hash))
    return {
      ...base,
      intact: false,
      laterRows: 0,
      verdict: `Register mencatat kepala rantai #${doc.chain_seq}, tetapi jurnal saksi mencatat #${journal.ledger.seq} ${journal.ledger.hash.slice(0, 16)} saat dokumen ini terbit: register telah diubah di luar aplikasi.`,
    }
  if (doc.chain_seq === 0) {
    const ok = doc.chain_hash === GENESIS_HASH
    return {
      ...base,
      intact: ok,
      laterRows: laterRows(ctx, doc),
      verdict: ok
        ? 'Dokumen dibuat sebelum ada baris buku besar; tidak ada angka yang dapat berubah.'
        : 'Kepala rantai dokumen ini tidak sah.',
    }
  }
  const hash = queries.ledgerHashAt(ctx.db, doc.chain_seq)
  if (hash === undefined)
    return {
      ...base,
      intact: false,
      laterRows: 0,
      verdict: `Baris buku besar #${doc.chain_seq}, tempat dokumen ini dibuat, sudah tidak ada: baris telah dihapus dari basis data.`,
    }
  if (hash !== doc.chain_hash) {
    return {
      ...base,
      intact: false,
      laterRows: 0,
      verdict: `Baris buku besar #${doc.chain_seq} tidak lagi sama dengan saat dokumen dicetak: buku besar telah diubah.`,
    }
  }
  const chain = verifyChain(ctx.db, { toSeq: doc.chain_seq })
  if (chain.problem)
    return {
      ...base,
      intact: false,
      laterRows: 0,
      verdict: `Buku besar sebelum dokumen ini tidak utuh: ${chain.problem}`,
    }
  const later = laterRows(ctx, doc)
  return {
    ...base,
    intact: true,
    laterRows: later,
    verdict:
      `Buku besar masih memuat, tanpa perubahan, semua ${chain.rows.toLocaleString('id-ID')} baris sampai #${doc.chain_seq} tempat dokumen ini dibuat.` +
      (later
        ? ` Sejak itu tercatat ${later} baris baru yang menyangkut isi dokumen ini (mis. koreksi); angka terkini dapat berbeda dari yang tercetak.`
        : ''),
  }
}
