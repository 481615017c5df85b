import { createHash, randomBytes } from 'node:crypto'
import { AppError, refused } from '../core/errors'
import { GENESIS_HASH } from '../core/ledgerRow'
import { findSameName, nameKey, sameNameMessage } from '../core/names'
import {
  base32,
  buatTautanPasang,
  formatKodePasang,
  formatSidikJari,
  normalKodePasang,
  type Cakupan,
  type Kepala,
} from '../core/stasiun'
import { chainHead } from '../db/ledger'
import * as db from '../db/stasiun'
import { qrByteCapacity, qrBytes, qrMatrix, QR_MAX_VERSION } from '../reports/pdf/qrMatrix'
import type { Stasiun } from '../api/contract/stasiun'
import * as saksi from './saksi'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'

/**
 * LAN stations (issue 16): the admin adds a station with a scope, makes a one-time pairing code, the
 * station trades the code for its own credential, and the admin can revoke it. The certificate and the
 * listener belong to the transport (src/server/lan); this file keeps what is stored in the election file.
 */

/** A pairing code works for ten minutes, once. */
export const KODE_BERLAKU_MS = 10 * 60 * 1000
/** The port the listener takes unless the admin chooses another. */
export const PORT_BAWAAN = 8443
/** Idempotency answers are kept at least this long: a station's outbox may wait out a long outage. */
export const SIMPAN_JAWABAN_MS = 7 * 24 * 60 * 60 * 1000

const withStatus = (r: db.StasiunRow): Stasiun => ({
  ...r,
  status: r.dipasang ? 'terpasang' : r.dicabutAt ? 'dicabut' : 'belum_dipasang',
})

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

export function daftar(ctx: ReadContext): Stasiun[] {
  return db.listStations(ctx.db).map(withStatus)
}

function requireStation(ctx: ReadContext, id: number): Stasiun {
  const s = db.getStation(ctx.db, id)
  if (!s) throw new AppError('NOT_FOUND', `Stasiun dengan id ${id} tidak ada`)
  return withStatus(s)
}

function checkUniqueName(ctx: ReadContext, nama: string, exceptId: number | null): void {
  const same = findSameName(nama, db.stationNames(ctx.db, exceptId))
  if (same === undefined) return
  throw refused('Stasiun tidak dapat disimpan; tidak ada yang diubah', [
    {
      column: 'nama',
      message:
        nameKey(same) === nameKey(nama)
          ? `Nama "${nama}" sudah dipakai stasiun lain`
          : sameNameMessage('Nama stasiun', nama, same),
    },
  ])
}

export interface NewStasiun {
  nama: string
  cakupan: Cakupan
  izinkanHttp: boolean
}

export function tambah(ctx: ServiceContext, who: Actor, input: NewStasiun): Stasiun {
  checkUniqueName(ctx, input.nama, null)
  return writeTx(ctx, who, 'stasiun.tambah', () => {
    const id = db.insertStation(ctx.db, { ...input, at: ctx.now().toISOString() })
    return { result: requireStation(ctx, id), detail: { id, ...input } }
  })
}

export function ubah(ctx: ServiceContext, who: Actor, input: { id: number } & Partial<NewStasiun>): Stasiun {
  const before = requireStation(ctx, input.id)
  const next = {
    nama: input.nama ?? before.nama,
    cakupan: input.cakupan ?? before.cakupan,
    izinkanHttp: input.izinkanHttp ?? before.izinkanHttp,
  }
  if (input.nama !== undefined) checkUniqueName(ctx, next.nama, before.id)
  return writeTx(ctx, who, 'stasiun.ubah', () => {
    db.updateStation(ctx.db, before.id, next)
    return {
      result: requireStation(ctx, before.id),
      detail: {
        id: before.id,
        before: { nama: before.nama, cakupan: before.cakupan, izinkanHttp: before.izinkanHttp },
        ...next,
      },
    }
  })
}

export function cabut(ctx: ServiceContext, who: Actor, id: number): Stasiun {
  const before = requireStation(ctx, id)
  return writeTx(ctx, who, 'stasiun.cabut', () => {
    db.revokeStation(ctx.db, id, ctx.now().toISOString())
    return { result: requireStation(ctx, id), detail: { id, nama: before.nama } }
  })
}

/** Where the listener is, as the transport reports it: what a pairing code must carry. */
export interface HostAddress {
  alamat: string[]
  port: number
  /** 64 hex digits. */
  sidikJari: string
}

export interface KodePasang {
  stasiunId: number
  nama: string
  /** The secret, grouped for reading out ("K4XQM-2PZ…"). */
  kode: string
  /** What the QR code holds: the address, port, code and fingerprint as a link a tablet opens. */
  tautan: string
  alamat: string[]
  port: number
  sidikJari: string
  kedaluwarsa: string
  /** The QR code's modules, one string of 0 and 1 per row (1 = dark), for the UI to draw. */
  qr: { ukuran: number; baris: string[] }
}

/**
 * A one-time pairing code for a station: 128 random bits, stored as their SHA-256, valid ten minutes,
 * and the only open one of that station (an earlier unused code stops working).
 */
export function buatKodePasang(ctx: ServiceContext, who: Actor, id: number, host: HostAddress): KodePasang {
  const station = requireStation(ctx, id)
  const alamat = host.alamat[0]
  if (alamat === undefined)
    throw refused(
      'Komputer induk belum punya alamat jaringan (belum tersambung ke switch atau hotspot); sambungkan dulu, lalu buat kode pasang',
    )
  const secret = base32(randomBytes(16)).slice(0, 26)
  const now = ctx.now()
  const expiresAt = new Date(now.getTime() + KODE_BERLAKU_MS).toISOString()
  writeTx(ctx, who, 'stasiun.buatKodePasang', () => {
    db.retireOpenCodes(ctx.db, id, now.toISOString())
    db.insertPairingCode(ctx.db, { stasiunId: id, codeHash: sha256(secret), at: now.toISOString(), expiresAt })
    return { result: null, detail: { id, nama: station.nama, kedaluwarsa: expiresAt } }
  })
  const tautan = buatTautanPasang({ alamat, port: host.port, kode: secret, sidikJari: host.sidikJari })
  const { size, modules } = qrOf(tautan)
  const baris: string[] = []
  for (let y = 0; y < size; y++) baris.push(Array.from(modules.subarray(y * size, (y + 1) * size)).join(''))
  return {
    stasiunId: id,
    nama: station.nama,
    kode: formatKodePasang(secret),
    tautan,
    alamat: host.alamat,
    port: host.port,
    sidikJari: formatSidikJari(host.sidikJari),
    kedaluwarsa: expiresAt,
    qr: { ukuran: size, baris },
  }
}

/** The smallest QR code (ECC level M, readable off a screen at an angle) that holds the text. */
function qrOf(text: string) {
  const bytes = qrBytes(text).length
  for (let v = 1; v <= QR_MAX_VERSION; v++) if (qrByteCapacity(v, 'M') >= bytes) return qrMatrix(text, v, 'M')
  throw new Error(`Tautan pasang terlalu panjang untuk kode QR (${bytes} bita)`)
}

export interface Dipasang {
  stasiun: Stasiun
  /** `<id>.<secret>`: sent as `Authorization: Stasiun <kredensial>` on every later request. Shown once. */
  kredensial: string
}

/**
 * A station trades its pairing code for its own credential (256 random bits, stored as their SHA-256).
 * The code is used in the same transaction, so it pairs once; an expired or used code changes nothing.
 * `secure` is false for a request over plain HTTP, which only a station the admin allowed it for may use.
 */
export function pasang(ctx: ServiceContext, text: string, secure: boolean): Dipasang {
  const kode = normalKodePasang(text)
  const bad = (message: string, column = 'kode'): AppError =>
    new AppError('UNAUTHORIZED', message, [{ column, message }])
  if (!kode) throw bad('Kode pasang tidak sah: 26 huruf dan angka, seperti yang tertulis di komputer induk')
  const code = db.pairingCodeByHash(ctx.db, sha256(kode))
  if (!code) throw bad('Kode pasang tidak dikenal; periksa kembali atau minta kode baru di komputer induk')
  if (code.usedAt) throw bad('Kode pasang sudah dipakai; setiap kode hanya berlaku sekali. Minta kode baru')
  const now = ctx.now()
  if (now.toISOString() >= code.expiresAt)
    throw bad('Kode pasang sudah kedaluwarsa (berlaku 10 menit); minta kode baru di komputer induk')
  const station = requireStation(ctx, code.stasiunId)
  if (!secure && !station.izinkanHttp)
    throw bad(
      `Stasiun ${station.nama} hanya boleh tersambung lewat HTTPS; admin belum mengizinkan HTTP biasa untuknya`,
      'alamat',
    )
  const kredensial = `${station.id}.${randomBytes(32).toString('base64url')}`
  writeTx(ctx, { actor: `Stasiun ${station.nama}` }, 'stasiun.pasang', () => {
    db.pairStation(ctx.db, code.id, station.id, sha256(kredensial), now.toISOString())
    return { result: null, detail: { id: station.id, nama: station.nama, aman: secure } }
  })
  return { stasiun: requireStation(ctx, station.id), kredensial }
}

/** The station behind a credential, or null when it is unknown, malformed or revoked. */
export function kenali(ctx: ReadContext, kredensial: string): Stasiun | null {
  const m = kredensial.match(/^(\d{1,9})\.([A-Za-z0-9_-]{43})$/)
  if (!m) return null
  // Looked up by its hash: what a timing difference could reveal is a hash, never the secret.
  const row = db.stationByKey(ctx.db, Number(m[1]), sha256(kredensial))
  return row ? withStatus(row) : null
}

export interface HostSetting {
  aktif: boolean
  port: number
  alamat: string[]
  portHttp: number | null
}

export function lihatSetelanHost(ctx: ReadContext): HostSetting {
  return db.hostSetting(ctx.db) ?? { aktif: false, port: PORT_BAWAAN, alamat: [], portHttp: null }
}

export function aturSetelanHost(ctx: ServiceContext, who: Actor, input: Partial<HostSetting>): HostSetting {
  const before = lihatSetelanHost(ctx)
  const next: HostSetting = {
    aktif: input.aktif ?? before.aktif,
    port: input.port ?? before.port,
    alamat: input.alamat ?? before.alamat,
    portHttp: input.portHttp === undefined ? before.portHttp : input.portHttp,
  }
  if (next.portHttp !== null && next.portHttp === next.port)
    throw refused('Port HTTP harus berbeda dari port HTTPS', [
      { column: 'portHttp', message: 'Sama dengan port HTTPS' },
    ])
  return writeTx(ctx, who, 'stasiun.aturHost', () => {
    db.saveHostSetting(ctx.db, next)
    return { result: next, detail: { before, ...next } }
  })
}

export interface HasilBukti {
  cocok: boolean
  kepala: Kepala
  hasil: { seq: number; hash: string; cocok: boolean; diInduk: string | null }[]
}

/**
 * A station's witness check: do the chain heads it saw still hold at the host? A head whose row is gone
 * (the file was swapped for an older copy) or whose hash differs (rewritten) is an alarm, recorded in the
 * audit log for the host to show.
 */
export function buktikan(
  ctx: ServiceContext,
  who: Actor & { stasiun?: { nama: string } },
  kepala: readonly Kepala[],
): HasilBukti {
  const hasil = kepala.map((k) => {
    const diInduk = k.seq === 0 ? GENESIS_HASH : db.ledgerHashAt(ctx.db, k.seq)
    return { seq: k.seq, hash: k.hash, cocok: diInduk === k.hash, diInduk }
  })
  const cocok = hasil.every((h) => h.cocok)
  if (who.stasiun) catatSaksiStasiun(ctx, who.stasiun.nama, hasil)
  if (!cocok) {
    writeTx(ctx, who, 'stasiun.alarm', () => ({
      result: null,
      detail: { tidakCocok: hasil.filter((h) => !h.cocok), kepalaInduk: chainHead(ctx.db) },
    }))
  }
  return { cocok, kepala: chainHead(ctx.db), hasil }
}

/**
 * The heads a station proved go to the witness journal (services/saksi.ts), so `verify` holds the file to
 * them after the station is gone: the newest head that held (the chain vouches for every row before it)
 * and each that did not. Once per station and row: a station proves the same heads on every reconnection.
 */
function catatSaksiStasiun(ctx: ReadContext, nama: string, hasil: HasilBukti['hasil']): void {
  const label = `stasiun ${nama}`
  const held = hasil.filter((h) => h.cocok && h.seq > 0).sort((a, b) => b.seq - a.seq)
  const heads = [...held.slice(0, 1), ...hasil.filter((h) => !h.cocok)]
  if (heads.length === 0) return
  const known = new Set(
    saksi
      .daftar(ctx)
      .filter((e) => e.label === label)
      .map((e) => `${e.ledger.seq}:${e.ledger.hash}`),
  )
  for (const h of heads)
    if (!known.has(`${h.seq}:${h.hash}`))
      saksi.catat(ctx, {
        jenis: 'stasiun',
        label,
        jejak: { seq: 0, hash: GENESIS_HASH },
        ledger: { seq: h.seq, hash: h.hash },
      })
}

export interface Alarm {
  at: string
  oleh: string
  pesan: string
}

/** The latest failed witness checks, for the host's banner. */
export function daftarAlarm(ctx: ReadContext, limit = 20): Alarm[] {
  return db.recentAlarms(ctx.db, limit).map((a) => {
    const detail = JSON.parse(a.detail) as { tidakCocok: { seq: number }[] }
    const seqs = detail.tidakCocok.map((t) => t.seq).join(', ')
    return {
      at: a.at,
      oleh: a.actor,
      pesan: `${a.actor} melihat buku besar yang berbeda pada urutan ${seqs}: isi berkas di komputer induk tidak sama dengan yang pernah dilihat stasiun`,
    }
  })
}

/** Forgets idempotency answers older than seven days. */
export function lupakanJawabanLama(ctx: ServiceContext): number {
  return db.forgetAnswersBefore(ctx.db, new Date(ctx.now().getTime() - SIMPAN_JAWABAN_MS).toISOString())
}
