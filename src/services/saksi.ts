import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { formatKodeSaksi, kodeMatchesHash, kodeSaksi, parseKodeSaksi, type KepalaJejak } from '../core/jejak'
import { refused } from '../core/errors'
import { jejakHead } from '../db/jejak'
import { chainHead } from '../db/ledger'
import {
  comparePrefix,
  electionUid,
  electionUidOfFile,
  jejakHashAt,
  jejakLastSeq,
  ledgerHashAt,
  ledgerHeadAtJejak,
} from '../db/saksi'
import type { ReadContext } from './context'

/**
 * Witnesses (saksi, issue 15): heads of the jejak chain held outside the election file, which any later
 * state of the file must be consistent with (Certificate Transparency's idea). The witness journal is an
 * append-only JSON-lines file per election in the app's data folder (`<saksiDir>/<election id>.jsonl`),
 * fsynced on every append: issued documents, backups made and kode saksi shown. Backups in the backup
 * folder are witnesses too (their chains must be a prefix of the file's), and so is any typed kode saksi.
 */
export interface SaksiEntry {
  /** pulih: a backup restored, rewinding the history on purpose to its head (see berlaku). */
  jenis: 'dokumen' | 'cadangan' | 'kode' | 'pulih' | 'stasiun'
  at: string
  /** What a person sees: "BA nomor …", "cadangan 20241104-090000", "kode saksi J-…", "stasiun Meja sortir 1". */
  label: string
  /** A LAN station (stasiun.buktikan) saw only the ledger's head: its entry holds the genesis here. */
  jejak: KepalaJejak
  ledger: KepalaJejak
}

function journalFile(ctx: ReadContext): string | null {
  if (!ctx.saksiDir) return null
  const uid = electionUid(ctx.db)
  return uid ? join(ctx.saksiDir, `${uid}.jsonl`) : null
}

/** Appends one witness to the journal and waits for it to reach the disk. Never fails the caller's write. */
export function catat(
  ctx: ReadContext,
  entry: Omit<SaksiEntry, 'jejak' | 'ledger' | 'at'> & Partial<SaksiEntry>,
): void {
  const file = journalFile(ctx)
  if (!file) return
  const full: SaksiEntry = {
    at: entry.at ?? ctx.now().toISOString(),
    jenis: entry.jenis,
    label: entry.label,
    jejak: entry.jejak ?? jejakHead(ctx.db),
    ledger: entry.ledger ?? chainHead(ctx.db),
  }
  try {
    mkdirSync(ctx.saksiDir!, { recursive: true })
    const fd = openSync(file, 'a')
    try {
      writeSync(fd, JSON.stringify(full) + '\n')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // The journal is a second witness; the paper, the backups and the logbook still hold theirs.
  }
}

/** Every entry of this election's journal; lines that do not parse are skipped (a torn last line). */
export function daftar(ctx: ReadContext): SaksiEntry[] {
  const file = journalFile(ctx)
  if (!file || !existsSync(file)) return []
  const out: SaksiEntry[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    try {
      out.push(JSON.parse(line) as SaksiEntry)
    } catch {
      // skipped
    }
  }
  return out
}

/**
 * The entries that still witness this file's history, and the labels of those that do not. A restore
 * rewinds the history on purpose to the restored backup's head (a 'pulih' entry); what was witnessed
 * before it beyond that head — a newer backup, a code shown, a paper — belongs to the history put aside
 * (kept as the …-sebelum-pulih file), and checking the file against it would be a false alarm.
 */
export function berlaku(entries: readonly SaksiEntry[]): { entries: SaksiEntry[]; putAside: Set<string> } {
  const keep: SaksiEntry[] = []
  const putAside = new Set<string>()
  let limit = Infinity
  // A LAN station witnessed the ledger only: its head is held against the restored ledger head.
  let ledgerLimit = Infinity
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!
    if (e.jenis === 'stasiun' ? e.ledger.seq > ledgerLimit : e.jejak.seq > limit) putAside.add(e.label)
    else keep.push(e)
    if (e.jenis === 'pulih') {
      limit = Math.min(limit, e.jejak.seq)
      ledgerLimit = Math.min(ledgerLimit, e.ledger.seq)
    }
  }
  return { entries: keep.reverse(), putAside }
}

/** How the file stands against one held head, in Indonesian; null when consistent. */
export function bandingkanKepala(
  ctx: ReadContext,
  e: Pick<SaksiEntry, 'label' | 'jejak' | 'ledger'> & Partial<Pick<SaksiEntry, 'jenis'>>,
): string | null {
  if (e.jenis === 'stasiun') return bandingkanBukuBesar(ctx, e)
  const mineJ = jejakHashAt(ctx.db, e.jejak.seq)
  if (mineJ === null)
    return `Riwayat berbeda dengan saksi ${e.label}: jejak ${e.jejak.seq} tidak ada lagi (riwayat dipotong)`
  if (mineJ !== e.jejak.hash)
    return `Riwayat berbeda dengan saksi ${e.label} mulai jejak ≤ ${e.jejak.seq}${ledgerNote(ctx, e.ledger)}`
  return null
}

/** A station's witness: the ledger row it saw must still be there with the same hash. */
function bandingkanBukuBesar(ctx: ReadContext, e: Pick<SaksiEntry, 'label' | 'ledger'>): string | null {
  const mine = ledgerHashAt(ctx.db, e.ledger.seq)
  if (mine === null)
    return `Riwayat berbeda dengan saksi ${e.label}: buku besar baris ${e.ledger.seq} tidak ada lagi (riwayat dipotong)`
  return mine === e.ledger.hash
    ? null
    : `Riwayat berbeda dengan saksi ${e.label} mulai baris buku besar ≤ ${e.ledger.seq}`
}

function ledgerNote(ctx: ReadContext, ledger: KepalaJejak): string {
  const mine = ledgerHashAt(ctx.db, ledger.seq)
  if (mine === null) return `; buku besar baris ${ledger.seq} tidak ada lagi`
  return mine === ledger.hash ? '' : `; buku besar berbeda mulai baris ≤ ${ledger.seq}`
}

/**
 * Every witness available checked against the file: the backups first (row by row, so the first differing
 * row is exact) — in the app's backup folder and in every folder picked for backups that is there now (a
 * USB stick plugged in later) —, then the journal's entries (a head each) not already checked that way.
 */
export function periksaSemua(
  ctx: ReadContext,
  backupFolder: string | null,
  pickedFolders: readonly string[] = [],
): { witnesses: number; problems: string[] } {
  const problems: string[] = []
  const compared = new Set<string>()
  const journal = berlaku(daftar(ctx))
  let witnesses = 0
  const mine = electionUid(ctx.db)
  const folders = [backupFolder, ...pickedFolders].filter((f): f is string => f !== null && existsSync(f))
  for (const folder of folders) {
    const where = folder === backupFolder ? '' : ` di ${folder}`
    let names: string[]
    try {
      names = readdirSync(folder).filter((n) => n.endsWith('.sqlite') && !n.includes('sebelum-pulih'))
    } catch {
      continue
    }
    for (const n of names.sort().slice(-MAX_BACKUP_WITNESSES)) {
      if (journal.putAside.has(`cadangan ${n}`)) continue
      try {
        // A picked folder (a USB stick) may hold other elections' backups: only this election's are witnesses.
        if (where && electionUidOfFile(join(folder, n)) !== mine) continue
        const c = comparePrefix(ctx.db, join(folder, n))
        witnesses++
        const label = `cadangan ${n}`
        compared.add(label)
        if (c.firstLedger !== null)
          problems.push(`Riwayat berbeda dengan saksi ${label}${where} mulai baris buku besar ${c.firstLedger}`)
        else if (c.firstJejak !== null)
          problems.push(`Riwayat berbeda dengan saksi ${label}${where} mulai jejak ${c.firstJejak}`)
      } catch {
        // A damaged backup, or a file of another election, is no witness; the backup list names it.
      }
    }
  }
  for (const e of journal.entries) {
    if (compared.has(e.label)) continue
    witnesses++
    const p = bandingkanKepala(ctx, e)
    if (p && !problems.includes(p)) problems.push(p)
  }
  return { witnesses, problems }
}

/** Backups compared row by row per folder, the newest by name: a picked folder may hold anything. */
const MAX_BACKUP_WITNESSES = 100

/** Writes a code's head to the journal once: the pages and papers that show it ask again and again. */
function catatKodeSekali(ctx: ReadContext, label: string, head: KepalaJejak, ledger?: KepalaJejak): void {
  if (!daftar(ctx).some((e) => e.label === label && e.jejak.seq === head.seq))
    catat(ctx, { jenis: 'kode', label, jejak: head, ...(ledger ? { ledger } : {}) })
}

/** The kode saksi of the file's head now, written to the journal as shown. */
export function lihatKode(ctx: ReadContext): { kode: string; seq: number; at: string } {
  const head = jejakHead(ctx.db)
  const kode = kodeSaksi(head)
  catatKodeSekali(ctx, `kode saksi ${kode}`, head)
  return { kode, seq: head.seq, at: ctx.now().toISOString() }
}

/**
 * The kode saksi printed on a paper made now from the file as it is (the rekap harian), written to the
 * journal as shown; null before the chain's first row.
 */
export function kodeTercetak(ctx: ReadContext): string | null {
  const head = jejakHead(ctx.db)
  if (head.seq === 0) return null
  const kode = kodeSaksi(head)
  catatKodeSekali(ctx, `kode saksi ${kode}`, head)
  return kode
}

export type HasilKode = 'cocok' | 'berbeda' | 'tidak-dikenal'

/**
 * A typed kode saksi (from the logbook, a paper, a message to the KPU provinsi) checked against the file.
 * A code holds 45 bits of one jejak row's hash, so a mismatch says only that the history differs at or
 * before that row; the last witness of the journal that still holds bounds it from below, which names the
 * rows (jejak and buku besar) where the difference lies. A code that holds is written to the journal: a
 * head held outside the file from now on. One that does not is not (it may be mistyped or another
 * election's), and the person who typed it sees the finding.
 */
export function periksaKode(
  ctx: ReadContext,
  input: string,
): { cocok: boolean; hasil: HasilKode; seq: number; pesan: string } {
  const parsed = parseKodeSaksi(input)
  if ('error' in parsed) throw refused(parsed.error, [{ column: 'kode', message: parsed.error }])
  const { seq } = parsed
  const kode = formatKodeSaksi(parsed)
  const hash = jejakHashAt(ctx.db, seq)
  if (hash === null) {
    const last = jejakLastSeq(ctx.db)
    return {
      cocok: false,
      hasil: 'tidak-dikenal',
      seq,
      pesan:
        seq > last
          ? `Kode saksi ${kode} menyebut jejak ${seq}, tetapi berkas ini baru sampai jejak ${last}: riwayat sesudah jejak ${last} dipotong, atau kode berasal dari berkas pemilihan lain`
          : `Jejak ${seq} tidak ada dalam berkas ini: riwayat dipotong atau kode berasal dari berkas pemilihan lain`,
    }
  }
  if (!kodeMatchesHash(parsed.chars, hash)) {
    const bound = saksiCocokTerakhir(ctx, seq)
    const from = bound ? bound.jejak.seq + 1 : 1
    const ledgerFrom = (bound?.ledger.seq ?? 0) + 1
    const ledgerTo = ledgerHeadAtJejak(ctx.db, seq)?.seq ?? 0
    return {
      cocok: false,
      hasil: 'berbeda',
      seq,
      pesan:
        `Kode saksi ${kode} tidak cocok: riwayat berbeda dengan saksi kode ${kode} mulai jejak ${from} sampai jejak ${seq} ` +
        `(${bound ? `jejak ${bound.jejak.seq} masih cocok dengan ${bound.label}` : 'tidak ada saksi lebih awal yang masih cocok'}); ` +
        (ledgerTo >= ledgerFrom
          ? `yang dapat terdampak: buku besar baris ${ledgerFrom} sampai ${ledgerTo} dan data induk yang diubah pada jejak itu`
          : 'buku besar tidak bertambah pada jejak itu: yang berbeda data induk, pengguna, pengaturan atau jejak itu sendiri'),
    }
  }
  const head = { seq, hash }
  catatKodeSekali(ctx, `kode saksi ${kode} (diketik)`, head, ledgerHeadAtJejak(ctx.db, seq) ?? undefined)
  return {
    cocok: true,
    hasil: 'cocok',
    seq,
    pesan: `Kode saksi cocok: riwayat sampai jejak ${seq} sama dengan yang dicatat; kode ini kini disimpan sebagai saksi`,
  }
}

/** The journal's witness of the highest row below `seq` that the file still agrees with. */
function saksiCocokTerakhir(ctx: ReadContext, seq: number): SaksiEntry | null {
  let best: SaksiEntry | null = null
  for (const e of berlaku(daftar(ctx)).entries) {
    if (e.jejak.seq >= seq || (best && e.jejak.seq <= best.jejak.seq)) continue
    if (jejakHashAt(ctx.db, e.jejak.seq) === e.jejak.hash) best = e
  }
  return best
}
