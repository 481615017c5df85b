import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostApi, tallyOf, useLanHost } from '../support/lan'
import { launchChromium } from './support/browser'

/**
 * What a tablet at the door does after accepting the host's certificate (ignoreHTTPSErrors stands for
 * that click): it pairs with the code through the API, signs a user in, saves a tally with an
 * Idempotency-Key, and hears of it on the live feed — all from the page's own origin on the host, in
 * Chromium, over real TLS. The station UI on top of this path is tested where it is built.
 */
const root = mkdtempSync(join(tmpdir(), 'gudang-lan-tablet-'))
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
// Registered before the host's, so they run after it has closed (after-hooks run in reverse).
afterAll(async () => {
  await browser?.close()
  rmSync(root, { recursive: true, force: true })
})
// A page of the host's origin to run in; the built UI is not what this test is about.
const ui = join(root, 'ui')
mkdirSync(ui)
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Gudang Pemilu</title><p>stasiun</p>')
const lan = useLanHost(root, 'induk', { address: '127.0.0.2', teams: 2, staticDir: ui })

describe('a browser station (tablet) over HTTPS', () => {
  it('pairs, signs in, saves a tally once for its key, and hears of it on the live feed', async () => {
    const api = hostApi(lan.app)
    const station = await api('stasiun.tambah', { nama: 'Tablet pintu', cakupan: 'tally' })
    const { kode } = await api('stasiun.buatKodePasang', { id: station.id })
    const operator = (await api('pengguna.daftar', {})).find((u) => u.nama === 'Operator Sortir')!
    const context = await browser.newContext({ ignoreHTTPSErrors: true })
    const page = await context.newPage()
    await page.goto(`https://127.0.0.2:${lan.port}/`)
    await expect.poll(() => page.textContent('p')).toBe('stasiun')

    const result = await page.evaluate(
      async ({ kode, userId, tally }) => {
        const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
          const r = await fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...headers },
            body: JSON.stringify(body),
          })
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page reads answers of several methods
          return { head: r.headers.get('x-gudang-kepala'), body: (await r.json()) as { ok: boolean; result?: any } }
        }
        const paired = await post('/stasiun/pasang', { kode })
        const auth = { Authorization: `Stasiun ${paired.body.result.kredensial}` }
        const masuk = await post('/api/sesi.masuk', { userId }, auth)
        const sesi = { ...auth, 'x-gudang-sesi': masuk.body.result.sessionId }
        // The live feed, read with fetch: EventSource cannot send the credential.
        const feed = await fetch('/peristiwa', { headers: auth })
        const reader = feed.body!.getReader()
        const key = crypto.randomUUID()
        const first = await post('/api/tally.simpan', tally, { ...sesi, 'Idempotency-Key': key })
        const again = await post('/api/tally.simpan', tally, { ...sesi, 'Idempotency-Key': key })
        let events = ''
        const until = Date.now() + 5_000
        while (!events.includes('"ranah":"tally"') && Date.now() < until) {
          const { value, done } = await reader.read()
          if (done) break
          events += new TextDecoder().decode(value)
        }
        await reader.cancel()
        return {
          paired: paired.body.ok,
          stationName: paired.body.result.stasiun.nama,
          user: masuk.body.result.user.nama,
          first: first.body,
          same: JSON.stringify(first.body) === JSON.stringify(again.body),
          head: first.head,
          events,
        }
      },
      { kode, userId: operator.id, tally: tallyOf(lan.floor, 0, 3) },
    )
    expect(result).toMatchObject({ paired: true, stationName: 'Tablet pintu', user: 'Operator Sortir', same: true })
    expect(result.first.ok).toBe(true)
    expect(result.head).toMatch(/^\d+:[0-9a-f]{64}$/)
    expect(result.events).toContain('"ranah":"tally"')
    const actors = lan.app.ctx.db
      .prepare(`SELECT actor, count(*) AS n FROM ledger WHERE actor LIKE '%(Tablet pintu)' GROUP BY actor`)
      .all()
    expect(actors).toEqual([{ actor: 'Operator Sortir (Tablet pintu)', n: 2 }])
    await context.close()
  })
})
