import type { DocType, Signer } from '../../core/documents'
import type { CopyMark, Kop, OfficialDocument, SignatureBlock, SignatureSlot } from '../pdf'
import type { PaperName } from '../../core/documents'

/**
 * What a document was made of, frozen when it was issued: the register stores this as JSON and every
 * print renders from it, so a reprint says exactly what the original said (plus SALINAN).
 */
export interface DocHeader {
  kop: { instansi: string; satker: string; alamat: string; kontak: string }
  logo: { mime: 'image/png' | 'image/jpeg'; base64: string } | null
  paper: PaperName
  /** Where it is signed: "Limapuluh". */
  kotaTtd: string
  /** Where the act took place: "Gudang Logistik KPU Kabupaten Batu Bara". */
  tempat: string
  /** "Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati Tahun 2024". */
  namaPemilihan: string
  /** "KPU Kabupaten Batu Bara" */
  satkerNama: string
  kodeWilayah: string
  /**
   * The regulation that sets the damage criteria, for this election type; null when the app knows none
   * (Pilkada). Absent from snapshots issued before issue 13.
   */
  kriteriaRusak?: string | null
}

export interface Snapshot<T> {
  v: 1
  type: DocType
  header: DocHeader
  /** The date the document states (ISO 'YYYY-MM-DD'). */
  tanggal: string
  signers: Signer[]
  data: T
  /**
   * The jejak head before the issuing transaction (issue 15): its kode saksi is printed on every page, so
   * a reprint prints the code of the file as it stood when the paper was issued. Absent from snapshots
   * issued before the code was printed; those print none.
   */
  jejak?: { seq: number; hash: string }
}

export interface PrintContext {
  documentId: number
  nomor: string | null
  copy: CopyMark
  chainHead: { seq: number; hash: string }
  /** The kode saksi of the snapshot's jejak head; null for a paper issued before it was printed. */
  kodeSaksi: string | null
  qrText: string
  /** Local 'YYYY-MM-DDTHH:mm' of this print. */
  generatedAt: string
}

/** A document's own parts; the kop, footer and copy mark come from the snapshot and the print. */
export interface DocParts {
  title: string | string[]
  body: OfficialDocument['body']
  closing?: OfficialDocument['closing']
  signatures: SignatureBlock
  annexes?: OfficialDocument['annexes']
  paper?: PaperName
  orientation?: OfficialDocument['orientation']
}

export function kopOf(h: DocHeader): Kop {
  return {
    instansi: h.kop.instansi,
    satker: h.kop.satker,
    ...(h.kop.alamat ? { alamat: h.kop.alamat } : {}),
    ...(h.kop.kontak ? { kontak: h.kop.kontak } : {}),
    logo: h.logo ? { mime: h.logo.mime, data: Buffer.from(h.logo.base64, 'base64') } : null,
  }
}

export function officialDocument(snap: Snapshot<unknown>, parts: DocParts, print: PrintContext): OfficialDocument {
  return {
    paper: parts.paper ?? snap.header.paper,
    kop: kopOf(snap.header),
    title: parts.title,
    nomor: print.nomor,
    body: parts.body,
    ...(parts.closing !== undefined ? { closing: parts.closing } : {}),
    signatures: parts.signatures,
    copy: print.copy,
    footer: {
      documentId: `DOK-${print.documentId}`,
      chainHead: print.chainHead,
      kodeSaksi: print.kodeSaksi,
      qrText: print.qrText,
      generatedAt: print.generatedAt,
    },
    ...(parts.annexes ? { annexes: parts.annexes } : {}),
    ...(parts.orientation ? { orientation: parts.orientation } : {}),
  }
}

const toSlot = (s: Signer): SignatureSlot => ({
  peran: s.peran,
  jabatan: s.jabatan,
  nama: s.nama || '(........................................)',
  nip: s.nip || null,
  ...(s.instansi ? { instansi: s.instansi } : {}),
})

/** Chunks a list into rows of at most n, balancing so the last row is not a lone signer when avoidable. */
function rowsOf<T>(list: T[], n: number): T[][] {
  if (list.length === 0) return []
  const rows = Math.ceil(list.length / n)
  const per = Math.ceil(list.length / rows)
  const out: T[][] = []
  for (let i = 0; i < list.length; i += per) out.push(list.slice(i, i + per))
  return out
}

/**
 * The configured signers laid out the usual way: the parties side by side (two per row), witnesses
 * in rows of up to three under them, and "Mengetahui" centred last. Parties known only at issuance
 * (a penyedia's representative) go before or after the configured ones.
 */
export function signatureBlock(
  snap: Snapshot<unknown>,
  extra: { before?: Signer[]; after?: Signer[] } = {},
): SignatureBlock {
  const parties = [
    ...(extra.before ?? []),
    ...snap.signers.filter((s) => s.posisi === 'pihak'),
    ...(extra.after ?? []),
  ].map(toSlot)
  const saksi = snap.signers.filter((s) => s.posisi === 'saksi').map(toSlot)
  // "Mengetahui," is printed above them already; their own line is their office.
  const mengetahui = snap.signers
    .filter((s) => s.posisi === 'mengetahui')
    .map((s) => toSlot({ ...s, peran: s.jabatan, jabatan: s.instansi, instansi: '' }))
  return {
    place: snap.header.kotaTtd || snap.header.kop.satker,
    date: snap.tanggal,
    columns: [...rowsOf(parties, 2), ...rowsOf(saksi, 3)],
    ...(mengetahui.length ? { mengetahui } : {}),
  }
}
