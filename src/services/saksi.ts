import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { kodeMatchesHash, kodeSaksi, parseKodeSaksi, type KepalaJejak } from '../core/jejak'
import { refused } from '../core/errors'
import { jejakHead } from '../db/jejak'
import { chainHead } from '../db/ledger'
import { comparePrefix, electionUid, electionUidOfFile, jejakHashAt, ledgerHashAt } from '../db/saksi'
import type { ReadContext } from './context'

/**
 * Witnesses (saksi, issue 15): heads of the jejak chain held outside the election file, which any later
 * state of the file must be consistent with (Certificate Transparency's idea). The witness journal is an
 * append-only JSON-lines file per election in the app's data folder (`<saksiDir>/<election id>.jsonl`),
 * fsynced on every append: issued documents, backups made and kode saksi shown. Backups in the backup
 * folder are witnesses too (their chains must be a prefix of the file's), and so is any typed kode saksi.
 */
export interface SaksiEntry {
  jenis: 'dokumen' | 'cadangan' | 'kode'
  at: string
  /** What a person sees: "BA nomor …", "cadangan 20241104-090000", "kode saksi J-…". */
  label: string
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

/** How the file stands against one held head, in Indonesian; null when consistent. */
export function bandingkanKepala(ctx: ReadContext, e: Pick<SaksiEntry, 'label' | 'jejak' | 'ledger'>): string | null {
  const mineJ = jejakHashAt(ctx.db, e.jejak.seq)
  if (mineJ === null)
    return `Riwayat berbeda dengan saksi ${e.label}: jejak ${e.jejak.seq} tidak ada lagi (riwayat dipotong)`
  if (mineJ !== e.jejak.hash)
    return `Riwayat berbeda dengan saksi ${e.label} mulai jejak ≤ ${e.jejak.seq}${ledgerNote(ctx, e.ledger)}`
  return null
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
  for (const e of daftar(ctx)) {
    if (compared.has(e.label)) continue
    witnesses++
    const p = bandingkanKepala(ctx, e)
    if (p && !problems.includes(p)) problems.push(p)
  }
  return { witnesses, problems }
}

/** Backups compared row by row per folder, the newest by name: a picked folder may hold anything. */
const MAX_BACKUP_WITNESSES = 100

/** The kode saksi of the file's head now, written to the journal as shown. */
export function lihatKode(ctx: ReadContext): { kode: string; seq: number; at: string } {
  const head = jejakHead(ctx.db)
  const kode = kodeSaksi(head)
  // Once per code: the page that shows it asks again on every visit.
  const label = `kode saksi ${kode}`
  if (!daftar(ctx).some((e) => e.label === label)) catat(ctx, { jenis: 'kode', label, jejak: head })
  return { kode, seq: head.seq, at: ctx.now().toISOString() }
}

/** A typed kode saksi (from the logbook, a message to the KPU provinsi) checked against the file. */
export function periksaKode(ctx: ReadContext, input: string): { cocok: boolean; pesan: string } {
  const parsed = parseKodeSaksi(input)
  if ('error' in parsed) throw refused(parsed.error, [{ column: 'kode', message: parsed.error }])
  const hash = jejakHashAt(ctx.db, parsed.seq)
  if (hash === null)
    return {
      cocok: false,
      pesan: `Jejak ${parsed.seq} tidak ada dalam berkas ini: riwayat dipotong atau kode dari berkas lain`,
    }
  if (!kodeMatchesHash(parsed.chars, hash))
    return {
      cocok: false,
      pesan: `Riwayat berbeda dengan saksi kode ${input.trim().toUpperCase()} mulai jejak ≤ ${parsed.seq}`,
    }
  return { cocok: true, pesan: `Kode saksi cocok: riwayat sampai jejak ${parsed.seq} sama dengan yang dicatat` }
}
