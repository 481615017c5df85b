import { useLivedUnder } from '../support/migrations'
import { describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import * as cadangan from '../../src/services/cadangan'

/**
 * Migration 0007 (LAN stations) on a file that lived under 0001–0006 with a whole demo election in it:
 * nothing there changes and the new tables enforce their rules.
 */
const file = useLivedUnder('m0007', 6, ['pengguna'])
const { path } = file

describe('migration 0007 on a database that lived under 0001–0006', () => {
  it('is applied after a verified backup, keeping every row, after 0006', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toContain(7)
    await file.migrated(async (app) => {
      // Host mode is off until an admin switches it on.
      const host = await app.dispatcher.call('stasiun.lihatHost', {}, { actor: 'uji', transport: 'test' })
      expect(host).toMatchObject({ ok: true, result: { berjalan: false, setelan: { aktif: false, port: 8443 } } })
    })
    expect(file.backups()).toHaveLength(1)
  })

  it('restores a backup made under it: the newest version counts, not how many there are', async () => {
    const app = await openApp({ dbPath: path })
    try {
      const made = await cadangan.buat(app.ctx, 'manual')
      const restored = cadangan.pulihkan(app.ctx, made.file)
      expect(restored.restored.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      expect(schemaVersion(app.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
    } finally {
      app.close()
    }
  })

  it('enforces its rules in the schema', () => {
    const db = openDatabase(path, { mustExist: true })
    try {
      const at = '2024-11-04T09:00:00.000Z'
      db.prepare(`INSERT INTO stasiun (nama, cakupan, dibuat_at) VALUES ('Meja sortir 1', 'tally', ?)`).run(at)
      expect(() =>
        db.prepare(`INSERT INTO stasiun (nama, cakupan, dibuat_at) VALUES ('Meja lain', 'semua', ?)`).run(at),
      ).toThrow(/CHECK/)
      // One name per station, whatever the case.
      expect(() =>
        db.prepare(`INSERT INTO stasiun (nama, cakupan, dibuat_at) VALUES ('MEJA SORTIR 1', 'pintu', ?)`).run(at),
      ).toThrow(/UNIQUE/)
      db.prepare(
        `INSERT INTO stasiun_kode (stasiun_id, kode_hash, dibuat_at, kedaluwarsa_at) VALUES (1, 'h1', ?, ?)`,
      ).run(at, at)
      expect(() =>
        db
          .prepare(`INSERT INTO stasiun_kode (stasiun_id, kode_hash, dibuat_at, kedaluwarsa_at) VALUES (1, 'h1', ?, ?)`)
          .run(at, at),
      ).toThrow(/UNIQUE/)
      expect(() =>
        db
          .prepare(
            `INSERT INTO stasiun_kode (stasiun_id, kode_hash, dibuat_at, kedaluwarsa_at) VALUES (99, 'h2', ?, ?)`,
          )
          .run(at, at),
      ).toThrow(/FOREIGN KEY/)
      expect(() => db.prepare(`INSERT INTO stasiun_host (id, aktif, port) VALUES (2, 1, 8443)`).run()).toThrow(/CHECK/)
      expect(() => db.prepare(`INSERT INTO stasiun_host (id, aktif, port) VALUES (1, 1, 70000)`).run()).toThrow(/CHECK/)
      db.prepare(
        `INSERT INTO idempotensi (stasiun_id, kunci, metode, input_hash, jawaban, at) VALUES (1, 'k', 'tally.simpan', 'h', '{}', ?)`,
      ).run(at)
      expect(() =>
        db
          .prepare(
            `INSERT INTO idempotensi (stasiun_id, kunci, metode, input_hash, jawaban, at) VALUES (1, 'k', 'tally.simpan', 'h', '{}', ?)`,
          )
          .run(at),
      ).toThrow(/UNIQUE|PRIMARY/)
    } finally {
      db.close()
    }
  })
})
