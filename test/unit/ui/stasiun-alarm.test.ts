import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The desktop station's witness alarm, its last hop (docs/lan.md): the preload's onStasiunAlarm (fed by
 * the main process, test/integration/lan-stasiun.test.ts) reaches the station bar's state, which shows it
 * as the large red alarm. The window here is the smallest the UI's modules need: the desktop bridge.
 */
type Listener<T> = (v: T) => void
const alarmListeners = new Set<Listener<{ seq: number[]; pesan: string }>>()
const bridge = {
  invoke: () => Promise.reject(new Error('not used')),
  onPeristiwa: () => () => {},
  onStasiunAlarm(l: Listener<{ seq: number[]; pesan: string }>) {
    alarmListeners.add(l)
    return () => alarmListeners.delete(l)
  },
}
const g = globalThis as { window?: unknown }
const before = g.window

beforeAll(() => {
  g.window = { gudang: bridge, location: { href: 'app://gudang/index.html', hash: '', protocol: 'app:' } }
})
afterAll(() => {
  g.window = before
})

describe('the desktop station alarm in the window', () => {
  it('puts the alarm the preload forwards into the station bar, and stops listening when the feed ends', async () => {
    const { dengarkanPeristiwa } = await import('../../../src/ui/peristiwa')
    const { keadaanStasiun } = await import('../../../src/ui/antrean')
    const { alarmSaksi } = await import('../../../src/core/stasiun')
    const stop = dengarkanPeristiwa(() => {})
    expect(alarmListeners.size).toBe(1)
    const alarm = alarmSaksi([{ seq: 41, cocok: false }])
    for (const l of alarmListeners) l(alarm)
    expect(keadaanStasiun().alarm).toBe(alarm.pesan)
    expect(keadaanStasiun().alarm).toMatch(/urutan 41\)/)
    stop()
    expect(alarmListeners.size).toBe(0)
  })
})
