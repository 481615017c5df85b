import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { TABLE_RENAMES } from '../../src/db/migrations/0015_nama_tabel'
import { schemaProblems } from '../../src/db/schemaCheck'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { apiOf, useTempDir } from '../support/api'
import { demoElectionAt, raw, rollBackTo } from '../support/migrations'

/**
 * Migrations 0015 and 0016 (the glossary's table names, issue 11) on a whole demo election that lived
 * under the migrations before them: every row of every renamed table is there under the new name, the
 * triggers and indexes carry the new name, the file verifies (the jejak's digests recorded under the old
 * names are not reported as tables gone), and an edit behind the app is still named, now by the new name.
 */
const root = useTempDir('m0015')
const path = join(root, 'm15.sqlite')
const BEFORE = MIGRATIONS.filter((m) => m.version < 15)

let before: Map<string, unknown[]>
let namesBefore: string[]

beforeAll(async () => {
  await demoElectionAt(root, path)
  rollBackTo(path, BEFORE.at(-1)!.version)
  const db = openDatabase(path, { mustExist: true, migrations: BEFORE })
  expect(schemaVersion(db)).toBe(BEFORE.at(-1)!.version)
  before = new Map(TABLE_RENAMES.map(([old]) => [old, db.prepare(`SELECT * FROM ${old} ORDER BY rowid`).all()]))
  namesBefore = db.prepare(`SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`).pluck().all() as string[]
  db.close()
  expect(before.get('item')!.length).toBeGreaterThan(0)
})

async function verify(file: string) {
  const app = await openApp({ dbPath: file, readOnly: true })
  try {
    return (await apiOf(app).call('ledger.periksa', {})) as { ok: boolean; problems: string[] }
  } finally {
    app.close()
  }
}

describe('migrations 0015–0016 on a file that lived under the migrations before them', () => {
  it('keeps every row under the glossary name and gives triggers and indexes the new name', async () => {
    const app = await openApp({ dbPath: path })
    try {
      const db = app.ctx.db
      expect(app.state).toEqual({ mode: 'normal', problem: null })
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      for (const [old, glossary] of TABLE_RENAMES) {
        expect(db.prepare(`SELECT * FROM ${glossary} ORDER BY rowid`).all(), glossary).toEqual(before.get(old))
        expect(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(old), old).toBeUndefined()
      }
      const names = db
        .prepare(`SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
        .pluck()
        .all() as string[]
      // Every object the older file had is there, under its new name where it was named after a renamed table.
      const renamedName = (n: string) => {
        const hit = [...TABLE_RENAMES]
          .sort((a, b) => b[0].length - a[0].length)
          .find(([old]) => n.startsWith(`${old}_`) || n.startsWith(`jejak_${old}_`))
        return hit ? n.replace(new RegExp(`^(jejak_)?${hit[0]}_`), `$1${hit[1]}_`) : n
      }
      for (const n of namesBefore)
        expect(names, n).toContain(TABLE_RENAMES.find(([o]) => o === n)?.[1] ?? renamedName(n))
      // The file's schema is the one a new file gets, text for text.
      expect(schemaProblems(db)).toEqual([])
      // The jejak marks of a renamed table name it by its new name.
      const jejak = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'jejak_barang_insert'`).pluck().get()
      expect(jejak).toContain(`'barang'`)
      // The protective triggers name the renamed table they protect.
      const protects = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'penerimaan_no_delete'`).pluck().get()
      expect(protects).toMatch(/BEFORE DELETE ON "?penerimaan"?/)
      // The app reads it through the dispatcher.
      const barang = (await apiOf(app).call('barang.daftar', {})) as unknown[]
      expect(barang.length).toBe(before.get('item')!.length)
    } finally {
      app.close()
    }
  })

  it('verifies intact, and an edit behind the app is named by the new table name', async () => {
    expect((await verify(path)).problems).toEqual([])
    const edited = join(root, 'diubah.sqlite')
    copyFileSync(path, edited)
    raw(edited, (db) => db.prepare(`UPDATE barang SET name = name || ' palsu' WHERE id = 1`).run())
    const v = await verify(edited)
    expect(v.ok).toBe(false)
    expect(v.problems.join('\n')).toMatch(/Tabel barang diubah di luar aplikasi setelah jejak \d+/)
    expect(v.problems.join('\n')).not.toMatch(/Tabel item hilang/)
  })

  it('a new file is made with the glossary names only', () => {
    const fresh = openDatabase(':memory:')
    try {
      const tables = fresh.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]
      for (const [old, glossary] of TABLE_RENAMES) {
        expect(tables).toContain(glossary)
        expect(tables).not.toContain(old)
      }
    } finally {
      fresh.close()
    }
  })
})
