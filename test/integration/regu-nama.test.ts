import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reguName } from '../../src/core/regu'
import { insertRegu } from '../../src/db/regu'
import { writeTx } from '../../src/services/context'
import { openTestApp, upload, useTempDir, type TestApp } from '../support/api'

/**
 * Issue 14, "Regu Regu Mawar": a team added by hand as "Mawar" and a CSV row naming "Regu Mawar" are one
 * team, said "Regu Mawar" once. Through the dispatcher on a real SQLite file, including a team a file
 * written before the rule holds as "Regu Melati" (no migration rewrites it: it is compared and shown by
 * its base name).
 */
const dir = useTempDir('regu-nama')
let app: TestApp

beforeAll(async () => {
  app = await openTestApp({ dir, name: 'regu' })
  await app.call('regu.tambah', { nama: 'Mawar', dailyTarget: 6_000 })
  // As an older version stored a team typed "Regu Melati": name and key as typed (through the app's own
  // write path, so the file stays one the app opens).
  writeTx(app.ctx, { actor: 'versi lama' }, 'regu.tambah', () => ({
    result: insertRegu(app.ctx.db, 'Regu Melati', 'REGU MELATI', 0),
    detail: { nama: 'Regu Melati' },
  }))
})
afterAll(() => app?.close())

const teamsNamed = async (base: RegExp) => (await app.call('regu.daftar')).filter((t) => base.test(t.nama))
const csv = (rows: string) => upload('pekerja.csv', `nama,regu\n${rows}\n`)

describe('a team by hand and by CSV', () => {
  it('CSV "Regu Mawar" joins the hand-made "Mawar": no second team, said "Regu Mawar" once', async () => {
    const r = await app.call('pekerja.impor', csv('Andi Saputra,Regu Mawar\nBudi Santoso,  regu   mawar '))
    expect(r).toMatchObject({ added: 2, teamsAdded: 0 })
    const mawar = await teamsNamed(/mawar/i)
    expect(mawar.map((t) => t.nama)).toEqual(['Mawar'])
    expect(mawar[0]!.members).toBe(2)
    const workers = (await app.call('pekerja.daftar')).filter((w) => /Andi Saputra|Budi Santoso/.test(w.nama))
    expect(workers.map((w) => reguName(w.team!))).toEqual(['Regu Mawar', 'Regu Mawar'])
  })

  it('a new team from CSV is stored without its "Regu" word, so a later hand entry finds it', async () => {
    const r = await app.call('pekerja.impor', csv('Citra Lestari,Regu Anggrek'))
    expect(r).toMatchObject({ teamsAdded: 1 })
    expect((await teamsNamed(/anggrek/i)).map((t) => t.nama)).toEqual(['Anggrek'])
    const e = await app.refusal('regu.tambah', { nama: 'Anggrek' })
    expect(e.message).toBe('Nama regu "Anggrek" sudah dipakai')
  })

  it('a hand entry "Regu Mawar" is the existing Mawar, refused as a second one', async () => {
    const e = await app.refusal('regu.tambah', { nama: 'Regu  Mawar' })
    expect(e.message).toBe('Nama regu "Mawar" sudah dipakai')
    expect(await teamsNamed(/mawar/i)).toHaveLength(1)
  })

  it('a team stored as "Regu Melati" by an older version is found by "Melati" from CSV and by hand', async () => {
    const r = await app.call('pekerja.impor', csv('Dewi Anggraini,Melati'))
    expect(r).toMatchObject({ teamsAdded: 0 })
    const melati = await teamsNamed(/melati/i)
    expect(melati.map((t) => [t.nama, reguName(t.nama), t.members])).toEqual([['Regu Melati', 'Regu Melati', 1]])
    expect((await app.refusal('regu.tambah', { nama: 'Melati' })).message).toBe('Nama regu "Melati" sudah dipakai')
  })

  it('"Regu" alone names no team, by hand or in a file, and nothing is stored', async () => {
    const before = (await app.call('regu.daftar')).length
    expect((await app.refusal('regu.tambah', { nama: 'regu' })).message).toMatch(/^Nama regu kosong/)
    const e = await app.refusal('pekerja.impor', csv('Eko Prasetyo,Regu'))
    expect(e.details).toEqual([
      expect.objectContaining({ row: 2, column: 'regu', message: expect.stringMatching(/^Nama regu kosong/) }),
    ])
    expect(await app.call('regu.daftar')).toHaveLength(before)
  })
})
