/**
 * The rules of LAN stations (issue 16) that the host, the station client and the UI share: what each
 * scope (cakupan) lets a station call, how a person on a station is named in the ledger, and the text
 * forms of a pairing code, a certificate fingerprint and a chain head.
 */

export const CAKUPAN = ['tally', 'pintu', 'dasbor', 'penuh'] as const
export type Cakupan = (typeof CAKUPAN)[number]

export const CAKUPAN_LABEL: Record<Cakupan, string> = {
  tally: 'Meja tally (isi tally shift yang terbuka)',
  pintu: 'Pintu (pengemasan, segel, serah terima)',
  dasbor: 'Dasbor (hanya melihat Beranda)',
  penuh: 'Penuh (semua yang diizinkan peran pengguna)',
}

/** The scope in a word, for a table's cell (the label above says what it allows). */
export const CAKUPAN_SINGKAT: Record<Cakupan, string> = {
  tally: 'Meja tally',
  pintu: 'Pintu',
  dasbor: 'Dasbor',
  penuh: 'Penuh',
}

/** What a method is, as far as a scope cares: from its contract entry. */
export interface MethodKind {
  writes: boolean
  long: boolean
}

/**
 * Never from a station, whatever its scope or its user's role: managing stations and the listener (a
 * station must not pair more stations), restoring a backup (it swaps the file under every station) and
 * setting up a file from nothing. These are done at the host's own keyboard.
 */
const HOST_ONLY = new Set([
  'stasiun.daftar',
  'stasiun.tambah',
  'stasiun.ubah',
  'stasiun.cabut',
  'stasiun.buatKodePasang',
  'stasiun.lihatHost',
  'stasiun.aturHost',
  'cadangan.pulihkan',
  'cadangan.buat',
  'cadangan.pilihFolder',
  'pemilihan.buat',
  'pengguna.tambahAdminPertama',
])

/** What every station needs to start: who the file is for, choosing a user, names of items, its own checks. */
const ALWAYS = new Set([
  'pemilihan.lihat',
  'pemilihan.lihatLogo',
  'sistem.lihatStatus',
  'sistem.lihatInfo',
  'sesi.lihat',
  'sesi.masuk',
  'sesi.keluar',
  'pengguna.daftar',
  'barang.daftar',
  'barang.daftarVarian',
  'rusak.daftarAlasan',
  'wilayah.lihatRingkasan',
  'stasiun.lihatSaya',
  'stasiun.buktikan',
  'job.lihat',
  'job.daftar',
  'job.batal',
])

interface ScopeRule {
  /** Namespaces whose reads it may call. */
  reads: readonly string[]
  /** Long reads (PDFs, exports) too, or only the quick ones. */
  longReads: boolean
  /** Writes it may call, by full name. */
  writes: readonly string[]
}

const RULES: Record<Exclude<Cakupan, 'penuh'>, ScopeRule> = {
  // A floor table: the shift it tallies, its teams and workers, and the dashboard figures they watch.
  tally: {
    reads: ['shift', 'regu', 'pekerja', 'rekonsiliasi', 'draf'],
    longReads: false,
    writes: ['tally.simpan', 'draf.simpan', 'draf.hapus'],
  },
  // The door: packing kits, seals, handing over to the PPK (Panitia Pemilihan Kecamatan) and its papers.
  pintu: {
    reads: ['kemas', 'serahTerima', 'wilayah', 'kebutuhan', 'dokumen', 'rekonsiliasi'],
    longReads: true,
    writes: [
      'kemas.catat',
      'kemas.catatSegel',
      'serahTerima.serahkan',
      'serahTerima.konfirmasi',
      'serahTerima.catatPengembalian',
      'dokumen.cetak',
    ],
  },
  // A screen on the wall: Beranda and the lists behind it, never a write.
  dasbor: {
    reads: ['rekonsiliasi', 'kemas', 'serahTerima', 'shift', 'regu', 'wilayah', 'kebutuhan', 'penerimaan'],
    longReads: false,
    writes: [],
  },
}

/**
 * Whether a station of this scope may call the method at all (the user's role is checked as well, by
 * the authorizer). job.mulai is judged by the method it starts, which the dispatcher admits separately.
 */
export function cakupanMengizinkan(cakupan: Cakupan, method: string, kind: MethodKind): boolean {
  if (HOST_ONLY.has(method)) return false
  if (ALWAYS.has(method) || method === 'job.mulai') return true
  if (cakupan === 'penuh') return true
  const rule = RULES[cakupan]
  if (kind.writes) return rule.writes.includes(method)
  if (kind.long && !rule.longReads) return false
  return rule.reads.includes(method.split('.', 1)[0]!)
}

/** Only at the host: a station is told so rather than that its scope is too small. */
export const hanyaDiHost = (method: string): boolean => HOST_ONLY.has(method)

/**
 * Writes a station may send without an idempotency key: signing in and out (nothing of the election is
 * written, and a retried sign-in just signs in again), the witness check, and drafts (a draft written
 * twice is the same draft; it is never a record).
 */
export const tanpaKunciIdempotensi = (method: string): boolean =>
  method.startsWith('sesi.') || method.startsWith('draf.') || method === 'stasiun.buktikan'

/** Verbs that only read (docs/glossary.md); `cetakX` prints a file, while `cetak` alone registers a print. */
const READ_VERB = /^(lihat|daftar|pratinjau|periksa|ekspor|mulai|batal)|^cetak[A-Z]/

/**
 * Whether a station keeps this call in its outbox when the host cannot be reached, and sends it again
 * with the same idempotency key: every write a station makes with a key (not signing in, the witness
 * check or a draft, which only copies what the page still holds), judged by the verb of its name so the
 * UI needs no schema (test/unit/stasiun-antrean.test.ts holds it to the contract's own `writes`).
 */
export const keAntrean = (method: string): boolean =>
  !HOST_ONLY.has(method) && !tanpaKunciIdempotensi(method) && !READ_VERB.test(method.split('.', 2)[1] ?? '')

/** The actor written on every ledger row, audit row and document made from a station. */
export const aktorDiStasiun = (nama: string, stasiun: string): string => `${nama} (${stasiun})`

// ---------------------------------------------------------------------------------------------------
// Pairing codes: 128 random bits in Crockford base32 (26 characters, no I, L, O or U), shown in groups
// so a person can read them out. Typing is forgiving: case, spaces, dashes and the look-alikes I/L (1)
// and O (0) are folded before the code is checked.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const PANJANG_KODE = 26

/** Encodes bytes in Crockford base32 (most significant bit first). */
export function base32(bytes: Uint8Array): string {
  let out = ''
  let acc = 0
  let bits = 0
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      out += CROCKFORD[(acc >>> (bits - 5)) & 31]
      bits -= 5
    }
    acc &= (1 << bits) - 1
  }
  if (bits > 0) out += CROCKFORD[(acc << (5 - bits)) & 31]
  return out
}

/** "K4XQM2PZ…" as "K4XQM-2PZ…": five groups a person can read out and type. */
export function formatKodePasang(kode: string): string {
  return (kode.match(/.{1,5}/g) ?? []).join('-')
}

/** A typed or scanned code back to its 26 characters; null when it cannot be one. */
export function normalKodePasang(text: string): string | null {
  const folded = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  if (folded.length !== PANJANG_KODE) return null
  for (const c of folded) if (!CROCKFORD.includes(c)) return null
  return folded
}

// ---------------------------------------------------------------------------------------------------
// Certificate fingerprints: SHA-256 of the certificate's DER, shown as hex pairs ("AB:CD:…").

/** Hex with or without colons, any case, to 64 lower-case hex digits; null when it is not a SHA-256. */
export function normalSidikJari(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null
}

/** 64 hex digits as upper-case pairs, as node's X509Certificate.fingerprint256 and browsers show it. */
export function formatSidikJari(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':')
}

// ---------------------------------------------------------------------------------------------------
// The pairing link: what the QR code holds. A tablet's camera opens it in the browser, at the host, with
// the code in the fragment (never sent over the network as part of the address); the Electron station
// reads the same text when it is pasted, and pins the fingerprint it carries.

export interface TautanPasang {
  alamat: string
  port: number
  kode: string
  sidikJari: string
}

const hostPart = (alamat: string) => (alamat.includes(':') ? `[${alamat}]` : alamat)

export function buatTautanPasang(t: TautanPasang): string {
  return `https://${hostPart(t.alamat)}:${t.port}/#/pasang?kode=${t.kode}&sidik=${t.sidikJari}`
}

/** Reads a pairing link back; null when the text is not one. */
export function bacaTautanPasang(text: string): TautanPasang | null {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const query = url.hash.split('?', 2)[1]
  if (!url.hash.startsWith('#/pasang') || query === undefined) return null
  const params = new URLSearchParams(query)
  const kode = normalKodePasang(params.get('kode') ?? '')
  const sidikJari = normalSidikJari(params.get('sidik') ?? '')
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  if (!kode || !sidikJari || !Number.isInteger(port)) return null
  return { alamat: url.hostname.replace(/^\[|\]$/g, ''), port, kode, sidikJari }
}

// ---------------------------------------------------------------------------------------------------
// Chain heads as the host sends them with every answer (header X-Gudang-Kepala) and a station keeps them.

export interface Kepala {
  seq: number
  hash: string
}

export const formatKepala = (k: Kepala): string => `${k.seq}:${k.hash}`

export function bacaKepala(text: string | null | undefined): Kepala | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text ?? '')
  return m ? { seq: Number(m[1]), hash: m[2]! } : null
}

/**
 * The heads a station keeps as a witness: the newest, and older ones thinned so that at most `max` stay
 * while still reaching back to the first seen (every other one is dropped when the list is full).
 */
export function simpanKepala(seen: readonly Kepala[], head: Kepala, max = 32): Kepala[] {
  const last = seen.at(-1)
  if (last && last.seq === head.seq && last.hash === head.hash) return [...seen]
  if (last && head.seq < last.seq) return [...seen, head].sort((a, b) => a.seq - b.seq).slice(-max)
  const next = [...seen, head]
  if (next.length <= max) return next
  // Keep the first, the newest, and every other one between.
  return [next[0]!, ...next.slice(1, -1).filter((_, i) => i % 2 === 1), next.at(-1)!]
}

/**
 * A failed witness check as a station shows it (docs/lan.md): loud, naming the rows the host no longer
 * holds as the station saw them. One text for the browser station and the desktop station alike.
 */
export interface AlarmSaksi {
  /** The ledger rows whose head did not hold. */
  seq: number[]
  pesan: string
}

export function alarmSaksi(hasil: readonly { seq: number; cocok: boolean }[]): AlarmSaksi {
  const seq = hasil.filter((h) => !h.cocok).map((h) => h.seq)
  return {
    seq,
    pesan: `Buku besar komputer induk tidak lagi memuat baris yang pernah dilihat stasiun ini (urutan ${seq.join(', ')}). Berkas induk mungkin dipulihkan dari cadangan lama atau diubah. Hentikan pencatatan dan hubungi koordinator.`,
  }
}

/** An alarm as it crosses from the desktop station's main process to its window; null for anything else. */
export function bacaAlarmSaksi(payload: unknown): AlarmSaksi | null {
  const seq = (payload as { seq?: unknown } | null)?.seq
  if (!Array.isArray(seq) || seq.length === 0 || seq.length > 64) return null
  if (!seq.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return null
  return alarmSaksi((seq as number[]).map((n) => ({ seq: n, cocok: false })))
}
