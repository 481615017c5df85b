import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { apiOf, nameAllSigners } from '../support/api'
import type { MethodOutput, ShiftDetail } from '../../src/api/contract'
import { bacaKepala, type Kepala } from '../../src/core/stasiun'
import { balancesMatchLedger, verifyChain } from '../../src/db/ledger'
import { WalSync } from '../../src/db/walSync'
import { ambilSertifikat, KlienStasiun, SertifikatSalahError } from '../../src/server/lan/klien'
import { startLanHost, type LanHost } from '../../src/server/lan/host'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import {
  ADMIN_PIN,
  DEMO_CSV,
  KOORDINATOR_PIN,
  freePort,
  hostApi,
  must,
  pairStation,
  prepareFloor,
  signIn,
  tallyOf,
  type Floor,
} from '../support/lan'
import { expectIssues } from '../support/errors'

// The desktop station's preload, run under Node: what it exposes to the window is captured here, and its
// IPC is an EventEmitter the station's main-process code sends on (electron/main/stasiun.ts followHost).
const electron = vi.hoisted(() => ({ exposed: {} as Record<string, unknown>, ipc: null as unknown }))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (electron.exposed[name] = api) },
  get ipcRenderer() {
    return electron.ipc
  },
}))

/**
 * LAN stations against a real host: the listener on 127.0.0.2 with its own self-signed certificate,
 * stations paired through the protocol with the Node client (real TLS, pinned), one SQLite file.
 */
const root = mkdtempSync(join(tmpdir(), 'gudang-lan-'))
let clock = new Date('2024-11-04T09:00:00Z').getTime()
let app: OpenedApp
let host: LanHost
let floor: Floor
const HOST = '127.0.0.2'

beforeAll(async () => {
  app = await openApp({ dbPath: join(root, 'induk.sqlite'), demoCsvPath: DEMO_CSV, now: () => new Date(clock) })
  await nameAllSigners(apiOf(app))
  floor = await prepareFloor(app)
  host = await startLanHost({ app, staticDir: null, sertifikatDir: join(root, 'stasiun'), log: () => {} })
  const status = await host.terapkan({ aktif: true, port: 0, alamat: [HOST], portHttp: null })
  expect(status.galat).toBeNull()
})
afterAll(async () => {
  await host?.close()
  app?.close()
  rmSync(root, { recursive: true, force: true })
})

const ledgerRows = () => app.ctx.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number

describe('pairing', () => {
  it('pairs once with a code that is shown with its link and QR; the code cannot be used again', async () => {
    const api = hostApi(app)
    const status = await api('stasiun.lihatHost', {})
    expect(status.berjalan).toBe(true)
    expect(status.alamat).toEqual([HOST])
    expect(status.sidikJari).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)

    const s = await api('stasiun.tambah', { nama: 'Meja sortir 9', cakupan: 'tally' })
    const kode = await api('stasiun.buatKodePasang', { id: s.id })
    expect(kode.kode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5}){5}$/)
    expect(kode.tautan).toBe(
      `https://${HOST}:${status.port}/#/pasang?kode=${kode.kode.replace(/-/g, '')}&sidik=${status.sidikJari!.replace(/:/g, '').toLowerCase()}`,
    )
    expect(kode.qr.baris).toHaveLength(kode.qr.ukuran)
    expect(new Date(kode.kedaluwarsa).getTime() - clock).toBe(10 * 60 * 1000)
    // The code is stored hashed: the table never holds it.
    const stored = app.ctx.db.prepare('SELECT kode_hash FROM stasiun_kode').pluck().all() as string[]
    expect(stored.join()).not.toContain(kode.kode.replace(/-/g, ''))

    const { pasang } = await import('../../src/server/lan/klien')
    const sidik = status.sidikJari!
    // Typed by hand: lower case, no dashes, the first 16 hex digits of the fingerprint.
    const cfg = await pasang({
      alamat: HOST,
      port: status.port!,
      sidikJari: sidik.replace(/:/g, '').slice(0, 16).toLowerCase(),
      kode: kode.kode.toLowerCase().replace(/-/g, ' '),
    })
    expect(cfg.stasiun).toEqual({ id: s.id, nama: 'Meja sortir 9', cakupan: 'tally' })
    expect(cfg.kredensial).toMatch(new RegExp(`^${s.id}\\.[A-Za-z0-9_-]{43}$`))
    const again = pasang({ alamat: HOST, port: status.port!, sidikJari: sidik, kode: kode.kode })
    await expect(again).rejects.toThrow(/sudah dipakai/)

    const klien = new KlienStasiun(cfg)
    const me = must<{ stasiun: { nama: string; status: string } }>(await klien.call('stasiun.lihatSaya', {}))
    expect(me.stasiun).toMatchObject({ nama: 'Meja sortir 9', status: 'terpasang' })
    klien.close()
  })

  it('refuses an expired code and an earlier code once a new one was made', async () => {
    const api = hostApi(app)
    const { pasang } = await import('../../src/server/lan/klien')
    const s = await api('stasiun.tambah', { nama: 'Pintu timur', cakupan: 'pintu' })
    const first = await api('stasiun.buatKodePasang', { id: s.id })
    const second = await api('stasiun.buatKodePasang', { id: s.id })
    const at = { alamat: HOST, port: first.port, sidikJari: first.sidikJari }
    await expect(pasang({ ...at, kode: first.kode })).rejects.toThrow(/sudah dipakai/)
    clock += 10 * 60 * 1000 + 1
    await expect(pasang({ ...at, kode: second.kode })).rejects.toThrow(/kedaluwarsa/)
    await expect(pasang({ ...at, kode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-F' })).rejects.toThrow(/tidak dikenal/)
    expect((await api('stasiun.daftar', {})).find((x) => x.id === s.id)!.status).toBe('belum_dipasang')
  })

  it('refuses a certificate whose fingerprint is not the pinned one, before sending anything', async () => {
    const { cfg, klien } = await pairStation(app, 'Meja sortir 8', 'tally')
    klien.close()
    // Another host (another certificate) at the address the station knows.
    const other = await openApp({ dbPath: join(root, 'palsu.sqlite') })
    const fake = await startLanHost({ app: other, staticDir: null, sertifikatDir: join(root, 'palsu'), log: () => {} })
    try {
      const st = await fake.terapkan({ aktif: true, port: 0, alamat: ['127.0.0.3'], portHttp: null })
      await expect(ambilSertifikat('127.0.0.3', st.port!, cfg.sidikJari)).rejects.toBeInstanceOf(SertifikatSalahError)
      const moved = new KlienStasiun({ ...cfg, alamat: '127.0.0.3', port: st.port! }, { retries: 0 })
      await expect(moved.call('stasiun.lihatSaya', {})).rejects.toBeInstanceOf(SertifikatSalahError)
      moved.close()
      // The impostor never saw the credential: it has no audit of anything and no station at all.
      expect(other.ctx.db.prepare('SELECT count(*) FROM stasiun').pluck().get()).toBe(0)
      expect(fake.terakhirTerlihat(1)).toBeNull()
    } finally {
      await fake.close()
      other.close()
    }
  })
})

describe('people on stations', () => {
  it('names the user and the station on every ledger row and audit row', async () => {
    const { klien } = await pairStation(app, 'Meja sortir 1', 'tally')
    const sesi = await signIn(klien, app, 'Operator Sortir')
    const before = ledgerRows()
    must(await klien.call('tally.simpan', tallyOf(floor, 0), { sesi }))
    const rows = app.ctx.db.prepare('SELECT DISTINCT actor FROM ledger WHERE seq > ?').pluck().all(before)
    expect(rows).toEqual(['Operator Sortir (Meja sortir 1)'])
    const audit = app.ctx.db
      .prepare(`SELECT actor FROM audit WHERE action = 'tally.simpan' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get()
    expect(audit).toBe('Operator Sortir (Meja sortir 1)')
    // A document issued from a station names both as well.
    const coordinatorRoom = await pairStation(app, 'Ruang rapat', 'penuh')
    const k = await signIn(coordinatorRoom.klien, app, 'Kasubbag Logistik', KOORDINATOR_PIN)
    const delivery = (await hostApi(app)('penerimaan.daftar', {}))[0]!
    const doc = await coordinatorRoom.klien.call(
      'dokumen.terbitkan',
      { type: 'BA_PENERIMAAN', deliveryId: delivery.id },
      { sesi: k },
    )
    expect(must<{ issuedBy: string }>(doc).issuedBy).toBe('Kasubbag Logistik (Ruang rapat)')
    coordinatorRoom.klien.close()
    // A session is the station's own: the host's window does not know it.
    const onHost = await app.dispatcher.call('sesi.lihat', {}, { actor: 'x', transport: 'http', session: sesi })
    expect(must<{ user: unknown }>(onHost).user).toBeNull()
    klien.close()
  })

  it('locks a user after five wrong PINs, and the station for everyone after five wrong PINs on it', async () => {
    const a = await pairStation(app, 'Meja koordinator A', 'penuh')
    const b = await pairStation(app, 'Meja koordinator B', 'penuh')
    const users = await hostApi(app)('pengguna.daftar', {})
    const koordinator = users.find((u) => u.nama === 'Kasubbag Logistik')!
    const admin = users.find((u) => u.nama === 'Admin Gudang')!
    const messages: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await a.klien.call('sesi.masuk', { userId: koordinator.id, pin: `97531${i}` })
      messages.push(r.ok ? 'masuk' : r.error.message)
    }
    expect(messages.at(-1)).toMatch(/terkunci 5 menit/)
    // The right PIN of another user on the same station: the station's PIN entry is locked too.
    const sameStation = await a.klien.call('sesi.masuk', { userId: admin.id, pin: ADMIN_PIN })
    expect(sameStation.ok ? '' : sameStation.error.message).toMatch(/di stasiun ini terkunci/)
    // The locked user stays locked on another station; another user there signs in.
    const elsewhere = await b.klien.call('sesi.masuk', { userId: koordinator.id, pin: KOORDINATOR_PIN })
    expect(elsewhere.ok ? '' : elsewhere.error.message).toMatch(/coba lagi dalam 5 menit/)
    expect((await b.klien.call('sesi.masuk', { userId: admin.id, pin: ADMIN_PIN })).ok).toBe(true)
    const log = app.ctx.db
      .prepare(`SELECT event, transport FROM sesi_log WHERE nama = 'Kasubbag Logistik' ORDER BY id DESC LIMIT 1`)
      .get()
    expect(log).toEqual({ event: 'terkunci', transport: 'Stasiun Meja koordinator A' })
    a.klien.close()
    b.klien.close()
  })
})

describe('scopes', () => {
  it('lets a station call only what its scope and its user allow', async () => {
    const tally = await pairStation(app, 'Meja sortir 2', 'tally')
    const dasbor = await pairStation(app, 'Layar dinding', 'dasbor')
    const penuh = await pairStation(app, 'Ruang koordinator', 'penuh')
    const op = await signIn(tally.klien, app, 'Operator Sortir')
    const refused = async (k: KlienStasiun, method: string, input: unknown, sesi?: string) => {
      const r = await k.call(method, input, sesi ? { sesi } : {})
      return r.ok ? 'allowed' : `${r.error.code} ${r.error.message}`
    }
    expect(await refused(tally.klien, 'kemas.catat', { tpsId: 1, lines: [] }, op)).toMatch(
      /^FORBIDDEN .*cakupan meja tally/,
    )
    expect(await refused(tally.klien, 'rekonsiliasi.lihat', {})).toBe('allowed')
    expect(await refused(dasbor.klien, 'rekonsiliasi.lihat', {})).toBe('allowed')
    expect(await refused(dasbor.klien, 'tally.simpan', tallyOf(floor, 1), op)).toMatch(/^FORBIDDEN/)
    const adminSesi = await signIn(penuh.klien, app, 'Admin Gudang', ADMIN_PIN)
    expect(await refused(penuh.klien, 'stasiun.tambah', { nama: 'Liar', cakupan: 'penuh' }, adminSesi)).toMatch(
      /^FORBIDDEN .*hanya dapat dilakukan di komputer induk/,
    )
    expect(await refused(penuh.klien, 'cadangan.pulihkan', { file: '/tmp/x.sqlite' }, adminSesi)).toMatch(/^FORBIDDEN/)
    // Within its scope the user's role still counts: an operator cannot close a shift from the full station.
    const opPenuh = await signIn(penuh.klien, app, 'Operator Kemas')
    expect(await refused(penuh.klien, 'shift.tutup', { id: floor.shiftId }, opPenuh)).toMatch(
      /^FORBIDDEN .*koordinator/,
    )
    for (const s of [tally, dasbor, penuh]) s.klien.close()
  })
})

describe('idempotent writes', () => {
  it('records a write once however often its key is sent, one after another or at once', async () => {
    const { klien } = await pairStation(app, 'Meja sortir 3', 'tally')
    const sesi = await signIn(klien, app, 'Operator Sortir')
    const before = ledgerRows()
    const first = await klien.call('tally.simpan', tallyOf(floor, 1, 3), { sesi, kunci: 'kunci-berurutan-1' })
    const second = await klien.call('tally.simpan', tallyOf(floor, 1, 3), { sesi, kunci: 'kunci-berurutan-1' })
    expect(first.ok).toBe(true)
    expect(second).toEqual(first)
    expect(ledgerRows()).toBe(before + 2)

    const together = await Promise.all(
      Array.from({ length: 6 }, () =>
        klien.call('tally.simpan', tallyOf(floor, 1, 5), { sesi, kunci: 'kunci-bersamaan-1' }),
      ),
    )
    expect(together.every((r) => r.ok)).toBe(true)
    expect(new Set(together.map((r) => JSON.stringify(r))).size).toBe(1)
    expect(ledgerRows()).toBe(before + 4)

    const other = await klien.call('tally.simpan', tallyOf(floor, 1, 7), { sesi, kunci: 'kunci-berurutan-1' })
    expect(other.ok ? '' : `${other.error.code} ${other.error.message}`).toMatch(
      /^CONFLICT .*sudah dipakai untuk permintaan lain/,
    )
    expect(ledgerRows()).toBe(before + 4)
    expect(app.ctx.db.prepare('SELECT count(*) FROM idempotensi WHERE kunci LIKE ?').pluck().get('kunci-%')).toBe(2)
    klien.close()
  })

  it('commits writes that arrive together at once, and a refused one rolls back alone', async () => {
    const meta = (k: string) => ({ actor: 'Meja', transport: 'test' as const, idempotencyKey: k })
    const before = ledgerRows()
    const tooMuch = { ...tallyOf(floor, 1), rows: [{ teamId: floor.teams[1]!.id, hasil: 900_000 }] }
    const [a, b, c] = await Promise.all([
      app.dispatcher.call('tally.simpan', tallyOf(floor, 0, 1), meta('batch-a')),
      app.dispatcher.call('tally.simpan', tooMuch, meta('batch-b')),
      app.dispatcher.call('tally.simpan', tallyOf(floor, 2, 1), meta('batch-c')),
    ])
    expect([a!.ok, b!.ok, c!.ok]).toEqual([true, false, true])
    expect(b!.ok ? '' : b!.error.code).toBe('REFUSED')
    expect(ledgerRows()).toBe(before + 4)
    const keys = app.ctx.db
      .prepare(`SELECT kunci FROM idempotensi WHERE kunci LIKE 'batch-%' ORDER BY kunci`)
      .pluck()
      .all()
    expect(keys).toEqual(['batch-a', 'batch-c'])
  })

  it('answers a write only once its WAL is synced, and leaves the connection syncing in COMMIT for every other write', async () => {
    // The batch commits without waiting for the disk on this thread (db/walSync.ts); its answer waits here.
    const sync = WalSync.prototype.sync
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    const spy = vi.spyOn(WalSync.prototype, 'sync').mockImplementation(function (this: WalSync) {
      return sync.call(this).then(() => held)
    })
    try {
      const before = ledgerRows()
      let answered = false
      const saving = app.dispatcher
        .call('tally.simpan', tallyOf(floor, 0, 1), { actor: 'Meja', transport: 'test', idempotencyKey: 'wal-1' })
        .then((r) => ((answered = true), r))
      await expect.poll(() => ledgerRows()).toBe(before + 2)
      await new Promise((r) => setTimeout(r, 50))
      expect(answered).toBe(false)
      expect(app.ctx.db.pragma('synchronous', { simple: true })).toBe(2)
      release()
      expect((await saving).ok).toBe(true)
      expect(spy).toHaveBeenCalled()
    } finally {
      spy.mockRestore()
    }
  })

  it('keeps the key with the write when the handler awaits before answering, and says so when the answer was lost', async () => {
    const meta = { actor: 'Admin', transport: 'test' as const, idempotencyKey: 'kunci-asinkron-1' }
    const setting = { aktif: true, port: host.status().port!, alamat: [HOST] }
    const first = await app.dispatcher.call('stasiun.aturHost', setting, meta)
    const second = await app.dispatcher.call('stasiun.aturHost', setting, meta)
    expect(first.ok).toBe(true)
    expect(second).toEqual(first)
    const audits = app.ctx.db.prepare(`SELECT count(*) FROM audit WHERE action = 'stasiun.aturHost'`).pluck().get()
    expect(audits).toBe(1)
    // A key recorded with its write whose answer never got stored (the host stopped in between).
    const k = { ...meta, idempotencyKey: 'kunci-yatim-1' }
    expect((await app.dispatcher.call('tally.simpan', tallyOf(floor, 0), k)).ok).toBe(true)
    app.ctx.db.prepare(`UPDATE idempotensi SET jawaban = NULL WHERE kunci = 'kunci-yatim-1'`).run()
    const rows = ledgerRows()
    const lost = await app.dispatcher.call('tally.simpan', tallyOf(floor, 0), k)
    expect(lost.ok ? '' : `${lost.error.code} ${lost.error.message}`).toMatch(/^CONFLICT Isian ini sudah tercatat/)
    expect(ledgerRows()).toBe(rows)
  })

  it('takes the key from the browser window of the host too (local HTTP)', async () => {
    const local = await startHttpServer({ dispatcher: app.dispatcher, staticDir: null })
    try {
      const post = async (method: string, body: unknown, headers: Record<string, string> = {}) => {
        const r = await fetch(`http://127.0.0.1:${local.port}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${local.token}`, ...headers },
          body: JSON.stringify(body),
        })
        return (await r.json()) as { ok: boolean; result?: { sessionId: string } }
      }
      const users = await hostApi(app)('pengguna.daftar', {})
      const masuk = await post('sesi.masuk', { userId: users.find((u) => u.nama === 'Operator Sortir')!.id })
      const headers = { 'x-gudang-sesi': masuk.result!.sessionId, 'Idempotency-Key': 'jendela-induk-1' }
      const before = ledgerRows()
      const first = await post('tally.simpan', tallyOf(floor, 2), headers)
      const again = await post('tally.simpan', tallyOf(floor, 2), headers)
      expect(first.ok).toBe(true)
      expect(again).toEqual(first)
      expect(ledgerRows()).toBe(before + 2)
    } finally {
      await local.close()
    }
  })

  it('refuses a write from a station that comes without a key', async () => {
    const { cfg, klien } = await pairStation(app, 'Meja sortir 4', 'tally')
    const sesi = await signIn(klien, app, 'Operator Sortir')
    const answer = await rawPost(cfg, '/api/tally.simpan', tallyOf(floor, 2), { 'x-gudang-sesi': sesi })
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(bacaKepala(answer.head)).not.toBeNull()
    klien.close()
  })
})

describe('optimistic concurrency on a tally grid', () => {
  it('two stations tally different teams freely; a stale grid of the same team is refused with who and when', async () => {
    const a = await pairStation(app, 'Meja sortir 5', 'tally')
    const b = await pairStation(app, 'Meja sortir 6', 'tally')
    const sa = await signIn(a.klien, app, 'Operator Sortir')
    const sb = await signIn(b.klien, app, 'Operator Kemas')
    const loaded = must<ShiftDetail>(await a.klien.call('shift.lihat', { id: floor.shiftId }))
    expect(loaded.versi).toBeGreaterThan(0)
    must(await a.klien.call('tally.simpan', tallyOf(floor, 0, 2, loaded.versi), { sesi: sa }))
    must(await b.klien.call('tally.simpan', tallyOf(floor, 2, 2, loaded.versi), { sesi: sb }))
    const stale = await b.klien.call('tally.simpan', tallyOf(floor, 0, 2, loaded.versi), { sesi: sb })
    expect(stale.ok).toBe(false)
    if (stale.ok) return
    expect(stale.error.code).toBe('CONFLICT')
    expect(stale.error.message).toMatch(/^Regu Mawar diubah oleh Operator Sortir \(Meja sortir 5\) pukul \d{2}\.\d{2}/)
    expectIssues(stale.error.details, [1, 'teamId', /muat ulang$/])
    // Reloaded, it saves. The answer is the saved team as the shift shows it, and the shift's new version.
    const fresh = must<ShiftDetail>(await b.klien.call('shift.lihat', { id: floor.shiftId }))
    const saved = must<MethodOutput<'tally.simpan'>>(
      await b.klien.call('tally.simpan', tallyOf(floor, 0, 2, fresh.versi), { sesi: sb }),
    )
    const now = must<ShiftDetail>(await b.klien.call('shift.lihat', { id: floor.shiftId }))
    expect(saved).toEqual({
      shiftId: floor.shiftId,
      variantId: floor.variantId,
      versi: now.versi,
      inProcess: now.inProcess,
      teams: now.teams.filter((t) => t.teamId === floor.teams[0]!.id),
    })
    expect(saved.versi).toBeGreaterThan(fresh.versi)
    a.klien.close()
    b.klien.close()
  })
})

describe('revoking', () => {
  it('cuts a revoked station off at once, its live feed included', async () => {
    const { klien, id } = await pairStation(app, 'Meja sortir 7', 'tally')
    const ctrl = new AbortController()
    let connected = 0
    const ended = klien.dengarkan(() => {}, { signal: ctrl.signal, onTersambung: () => connected++, reconnectMs: 100 })
    await expect.poll(() => connected).toBe(1)
    expect(host.status().tersambung).toBeGreaterThanOrEqual(1)
    await hostApi(app)('stasiun.cabut', { id })
    const r = await klien.call('stasiun.lihatSaya', {})
    expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toMatch(/^UNAUTHORIZED .*dicabut/)
    // It keeps trying to reconnect and is refused every time.
    await new Promise((res) => setTimeout(res, 400))
    expect(connected).toBe(1)
    ctrl.abort()
    await ended
    klien.close()
  })
})

describe('live updates', () => {
  it('tells stations and the host window which domain changed, within a second', async () => {
    const watcher = await pairStation(app, 'Layar gudang', 'dasbor')
    const writer = await pairStation(app, 'Meja sortir 10', 'tally')
    const sesi = await signIn(writer.klien, app, 'Operator Sortir')
    const local: RunningHttpServer = await startHttpServer({
      dispatcher: app.dispatcher,
      staticDir: null,
      peristiwa: app.peristiwa,
    })
    const seenLan: { ranah: string; seq: number }[] = []
    const ctrl = new AbortController()
    let up = false
    const feed = watcher.klien.dengarkan((p) => seenLan.push(p), {
      signal: ctrl.signal,
      onTersambung: () => (up = true),
    })
    const localEvents = readSse(`http://127.0.0.1:${local.port}/peristiwa?token=${local.token}`, ctrl.signal)
    await expect.poll(() => up).toBe(true)
    const t0 = Date.now()
    const saved = must<ShiftDetail>(await writer.klien.call('tally.simpan', tallyOf(floor, 1), { sesi }))
    await expect.poll(() => seenLan.find((p) => p.ranah === 'tally'), { timeout: 1_000 }).toBeTruthy()
    expect(Date.now() - t0).toBeLessThan(1_000)
    expect(seenLan.find((p) => p.ranah === 'tally')!.seq).toBeGreaterThanOrEqual(saved.versi)
    await expect
      .poll(() => localEvents.events.some((e) => e.includes('"ranah":"tally"')), { timeout: 1_000 })
      .toBe(true)
    ctrl.abort()
    await feed
    await local.close()
    watcher.klien.close()
    writer.klien.close()
  })
})

describe('stations as witnesses', () => {
  it('carries the head on every answer, proves the heads a station saw, and alarms when one does not hold', async () => {
    const { klien, cfg } = await pairStation(app, 'Saksi 1', 'dasbor')
    must(await klien.call('rekonsiliasi.lihat', {}))
    const seen = klien.kepalaTerlihat()
    expect(seen.length).toBeGreaterThan(0)
    const proof = must<{ cocok: boolean }>(await klien.buktikan())
    expect(proof.cocok).toBe(true)
    // A head the host no longer has (its file was swapped for an older copy, or rewritten).
    const head = seen.at(-1)!
    const forged: Kepala = { seq: head.seq, hash: 'f'.repeat(64) }
    const liar = new KlienStasiun({ ...cfg, kepala: [forged] })
    const alarm = must<{ cocok: boolean; hasil: { cocok: boolean; diInduk: string | null }[] }>(await liar.buktikan())
    expect(alarm.cocok).toBe(false)
    expect(alarm.hasil[0]).toMatchObject({ cocok: false, diInduk: head.hash })
    const status = await hostApi(app)('stasiun.lihatHost', {})
    expect(status.alarm[0]!.pesan).toMatch(
      new RegExp(`^Stasiun Saksi 1 melihat buku besar yang berbeda pada urutan ${head.seq}`),
    )
    expect(verifyChain(app.ctx.db).problem).toBeNull()
    klien.close()
    liar.close()
  })
})

describe('plain HTTP', () => {
  it('is refused for a station the admin did not allow it for', async () => {
    const api = hostApi(app)
    const port = await freePort(HOST)
    const setting = { aktif: true, port: host.status().port!, alamat: [HOST], portHttp: port }
    await host.terapkan(setting)
    const tablet = await api('stasiun.tambah', { nama: 'Tablet pintu', cakupan: 'pintu', izinkanHttp: true })
    const other = await api('stasiun.tambah', { nama: 'Tablet lain', cakupan: 'pintu' })
    const pairHttp = async (id: number) => {
      const { kode } = await api('stasiun.buatKodePasang', { id })
      const r = await fetch(`http://${HOST}:${port}/stasiun/pasang`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kode }),
      })
      return (await r.json()) as { ok: boolean; result?: { kredensial: string }; error?: { message: string } }
    }
    const refused = await pairHttp(other.id)
    expect(refused.error?.message).toMatch(/hanya boleh tersambung lewat HTTPS/)
    const ok = await pairHttp(tablet.id)
    expect(ok.ok).toBe(true)
    const call = await fetch(`http://${HOST}:${port}/api/stasiun.lihatSaya`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Stasiun ${ok.result!.kredensial}` },
      body: '{}',
    })
    expect(((await call.json()) as { ok: boolean }).ok).toBe(true)
    await host.terapkan({ ...setting, portHttp: null })
  })
})

describe('the Electron station', () => {
  it('pairs from the link, forwards the calls of the window with their session and key, and unpairs', async () => {
    const { sambungkan, openStation, stationDispatcher, lepaskan } = await import('../../electron/main/stasiun')
    const api = hostApi(app)
    const s = await api('stasiun.tambah', { nama: 'PC gudang barat', cakupan: 'tally' })
    const { tautan } = await api('stasiun.buatKodePasang', { id: s.id })
    const file = join(root, 'stasiun-pc.json')
    const wrong = tautan.replace(/sidik=[0-9a-f]{4}/, 'sidik=0000')
    const refused = await sambungkan(file, { tautan: wrong })
    expect(refused.ok ? '' : refused.error.code).toBe('UNAUTHORIZED')
    expect(existsSync(file)).toBe(false)
    expect((await sambungkan(file, { tautan })).ok).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)

    const station = openStation(file)!
    const window = stationDispatcher(station.klien)
    const users = await api('pengguna.daftar', {})
    const masuk = await window.call(
      'sesi.masuk',
      { userId: users.find((u) => u.nama === 'Operator Sortir')!.id },
      {
        actor: 'operator',
        transport: 'ipc',
      },
    )
    const session = must<{ sessionId: string }>(masuk).sessionId
    const before = ledgerRows()
    const meta = { actor: 'operator', transport: 'ipc' as const, session, idempotencyKey: 'jendela-stasiun-1' }
    const first = await window.call('tally.simpan', tallyOf(floor, 1), meta)
    const again = await window.call('tally.simpan', tallyOf(floor, 1), meta)
    expect(first.ok).toBe(true)
    expect(again).toEqual(first)
    expect(ledgerRows()).toBe(before + 2)
    expect(app.ctx.db.prepare('SELECT actor FROM ledger ORDER BY seq DESC LIMIT 1').pluck().get()).toBe(
      'Operator Sortir (PC gudang barat)',
    )
    station.klien.close()
    expect(lepaskan(file).ok).toBe(true)
    expect(existsSync(file)).toBe(false)
  })
})

describe('the Electron station as a witness', () => {
  it('proves its heads when it connects and forwards a failed check to the window through the preload', async () => {
    const { followHost, openStation, ALARM_SEKARANG } = await import('../../electron/main/stasiun')
    const { writeFileSync } = await import('node:fs')
    const { cfg } = await pairStation(app, 'PC gudang timur', 'dasbor')
    // The station saw a row the host now holds differently (its file restored from an older copy, or rewritten).
    const head = (await hostApi(app)('stasiun.lihatSaya', {})).kepala
    const file = join(root, 'stasiun-timur.json')
    writeFileSync(file, JSON.stringify({ ...cfg, kepala: [{ seq: head.seq, hash: 'e'.repeat(64) }] }), { mode: 0o600 })
    const station = openStation(file)!

    // Main's side of the IPC: webContents.send emits on the window's ipcRenderer, and the standing alarm
    // is answered as ipcMain.handle(ALARM_SEKARANG) does in electron/main/index.ts.
    let follow: ReturnType<typeof followHost> | null = null
    const ipc = Object.assign(new EventEmitter(), {
      invoke: async (channel: string) => {
        if (channel !== ALARM_SEKARANG) throw new Error(`no handler for ${channel}`)
        return follow?.alarm() ?? null
      },
    })
    electron.ipc = ipc
    await import('../../electron/preload/index')
    const gudang = electron.exposed.gudang as {
      onStasiunAlarm(l: (a: { seq: number[]; pesan: string }) => void): () => void
      onPeristiwa(l: (p: { ranah: string; seq: number }) => void): () => void
    }
    const alarms: { seq: number[]; pesan: string }[] = []
    const events: string[] = []
    const stopAlarm = gudang.onStasiunAlarm((a) => alarms.push(a))
    const stopEvents = gudang.onPeristiwa((p) => events.push(p.ranah))

    const feed = new AbortController()
    // Structured clone, as IPC copies what crosses it.
    follow = followHost(
      station.klien,
      (channel, payload) => ipc.emit(channel, {}, structuredClone(payload)),
      feed.signal,
    )
    try {
      await expect.poll(() => alarms.length).toBe(1)
      expect(events[0]).toBe('*')
      expect(alarms[0]!.seq).toEqual([head.seq])
      expect(alarms[0]!.pesan).toMatch(
        new RegExp(`^Buku besar komputer induk tidak lagi memuat .*urutan ${head.seq}\\)`),
      )
      // A window that loads (or reloads) after the check asks for the standing alarm and shows it too.
      const late: string[] = []
      const stopLate = gudang.onStasiunAlarm((a) => late.push(a.pesan))
      await expect.poll(() => late).toEqual([alarms[0]!.pesan])
      // Only the allowed shape crosses: anything else on the channel is dropped, not shown.
      ipc.emit('stasiun-alarm', {}, { pesan: 42 })
      ipc.emit('stasiun-alarm', {}, 'teks lepas')
      expect(alarms).toHaveLength(1)
      stopLate()
      // The host recorded its own alarm, naming the station.
      const status = await hostApi(app)('stasiun.lihatHost', {})
      expect(status.alarm.map((a) => a.pesan).join('\n')).toMatch(/^Stasiun PC gudang timur melihat buku besar/m)
    } finally {
      stopAlarm()
      stopEvents()
      feed.abort()
      await follow.selesai.catch(() => {})
      station.klien.close()
    }
    expect(ipc.listenerCount('stasiun-alarm')).toBe(0)
  })
})

describe('after all of it', () => {
  it('the ledger verifies and every derived table matches it', () => {
    expect(verifyChain(app.ctx.db).problem).toBeNull()
    expect(balancesMatchLedger(app.ctx.db)).toBe(true)
  })
})

/** A POST over HTTPS with the pinned certificate but without the client's own headers. */
function rawPost(
  cfg: { alamat: string; port: number; sertifikat: string; kredensial: string },
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; head: string; body: unknown }> {
  return new Promise((res, rej) => {
    const req = request(
      {
        host: cfg.alamat,
        port: cfg.port,
        path,
        method: 'POST',
        ca: cfg.sertifikat,
        checkServerIdentity: () => undefined,
        headers: { 'Content-Type': 'application/json', Authorization: `Stasiun ${cfg.kredensial}`, ...headers },
      },
      (r) => {
        let text = ''
        r.on('data', (c: Buffer) => (text += c.toString('utf8')))
        r.on('end', () =>
          res({ status: r.statusCode ?? 0, head: String(r.headers['x-gudang-kepala'] ?? ''), body: JSON.parse(text) }),
        )
      },
    )
    req.on('error', rej)
    req.end(JSON.stringify(body))
  })
}

/** Reads a server-sent-event feed over plain HTTP until aborted. */
function readSse(url: string, signal: AbortSignal): { events: string[] } {
  const out = { events: [] as string[] }
  void fetch(url, { signal })
    .then(async (r) => {
      const reader = r.body!.getReader()
      const decoder = new TextDecoder()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        out.events.push(...decoder.decode(value).split('\n\n').filter(Boolean))
      }
    })
    .catch(() => {})
  return out
}
