import { mkdirSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { refused } from '../core/errors'
import { stempelBerkas } from './clock'
import type { ReadContext } from './context'

/**
 * Where long jobs put the files they make (a kabupaten's labels, its daftar isi): beside the database,
 * in keluaran/<name>/, so a printout too big to pass through the window is still one folder away, and
 * stays there after the app closes.
 */
export function outputsDir(dbPath: string): string {
  if (dbPath === ':memory:') throw refused('Basis data di memori tidak memiliki folder keluaran')
  return join(dirname(resolve(dbPath)), 'keluaran', basename(dbPath, extname(dbPath)))
}

/**
 * A new file's path in the outputs folder: <stem>-<YYYYMMDD-HHMMSS>.<ext>, stamped now on the warehouse
 * wall (the satker's zone, not the PC's), never an existing name.
 */
export function outputPath(ctx: ReadContext, stem: string, ext: string): string {
  const dir = outputsDir(ctx.dbPath)
  mkdirSync(dir, { recursive: true })
  return join(dir, `${stem}-${stempelBerkas(ctx, ctx.now())}.${ext}`)
}
