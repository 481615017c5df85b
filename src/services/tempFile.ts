import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { isTempOf, tempName } from '../core/tempName'

/** This thread as a writer of temporary files: a job's worker thread has its own. */
export const tempOwner = (thread = threadId, pid = process.pid): string => `p${pid}t${thread}`

/** Where to write `target` until it is complete. */
export const tempPathFor = (target: string): string => join(dirname(target), tempName(basename(target), tempOwner()))

/**
 * A small JSON file written whole or not at all (its folder made first): a reader never sees half of it.
 * Throws what the file system says; a caller whose file is only a cache ignores it.
 */
export function writeJsonWhole(file: string, value: unknown, space?: number): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = tempPathFor(file)
  writeFileSync(tmp, JSON.stringify(value, null, space))
  renameSync(tmp, file)
}

/** Removes what one writer left half-written in `dir` (a stopped job); returns the names removed. */
export function sweepTempFiles(dir: string, owner: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const gone = names.filter((n) => isTempOf(n, owner))
  for (const n of gone) rmSync(join(dir, n), { force: true })
  return gone
}
