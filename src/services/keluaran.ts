import { mkdirSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { refused } from '../core/errors'

/**
 * Where long jobs put the files they make (a kabupaten's labels, its daftar isi): beside the database,
 * in keluaran/<name>/, so a printout too big to pass through the window is still one folder away, and
 * stays there after the app closes.
 */
export function outputsDir(dbPath: string): string {
  if (dbPath === ':memory:') throw refused('Basis data di memori tidak memiliki folder keluaran')
  return join(dirname(resolve(dbPath)), 'keluaran', basename(dbPath, extname(dbPath)))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A new file's path in the outputs folder: <stem>-<YYYYMMDD-HHMMSS>.<ext>, never an existing name. */
export function outputPath(dbPath: string, stem: string, ext: string, now: Date): string {
  const dir = outputsDir(dbPath)
  mkdirSync(dir, { recursive: true })
  const at = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  return join(dir, `${stem}-${at}.${ext}`)
}
