/**
 * Files being written go under a temporary name beside their target and are renamed when complete, so a
 * reader never sees half a file. The name carries its writer (process and thread), so when a long job's
 * worker is stopped mid-write, what it left behind can be found and removed without touching another
 * writer's files.
 */
const SUFFIX = '.tmp'

export const tempName = (target: string, owner: string): string => `.${target}.${owner}${SUFFIX}`

/** True for a temporary file written by `owner`, and for SQLite's -wal/-shm/-journal beside it. */
export function isTempOf(name: string, owner: string): boolean {
  const bare = name.replace(/-(wal|shm|journal)$/, '')
  return bare.startsWith('.') && bare.endsWith(`.${owner}${SUFFIX}`)
}
