import * as db from '../db/floorFlows'
import type { ReadContext } from './context'

export type { FloorFlow, FlowFilter } from '../db/floorFlows'

/** The floor's work from the floor_flow aggregate (see db/floorFlows.ts), corrections included. */
export function floorFlows(ctx: ReadContext, filter: db.FlowFilter): db.FloorFlow[] {
  return db.floorFlows(ctx.db, filter)
}
