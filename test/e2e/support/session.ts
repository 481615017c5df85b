import type { BrowserContext } from 'playwright-core'
import type { OpenedApp } from '../../../src/api/app'
import type { RunningHttpServer } from '../../../src/server/http'
import { apiOf } from '../../support/api'

/** The demo election's users who sign in here (src/services/pengguna.ts DEMO_USERS), by role. */
export const DEMO_USERS = {
  Koordinator: { nama: 'Kasubbag Logistik', pin: '202411' },
  Admin: { nama: 'Admin Gudang', pin: '240424' },
  Operator: { nama: 'Operator Sortir' },
} satisfies Record<string, { nama: string; pin?: string }>
export type DemoUser = keyof typeof DEMO_USERS

/**
 * Signs a demo user in over the real HTTP API and hands the session to every page of the context, as
 * the user switcher would after its one step: the tests then act as that user, and every ledger row
 * they write names them.
 */
export async function signInContext(
  context: BrowserContext,
  app: OpenedApp,
  server: RunningHttpServer,
  who: { nama: string; pin?: string },
): Promise<string> {
  const user = (await apiOf(app).call('pengguna.daftar')).find((u) => u.nama === who.nama)
  if (!user) throw new Error(`Pengguna ${who.nama} tidak ada`)
  const res = await fetch(`http://127.0.0.1:${server.port}/api/sesi.masuk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ userId: user.id, pin: who.pin }),
  })
  const body = (await res.json()) as { ok: boolean; result?: { sessionId: string }; error?: { message: string } }
  if (!body.ok || !body.result?.sessionId) throw new Error(`sesi.masuk: ${body.error?.message ?? res.status}`)
  const id = body.result.sessionId
  await context.addInitScript((sid: string) => sessionStorage.setItem('gudang.sesi', sid), id)
  return id
}
