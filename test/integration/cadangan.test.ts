import Database from 'better-sqlite3'
import { asReadable } from '../../src/db/handles'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectDatabaseFile } from '../../src/db/inspect'
import { appendMoves, rowHash, verifyChain } from '../../src/db/ledger'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { GENESIS_HASH } from '../../src/core/ledgerRow'
import { backupDir, backupsToDrop, daftar as daftarCadangan, RETENTION } from '../../src/services/cadangan'
import { outputPath } from '../../src/services/keluaran'
import { apiOf, openTestApp, useTempDir, type TestApp } from '../support/api'
import { fingerprint } from '../support/fingerprint'
import { dayShift } from '../support/inputs'
import { expectIssues } from '../support/errors'

/**
 * Backups (cadangan): made with SQLite's backup API, each checked (integrity_check + the whole hash chain)
 * before it counts, kept beside the database and thinned by day; a copy to another folder (a USB stick)
 * is never thinned. And the backup openApp makes before it migrates an older file. Real files in a temp
 * dir, the real dispatcher; the clock is the app's `now`, so backup names are known in advance.
 */
const root = useTempDir('cadangan')

/** A backup file opened by itself, read-only, as someone checking a USB copy would. */
function readBackup(file: string): {
  checksum: string
  integrity: string
  rows: number
  head: string
  satker: string
  chainProblem: string | null
} {
  const db = asReadable(new Database(file, { readonly: true, fileMustExist: true }))
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ')
    const last = db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as {
      seq: number
      hash: string
    }
    const satker = (db.prepare('SELECT satker FROM pemilihan WHERE id = 1').get() as { satker: string }).satker
    return {
      checksum: fingerprint(db),
      integrity,
      rows: last.seq,
      head: last.hash,
      satker,
      chainProblem: verifyChain(db).problem,
    }
  } finally {
    db.close()
  }
}

/** Local-time stamp in the backup naming pattern (yyyymmdd-hhmmss). */
const pad = (n: number) => String(n).padStart(2, '0')
const day = (d: Date) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`

/**
 * An instant by the satker's wall clock: the demo is in WIB (UTC+7), and a backup's name is stamped on the
 * warehouse wall, whatever the zone of the PC running the tests.
 */
const wib = (y: number, month: number, d: number, h: number, m: number) => new Date(Date.UTC(y, month, d, h - 7, m))

// The clock of every app below. 4 November 2024, 09:00 WIB, moved by each test as needed.
let clock = wib(2024, 10, 4, 9, 0)
const now = () => clock

/**
 * The template: the demo election with a floor day on it (deliveries, a shift with a tally), closed.
 * Every test copies it, so each has its own database and backup folder.
 */
const TEMPLATE = join(root, 'template', 'batubara.sqlite')
let templateRows = 0

beforeAll(async () => {
  const app = await openTestApp({ who: 'Ani (operator)', dbPath: TEMPLATE, now })
  const variants = await app.call('barang.daftarVarian')
  const gub = variants.find((v) => v.itemCode === 'GUBERNUR')!.variantId
  const bup = variants.find((v) => v.itemCode === 'BUPATI')!.variantId
  await app.call('penerimaan.catat', {
    receivedAt: '2024-11-04T08:00',
    penyedia: 'PT Aneka Cetak Nusantara',
    suratJalan: 'SJ/0917/X/2024',
    lines: [
      { variantId: gub, statedQty: 20_000, countedQty: 20_000 },
      {
        variantId: bup,
        statedQty: 10_000,
        countedQty: 9_800,
        tertukarQty: 200,
        tertukarNote: 'milik KPU Kabupaten Asahan',
      },
    ],
  })
  const melati = (await app.call('regu.tambah', { nama: 'Melati' })).id
  for (const nama of ['Siti', 'Rina']) await app.call('pekerja.tambah', { nama, teamId: melati })
  const shift = await app.call('shift.buka', dayShift('sortir_lipat', '2024-11-04', [gub], [melati]))
  await app.call('tally.simpan', {
    shiftId: shift.id,
    variantId: gub,
    rows: [{ teamId: melati, serahkan: 3_000, hasil: 2_900, rusak: { CETAK: 40 }, kembali: 60 }],
  })
  await app.call('shift.tutup', { shiftId: shift.id, note: 'selesai' })
  templateRows = (await app.call('sistem.lihatInfo')).ledgerRows
  app.close()
  // 3 rows of the delivery (Gubernur, Bupati, Bupati tertukar) + 4 of the tally (serah, hasil, rusak, kembali).
  expect(templateRows).toBe(7)
})

let n = 0
/** A fresh copy of the template under `name`, opened with the test clock. */
async function copyOfTemplate(name: string): Promise<TestApp> {
  const dbPath = join(root, `case-${++n}`, `${name}.sqlite`)
  mkdirSync(dirname(dbPath), { recursive: true })
  copyFileSync(TEMPLATE, dbPath)
  return openTestApp({ who: 'Ani (operator)', dbPath, now, demo: false })
}

/**
 * A describe's own copy of the template, opened at 4 November 09.00 in its beforeAll and closed after its
 * tests; the object stands for the app from then on.
 */
function useTemplateCopy(): TestApp {
  let app: TestApp | undefined
  beforeAll(async () => {
    clock = wib(2024, 10, 4, 9, 0)
    app = await copyOfTemplate('batubara')
  })
  afterAll(() => app?.close())
  return new Proxy({} as TestApp, {
    get(_, key) {
      const value: unknown = Reflect.get(app!, key)
      return typeof value === 'function' ? value.bind(app) : value
    },
  })
}

describe('cadangan.buat', () => {
  const app = useTemplateCopy()

  it('writes a checked backup holding exactly the live data, named by the clock, into cadangan/<name>/', async () => {
    const info = await app.call('sistem.lihatInfo')
    const status = await app.call('sistem.lihatStatus')
    expect(status.mode).toBe('normal')
    expect(status.backupDir).toBe(join(dirname(app.dbPath), 'cadangan', 'batubara'))

    const b = await app.call('cadangan.buat')
    expect(b).toMatchObject({
      name: 'batubara-20241104-090000-manual.sqlite',
      at: '2024-11-04T09:00:00',
      reason: 'manual',
      ok: true,
      problem: null,
      ledgerRows: templateRows,
      chainHead: info.chainHead,
      schemaVersion: LATEST_SCHEMA_VERSION,
      satker: 'Kabupaten Batu Bara',
      dropped: [],
    })
    expect(b.file).toBe(join(status.backupDir, b.name))
    expect(b.bytes).toBeGreaterThan(0)

    // Opened independently: a valid SQLite file whose every table equals the live database's.
    const copy = readBackup(b.file)
    expect(copy.integrity).toBe('ok')
    expect(copy.chainProblem).toBeNull()
    expect(copy.rows).toBe(info.ledgerRows)
    expect(copy.head).toBe(info.chainHead)
    expect(copy.satker).toBe('Kabupaten Batu Bara')
    expect(copy.checksum).toBe(fingerprint(app.ctx.db))
    // Written under a temporary name and renamed: nothing half-written is left beside it.
    expect(readdirSync(status.backupDir).filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([])
  })

  it('cadangan.daftar shows the backups newest first, checked, with their counts; two in the same second both stay', async () => {
    clock = wib(2024, 10, 4, 9, 30)
    const a = await app.call('cadangan.buat')
    const b = await app.call('cadangan.buat')
    expect(a.name).toBe('batubara-20241104-093000-manual.sqlite')
    // Same second: a numbered name, never an overwrite of the first.
    expect(b.name).toBe('batubara-20241104-093000-2-manual.sqlite')

    const list = await app.call('cadangan.daftar')
    // The two of 09:30 first (in either order: they share a second), the 09:00 one last.
    expect(
      list
        .map((x) => x.name)
        .slice(0, 2)
        .sort(),
    ).toEqual([a.name, b.name].sort())
    expect(list.map((x) => x.name)[2]).toBe('batubara-20241104-090000-manual.sqlite')
    expect(list).toHaveLength(3)
    for (const x of list) {
      expect(x).toMatchObject({
        ok: true,
        problem: null,
        reason: 'manual',
        ledgerRows: templateRows,
        schemaVersion: LATEST_SCHEMA_VERSION,
        satker: 'Kabupaten Batu Bara',
      })
    }
    expect(list.map((x) => x.at)).toEqual(['2024-11-04T09:30:00', '2024-11-04T09:30:00', '2024-11-04T09:00:00'])
  })

  it('a backup made after more writes holds the new rows, and the earlier one still holds the old head', async () => {
    clock = wib(2024, 10, 4, 10, 0)
    const before = await app.call('sistem.lihatInfo')
    const gub = (await app.call('barang.daftarVarian')).find((v) => v.itemCode === 'GUBERNUR')!.variantId
    await app.call('penerimaan.catat', {
      receivedAt: '2024-11-04T09:45',
      penyedia: 'PT Aneka Cetak Nusantara',
      suratJalan: 'SJ/0920/X/2024',
      lines: [{ variantId: gub, statedQty: 500, countedQty: 500 }],
    })
    const after = await app.call('sistem.lihatInfo')
    expect(after.ledgerRows).toBe(before.ledgerRows + 1)

    const b = await app.call('cadangan.buat')
    expect(b).toMatchObject({ ok: true, ledgerRows: after.ledgerRows, chainHead: after.chainHead })
    const list = await app.call('cadangan.daftar')
    expect(list[0]!.name).toBe(b.name)
    expect(list.find((x) => x.name === 'batubara-20241104-090000-manual.sqlite')!.chainHead).toBe(before.chainHead)
  })

  it('a backup to another folder (a USB stick) is checked the same way and lists from there', async () => {
    const usb = join(root, 'usb-flashdisk', 'GUDANG')
    await app.call('cadangan.pilihFolder', { folder: usb })
    const b = await app.call('cadangan.buat', { folder: usb })
    expect(dirname(b.file)).toBe(usb)
    expect(b).toMatchObject({ ok: true, reason: 'manual', dropped: [] })
    expect(readBackup(b.file).checksum).toBe(fingerprint(app.ctx.db))
    const list = await app.call('cadangan.daftar', { folder: usb })
    expect(list.map((x) => x.name)).toEqual([b.name])
  })

  it('a folder that cannot be made is refused in Indonesian, and nothing is written', async () => {
    const notAFolder = join(root, 'bukan-folder.txt')
    writeFileSync(notAFolder, 'isi')
    const before = readdirSync(backupDir(app.dbPath)).sort()
    await app.call('cadangan.pilihFolder', { folder: join(notAFolder, 'cadangan') })
    const e = await app.refusal('cadangan.buat', { folder: join(notAFolder, 'cadangan') })
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/^Folder cadangan .* tidak dapat dibuat/)
    expectIssues(e.details, ['folder', 'Tidak dapat ditulis'])
    expect(readdirSync(backupDir(app.dbPath)).sort()).toEqual(before)
    expect((await app.refusal('cadangan.buat', { folder: '   ' })).code).toBe('INVALID_INPUT')
  })

  // A backup keeps the live file's WAL mode unless it is settled, and a read-only open of a WAL file
  // creates <backup>-wal and <backup>-shm (which would outlive the backup after thinning).
  it('checking backups leaves no -wal or -shm files in the backup folder', async () => {
    await app.call('cadangan.daftar')
    const leftovers = readdirSync(backupDir(app.dbPath)).filter((f) => !f.endsWith('.sqlite'))
    expect(leftovers).toEqual([])
  })
})

describe('a damaged file in the backup folder', () => {
  let app: TestApp
  let folder: string
  beforeAll(async () => {
    clock = wib(2024, 10, 5, 8, 0)
    app = await copyOfTemplate('batubara')
    folder = backupDir(app.dbPath)
    const good = await app.call('cadangan.buat')
    const bytes = readFileSync(good.file)
    // Random bytes under a backup's name (e.g. a copy cut short by a pulled USB stick, or another file).
    writeFileSync(
      join(folder, 'batubara-20241104-170000-tutup.sqlite'),
      createHash('sha512').update('acak').digest().toString('hex').repeat(2000),
    )
    // The first half of a real backup.
    writeFileSync(
      join(folder, 'batubara-20241104-120000-berkala.sqlite'),
      bytes.subarray(0, Math.floor(bytes.length / 2)),
    )
    // A real backup whose ledger row 2 was edited behind the app's back.
    const edited = join(folder, 'batubara-20241103-170000-tutup.sqlite')
    copyFileSync(good.file, edited)
    const raw = new Database(edited)
    raw.exec('DROP TRIGGER ledger_no_update')
    raw.prepare('UPDATE ledger SET qty = qty + 1 WHERE seq = 2').run()
    raw.close()
  })
  afterAll(() => app.close())

  it('is listed with ok:false and an Indonesian problem; the good backup stays ok', async () => {
    const list = await app.call('cadangan.daftar')
    const by = (name: string) => list.find((x) => x.name === name)!
    expect(list).toHaveLength(4)
    expect(by('batubara-20241105-080000-manual.sqlite')).toMatchObject({
      ok: true,
      problem: null,
      ledgerRows: templateRows,
    })
    expect(by('batubara-20241104-170000-tutup.sqlite')).toMatchObject({
      ok: false,
      reason: 'tutup',
      ledgerRows: 0,
    })
    // Named from the file's first bytes and size, before SQLite opens it (db/fileHeader.ts).
    expect(by('batubara-20241104-170000-tutup.sqlite').problem).toMatch(/^Berkas ini bukan basis data SQLite \(/)
    const half = by('batubara-20241104-120000-berkala.sqlite')
    expect(half.ok).toBe(false)
    expect(half.problem).toMatch(/^Berkas basis data terpotong/)
    expect(by('batubara-20241103-170000-tutup.sqlite')).toMatchObject({
      ok: false,
      problem: 'Isi baris 2 tidak sesuai dengan hash-nya: baris ini telah diubah di luar aplikasi',
    })
  })

  it('a damaged backup cannot be restored, and the database stays as it was', async () => {
    const before = fingerprint(app.ctx.db)
    for (const name of [
      'batubara-20241104-170000-tutup.sqlite',
      'batubara-20241104-120000-berkala.sqlite',
      'batubara-20241103-170000-tutup.sqlite',
    ]) {
      const e = await app.refusal('cadangan.pulihkan', { file: join(folder, name) })
      expect(e.code, name).toBe('REFUSED')
      expect(e.message, name).toContain(`Cadangan ${name} tidak dapat dipulihkan`)
    }
    expect(fingerprint(app.ctx.db)).toBe(before)
    expect(readdirSync(folder).filter((f) => f.includes('sebelum-pulih'))).toEqual([])
  })
})

describe('thinning', () => {
  it('backupsToDrop keeps the newest of today up to the limit and the newest one of each earlier day', () => {
    const names = [
      'gudang-20241104-170000-manual.sqlite',
      'gudang-20241104-120000-berkala.sqlite',
      'gudang-20241104-080000-mulai.sqlite',
      'gudang-20241103-180000-tutup.sqlite',
      'gudang-20241103-080000-mulai.sqlite',
      'gudang-20241102-080000-mulai.sqlite',
      'gudang-20241030-230000-sebelum-pulih.sqlite',
      'gudang-20241030-100000-migrasi.sqlite',
      // Not in the naming pattern: never touched, whatever the limits.
      'salinan-saya.sqlite',
      'catatan.txt',
    ]
    // today 2, days 2: today's 17:00 and 12:00; the 3rd (18:00) and the 2nd; the 30th is a third earlier day.
    expect(backupsToDrop(names, '20241104', { today: 2, days: 2, total: 45 }).sort()).toEqual(
      [
        'gudang-20241104-080000-mulai.sqlite',
        'gudang-20241103-080000-mulai.sqlite',
        'gudang-20241030-230000-sebelum-pulih.sqlite',
        'gudang-20241030-100000-migrasi.sqlite',
      ].sort(),
    )
    // total 3 binds before the day limit does: the three newest kept (two of today, the newest of the 3rd).
    expect(backupsToDrop(names, '20241104', { today: 2, days: 30, total: 3 }).sort()).toEqual(
      [
        'gudang-20241104-080000-mulai.sqlite',
        'gudang-20241103-080000-mulai.sqlite',
        'gudang-20241102-080000-mulai.sqlite',
        'gudang-20241030-230000-sebelum-pulih.sqlite',
        'gudang-20241030-100000-migrasi.sqlite',
      ].sort(),
    )
    // Under the default limits, nothing of this short history goes except the older ones of a day.
    expect(backupsToDrop(names, '20241104').sort()).toEqual(
      ['gudang-20241103-080000-mulai.sqlite', 'gudang-20241030-100000-migrasi.sqlite'].sort(),
    )
    expect(backupsToDrop([], '20241104')).toEqual([])
  })

  it('cadangan.buat thins the backup folder: 10 newest of today, one per earlier day for 30 days; other files stay', async () => {
    clock = wib(2024, 10, 4, 8, 0)
    const app = await copyOfTemplate('batubara')
    try {
      const folder = backupDir(app.dbPath)
      const real = (await app.call('cadangan.buat')).file
      const crafted: string[] = []
      const craft = (name: string) => {
        copyFileSync(real, join(folder, name))
        crafted.push(name)
      }
      // Today: twelve more at 08:01 … 08:12 (with the real one at 08:00, thirteen).
      for (let m = 1; m <= 12; m++) craft(`batubara-20241104-08${pad(m)}00-berkala.sqlite`)
      // 35 earlier days (3 Nov back to 30 Sep), each with a start backup and a closing one.
      const earlier: string[] = []
      for (let i = 1; i <= 35; i++) {
        const d = day(new Date(2024, 10, 4 - i))
        earlier.push(d)
        craft(`batubara-${d}-070000-mulai.sqlite`)
        craft(`batubara-${d}-180000-tutup.sqlite`)
      }
      expect(earlier[0]).toBe('20241103')
      expect(earlier[34]).toBe('20240930')
      writeFileSync(join(folder, 'catatan.txt'), 'salinan ke USB tiap Jumat')
      copyFileSync(real, join(folder, 'salinan-manual-pak-budi.sqlite'))

      clock = wib(2024, 10, 4, 17, 0)
      const b = await app.call('cadangan.buat')
      expect(b.name).toBe('batubara-20241104-170000-manual.sqlite')

      // Kept, worked out by hand: today the new 17:00 and the nine newest of 08:12 … 08:04; of the earlier
      // days the 18:00 one of the 30 newest days (3 Nov … 5 Oct). 10 + 30 = 40, under the total of 45.
      const keptToday = [
        'batubara-20241104-170000-manual.sqlite',
        ...[12, 11, 10, 9, 8, 7, 6, 5, 4].map((m) => `batubara-20241104-08${pad(m)}00-berkala.sqlite`),
      ]
      const keptDays = earlier.slice(0, 30).map((d) => `batubara-${d}-180000-tutup.sqlite`)
      expect(keptDays.at(-1)).toBe('batubara-20241005-180000-tutup.sqlite')
      const survivors = readdirSync(folder).filter((f) => f.endsWith('.sqlite') || f.endsWith('.txt'))
      expect(survivors.sort()).toEqual(
        [...keptToday, ...keptDays, 'catatan.txt', 'salinan-manual-pak-budi.sqlite'].sort(),
      )

      const everything = [...crafted, 'batubara-20241104-080000-manual.sqlite']
      const expectedDropped = everything.filter((f) => !keptToday.includes(f) && !keptDays.includes(f))
      // 1 + 12 of today before, 70 of earlier days, the new one: 84 in the pattern, 40 kept, 44 dropped.
      expect(everything).toHaveLength(83)
      expect(expectedDropped).toHaveLength(44)
      expect([...(b.dropped ?? [])].sort()).toEqual(expectedDropped.sort())
      expect(keptToday.length + keptDays.length).toBeLessThanOrEqual(RETENTION.total)
    } finally {
      app.close()
    }
  })

  it('a backup to another folder never thins it, however many backups it already holds', async () => {
    clock = wib(2024, 10, 4, 8, 0)
    const app = await copyOfTemplate('batubara')
    try {
      const usb = join(root, 'usb-penuh')
      await app.call('cadangan.pilihFolder', { folder: usb })
      const first = await app.call('cadangan.buat', { folder: usb })
      for (let i = 1; i <= 40; i++)
        copyFileSync(first.file, join(usb, `batubara-${day(new Date(2024, 10, 4 - i))}-180000-tutup.sqlite`))
      for (let m = 1; m <= 12; m++)
        copyFileSync(first.file, join(usb, `batubara-20241104-07${pad(m)}00-berkala.sqlite`))
      // Only the .sqlite files count as backups here.
      const backups = () =>
        readdirSync(usb)
          .filter((f) => f.endsWith('.sqlite'))
          .sort()
      const before = backups()
      expect(before).toHaveLength(53)
      // The same files in the default folder would lose the 10 oldest days and 3 of today's.
      expect(backupsToDrop(before, '20241104').length).toBeGreaterThan(0)

      clock = wib(2024, 10, 4, 17, 0)
      const b = await app.call('cadangan.buat', { folder: usb })
      expect(b.dropped).toEqual([])
      expect(backups()).toEqual([...before, b.name].sort())
    } finally {
      app.close()
    }
  })
})

describe('the backup openApp makes before migrating an older file', () => {
  /** A file as an older app left it: the first `version` migrations, an election, a variant and three ledger rows. */
  function olderFile(path: string, version: number): { rows: number; head: string } {
    mkdirSync(dirname(path), { recursive: true })
    const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, version) })
    expect(schemaVersion(db)).toBe(version)
    db.exec(`
      -- the tables' names before 0015
      INSERT INTO election (id, jenis, tahun, provinsi, satker, kode_wilayah, reserve_bp, rounding, max_voters_per_tps, created_at)
        VALUES (1, 'pilkada', 2024, 'Sumatera Utara', 'Kabupaten Batu Bara', '1219', 250, 'up', 600, '2024-10-01T02:00:00.000Z');
      INSERT INTO item (id, code, name, kind, unit, rule, sort_order) VALUES (1, 'BUPATI', 'Surat Suara Bupati', 'ballot', 'lembar', 'ballot', 20);
      INSERT INTO dapil (id, item_id, name, name_key) VALUES (1, 1, 'KABUPATEN BATU BARA', 'kabupaten batu bara');
      INSERT INTO item_variant (id, item_id, dapil_id) VALUES (1, 1, 1);`)
    let head = GENESIS_HASH
    db.transaction(() => {
      if (version >= 2) {
        const rows = appendMoves(
          db,
          [
            { variantId: 1, from: 'PENYEDIA', to: 'DITERIMA', qty: 10_000, documentId: 'SJ-001' },
            { variantId: 1, from: 'DITERIMA', to: 'BAIK', qty: 9_000 },
            { variantId: 1, from: 'DITERIMA', to: 'RUSAK:CETAK', qty: 40 },
          ],
          { actor: 'ani', at: '2024-10-02T01:00:00.000Z' },
        )
        head = (db.prepare('SELECT hash FROM ledger WHERE seq = ?').get(rows.at(-1)!.seq) as { hash: string }).hash
      } else {
        // Version 1 had no worker_id column; its rows hash without a worker (the v1 encoding).
        const insert = db.prepare(
          'INSERT INTO ledger (seq, at, actor, variant_id, from_place, to_place, qty, document_id, prev_hash, hash) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)',
        )
        const moves = [
          ['PENYEDIA', 'DITERIMA', 10_000, 'SJ-001'],
          ['DITERIMA', 'BAIK', 9_000, null],
          ['DITERIMA', 'RUSAK:CETAK', 40, null],
        ] as const
        moves.forEach(([from, to, qty, documentId], i) => {
          const row = {
            seq: i + 1,
            at: '2024-10-02T01:00:00.000Z',
            actor: 'ani',
            variantId: 1,
            from,
            to,
            qty,
            note: null,
            shiftId: null,
            documentId,
            reason: null,
            correctsSeq: null,
            workerId: null,
            prevHash: head,
          }
          const hash = rowHash(row)
          insert.run(row.seq, row.at, row.actor, from, to, qty, documentId, head, hash)
          head = hash
        })
      }
    })()
    db.close()
    return { rows: 3, head }
  }

  /** A file left at `schema` with three ledger rows, opened by today's app at 07:<minute> on 4 November. */
  async function openOlder(dir: string, schema: 1 | 2, minute: number) {
    clock = wib(2024, 10, 4, 7, minute)
    const path = join(root, dir, 'batubara.sqlite')
    const old = olderFile(path, schema)
    const app = await openTestApp({ who: 'Ani (operator)', dbPath: path, now, demo: false })
    return { path, old, app }
  }

  it('a schema-2 file is backed up as it was (old schema, intact), then migrated; the app opens normally', async () => {
    const { path, old, app } = await openOlder('lama-v2', 2, 30)
    try {
      expect(app.state).toEqual({ mode: 'normal', problem: null })
      expect(schemaVersion(app.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
      const info = await app.call('sistem.lihatInfo')
      expect(info).toMatchObject({ ledgerRows: old.rows, chainHead: old.head })

      const file = join(backupDir(path), 'batubara-20241104-073000-migrasi.sqlite')
      expect(existsSync(file)).toBe(true)
      const check = inspectDatabaseFile(file)
      expect(check).toMatchObject({ integrity: 'ok', schemaVersion: 2, satker: 'Kabupaten Batu Bara', error: null })
      expect(check.chain).toMatchObject({ rows: 3, head: old.head, problem: null })
      const raw = new Database(file, { readonly: true })
      expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2])
      expect(raw.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'floor_flow'`).pluck().get()).toBe(0)
      raw.close()

      const list = await app.call('cadangan.daftar')
      expect(list.map((b) => [b.name, b.reason, b.ok, b.schemaVersion])).toEqual([[basename(file), 'migrasi', true, 2]])
    } finally {
      app.close()
    }
  })

  // A file at schema 1 has no worker_id column; its rows must verify as the v1 rows they are, or the
  // migration backup fails its check and a genuine 0001 file could never be opened again.
  it('a schema-1 file with ledger rows is backed up and migrated too', async () => {
    const { path, old, app } = await openOlder('lama-v1', 1, 45)
    try {
      expect(app.state).toEqual({ mode: 'normal', problem: null })
      expect(await app.call('sistem.lihatInfo')).toMatchObject({
        ledgerRows: 3,
        chainHead: old.head,
      })
      const check = inspectDatabaseFile(join(backupDir(path), 'batubara-20241104-074500-migrasi.sqlite'))
      expect(check).toMatchObject({ integrity: 'ok', schemaVersion: 1 })
      expect(check.chain?.problem).toBeNull()
    } finally {
      app.close()
    }
  })

  it('a new file, and a file already at the latest schema, get no migration backup', async () => {
    clock = wib(2024, 10, 4, 7, 50)
    const fresh = join(root, 'baru', 'kosong.sqlite')
    const a = await openTestApp({ who: 'Ani (operator)', dbPath: fresh, now, demo: false })
    expect(schemaVersion(a.ctx.db)).toBe(LATEST_SCHEMA_VERSION)
    a.close()
    const demo = join(root, 'baru', 'demo.sqlite')
    const b = await openTestApp({ who: 'Ani (operator)', dbPath: demo, now })
    expect(b.createdDemo).toBe(true)
    b.close()
    // Reopening a file at the latest schema: nothing to migrate, nothing to back up.
    const c = await openTestApp({ who: 'Ani (operator)', dbPath: demo, now, demo: false })
    expect(c.state.mode).toBe('normal')
    c.close()
    expect(existsSync(join(root, 'baru', 'cadangan'))).toBe(false)
  })
})

describe('folders for backups: only the app folder and those a person picked (issue 15)', () => {
  const app = useTemplateCopy()

  it('a folder named in a call but never picked is refused, whatever it holds, and nothing is opened or written', async () => {
    const elsewhere = join(root, 'folder-lain')
    mkdirSync(elsewhere, { recursive: true })
    copyFileSync(TEMPLATE, join(elsewhere, 'rahasia.sqlite'))
    for (const method of ['cadangan.daftar', 'cadangan.buat'] as const) {
      const e = await app.refusal(method, { folder: elsewhere })
      expect(e.code).toBe('REFUSED')
      expect(e.message).toContain('belum pernah dipilih sebagai folder cadangan')
      expectIssues(e.details, ['folder', 'Folder belum dipilih'])
    }
    expect(readdirSync(elsewhere)).toEqual(['rahasia.sqlite'])
    // The app's own folder needs no picking, named or not.
    expect((await app.call('cadangan.daftar', { folder: backupDir(app.dbPath) })).length).toBeGreaterThanOrEqual(0)
  })

  it('picking needs an admin; a picked folder is remembered with who and when, and listed from then on', async () => {
    const usb = join(root, 'usb-dipilih')
    const operator = apiOf(app, { actor: 'Operator Sortir', transport: 'http' })
    expect((await operator.refusal('cadangan.pilihFolder', { folder: usb })).code).toMatch(/AUTH_REQUIRED|FORBIDDEN/)
    const folders = await app.call('cadangan.pilihFolder', { folder: usb })
    expect(folders).toEqual([{ folder: usb, at: clock.toISOString(), oleh: 'Ani (operator)', ada: false }])
    expect(await app.call('cadangan.daftar', { folder: usb })).toEqual([])
    const b = await app.call('cadangan.buat', { folder: usb })
    expect((await app.call('cadangan.daftarFolder'))[0]).toMatchObject({ folder: usb, ada: true })
    expect((await app.call('cadangan.daftar', { folder: usb })).map((x) => x.name)).toEqual([b.name])
  })

  it("a folder picked in the desktop app's system dialog is the person's own choice; the dialog's way opens nothing else", async () => {
    // The main process passes on the dialog's answer with no window session (electron/main/index.ts).
    const dialog = apiOf(app, { actor: 'pengguna di PC ini (jendela pemilih folder)', transport: 'dialog' })
    const usb = join(root, 'usb-dialog')
    expect(await dialog.call('cadangan.pilihFolder', { folder: usb })).toContainEqual(
      expect.objectContaining({ folder: usb, oleh: 'pengguna di PC ini (jendela pemilih folder)' }),
    )
    expect((await dialog.refusal('cadangan.buat', { folder: usb })).code).toBe('FORBIDDEN')
    expect((await dialog.refusal('sistem.lihatInfo')).code).toBe('FORBIDDEN')
  })

  it('a picked folder holding anything: limits on count and size, a finding per file, nothing left beside them', async () => {
    const usb = join(root, 'usb-campur')
    await app.call('cadangan.pilihFolder', { folder: usb })
    const good = await app.call('cadangan.buat', { folder: usb })
    writeFileSync(join(usb, 'kosong.sqlite'), '')
    writeFileSync(join(usb, 'foto-liburan.sqlite'), Buffer.alloc(8192, 7))
    const list = await app.call('cadangan.daftar', { folder: usb })
    const byName = new Map(list.map((x) => [x.name, x]))
    expect(byName.get(good.name)).toMatchObject({ ok: true })
    expect(byName.get('kosong.sqlite')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('kosong (0 bita)'),
    })
    expect(byName.get('foto-liburan.sqlite')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('bukan basis data SQLite'),
    })
    expect(readdirSync(usb).filter((f) => !f.endsWith('.sqlite'))).toEqual([])

    // The service's bounds, made small: the newest file opened, the others each named with the limit.
    const many = join(root, 'usb-banyak')
    await app.call('cadangan.pilihFolder', { folder: many })
    mkdirSync(many, { recursive: true })
    for (const t of ['090000', '100000', '110000'])
      copyFileSync(good.file, join(many, `batubara-20241104-${t}-manual.sqlite`))
    const few = daftarCadangan(app.dbPath, many, undefined, { files: 1, bytes: 10 ** 9, ms: 20_000 })
    expect(few.map((x) => [x.name, x.ok])).toEqual([
      ['batubara-20241104-110000-manual.sqlite', true],
      ['batubara-20241104-100000-manual.sqlite', false],
      ['batubara-20241104-090000-manual.sqlite', false],
    ])
    expect(few[1]!.problem).toBe('Tidak diperiksa: folder ini berisi 3 berkas .sqlite; hanya 1 yang terbaru diperiksa')
    const big = daftarCadangan(app.dbPath, many, undefined, { files: 100, bytes: 4096, ms: 20_000 })
    expect(big[1]!.problem).toMatch(/^Tidak diperiksa: berkas .* melewati batas .* untuk pemeriksaan cadangan$/)
  })

  it('a backup in a picked folder is a witness: an edit behind the app is named with that folder', async () => {
    const usb = join(root, 'usb-saksi')
    await app.call('cadangan.pilihFolder', { folder: usb })
    const b = await app.call('cadangan.buat', { folder: usb })
    // Only the USB copy witnesses this edit: the app's own folder is emptied of backups.
    const own = backupDir(app.dbPath)
    for (const f of existsSync(own) ? readdirSync(own) : []) if (f.endsWith('.sqlite')) rmSync(join(own, f))
    const raw = new Database(app.dbPath)
    raw.exec('DROP TRIGGER ledger_no_update')
    // Row 2's hash changed (as a rewrite that recomputes the hashes would): only a witness can tell.
    raw.prepare("UPDATE ledger SET hash = 'ab' || substr(hash, 3) WHERE seq = 2").run()
    raw.close()
    const report = await app.call('ledger.periksa')
    expect(report.problems).toContain(
      `Riwayat berbeda dengan saksi cadangan ${b.name} di ${usb} mulai baris buku besar 2`,
    )
  })
})

describe("file names stamped on the satker's clock, not the PC's (issue 15)", () => {
  it('a backup, a restore’s undo file and an output are named by the WITA clock on a PC set to Los Angeles', async () => {
    const tz = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    // 23:30 WIB on 4 November: 00:30 WITA on the 5th, 08:30 on the 4th in Los Angeles.
    clock = wib(2024, 10, 4, 23, 30)
    const app = await copyOfTemplate('batubara')
    try {
      expect(clock.getHours(), "the PC's own clock").toBe(8)
      await app.call('pemilihan.ubah', { zonaWaktu: 'WITA' })
      const b = await app.call('cadangan.buat')
      expect(b).toMatchObject({ name: 'batubara-20241105-003000-manual.sqlite', at: '2024-11-05T00:30:00' })
      const r = await app.call('cadangan.pulihkan', { file: b.file })
      expect(basename(r.previous)).toBe('batubara-20241105-003000-sebelum-pulih.sqlite')
      expect(basename(outputPath(app.ctx, 'label-kotak-uji', 'zip'))).toBe('label-kotak-uji-20241105-003000.zip')
    } finally {
      app.close()
      if (tz === undefined) delete process.env.TZ
      else process.env.TZ = tz
    }
  })
})
