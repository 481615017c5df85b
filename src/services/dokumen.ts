import type { Dokumen, IssueInput } from '../api/contract/dokumen'
import {
  DOC_SHORT_LABEL,
  DOC_TYPES,
  documentQrText,
  kriteriaRusakDasar,
  satkerDaerah,
  signerIssues,
  type DocType,
} from '../core/documents'
import { AppError, refused } from '../core/errors'
import { formatNomor } from '../core/nomorSurat'
import { parseTanggal, tanggalPanjang } from '../core/tanggal'
import * as queries from '../db/dokumen'
import { chainHead } from '../db/ledger'
import { jejakHead } from '../db/jejak'
import { kodeSaksi } from '../core/jejak'
import { baPenerimaan, notaRetur } from '../reports/ba/penerimaan'
import { officialDocument, type DocHeader, type DocParts, type Snapshot } from '../reports/ba/snapshot'
import { baPemusnahan, baSerahTerima } from '../reports/ba/serahTerima'
import { baRusak, baSortir } from '../reports/ba/sortir'
import { rekapUpah, rekapUpahTable } from '../reports/ba/upah'
import { buildOfficialDocument, renderPdf } from '../reports/pdf'
import { tableToXlsx } from '../reports/table'
import { localDate, localDateTime } from './clock'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { jenisOf } from './dokumenJenis'
import {
  pemusnahanData,
  penerimaanData,
  returData,
  rusakData,
  serahTerimaData,
  sortirData,
  upahData,
  type Built,
} from './dokumenData'
import * as pemilihan from './pemilihan'
import type { Pemilihan } from '../api/contract/pemilihan'
import * as barang from './barang'
import { reading } from './reading'
import * as saksi from './saksi'
import type { PaperName } from '../core/documents'

/**
 * The register of issued documents. Issuing takes the next number, freezes what the document states
 * (the snapshot) and the ledger's chain head; printing renders from the snapshot, the first print
 * ASLI and every later one SALINAN, each print recorded.
 *
 * What may be issued: the documents a user issues on request (the contract's IssueInput), and the BA
 * serah terima and BA pemusnahan, which only the handover and the destruction issue, in their own
 * transaction.
 */
export type TerbitkanInput =
  | IssueInput
  | { type: 'BA_SERAH_TERIMA'; handoverId: number; tanggal?: string | undefined }
  | { type: 'BA_PEMUSNAHAN'; pemusnahanId: number; tanggal?: string | undefined }

function namaPemilihan(ctx: ReadContext, e: Pemilihan): string {
  if (e.jenis === 'pemilu') return `Pemilihan Umum Tahun ${e.tahun}`
  const codes = new Set(
    barang
      .daftar(reading(ctx))
      .filter((i) => i.kind === 'ballot' && i.active)
      .map((i) => i.code),
  )
  const daerah = satkerDaerah(e.satker)
  const parts = [
    codes.has('GUBERNUR') ? `Gubernur dan Wakil Gubernur${e.provinsi ? ' ' + e.provinsi : ''}` : null,
    codes.has('BUPATI') ? `Bupati dan Wakil Bupati ${daerah}` : null,
    codes.has('WALIKOTA') ? `Wali Kota dan Wakil Wali Kota ${daerah}` : null,
  ].filter(Boolean)
  return `Pemilihan ${parts.join(' serta ')} Tahun ${e.tahun}`
}

function header(ctx: ReadContext): DocHeader {
  const e = pemilihan.requireElection(reading(ctx))
  const logo = pemilihan.lihatLogo(reading(ctx))
  const satkerNama = `KPU ${e.satker}`
  return {
    kop: { instansi: 'KOMISI PEMILIHAN UMUM', satker: e.satker.toUpperCase(), alamat: e.alamat, kontak: e.kontak },
    logo: logo ? { mime: logo.mime, base64: logo.data.toString('base64') } : null,
    paper: e.paper,
    kotaTtd: e.kotaTtd || satkerDaerah(e.satker),
    tempat: `Gudang Logistik ${satkerNama}`,
    namaPemilihan: namaPemilihan(ctx, e),
    satkerNama,
    kodeWilayah: e.kodeWilayah,
    kriteriaRusak: kriteriaRusakDasar(e.jenis),
  }
}

function build(ctx: ReadContext, input: TerbitkanInput, tanggal: string): Built<unknown> {
  switch (input.type) {
    case 'BA_PENERIMAAN':
      return penerimaanData(ctx, input.deliveryId)
    case 'BA_SORTIR':
      return sortirData(ctx, input.from, input.to)
    case 'BA_RUSAK':
      return rusakData(ctx, tanggal)
    case 'NOTA_RETUR':
      return returData(ctx, input.returId)
    case 'REKAP_UPAH':
      return upahData(ctx, input.from, input.to)
    case 'BA_SERAH_TERIMA':
      return serahTerimaData(ctx, input.handoverId)
    case 'BA_PEMUSNAHAN':
      return pemusnahanData(ctx, input.pemusnahanId)
  }
}

/** The paper of each document type, built from its snapshot. */
const PARTS: Record<DocType, (snap: Snapshot<never>) => DocParts> = {
  BA_PENERIMAAN: baPenerimaan,
  BA_SORTIR: baSortir,
  BA_RUSAK: baRusak,
  NOTA_RETUR: notaRetur,
  REKAP_UPAH: rekapUpah,
  BA_SERAH_TERIMA: baSerahTerima,
  BA_PEMUSNAHAN: baPemusnahan,
}

const parts = (snap: Snapshot<unknown>): DocParts => PARTS[snap.type](snap as Snapshot<never>)

const formatsOf = (type: DocType): ('pdf' | 'xlsx')[] => (type === 'REKAP_UPAH' ? ['pdf', 'xlsx'] : ['pdf'])

const toInfo = (r: queries.DokumenRow): Dokumen => ({
  id: r.id,
  type: r.doc_type,
  nomor: r.nomor,
  title: r.title,
  subject: r.subject,
  ref: r.ref,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  chainSeq: r.chain_seq,
  chainHash: r.chain_hash,
  prints: r.prints,
  formats: formatsOf(r.doc_type),
  printedFormats: r.printed_formats ? (r.printed_formats.split(',').sort() as ('pdf' | 'xlsx')[]) : [],
})

export function getDocument(ctx: ReadContext, id: number): Dokumen {
  const r = queries.dokumenRow(ctx.db, id)
  if (!r)
    throw new AppError('NOT_FOUND', `Dokumen #${id} tidak ditemukan`, [{ column: 'id', message: 'Tidak ditemukan' }])
  return toInfo(r)
}

export function daftar(ctx: ReadContext, type?: DocType): Dokumen[] {
  return queries.dokumenRows(ctx.db, type).map(toInfo)
}

export function terbitkan(ctx: ServiceContext, who: Actor, input: TerbitkanInput): Dokumen {
  const election = pemilihan.requireElection(ctx)
  let tanggal = input.tanggal ?? localDate(ctx, ctx.now())
  const setting = jenisOf(ctx, input.type)
  const spec = DOC_TYPES[input.type]
  const built = build(ctx, input, tanggal)
  // A required signer left blank, or a NIP that cannot be one, would go back unsigned.
  const missing = signerIssues(setting.signers)
  if (missing.length)
    throw refused(
      `${DOC_SHORT_LABEL[input.type]} belum dapat diterbitkan: lengkapi penanda tangan di Pengaturan (${missing.map((m) => m.message).join('; ')})`,
      missing.map((m) => ({ ...m, column: `signers.${m.column}` })),
    )
  // An event's paper carries one date, the event's, in its body and above its signatures.
  if (built.eventDate) {
    if (input.tanggal !== undefined && input.tanggal !== built.eventDate)
      throw refused(
        `${spec.title.join(' ')} bertanggal hari kejadiannya (${tanggalPanjang(built.eventDate)}), bukan ${tanggalPanjang(input.tanggal)}`,
        [{ column: 'tanggal', message: `Harus ${built.eventDate}` }],
      )
    tanggal = built.eventDate
  }
  // A delivery, a return, a handover or a destruction is one event with one berita acara; a second one
  // would be a second number for the same sheets. Date-range documents may be issued again (after a
  // correction, say).
  if (input.type !== 'BA_SORTIR' && input.type !== 'BA_RUSAK' && input.type !== 'REKAP_UPAH') {
    const earlier = queries.dokumenOf(ctx.db, input.type, built.ref)
    if (earlier) {
      throw refused(
        `${spec.title.join(' ')} untuk ${built.subject.toLowerCase()} sudah terbit dengan nomor ${earlier.nomor}; cetak ulang dari register dokumen`,
        [{ column: 'type', message: `Sudah terbit (dokumen #${earlier.id})` }],
      )
    }
  }
  if (input.type === 'BA_SORTIR' && !input.ulang) {
    const earlier = queries.sortirOverlapping(ctx.db, input.from, input.to)
    if (earlier.length)
      throw refused(
        `Sudah terbit berita acara hasil sortir dan lipat untuk tanggal itu (${earlier.map((d) => d.nomor ?? `dokumen #${d.id}`).join(', ')}); cetak ulang dari register, atau terbitkan lagi dengan konfirmasi bila memang perlu berita acara baru (misalnya setelah koreksi)`,
        [{ column: 'ulang', message: 'Perlu konfirmasi' }],
      )
  }
  const snapshot: Snapshot<unknown> = {
    v: 1,
    type: input.type,
    header: header(ctx),
    tanggal,
    signers: setting.signers,
    data: built.data,
  }
  const { year, month } = parseTanggal(tanggal)
  const id = writeTx(ctx, who, 'dokumen.terbitkan', () => {
    // The number is taken inside the write transaction, so two stations can never issue the same one.
    let no: number | null = null
    let nomor: string | null = null
    if (spec.numbered) {
      const last = queries.lastNo(ctx.db, year)
      no = Math.max(last === null ? 0 : last + 1, election.nomorStart, 1)
      nomor = formatNomor(setting.nomorPattern, {
        no,
        kodeWilayah: election.kodeWilayah,
        tahun: year,
        bulan: month,
        kodeDokumen: spec.kode,
      })
      if (queries.nomorTaken(ctx.db, nomor)) {
        throw refused(`Nomor ${nomor} sudah terpakai di register; periksa pola nomor jenis dokumen ini`, [
          { column: 'nomorPattern', message: 'Nomor ganda' },
        ])
      }
    }
    const head = chainHead(ctx.db)
    // The jejak head before this write: the paper's kode saksi, fixed in the snapshot for every reprint.
    const jejak = jejakHead(ctx.db)
    const id = queries.insertDokumen(ctx.db, {
      doc_type: input.type,
      tahun: year,
      no,
      nomor,
      title: spec.title.join(' '),
      subject: built.subject,
      ref: built.ref,
      snapshot: JSON.stringify({ ...snapshot, jejak }),
      chain_seq: head.seq,
      chain_hash: head.hash,
      issued_at: ctx.now().toISOString(),
      issued_by: who.actor,
    })
    return { result: id, detail: { id, type: input.type, nomor, ref: built.ref, chain: head } }
  })
  const issued = getDocument(ctx, id)
  // The paper is a witness: its number and the heads it was made from go to the journal outside the file.
  saksi.catat(ctx, { jenis: 'dokumen', label: `dokumen nomor ${issued.nomor}` })
  return issued
}

export interface PrintedFile {
  fileName: string
  mime: string
  bytes: Buffer
  /** Counts every print of the document, whatever the format. */
  copyNo: number
  original: boolean
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')

export async function cetak(
  ctx: ServiceContext,
  who: Actor,
  id: number,
  format: 'pdf' | 'xlsx',
  paper?: PaperName,
): Promise<PrintedFile> {
  const row = queries.dokumenRow(ctx.db, id)
  if (!row)
    throw new AppError('NOT_FOUND', `Dokumen #${id} tidak ditemukan`, [{ column: 'id', message: 'Tidak ditemukan' }])
  if (!formatsOf(row.doc_type).includes(format))
    throw refused(`Dokumen ini tidak tersedia sebagai ${format.toUpperCase()}`, [
      { column: 'format', message: 'Tidak tersedia' },
    ])
  const snap = JSON.parse(row.snapshot) as Snapshot<unknown>
  const copyNo = row.prints + 1
  // The first print of each format is the original; a spreadsheet of a recap is not a copy of its PDF.
  const original = !queries.printedAs(ctx.db, row.id, format)
  const generatedAt = localDateTime(ctx, ctx.now())
  const base =
    safeName(`${DOC_TYPES[row.doc_type].kode}-${row.nomor ?? 'DOK-' + row.id}`) + (original ? '' : `-SALINAN-${copyNo}`)
  let file: PrintedFile
  if (format === 'xlsx') {
    const table = rekapUpahTable(
      snap as Snapshot<Parameters<typeof rekapUpah>[0]['data']>,
      row.nomor ?? `DOK-${row.id}`,
    )
    if (!original) table.heading.push(`SALINAN (cetakan ke-${copyNo}, ${generatedAt.replace('T', ' ')})`)
    file = {
      fileName: `${base}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: await tableToXlsx(table),
      copyNo,
      original,
    }
  } else {
    // The paper is the print's, not the snapshot's: a satker that moved to F4 reprints on F4.
    const onPaper: Snapshot<unknown> = {
      ...snap,
      header: { ...snap.header, paper: paper ?? pemilihan.requireElection(ctx).paper },
    }
    const doc = officialDocument(onPaper, parts(onPaper), {
      documentId: row.id,
      nomor: row.nomor,
      copy: original ? { kind: 'ASLI' } : { kind: 'SALINAN', printNo: copyNo, printedAt: generatedAt },
      chainHead: { seq: row.chain_seq, hash: row.chain_hash },
      kodeSaksi: snap.jejak && snap.jejak.seq > 0 ? kodeSaksi(snap.jejak) : null,
      qrText: documentQrText({
        kodeWilayah: snap.header.kodeWilayah,
        documentId: row.id,
        nomor: row.nomor,
        chainSeq: row.chain_seq,
        chainHash: row.chain_hash,
      }),
      generatedAt,
    })
    file = {
      fileName: `${base}.pdf`,
      mime: 'application/pdf',
      bytes: await renderPdf(buildOfficialDocument(doc)),
      copyNo,
      original,
    }
  }
  // Recorded after rendering succeeded: a failed render must not use up the original. Two prints
  // rendered at once would claim the same copy number; the second is refused, not mislabelled.
  writeTx(ctx, who, 'dokumen.cetak', () => {
    if (queries.printCount(ctx.db, row.id) + 1 !== copyNo)
      throw new AppError(
        'CONFLICT',
        'Dokumen ini baru saja dicetak dari tempat lain; cetak ulang untuk mendapat salinan dengan nomor cetakan yang benar',
      )
    queries.insertPrint(ctx.db, {
      documentId: row.id,
      at: ctx.now().toISOString(),
      actor: who.actor,
      copyNo,
      format,
    })
    return { result: null, detail: { id: row.id, copyNo, format } }
  })
  return file
}
