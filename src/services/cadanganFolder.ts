import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { refused } from '../core/errors'
import { writeJsonWhole } from './tempFile'

/**
 * The folders besides the app's own backup folder that backups may be read from or written to: only
 * those a person picked (issue 15: `cadangan.daftar` opened every *.sqlite in any folder an API caller
 * named). The desktop app adds a folder when it is chosen in the system's folder dialog; browser mode
 * and the CLI, which have no dialog, through `cadangan.pilihFolder`, which needs an admin. Remembered
 * beside the backup folder (`cadangan/.<name>-folder.json`), with who picked it and when; a USB stick
 * picked once is read again whenever it is plugged in (and is then a witness, services/saksi.ts).
 */
export interface FolderDipilih {
  folder: string
  at: string
  oleh: string
}

const registry = (backupDir: string) => join(dirname(backupDir), `.${basename(backupDir)}-folder.json`)

/** One file or folder, however the path is written: compared as the system resolves it; on Windows without regard to case. */
export const samePath = (a: string, b: string) =>
  process.platform === 'win32' ? resolve(a).toLowerCase() === resolve(b).toLowerCase() : resolve(a) === resolve(b)

export function folderDipilih(backupDir: string): FolderDipilih[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(registry(backupDir), 'utf8'))
    return Array.isArray(parsed)
      ? parsed.filter(
          (f): f is FolderDipilih => !!f && typeof f === 'object' && typeof (f as FolderDipilih).folder === 'string',
        )
      : []
  } catch {
    return []
  }
}

/** Remembers a picked folder (once); answers every picked folder. */
export function ingatFolder(backupDir: string, folder: string, oleh: string, at: Date): FolderDipilih[] {
  const all = folderDipilih(backupDir)
  if (all.some((f) => samePath(f.folder, folder))) return all
  const next = [...all, { folder: resolve(folder), at: at.toISOString(), oleh }]
  const file = registry(backupDir)
  try {
    writeJsonWhole(file, next, 1)
  } catch (err) {
    throw refused(`Folder ${folder} tidak dapat dicatat sebagai folder cadangan: ${(err as Error).message}`, [
      { column: 'folder', message: 'Tidak dapat dicatat' },
    ])
  }
  return next
}

/**
 * The folder a backup method may use: the app's backup folder, or one picked before. Any other folder
 * named in a call is refused, so no caller can make the app open files wherever it likes.
 */
export function izinkanFolder(backupDir: string, folder: string | undefined): string {
  if (!folder || samePath(folder, backupDir)) return backupDir
  const picked = folderDipilih(backupDir).find((f) => samePath(f.folder, folder))
  if (picked) return picked.folder
  throw refused(
    `Folder ${folder} belum pernah dipilih sebagai folder cadangan. Pilih foldernya lewat tombol "Pilih folder…" (jendela pemilih folder) terlebih dahulu; aplikasi hanya membaca folder cadangannya sendiri dan folder yang dipilih.`,
    [{ column: 'folder', message: 'Folder belum dipilih' }],
  )
}

/** Picked folders that are there now (a USB stick plugged in): the witnesses to check beside the app's own. */
export function folderTersedia(backupDir: string): string[] {
  return folderDipilih(backupDir)
    .map((f) => f.folder)
    .filter((f) => existsSync(f))
}
