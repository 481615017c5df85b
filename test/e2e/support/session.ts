import type { BrowserContext } from 'playwright-core'
import type { OpenedApp } from '../../../src/api/app'
import type { RunningHttpServer } from '../../../src/server/http'

/** The demo election's coordinator (src/services/pengguna.ts DEMO_USERS). */
export const DEMO_KOORDINATOR = { nama: 'Kasubbag Logistik', pin: '202411' }

/**
 * Signs a demo user in over the real HTTP API and hands the session to every page of the context, as
 * the user switcher would after its one step: the tests then act as that user, and every ledger row
 * they write names them.
 */
export async function signInContext(
  context: BrowserContext,
  app: OpenedApp,
  server: RunningHttpServer,
  who = DEMO_KOORDINATOR,
): Promise<string> {
  const users = await app.dispatcher.call('pengguna.daftar', {}, { actor: 'uji', transport: 'test' })
  if (!users.ok) throw new Error(users.error.message)
  const user = (users.result as { id: number; nama: string }[]).find((u) => u.nama === who.nama)
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
