import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { AppError, refused } from '../core/errors'
import { chainHead } from '../db/ledger'
import { inspectDatabaseFile, settleBackupFile } from '../db/inspect'
import { LATEST_SCHEMA_VERSION } from '../db/migrations'
import { openDatabase } from '../db/open'
import type { OnProgress } from '../core/progress'
import type { Cadangan, CadanganBaru, CadanganDipulihkan } from '../api/contract/cadangan'
import { satkerName } from '../db/pemilihan'
import { stempelBerkas, zonaWaktu } from './clock'
import { tanggalJamDi, type ZonaWaktu } from '../core/zonaWaktu'
import type { ReadContext, ServiceContext } from './context'
import * as saksi from './saksi'
import { tempPathFor, writeJsonWhole } from './tempFile'
import { fileHeaderProblem } from '../db/fileHeader'
import { folderDipilih, ingatFolder, izinkanFolder, samePath, type FolderDipilih } from './cadanganFolder'

/**
 * Backups with SQLite's own backup API (never a file copy: with WAL a copied file can be half a
 * transaction), each checked with integrity_check and the ledger's hash chain before it counts. Kept
 * beside the database in cadangan/<name>/, thinned the way Actual Budget does: every backup of today
 * up to a limit, one per older day, a bounded total. Restoring keeps the current file for undo.
 */
export type BackupReason = 'mulai' | 'berkala' | 'migrasi' | 'tutup' | 'manual' | 'sebelum-pulih'

export const RETENTION = { today: 10, days: 30, total: 45 }

/** Pages copied per step of SQLite's backup: large steps finish sooner; the copy runs in a job's worker. */
const BACKUP_PAGES_PER_STEP = 4096

const stem = (dbPath: string) => basename(dbPath, extname(dbPath))

export function backupDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), 'cadangan', stem(dbPath))
}

/**
 * A backup's name that no file has yet: the clock to the second on the warehouse wall (the satker's zone,
 * never the PC's: the name is how a backup's time is read, on screen and in a folder), then a counter, so
 * two backups (or two restores' undo files) in the same second both stay. Neither a -wal nor a -shm of that
 * name may exist.
 */
function freeName(dir: string, base: string, stamp: string, reason: BackupReason): string {
  const taken = (f: string) => existsSync(f) || existsSync(`${f}-wal`) || existsSync(`${f}-shm`)
  let file = join(dir, `${base}-${stamp}-${reason}.sqlite`)
  for (let i = 2; taken(file); i++) file = join(dir, `${base}-${stamp}-${i}-${reason}.sqlite`)
  return file
}

const NAME = /^(.+)-(\d{8})-(\d{6})(?:-\d+)?-([a-z-]+)\.sqlite$/

function parseName(name: string): { day: string; at: string; reason: string } | null {
  const m = name.match(NAME)
  if (!m) return null
  const [d, t] = [m[2]!, m[3]!]
  return {
    day: d,
    at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}`,
    reason: m[4]!,
  }
}

/**
 * What a backup's name and file say without opening it: when (on the warehouse wall: from the name, else
 * the file's modification time in the satker's zone), why, how big. Not yet checked.
 */
function inspectName(file: string, name = basename(file), zona: ZonaWaktu = 'WIB'): Cadangan {
  const meta = parseName(name)
  const st = statSync(file)
  const mtime = new Date(st.mtimeMs)
  return {
    file,
    name,
    at: meta?.at ?? `${tanggalJamDi(mtime, zona)}:${String(mtime.getUTCSeconds()).padStart(2, '0')}`,
    reason: meta?.reason ?? 'lain',
    bytes: st.size,
    ok: false,
    problem: null,
    ledgerRows: 0,
    chainHead: '',
    schemaVersion: 0,
    satker: null,
  }
}

/**
 * Opens a backup by itself and checks it: SQLite's integrity check, then every link of the ledger chain.
 * `name` is the name it has (or will have, for a backup still under its temporary name).
 */
export function inspectBackup(
  file: string,
  name = basename(file),
  onProgress?: OnProgress,
  zona: ZonaWaktu = 'WIB',
): Cadangan {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw refused(`Berkas cadangan ${name} tidak ditemukan`, [
      { column: 'file', message: `Tidak ada berkas di ${file}` },
    ])
  }
  const base = inspectName(file, name, zona)
  // The first bytes before SQLite: a 0-byte, foreign or cut-short file is named without opening it.
  const header = fileHeaderProblem(file)
  if (header) return { ...base, problem: header }
  const check = inspectDatabaseFile(file, onProgress)
  if (check.error) return { ...base, problem: `Berkas tidak dapat dibaca: ${check.error}` }
  if (check.integrity !== 'ok') return { ...base, problem: `Pemeriksaan SQLite gagal: ${check.integrity}` }
  return {
    ...base,
    ok: check.chain?.problem === null,
    problem: check.chain?.problem ?? null,
    ledgerRows: check.chain?.rows ?? 0,
    chainHead: check.chain?.head ?? '',
    schemaVersion: check.schemaVersion,
    satker: check.satker,
  }
}

/**
 * What a check found, remembered per backup file by size and modification time: a backup is checked once
 * (when made, or when first listed), not on every look at the list — at a million ledger rows a check
 * takes seconds, and the folder holds dozens. A file that changed is checked again; restoring always
 * checks the chosen file afresh.
 */
type CheckVerdict = Pick<Cadangan, 'ok' | 'problem' | 'ledgerRows' | 'chainHead' | 'schemaVersion' | 'satker'>
type CheckCache = Record<string, { size: number; mtimeMs: number; verdict: CheckVerdict }>

const cacheFile = (dbPath: string) => join(dirname(backupDir(dbPath)), `.${stem(dbPath)}-periksa.json`)

function readCache(dbPath: string): CheckCache {
  try {
    const parsed: unknown = JSON.parse(readFileSync(cacheFile(dbPath), 'utf8'))
    return parsed && typeof parsed === 'object' ? (parsed as CheckCache) : {}
  } catch {
    return {}
  }
}

function writeCache(dbPath: string, cache: CheckCache): void {
  const file = cacheFile(dbPath)
  try {
    writeJsonWhole(file, cache)
  } catch {
    // Only a cache: the next listing checks again.
  }
}

const verdictOf = ({ ok, problem, ledgerRows, chainHead, schemaVersion, satker }: Cadangan): CheckVerdict => ({
  ok,
  problem,
  ledgerRows,
  chainHead,
  schemaVersion,
  satker,
})

function remember(dbPath: string, info: Cadangan): void {
  const st = statSync(info.file)
  writeCache(dbPath, {
    ...readCache(dbPath),
    [info.file]: { size: st.size, mtimeMs: st.mtimeMs, verdict: verdictOf(info) },
  })
}

/**
 * How much one listing may open (issue 15): a folder may hold anything. The newest files first, at most
 * LIST_LIMITS.files of them, none larger than LIST_LIMITS.bytes, and checking stops after LIST_LIMITS.ms
 * (what was checked is remembered, so the next look goes on where this one stopped). Every file beyond a
 * limit is still listed, with the limit as its problem.
 */
export const LIST_LIMITS = { files: 100, bytes: 4 * 1024 ** 3, ms: 20_000 }

/**
 * Backups of this database (or in a picked folder), newest first, each checked once; `zona` is the satker's
 * (the time of a file whose name carries none).
 */
export function daftar(
  dbPath: string,
  folder?: string,
  onProgress?: OnProgress,
  limits = LIST_LIMITS,
  zona: ZonaWaktu = 'WIB',
): Cadangan[] {
  const dir = izinkanFolder(backupDir(dbPath), folder)
  if (!existsSync(dir)) return []
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.sqlite') && !n.startsWith('.'))
    // The election file itself is no backup, and reading it with node:fs would drop SQLite's locks on it.
    .filter((n) => !samePath(join(dir, n), dbPath))
    .filter((n) => {
      try {
        return statSync(join(dir, n)).isFile()
      } catch {
        return false
      }
    })
    .map((n) => ({ n, at: inspectName(join(dir, n), n, zona).at }))
    .sort((a, b) => b.at.localeCompare(a.at) || b.n.localeCompare(a.n))
    .map((x) => x.n)
  const cache = readCache(dbPath)
  let changed = false
  const started = Date.now()
  const gb = (b: number) => `${(b / 1024 ** 3).toLocaleString('id-ID', { maximumFractionDigits: 1 })} GB`
  const out = names.map((n, i) => {
    const file = join(dir, n)
    const st = statSync(file)
    const hit = cache[file]
    onProgress?.({ done: i, total: names.length, unit: 'cadangan', current: n })
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs)
      return { ...inspectName(file, n, zona), ...hit.verdict }
    const skip = (problem: string): Cadangan => ({ ...inspectName(file, n, zona), problem })
    if (i >= limits.files)
      return skip(
        `Tidak diperiksa: folder ini berisi ${names.length} berkas .sqlite; hanya ${limits.files} yang terbaru diperiksa`,
      )
    if (st.size > limits.bytes)
      return skip(
        `Tidak diperiksa: berkas ${gb(st.size)} melewati batas ${gb(limits.bytes)} untuk pemeriksaan cadangan`,
      )
    if (Date.now() - started > limits.ms)
      return skip(
        `Belum diperiksa: batas waktu daftar cadangan (${limits.ms / 1000} detik) habis; buka daftar lagi untuk melanjutkan`,
      )
    const info = inspectBackup(file, n, undefined, zona)
    cache[file] = { size: st.size, mtimeMs: st.mtimeMs, verdict: verdictOf(info) }
    changed = true
    return info
  })
  // Forget files of this folder that are gone (thinned, moved away).
  for (const f of Object.keys(cache)) {
    if (dirname(f) === dir && !names.includes(basename(f))) {
      delete cache[f]
      changed = true
    }
  }
  if (changed) writeCache(dbPath, cache)
  return out
}

/** A folder a person chose for backups (a USB stick): from then on it may be listed and written to. */
export function pilihFolder(dbPath: string, folder: string, oleh: string, at: Date): FolderDipilih[] {
  if (dbPath === ':memory:') throw refused('Basis data di memori tidak mempunyai folder cadangan')
  return ingatFolder(backupDir(dbPath), folder, oleh, at)
}

/** The folders chosen for backups, and whether each is there now (a USB stick plugged in). */
export function daftarFolder(dbPath: string): (FolderDipilih & { ada: boolean })[] {
  if (dbPath === ':memory:') return []
  return folderDipilih(backupDir(dbPath)).map((f) => ({ ...f, ada: existsSync(f.folder) }))
}

/** Which backups to keep: the newest `today` of today, the newest one of each of the last `days` days, at most `total`. */
export function backupsToDrop(names: readonly string[], today: string, limits = RETENTION): string[] {
  const parsed = names
    .map((n) => ({ n, p: parseName(n) }))
    .filter((x): x is { n: string; p: NonNullable<ReturnType<typeof parseName>> } => x.p !== null)
  parsed.sort((a, b) => b.p.at.localeCompare(a.p.at) || b.n.localeCompare(a.n))
  const keep = new Set<string>()
  const days = new Set<string>()
  let todayKept = 0
  for (const { n, p } of parsed) {
    if (keep.size >= limits.total) break
    if (p.day === today) {
      if (todayKept < limits.today) {
        keep.add(n)
        todayKept++
      }
    } else if (!days.has(p.day) && days.size < limits.days) {
      days.add(p.day)
      keep.add(n)
    }
  }
  return parsed.filter((x) => !keep.has(x.n)).map((x) => x.n)
}

/**
 * Makes a backup of the open database into `folder` (default: its cadangan folder), verifies it, and
 * thins the default folder. A backup that fails its check is deleted and reported, never kept as if good.
 */
export async function buat(
  ctx: ReadContext,
  reason: BackupReason,
  folder?: string,
  onProgress?: OnProgress,
): Promise<CadanganBaru> {
  if (ctx.dbPath === ':memory:') throw refused('Basis data di memori tidak dapat dicadangkan')
  const dir = izinkanFolder(backupDir(ctx.dbPath), folder)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (err) {
    throw refused(`Folder cadangan ${dir} tidak dapat dibuat: ${(err as Error).message}`, [
      { column: 'folder', message: 'Tidak dapat ditulis' },
    ])
  }
  const stamp = stempelBerkas(ctx, ctx.now())
  const file = freeName(dir, stem(ctx.dbPath), stamp, reason)
  // Written, settled and checked under a temporary name: only a checked backup ever carries a backup's name.
  const tmp = tempPathFor(file)
  const removeTmp = () => {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true })
  }
  try {
    await ctx.db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.({
          done: totalPages - remainingPages,
          total: totalPages,
          unit: 'halaman',
          current: 'Menyalin basis data',
        })
        return BACKUP_PAGES_PER_STEP
      },
    })
    settleBackupFile(tmp)
  } catch (err) {
    removeTmp()
    throw refused(`Cadangan tidak dapat ditulis ke ${dir}: ${(err as Error).message}`, [
      { column: 'folder', message: 'Gagal menulis' },
    ])
  }
  const checked = inspectBackup(
    tmp,
    basename(file),
    onProgress && ((p) => onProgress({ ...p, current: 'Memeriksa cadangan' })),
  )
  if (!checked.ok) {
    removeTmp()
    throw new AppError('DATABASE', `Cadangan yang baru dibuat gagal diperiksa dan dihapus: ${checked.problem}`)
  }
  renameSync(tmp, file)
  // The backup is a witness: its heads go to the journal outside the file.
  saksi.catat(ctx, { jenis: 'cadangan', label: `cadangan ${basename(file)}` })
  const info = { ...checked, file }
  remember(ctx.dbPath, info)
  const dropped = dir !== backupDir(ctx.dbPath) ? [] : backupsToDrop(readdirSync(dir), stamp.slice(0, 8))
  for (const n of dropped) rmSync(join(dir, n), { force: true })
  return { ...info, dropped }
}

function currentSatker(ctx: ReadContext): string | null {
  try {
    return satkerName(ctx.db) ?? null
  } catch {
    return null
  }
}

/**
 * Puts a checked backup in place of the database: the current file is closed and moved into the backup
 * folder (so restoring it again undoes this), the backup is copied in (it is a closed, checked file, so a
 * plain copy is exact), migrated if it is older, and reopened. The context then points at it.
 */
/** The backup a restore may read: a file in the app's backup folder or a picked one, nowhere else. */
export function berkasPulihan(dbPath: string, file: string): string {
  const full = resolve(file)
  if (samePath(full, dbPath))
    throw refused('Berkas ini adalah berkas pemilihan yang sedang dibuka, bukan cadangan; pilih berkas cadangan', [
      { column: 'file', message: 'Bukan berkas cadangan' },
    ])
  return join(izinkanFolder(backupDir(dbPath), dirname(full)), basename(full))
}

/** Where the count of wrong admin PINs in recovery mode is kept (services/pemulihanPin.ts): beside the backups. */
export const berkasKunciPin = (dbPath: string): string => join(backupDir(dbPath), `.${stem(dbPath)}-pin-pemulihan.json`)

/** One line per restore, beside the backups: when, who (or why no one was asked), from which file, where the old one went. */
function catatPemulihan(dbPath: string, line: { at: string; oleh: string; dari: string; sebelumnya: string }): void {
  try {
    appendFileSync(join(backupDir(dbPath), `${stem(dbPath)}-pemulihan.log`), JSON.stringify(line) + '\n')
  } catch {
    // The answer still names who restored; the undo file is there either way.
  }
}

export function pulihkan(
  ctx: ServiceContext,
  file: string,
  opts: { trustOpenFile: boolean; oleh: string } = { trustOpenFile: true, oleh: 'sistem' },
): CadanganDipulihkan {
  if (ctx.dbPath === ':memory:') throw refused('Basis data di memori tidak dapat dipulihkan dari cadangan')
  const info = inspectBackup(berkasPulihan(ctx.dbPath, file), undefined, undefined, zonaWaktu(ctx))
  if (!info.ok)
    throw refused(`Cadangan ${info.name} tidak dapat dipulihkan: ${info.problem}`, [
      { column: 'file', message: 'Cadangan rusak atau bukan cadangan Gudang Pemilu' },
    ])
  // The newest version, not the count: the list may have a gap while numbers reserved for other work land.
  const latest = LATEST_SCHEMA_VERSION
  if (info.schemaVersion > latest) {
    throw refused(
      `Cadangan ${info.name} dibuat oleh versi Gudang Pemilu yang lebih baru (skema ${info.schemaVersion}, aplikasi ini ${latest}); perbarui aplikasi dulu`,
      [{ column: 'file', message: 'Versi lebih baru' }],
    )
  }
  // A backup of another satker's election would replace this one's whole count. In recovery mode the
  // open file cannot be trusted to say whose it is, so the check is left to the person restoring.
  const current = opts.trustOpenFile ? currentSatker(ctx) : null
  if (current && info.satker && current !== info.satker) {
    throw refused(`Cadangan ${info.name} milik ${info.satker}, bukan ${current}; tidak ada yang diubah`, [
      { column: 'file', message: 'Satker berbeda' },
    ])
  }
  const dbPath = resolve(ctx.dbPath)
  const dir = backupDir(dbPath)
  mkdirSync(dir, { recursive: true })
  // Stamped before the file is closed: in recovery mode its zone setting, when still readable, else WIB.
  const previous = freeName(dir, stem(dbPath), stempelBerkas(ctx, ctx.now()), 'sebelum-pulih')
  if (ctx.db.open) ctx.db.close()
  // Closing checkpointed the WAL into the main file; anything left beside it is moved along.
  const moved: [string, string][] = []
  const move = (from: string, to: string) => {
    renameSync(from, to)
    moved.push([from, to])
  }
  try {
    if (existsSync(dbPath)) move(dbPath, previous)
    for (const suffix of ['-wal', '-shm']) if (existsSync(dbPath + suffix)) move(dbPath + suffix, previous + suffix)
    // Copied beside, then renamed: a copy cut short never sits at dbPath looking like the election.
    const tmp = tempPathFor(dbPath)
    copyFileSync(info.file, tmp)
    renameSync(tmp, dbPath)
    ctx.db = openDatabase(dbPath, { mustExist: true })
  } catch (err) {
    // Put the file that was there back, so a failed restore changes nothing.
    rmSync(tempPathFor(dbPath), { force: true })
    if (moved.length) rmSync(dbPath, { force: true })
    for (const [from, to] of moved.reverse()) renameSync(to, from)
    if (existsSync(dbPath)) ctx.db = openDatabase(dbPath, { mustExist: true })
    throw new AppError(
      'DATABASE',
      `Pemulihan gagal dan dibatalkan; berkas semula dipakai lagi: ${(err as Error).message}`,
    )
  }
  // The history was rewound on purpose: witnesses made since the backup belong to the file put aside.
  saksi.catat(ctx, { jenis: 'pulih', label: `pemulihan dari cadangan ${info.name}` })
  // The file put aside is now a backup like the others; a suspect file (recovery mode) stays byte for byte.
  if (opts.trustOpenFile && existsSync(previous)) {
    try {
      settleBackupFile(previous)
    } catch {
      // Listing it still works; it only leaves -wal/-shm beside it.
    }
  }
  catatPemulihan(dbPath, { at: ctx.now().toISOString(), oleh: opts.oleh, dari: info.file, sebelumnya: previous })
  return { restored: { ...info, ledgerRows: chainHead(ctx.db).seq }, previous, oleh: opts.oleh }
}
