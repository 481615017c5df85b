/**
 * What the LAN tests share: a demo election with a floor ready to tally (stock, teams, an open shift), a
 * host listening on a loopback address, and stations paired through the real protocol.
 */
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { openApp, type OpenAppOptions, type OpenedApp } from '../../src/api/app'
import { startLanHost, type LanHost } from '../../src/server/lan/host'
import type { ApiResponse } from '../../src/api/contract'
import { bacaTautanPasang } from '../../src/core/stasiun'
import { apiOf, DEMO_CSV, type Api } from './api'
import { KlienStasiun, pasang, type KlienOptions, type KonfigurasiStasiun } from '../../src/server/lan/klien'

export { DEMO_CSV, ROOT } from './api'

/** The demo election's users (README): the admin and koordinator PINs. */
export const ADMIN_PIN = '240424'
export const KOORDINATOR_PIN = '202411'

/** Calls the dispatcher as the machine itself (transport 'test'), throwing on a refusal. */
export const hostApi = (app: OpenedApp): Api['call'] => apiOf(app, 'uji-lan').call

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

/** A host of a file's tests, once its beforeAll has run. */
export interface LanFixture {
  readonly app: OpenedApp
  readonly host: LanHost
  readonly floor: Floor
  /** Where host mode listens (TLS). */
  readonly port: number
}

/**
 * The host a LAN test file talks to: the demo election in `<dir>/<name>.sqlite` (opened with `open`'s
 * options) with a floor of `teams` teams, and host mode switched on at `address` on a free port, serving
 * `staticDir` (none unless said). Registers the beforeAll that builds it and the afterAll that closes it.
 */
export function useLanHost(
  dir: string,
  name: string,
  opts: { address: string; teams?: number; staticDir?: string | null; open?: Partial<OpenAppOptions> },
): LanFixture {
  let app: OpenedApp | undefined
  let host: LanHost | undefined
  let floor: Floor | undefined
  let port = 0
  beforeAll(async () => {
    app = await openApp({ dbPath: join(dir, `${name}.sqlite`), demoCsvPath: DEMO_CSV, ...opts.open })
    floor = await prepareFloor(app, opts.teams)
    const sertifikatDir = join(dir, `stasiun-${name}`)
    host = await startLanHost({ app, staticDir: opts.staticDir ?? null, sertifikatDir, log: () => {} })
    const status = await host.terapkan({ aktif: true, port: 0, alamat: [opts.address], portHttp: null })
    expect(status.galat).toBeNull()
    port = status.port!
  })
  afterAll(async () => {
    await host?.close()
    app?.close()
  })
  return {
    get app() {
      return app!
    },
    get host() {
      return host!
    },
    get floor() {
      return floor!
    },
    get port() {
      return port
    },
  }
}
