import { readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { isTempOf, tempName } from '../core/tempName'

/** This thread as a writer of temporary files: a job's worker thread has its own. */
export const tempOwner = (thread = threadId, pid = process.pid): string => `p${pid}t${thread}`

/** Where to write `target` until it is complete. */
export const tempPathFor = (target: string): string => join(dirname(target), tempName(basename(target), tempOwner()))

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
