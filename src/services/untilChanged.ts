import { changeStamp } from '../db/changeStamp'
import type { ReadContext } from './context'

/**
 * Figures computed from the whole file and kept, per connection, until anything in the file changes
 * (db/changeStamp.ts). The dashboard's figures are several passes over a million-row ledger's aggregates,
 * the kits of every TPS and the floor's shifts and targets: a stamp covering every write keeps them from
 * ever being stale without listing, and keeping up to date, which tables each one reads. The price is a
 * recomputation after writes that change none of their inputs (a draft typed on the floor).
 *
 * What is kept is frozen: a caller that changed it would change every later answer. A restore opens a
 * new connection, which starts with nothing kept.
 */
const kept = new WeakMap<object, Map<string, { stamp: string; value: unknown }>>()

export function untilChanged<T>(ctx: ReadContext, key: string, compute: () => T): T {
  const stamp = changeStamp(ctx.db)
  if (stamp === null) return compute()
  let mine = kept.get(ctx.db)
  if (!mine) kept.set(ctx.db, (mine = new Map()))
  const hit = mine.get(key)
  if (hit?.stamp === stamp) return hit.value as T
  const value = deepFreeze(compute())
  mine.set(key, { stamp, value })
  return value
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  // Without Object.values: 15,000 kits would allocate as many arrays only to be walked once.
  if (Array.isArray(value)) for (const v of value) deepFreeze(v)
  else for (const k in value) deepFreeze((value as Record<string, unknown>)[k])
  return value
}
