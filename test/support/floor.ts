import type { MethodInput, MethodOutput } from '../../src/api/contract'
import type { Api } from './api'
import { dayShift } from './inputs'

/**
 * The floor a test starts from, written through the dispatcher the way the forms write it: a delivery
 * counted at the door, a shift opened through the Buka shift dialog, a tally saved: the defaults (a
 * penyedia, a surat jalan; a shift's hours are dayShift's) and the sequence every test would restate.
 */

type Call = Api['call']
type ShiftKind = MethodInput<'shift.buka'>['kind']
type DeliveryLine = MethodInput<'penerimaan.catat'>['lines'][number]

/** Opens a shift as the Buka shift dialog does: dayShift's input (support/inputs.ts) through the dispatcher. */
export function openShift(call: Call, ...input: Parameters<typeof dayShift>): Promise<MethodOutput<'shift.buka'>> {
  return call('shift.buka', dayShift(...input))
}

/** A line as counted at the door: `[variantId, stated]` when all arrived, `[variantId, stated, counted]` when not. */
export type CountedLine = [variantId: number, statedQty: number, countedQty?: number]

/** Numbers the surat jalan of `receive`: a surat jalan recorded twice is refused as the same delivery. */
let deliveries = 0

/**
 * Records a delivery received at `receivedAt` (yyyy-mm-ddThh:mm). Lines are `CountedLine`s, or the
 * contract's own line where a test needs dus or a tertukar.
 */
export function receive(
  call: Call,
  receivedAt: string,
  lines: (CountedLine | DeliveryLine)[],
  more: Partial<MethodInput<'penerimaan.catat'>> = {},
): Promise<MethodOutput<'penerimaan.catat'>> {
  return call('penerimaan.catat', {
    receivedAt,
    penyedia: 'PT Percetakan Contoh',
    suratJalan: `SJ-${receivedAt.slice(0, 10)}-${++deliveries}`,
    lines: lines.map((l) => (Array.isArray(l) ? { variantId: l[0], statedQty: l[1], countedQty: l[2] ?? l[1] } : l)),
    ...more,
  })
}

/** Every active variant delivered in full: `ballots` sheets of each ballot, `others` of everything else. */
export async function receiveEverything(
  call: Call,
  receivedAt: string,
  ballots: number,
  others: number,
  more: Partial<MethodInput<'penerimaan.catat'>> = {},
): Promise<MethodOutput<'barang.daftarVarian'>> {
  const variants = (await call('barang.daftarVarian', {})).filter((v) => v.active)
  await receive(
    call,
    receivedAt,
    variants.map((v): CountedLine => [v.variantId, v.kind === 'ballot' ? ballots : others]),
    more,
  )
  return variants
}

/** One team's row of a tally, as the grid saves it. */
type TallyRow = Omit<MethodInput<'tally.simpan'>['rows'][number], 'teamId'>

/**
 * A warehouse ready to pack, all on `tanggal`: every active variant delivered in full (400.000 of each
 * ballot, 10.000 of everything else), every ballot sorted in one shift (`sorted` is the first team's
 * row for each), then 1.000 kotak and 1.000 bilik assembled; each shift closed. The variants, for the
 * test to pick from.
 */
export async function readyToPack(
  call: Call,
  tanggal: string,
  teamIds: number[],
  sorted: TallyRow = { serahkan: 30_000, hasil: 30_000 },
): Promise<MethodOutput<'barang.daftarVarian'>> {
  const variants = await receiveEverything(call, `${tanggal}T08:00`, 400_000, 10_000)
  const byCode = (code: string) => variants.find((v) => v.itemCode === code)!.variantId
  const work: [ShiftKind, number[], TallyRow][] = [
    ['sortir_lipat', variants.filter((v) => v.kind === 'ballot').map((v) => v.variantId), sorted],
    ['rakit_kotak', [byCode('KOTAK')], { serahkan: 1_000, hasil: 1_000 }],
    ['rakit_bilik', [byCode('BILIK')], { serahkan: 1_000, hasil: 1_000 }],
  ]
  for (const [kind, variantIds, row] of work) {
    const shift = await openShift(call, kind, tanggal, variantIds, teamIds)
    for (const variantId of variantIds)
      await call('tally.simpan', { shiftId: shift.id, variantId, rows: [{ teamId: teamIds[0]!, ...row }] })
    await call('shift.tutup', { shiftId: shift.id, note: '' })
  }
  return variants
}

/** The variant id of each item code (its first variant: the demo has one per code but DPRD). */
export async function variantIdsByCode(call: Call): Promise<Record<string, number>> {
  const ids: Record<string, number> = {}
  for (const v of await call('barang.daftarVarian', {})) ids[v.itemCode] ??= v.variantId
  return ids
}
