import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import { apiOf, openTestApp, useTempDir } from '../support/api'

/** A valid label grid (kemas.aturSusunanLabel is a koordinator action that changes one setting). */
const grid = (rows: number) => ({
  rows,
  cols: 2,
  marginTop: 10,
  marginLeft: 10,
  marginRight: 10,
  marginBottom: 10,
  gapX: 3,
  gapY: 3,
  outline: true,
})
const root = useTempDir('pengguna')

/** The clock of the app under test: moved by hand to let a session lapse. */
let clock = new Date('2024-11-05T08:00:00Z').getTime()
const now = () => new Date(clock)

interface User {
  id: number
  nama: string
  role: string
}

/** Calls as the browser UI does: HTTP transport, with or without a session. */
const overHttp = (app: OpenedApp, session?: string | null) =>
  apiOf(app, { actor: 'pengguna-os', transport: 'http', ...(session ? { session } : {}) })

describe('users and sessions on the demo election', () => {
  let app: OpenedApp
  let users: User[]
  const byName = (n: string) => users.find((u) => u.nama === n)!

  beforeAll(async () => {
    app = await openTestApp({ dir: root, name: 'demo', now })
    users = await overHttp(app).call('pengguna.daftar')
  })
  afterAll(() => app.close())

  it('the demo has an admin, a koordinator and two operators; no PIN leaves the server', async () => {
    expect(users.map((u) => [u.nama, u.role])).toEqual([
      ['Admin Gudang', 'admin'],
      ['Kasubbag Logistik', 'koordinator'],
      ['Operator Kemas', 'operator'],
      ['Operator Sortir', 'operator'],
    ])
    expect(JSON.stringify(users)).not.toMatch(/pin_hash|pin_salt|240424|202411/)
    // And the file holds only scrypt hashes.
    const stored = app.ctx.db.prepare('SELECT pin_hash FROM pengguna WHERE pin_hash IS NOT NULL').all() as {
      pin_hash: string
    }[]
    expect(stored).toHaveLength(2)
    for (const s of stored) expect(s.pin_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reads need no user; a write without one is refused before anything is read or written', async () => {
    expect((await overHttp(app).raw('wilayah.lihatRingkasan', {})).ok).toBe(true)
    const r = await overHttp(app).raw('regu.tambah', { nama: 'Tanpa Pengguna' })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', need: 'operator' } })
    expect(app.ctx.db.prepare(`SELECT count(*) AS n FROM regu WHERE nama = 'Tanpa Pengguna'`).get()).toEqual({ n: 0 })
  })

  it('an operator is chosen in one step, without a PIN, and never lapses', async () => {
    const s = await overHttp(app).call('sesi.masuk', { userId: byName('Operator Sortir').id })
    expect(s.user?.nama).toBe('Operator Sortir')
    expect(s.expiresAt).toBeNull()
    clock += 8 * 60 * 60 * 1000
    const st = await overHttp(app, s.sessionId).call('sesi.lihat')
    expect(st.user?.nama).toBe('Operator Sortir')
    expect((await overHttp(app, s.sessionId).raw('regu.tambah', { nama: 'Regu Operator' })).ok).toBe(true)
    const audit = app.ctx.db
      .prepare(`SELECT actor FROM audit WHERE action = 'regu.tambah' ORDER BY rowid DESC LIMIT 1`)
      .get()
    expect(audit).toEqual({ actor: 'Operator Sortir' })
    // A koordinator action is FORBIDDEN, naming what it needs.
    const f = await overHttp(app, s.sessionId).raw('kemas.aturSusunanLabel', grid(4))
    expect(f).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', need: 'koordinator' } })
    expect(!f.ok && f.error.message).toBe(
      'Tindakan ini memerlukan koordinator; Operator Sortir adalah operator. Minta koordinator memasukkan PIN-nya; tidak ada yang dicatat.',
    )
  })

  it('a koordinator needs the PIN; a wrong PIN counts down, five lock the user for five minutes', async () => {
    const k = byName('Kasubbag Logistik')
    const noPin = await overHttp(app).raw('sesi.masuk', { userId: k.id })
    expect(noPin).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', message: 'Kasubbag Logistik adalah koordinator; masukkan PIN-nya' },
    })
    for (let i = 1; i <= 4; i++) {
      const wrong = await overHttp(app).raw('sesi.masuk', { userId: k.id, pin: '000000' })
      expect(!wrong.ok && wrong.error.message).toBe(`PIN salah; sisa ${5 - i} kali sebelum terkunci`)
    }
    const fifth = await overHttp(app).raw('sesi.masuk', { userId: k.id, pin: '000000' })
    expect(!fifth.ok && fifth.error.message).toBe('PIN Kasubbag Logistik salah 5 kali; terkunci 5 menit')
    // Even the right PIN waits out the lock.
    const locked = await overHttp(app).raw('sesi.masuk', { userId: k.id, pin: '202411' })
    expect(!locked.ok && locked.error.message).toBe('PIN Kasubbag Logistik salah 5 kali; coba lagi dalam 5 menit')
    clock += 5 * 60 * 1000 + 1
    const s = await overHttp(app).call('sesi.masuk', { userId: k.id, pin: '202411' })
    expect(s.user?.role).toBe('koordinator')
    expect(s.expiresAt).toBe(new Date(clock + 15 * 60 * 1000).toISOString())
    // Every attempt is in the sign-in log.
    const log = app.ctx.db
      .prepare(
        `SELECT event, count(*) AS n FROM sesi_log WHERE nama = 'Kasubbag Logistik' GROUP BY event ORDER BY event`,
      )
      .all()
    expect(log).toEqual([
      { event: 'masuk', n: 1 },
      { event: 'pin_salah', n: 4 },
      { event: 'terkunci', n: 1 },
    ])
  })

  it('a koordinator session lapses after 15 idle minutes; each call keeps it alive', async () => {
    const s = await overHttp(app).call('sesi.masuk', { userId: byName('Kasubbag Logistik').id, pin: '202411' })
    clock += 14 * 60 * 1000
    expect((await overHttp(app, s.sessionId).call('sesi.lihat')).user?.nama).toBe('Kasubbag Logistik')
    clock += 14 * 60 * 1000
    expect((await overHttp(app, s.sessionId).raw('kemas.aturSusunanLabel', grid(5))).ok).toBe(true)
    clock += 15 * 60 * 1000 + 1
    const r = await overHttp(app, s.sessionId).raw('kemas.aturSusunanLabel', grid(5))
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED', message: expect.stringMatching(/^Sesi pengguna sudah berakhir/) },
    })
    expect((await overHttp(app, s.sessionId).call('sesi.lihat')).user).toBeNull()
    expect(app.ctx.db.prepare(`SELECT count(*) AS n FROM sesi_log WHERE event = 'kedaluwarsa'`).get()).toEqual({ n: 1 })
  })

  it('switching user ends the previous session; sesi.keluar ends one', async () => {
    const a = await overHttp(app).call('sesi.masuk', { userId: byName('Operator Sortir').id })
    const b = await overHttp(app, a.sessionId).call('sesi.masuk', { userId: byName('Operator Kemas').id })
    expect(b.sessionId).not.toBe(a.sessionId)
    expect((await overHttp(app, a.sessionId).call('sesi.lihat')).user).toBeNull()
    expect((await overHttp(app, b.sessionId).call('sesi.keluar')).user).toBeNull()
    expect((await overHttp(app, b.sessionId).call('sesi.lihat')).user).toBeNull()
  })

  it('an admin manages users; the rules are the same as for names in a file', async () => {
    const admin = await overHttp(app).call('sesi.masuk', { userId: byName('Admin Gudang').id, pin: '240424' })
    const sid = admin.sessionId!
    const bad = await overHttp(app, sid).raw('pengguna.tambah', { nama: 'Koordinator Baru', role: 'koordinator' })
    expect(bad).toMatchObject({
      ok: false,
      error: { details: [{ column: 'pin', message: 'Peran koordinator memerlukan PIN' }] },
    })
    for (const [pin, msg] of [
      ['12a4', 'PIN hanya berisi angka'],
      ['123', 'PIN terdiri dari 4 sampai 8 angka'],
      ['7777', 'PIN tidak boleh satu angka yang diulang (mis. 1111)'],
      ['3456', 'PIN tidak boleh angka berurutan (mis. 1234)'],
    ]) {
      const r = await overHttp(app, sid).raw('pengguna.tambah', { nama: 'Koordinator Baru', role: 'koordinator', pin })
      expect(!r.ok && r.error.details, pin).toEqual([{ column: 'pin', message: msg }])
    }
    const dup = await overHttp(app, sid).raw('pengguna.tambah', { nama: 'operator sortir', role: 'operator' })
    expect(!dup.ok && dup.error.details).toEqual([
      { column: 'nama', message: 'Nama "operator sortir" sudah dipakai pengguna lain' },
    ])
    const baru = await overHttp(app, sid).call('pengguna.tambah', {
      nama: 'Koordinator Baru',
      role: 'koordinator',
      pin: '583920',
    })
    const s = await overHttp(app).call('sesi.masuk', { userId: baru.id, pin: '583920' })
    expect(s.user?.nama).toBe('Koordinator Baru')
    // Own PIN: the old one is asked for.
    const wrongOld = await overHttp(app, s.sessionId).raw('pengguna.gantiPin', { pinLama: '111222', pinBaru: '604817' })
    expect(!wrongOld.ok && wrongOld.error.message).toBe(
      'PIN lama: PIN salah; sisa 4 kali sebelum terkunci; PIN tidak diubah',
    )
    expect(
      (await overHttp(app, s.sessionId).raw('pengguna.gantiPin', { pinLama: '583920', pinBaru: '604817' })).ok,
    ).toBe(true)
    expect((await overHttp(app).raw('sesi.masuk', { userId: baru.id, pin: '604817' })).ok).toBe(true)
    // Wrong old PINs count towards the sign-in lockout (issue 15): after five, even the right one is refused.
    const dua = await overHttp(app, sid).call('pengguna.tambah', {
      nama: 'Koordinator Dua',
      role: 'koordinator',
      pin: '719350',
    })
    const s2 = await overHttp(app).call('sesi.masuk', { userId: dua.id, pin: '719350' })
    for (let i = 0; i < 5; i++)
      await overHttp(app, s2.sessionId).raw('pengguna.gantiPin', { pinLama: '000111', pinBaru: '604817' })
    const locked = await overHttp(app, s2.sessionId).raw('pengguna.gantiPin', { pinLama: '719350', pinBaru: '604817' })
    expect(!locked.ok && locked.error.message).toMatch(/salah 5 kali; coba lagi dalam 5 menit/)
    expect(await overHttp(app).raw('sesi.masuk', { userId: dua.id, pin: '719350' })).toMatchObject({ ok: false })
    // A koordinator made operator loses the PIN; deactivated, cannot be chosen.
    const op = await overHttp(app, sid).call('pengguna.ubah', { id: baru.id, role: 'operator' })
    expect(op).toMatchObject({ role: 'operator', hasPin: false })
    await overHttp(app, sid).call('pengguna.ubah', { id: baru.id, active: false })
    expect(await overHttp(app).raw('sesi.masuk', { userId: baru.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    // The last active admin stays.
    const last = await overHttp(app, sid).raw('pengguna.ubah', { id: byName('Admin Gudang').id, role: 'koordinator' })
    expect(!last.ok && last.error.details).toEqual([
      { column: 'role', message: 'Ini admin terakhir yang aktif; tambahkan admin lain dahulu' },
    ])
    // Not an admin: refused.
    const k = await overHttp(app).call('sesi.masuk', { userId: byName('Kasubbag Logistik').id, pin: '202411' })
    expect(await overHttp(app, k.sessionId).raw('pengguna.tambah', { nama: 'Lain', role: 'operator' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', need: 'admin' },
    })
  })

  it('tests are the machine itself; the CLI needs a koordinator session (gudang --user) for a koordinator method', async () => {
    expect((await app.dispatcher.call('kemas.aturSusunanLabel', grid(5), { actor: 'uji', transport: 'test' })).ok).toBe(
      true,
    )
    const bare = await app.dispatcher.call('kemas.aturSusunanLabel', grid(5), { actor: 'cli-user', transport: 'cli' })
    expect(bare).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', need: 'koordinator' } })
    expect(!bare.ok && bare.error.message).toMatch(/jalankan dengan --user NAMA/)
    const users = await overHttp(app).call('pengguna.daftar')
    const k = await app.dispatcher.call(
      'sesi.masuk',
      { userId: users.find((u) => u.nama === 'Kasubbag Logistik')!.id, pin: '202411' },
      { actor: 'cli-user', transport: 'cli' },
    )
    const session = k.ok ? ((k.result as { sessionId: string | null }).sessionId ?? undefined) : undefined
    expect(session).toBeDefined()
    expect(
      (await app.dispatcher.call('kemas.aturSusunanLabel', grid(5), { actor: 'cli-user', transport: 'cli', session }))
        .ok,
    ).toBe(true)
  })
})

describe('signing in to the demo as a newcomer', () => {
  it('sesi.lihat carries the PINs README publishes while they hold; a changed PIN is never shown', async () => {
    const app = await openTestApp({ dir: root, name: 'demo-pin', now })
    const users = await overHttp(app).call('pengguna.daftar')
    const id = (n: string) => users.find((u) => u.nama === n)!.id
    const first = await overHttp(app).call('sesi.lihat')
    expect(first.demoPins).toEqual([
      { userId: id('Admin Gudang'), pin: '240424' },
      { userId: id('Kasubbag Logistik'), pin: '202411' },
    ])
    // The PIN shown is the one that signs in.
    const k = await overHttp(app).call('sesi.masuk', { userId: id('Kasubbag Logistik'), pin: first.demoPins[1]!.pin })
    expect(k.user?.nama).toBe('Kasubbag Logistik')
    // Once the koordinator chooses a PIN of their own, it stays theirs: nothing about it leaves the server.
    await overHttp(app, k.sessionId).call('pengguna.gantiPin', { pinLama: '202411', pinBaru: '918273' })
    const after = await overHttp(app).call('sesi.lihat')
    expect(after.demoPins).toEqual([{ userId: id('Admin Gudang'), pin: '240424' }])
    expect(JSON.stringify(after)).not.toContain('918273')
    app.close()
  })
})

describe('a helping PIN', () => {
  it('sesi.masuk with bantu keeps the helped session; ending the helper gives the window back', async () => {
    const app = await openTestApp({ dir: root, name: 'bantu', now })
    const users = await overHttp(app).call('pengguna.daftar')
    const id = (n: string) => users.find((u) => u.nama === n)!.id
    const op = await overHttp(app).call('sesi.masuk', { userId: id('Operator Sortir') })
    // The koordinator helps from the operator's window: the operator's session is not ended.
    const help = await overHttp(app, op.sessionId).call('sesi.masuk', {
      userId: id('Kasubbag Logistik'),
      pin: '202411',
      bantu: true,
    })
    expect(help.user?.nama).toBe('Kasubbag Logistik')
    expect((await overHttp(app, help.sessionId).raw('kemas.aturSusunanLabel', grid(4))).ok).toBe(true)
    expect((await overHttp(app, help.sessionId).call('sesi.keluar')).user).toBeNull()
    expect((await overHttp(app, help.sessionId).call('sesi.lihat')).user).toBeNull()
    // The window is the operator's again, with the operator's rights only.
    expect((await overHttp(app, op.sessionId).call('sesi.lihat')).user?.nama).toBe('Operator Sortir')
    expect(await overHttp(app, op.sessionId).raw('kemas.aturSusunanLabel', grid(5))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    // Without bantu, choosing someone else ends the window's session, as before.
    await overHttp(app, op.sessionId).call('sesi.masuk', { userId: id('Kasubbag Logistik'), pin: '202411' })
    expect((await overHttp(app, op.sessionId).call('sesi.lihat')).user).toBeNull()
    app.close()
  })
})

describe('a file without an admin', () => {
  it('allows setting up the election and its first admin, nothing else, until the admin exists', async () => {
    const app = await openTestApp({ dir: root, name: 'baru', now, demo: false })
    expect((await overHttp(app).call('sesi.lihat')).needsFirstAdmin).toBe(true)
    expect((await overHttp(app).call('sesi.lihat')).demoPins).toEqual([])
    const init = await overHttp(app).raw('pemilihan.buat', {
      jenis: 'pilkada',
      tahun: 2024,
      provinsi: 'Sumatera Utara',
      satker: 'Kabupaten Batu Bara',
      kodeWilayah: '1219',
    })
    expect(init.ok).toBe(true)
    const blocked = await overHttp(app).raw('regu.tambah', { nama: 'Terlalu Dini' })
    expect(blocked).toMatchObject({
      ok: false,
      error: {
        code: 'AUTH_REQUIRED',
        need: 'admin',
        message: expect.stringMatching(/^Berkas ini belum memiliki admin/),
      },
    })
    const admin = await overHttp(app).call('pengguna.tambahAdminPertama', { nama: 'Ibu Ketua', pin: '739154' })
    expect(admin.role).toBe('admin')
    expect((await overHttp(app).call('sesi.lihat')).needsFirstAdmin).toBe(false)
    // Not the demo: no PIN is ever shown.
    expect((await overHttp(app).call('sesi.lihat')).demoPins).toEqual([])
    // Only once.
    const again = await overHttp(app).raw('pengguna.tambahAdminPertama', { nama: 'Orang Lain', pin: '739155' })
    expect(!again.ok && again.error.message).toBe(
      'Admin sudah ada; pengguna baru ditambahkan oleh admin di halaman Pengguna',
    )
    // And now the write needs a chosen user, like any file.
    expect(await overHttp(app).raw('regu.tambah', { nama: 'Terlalu Dini' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED', need: 'operator' },
    })
    app.close()
  })
})
