/**
 * What the LAN tests share: a demo election with a floor ready to tally (stock, teams, an open shift), a
 * host listening on a loopback address, and stations paired through the real protocol.
 */
import { createServer, type Server } from 'node:net'
import { resolve } from 'node:path'
import type { OpenedApp } from '../../src/api/app'
import type { ApiResponse, MethodInput, MethodName, MethodOutput } from '../../src/api/contract'
import { bacaTautanPasang } from '../../src/core/stasiun'
import { KlienStasiun, pasang, type KlienOptions, type KonfigurasiStasiun } from '../../src/server/lan/klien'

export const ROOT = resolve(__dirname, '../..')
export const DEMO_CSV = resolve(ROOT, 'resources/demo/tps-batubara-2024.csv')

/** The demo election's users (README): the admin and koordinator PINs. */
export const ADMIN_PIN = '240424'
export const KOORDINATOR_PIN = '202411'

/** Calls the dispatcher as the machine itself (transport 'test'), throwing on a refusal. */
export function hostApi(app: OpenedApp) {
  return async function api<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const r = await app.dispatcher.call(method, input, { actor: 'uji-lan', transport: 'test' })
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? [])}`)
    return r.result as MethodOutput<M>
  }
}

export interface Floor {
  variantId: number
  shiftId: number
  teams: { id: number; nama: string }[]
}

/** Stock of one ballot variant, `teams` teams with a worker each, and an open sortir-lipat shift. */
export async function prepareFloor(app: OpenedApp, teams = 3, stock = 2_000_000): Promise<Floor> {
  const api = hostApi(app)
  const variantId = (await api('barang.daftarVarian', {})).find((v) => v.kind === 'ballot')!.variantId
  await api('penerimaan.catat', {
    receivedAt: '2024-11-04T08:00',
    penyedia: 'PT Uji LAN',
    suratJalan: `SJ-LAN-${Date.now()}`,
    lines: [{ variantId, statedQty: stock, countedQty: stock }],
  })
  const made: Floor['teams'] = []
  for (const nama of [
    'Mawar',
    'Melati',
    'Kenanga',
    'Anggrek',
    'Dahlia',
    'Teratai',
    'Cempaka',
    'Flamboyan',
    'Kamboja',
    'Tulip',
    'Seruni',
    'Asoka',
  ].slice(0, teams)) {
    const team = await api('regu.tambah', { nama })
    await api('pekerja.tambah', { nama: `Pekerja ${nama}`, teamId: team.id })
    made.push({ id: team.id, nama: team.nama })
  }
  const shift = await api('shift.buka', {
    kind: 'sortir_lipat',
    tanggal: '2024-11-04',
    mulai: '08:00',
    selesai: '16:00',
    variantIds: [variantId],
    teams: made.map((t) => ({ teamId: t.id })),
  })
  return { variantId, shiftId: shift.id, teams: made }
}

/** A free TCP port on a loopback address (listen on 0, read it, close). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolvePromise, rejectPromise) => {
    const s: Server = createServer()
    s.once('error', rejectPromise)
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolvePromise(port))
    })
  })
}

/** Adds a station at the host and pairs it through the protocol, as the Electron station does. */
export async function pairStation(
  app: OpenedApp,
  nama: string,
  cakupan: 'tally' | 'pintu' | 'dasbor' | 'penuh',
  opts: KlienOptions = {},
): Promise<{ cfg: KonfigurasiStasiun; klien: KlienStasiun; id: number }> {
  const api = hostApi(app)
  const s = await api('stasiun.tambah', { nama, cakupan })
  const kode = await api('stasiun.buatKodePasang', { id: s.id })
  const link = bacaTautanPasang(kode.tautan)!
  const cfg = await pasang({ alamat: link.alamat, port: link.port, sidikJari: link.sidikJari, kode: kode.kode })
  return { cfg, klien: new KlienStasiun(cfg, { retries: 2, backoffMs: 50, ...opts }), id: s.id }
}

/** A signed-in user on a station: its session and a caller that throws on refusals. */
export async function signIn(klien: KlienStasiun, app: OpenedApp, nama: string, pin?: string) {
  const users = await hostApi(app)('pengguna.daftar', {})
  const user = users.find((u) => u.nama === nama)!
  const r = await klien.call('sesi.masuk', { userId: user.id, ...(pin ? { pin } : {}) })
  if (!r.ok) throw new Error(`sesi.masuk ${nama}: ${r.error.message}`)
  return (r.result as { sessionId: string }).sessionId
}

export function must<T>(r: ApiResponse): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.details ?? [])}`)
  return r.result as T
}

/** One tally save for a team: hand out `n`, all of it good. */
export const tallyOf = (floor: Floor, teamIdx: number, n = 2, basisSeq?: number) => ({
  shiftId: floor.shiftId,
  variantId: floor.variantId,
  rows: [{ teamId: floor.teams[teamIdx]!.id, serahkan: n, hasil: n }],
  ...(basisSeq !== undefined ? { basisSeq } : {}),
})
