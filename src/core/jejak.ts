/**
 * The jejak (audit) chain (issue 15): every write's audit row is chained to the one before and commits to
 * the ledger head after the write and to the digests of the evidence tables the write changed. Its head
 * (kepala jejak) is what a witness (saksi) holds outside the file.
 */
import { formatAngka } from './terbilang'

/** The fields of a jejak row that its hash covers. */
export interface JejakRowContent {
  seq: number
  at: string
  actor: string
  action: string
  detail: string
  ledgerSeq: number
  ledgerHash: string
  /** JSON object { table: sha256 } of the evidence tables the write changed, keys sorted; null when none. */
  digests: string | null
  prevHash: string
}

export function canonicalJejak(r: JejakRowContent): string {
  return JSON.stringify([
    'gudang-pemilu/jejak/v1',
    r.seq,
    r.at,
    r.actor,
    r.action,
    r.detail,
    r.ledgerSeq,
    r.ledgerHash,
    r.digests,
    r.prevHash,
  ])
}

export interface KepalaJejak {
  seq: number
  hash: string
}

// Crockford's base32: no I, L, O or U, so a code read aloud or written by hand has no look-alikes.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const HASH_CHARS = 9

function checkChar(seq: number, chars: string): string {
  const values = [...String(seq)].map(Number).concat([...chars].map((c) => CROCKFORD.indexOf(c)))
  // Weighted by position: a changed character or two swapped neighbours change the sum.
  const sum = values.reduce((s, v, i) => s + v * (i + 1), 0)
  return CROCKFORD[sum % 32]!
}

/** The first 45 bits of a hex hash as 9 Crockford characters. */
function hashChars(hexHash: string): string {
  let bits = BigInt('0x' + hexHash.slice(0, 12)) >> 3n
  let out = ''
  for (let i = 0; i < HASH_CHARS; i++) {
    out = CROCKFORD[Number(bits & 31n)]! + out
    bits >>= 5n
  }
  return out
}

/**
 * The kode saksi harian: the jejak head as a code easy to read aloud and write in a logbook, e.g.
 * `J-18422-7KQ2M-9XH4C` — the jejak sequence, 9 characters of its hash and a check character.
 */
export function kodeSaksi(head: KepalaJejak): string {
  return formatKodeSaksi({ seq: head.seq, chars: hashChars(head.hash) })
}

/** A code as the app prints it, from its sequence and hash characters (a typed code written back out). */
export function formatKodeSaksi({ seq, chars }: { seq: number; chars: string }): string {
  const all = chars + checkChar(seq, chars)
  return `J-${seq}-${all.slice(0, 5)}-${all.slice(5)}`
}

export type KodeSaksiParsed = { seq: number; chars: string } | { error: string }

/** A typed code, forgiving of case, spaces and the letters Crockford reads as digits (O→0, I/L→1). */
export function parseKodeSaksi(input: string): KodeSaksiParsed {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  const m = /^J(\d{1,12})([0-9A-Z]{10})$/.exec(clean)
  if (!m) return { error: 'Kode saksi harus berbentuk J-<nomor>-XXXXX-XXXXX (contoh J-18422-7KQ2M-9XH4C)' }
  const seq = Number(m[1])
  const body = m[2]!
  if ([...body].some((c) => !CROCKFORD.includes(c))) return { error: 'Kode saksi memuat huruf yang tidak dipakai (U)' }
  const chars = body.slice(0, HASH_CHARS)
  if (checkChar(seq, chars) !== body[HASH_CHARS])
    return { error: 'Huruf pemeriksa kode saksi tidak cocok: periksa lagi salinan kodenya' }
  return { seq, chars }
}

/** Whether a hash is the one a code's characters were taken from. */
export function kodeMatchesHash(chars: string, hexHash: string): boolean {
  return hashChars(hexHash) === chars
}

/**
 * What a verdict of the integrity check rests on outside the file (issue 15). The file can be rewritten
 * consistently, every hash recomputed: with no witness, "utuh" rules out only what was not made
 * consistent, and the verdict must say so (README, "What is promised, and what is not").
 */
export function saksiDicocokkan(witnesses: number): string {
  return witnesses > 0
    ? `${formatAngka(witnesses)} dicocokkan (cadangan, berita acara terbit, kode saksi, stasiun)`
    : 'tidak ada — perubahan yang dibuat konsisten di seluruh berkas (semua hash dihitung ulang) tidak dapat ditemukan tanpa saksi; buat cadangan ke flashdisk dan catat kode saksi dari Beranda'
}
