import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import { AppError } from '../../src/core/errors'
import { masterDataVersion } from '../../src/db/sistem'
import * as pemilihan from '../../src/services/pemilihan'
import { recordMoves } from '../../src/services/ledger'
import * as wilayah from '../../src/services/wilayah'
import { apiOf, upload } from '../support/api'
import { useTempDir } from '../support/tempDir'

/**
 * The apply that follows a preview takes the preview's plan instead of reading the file again; these
 * are the ways that must never hand it a plan made for something else: other bytes, another file name,
 * master data changed in between, or an apply already done. And a re-import that drops TPS or a
 * kecamatan the ledger already used is refused naming each of them, however many rows are dropped.
 */
const DEMO_CSV = resolve(__dirname, '../../resources/demo/tps-batubara-2024.csv')
const demo = readFileSync(DEMO_CSV)
const root = useTempDir('wilayah-plan')

const who = { actor: 'ani' }
const lines = demo
  .toString('utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '')
const header = lines[0]!
const body = lines.slice(1)
const csv = (rows: readonly string[]) => Buffer.from([header, ...rows].join('\n') + '\n', 'utf8')

let n = 0
/** A new app with an empty Pilkada of Batu Bara, closed when the test that opened it ends. */
async function app(): Promise<OpenedApp> {
  const a = await openApp({ dbPath: join(root, `app-${++n}.sqlite`) })
  onTestFinished(() => a.close())
  pemilihan.buat(a.ctx, who, {
    jenis: 'pilkada',
    tahun: 2024,
    provinsi: 'Sumatera Utara',
    satker: 'Kabupaten Batu Bara',
    kodeWilayah: '1219',
  })
  return a
}

/** An app whose wilayah is the demo file, imported through the preview and the apply. */
async function withDemo(): Promise<OpenedApp> {
  const a = await app()
  const p = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
  await wilayah.impor(a.ctx, who, 'tps.csv', demo, p.fingerprint)
  return a
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

const checksum = (a: OpenedApp) =>
  JSON.stringify([
    wilayah.daftarTps(a.ctx),
    a.ctx.db.prepare('SELECT * FROM kecamatan ORDER BY id').all(),
    a.ctx.db.prepare('SELECT * FROM desa ORDER BY id').all(),
  ])

describe('a preview and the apply after it', () => {
  it('an apply with the bytes of another file is refused even right after a preview', async () => {
    const a = await app()
    const p = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    const other = csv(body.slice(1))
    const e = await refusal(wilayah.impor(a.ctx, who, 'tps.csv', other, p.fingerprint))
    expect(e.code).toBe('CONFLICT')
    expect(wilayah.daftarTps(a.ctx)).toEqual([])
    // The previewed file itself still applies.
    expect(await wilayah.impor(a.ctx, who, 'tps.csv', demo, p.fingerprint)).toMatchObject({
      added: body.length,
      removed: 0,
      changed: 0,
      unchanged: 0,
    })
  })

  it('through the dispatcher, the apply takes the plan its preview made in a job thread: the file is read once', async () => {
    const a = await app()
    const reads: string[] = []
    const read = a.ctx.readTable!
    a.ctx.readTable = (name, content) => (reads.push(name), read(name, content))
    const api = apiOf(a, who.actor)
    const file = upload('tps.csv', demo)
    const p = await api.call('wilayah.pratinjauImpor', file)
    expect(await api.call('wilayah.impor', { ...file, fingerprint: p.fingerprint })).toMatchObject({
      added: body.length,
    })
    expect(reads).toEqual([])
    // Bytes the preview did not read are read here, and refused against its fingerprint.
    const other = upload('tps.csv', csv(body.slice(1)))
    expect((await api.refusal('wilayah.impor', { ...other, fingerprint: p.fingerprint })).code).toBe('CONFLICT')
    expect(reads).toEqual(['tps.csv'])
  })

  it('an import through the dispatcher is sealed as written, and an edit of a TPS behind the app after it is marked and named', async () => {
    const a = await app()
    const api = apiOf(a, who.actor)
    const file = upload('tps.csv', demo)
    const p = await api.call('wilayah.pratinjauImpor', file)
    await api.call('wilayah.impor', { ...file, fingerprint: p.fingerprint })
    // The jejak row of the import records the digest of the TPS table as written: the whole file verifies.
    expect(await api.call('ledger.periksa', {})).toMatchObject({ ok: true, problems: [] })
    const version = masterDataVersion(a.ctx.db)
    // A DPT changed with another program while the app holds the file: the table's marking trigger and the
    // master data version's trigger fire as for any write, so needs are computed again and the change is named.
    const insider = new Database(a.dbPath)
    insider.prepare('UPDATE tps SET dpt = dpt + 7 WHERE id = (SELECT max(id) FROM tps)').run()
    insider.close()
    expect(masterDataVersion(a.ctx.db)).toBeGreaterThan(version!)
    const check = await api.call('ledger.periksa', {})
    expect(check.ok).toBe(false)
    expect(check.problems.join('\n')).toMatch(/Perubahan pada tabel tps tidak tercatat dalam jejak/)
    expect(check.problems.join('\n')).toMatch(/Tabel tps diubah di luar aplikasi setelah jejak \d+/)
    // And the app writes nothing on top of it: a new preview is made, its apply refused.
    const again = await api.call('wilayah.pratinjauImpor', file)
    expect(await api.refusal('wilayah.impor', { ...file, fingerprint: again.fingerprint })).toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(/^Penulisan ditolak, tidak ada yang dicatat: Perubahan pada tabel tps/),
    })
  })

  it('through the dispatcher, a re-import applies the plan of its job thread to the places already held', async () => {
    const a = await withDemo()
    const before = wilayah.daftarTps(a.ctx)
    const reads: string[] = []
    const read = a.ctx.readTable!
    a.ctx.readTable = (name, content) => (reads.push(name), read(name, content))
    const api = apiOf(a, who.actor)
    // Every TPS's DPT one higher, the kode columns blank on the first row: matched by name, ids kept.
    const changed = body.map((l, i) => {
      const c = l.split(',')
      return [i === 0 ? '' : c[0], c[1], i === 0 ? '' : c[2], c[3], c[4], String(Number(c[5]) + 1)].join(',')
    })
    const file = upload('tps.csv', csv(changed))
    const p = await api.call('wilayah.pratinjauImpor', file)
    expect(await api.call('wilayah.impor', { ...file, fingerprint: p.fingerprint })).toEqual({
      added: 0,
      removed: 0,
      changed: body.length,
      unchanged: 0,
    })
    expect(reads).toEqual([])
    const after = wilayah.daftarTps(a.ctx)
    expect(after.map((t) => [t.id, t.desaId, t.nomor, t.dpt])).toEqual(
      before.map((t) => [t.id, t.desaId, t.nomor, t.dpt + 1]),
    )
    expect(wilayah.daftarKecamatan(a.ctx).map((k) => k.kode)).toEqual([...new Set(body.map((l) => l.split(',')[0]))])
  })

  it('what a caller does to a preview does not change what the apply sees', async () => {
    const a = await app()
    const [kk, k, kd, d] = body[0]!.split(',')
    const bad = csv([...body.slice(0, 10), `${kk},${k},${kd},${d},0,200`])
    const p = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', bad)
    expect(p.ok).toBe(false)
    expect(p.errors).toHaveLength(1)
    p.errors.length = 0
    p.changes.sample.length = 0
    const e = await refusal(wilayah.impor(a.ctx, who, 'tps.csv', bad, p.fingerprint))
    expect(e.code).toBe('REFUSED')
    expect(e.details).toHaveLength(1)
    expect(wilayah.daftarTps(a.ctx)).toEqual([])
    const again = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', bad)
    expect(again.errors).toHaveLength(1)
    expect(again.changes.sample).toHaveLength(10)
  })

  it('a preview reflects settings changed since the last preview of the same file', async () => {
    const a = await app()
    const dpts = body.map((l) => Number(l.split(',')[5]))
    const max = Math.max(...dpts)
    pemilihan.ubah(a.ctx, who, { maxVotersPerTps: max })
    const before = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    expect(before.warnings).toEqual([])
    // A lower cap makes the TPS above it warnings; the same bytes, previewed again, must say so.
    const cap = max - 10
    pemilihan.ubah(a.ctx, who, { maxVotersPerTps: cap })
    const after = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    const over = dpts.filter((d) => d > cap).length
    expect(over).toBeGreaterThan(0)
    expect(after.warnings.length).toBe(Math.min(over, 200) + (over > 200 ? 1 : 0))
    expect(after.warnings[0]!.message).toContain(`melebihi batas ${cap} pemilih per TPS`)
  })

  it('the same bytes under another name are read as that name says', async () => {
    const a = await app()
    const p = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    expect(p.format).toMatch(/^CSV/)
    // Just previewed as .csv; as .xls the very same bytes are refused, as .tsv they are text.
    const e = await refusal(wilayah.pratinjauImpor(a.ctx, 'tps.xls', demo))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toContain('.xls')
    expect((await refusal(wilayah.impor(a.ctx, who, 'tps.xls', demo, p.fingerprint))).code).toBe('REFUSED')
    expect((await wilayah.pratinjauImpor(a.ctx, 'tps.tsv', demo)).format).toMatch(/^Teks/)
    expect(wilayah.daftarTps(a.ctx)).toEqual([])
    // The CSV still previews and applies as before.
    const again = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    expect(again.fingerprint).toBe(p.fingerprint)
    expect(await wilayah.impor(a.ctx, who, 'tps.csv', demo, again.fingerprint)).toMatchObject({ added: body.length })
  })

  it('a preview made before another change to the wilayah is stale, even for the same file', async () => {
    const a = await app()
    const first = csv(body.slice(0, -1))
    const p1 = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', first)
    await wilayah.impor(a.ctx, who, 'tps.csv', first, p1.fingerprint)
    const p2 = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    expect(p2.changes).toMatchObject({ added: 1, removed: 0, changed: 0, unchanged: body.length - 1 })
    // Another import lands between the preview and its apply.
    const p3 = await wilayah.pratinjauImpor(a.ctx, 'lain.csv', csv(body.slice(0, -2)))
    await wilayah.impor(a.ctx, who, 'lain.csv', csv(body.slice(0, -2)), p3.fingerprint)
    const before = checksum(a)
    const e = await refusal(wilayah.impor(a.ctx, who, 'tps.csv', demo, p2.fingerprint))
    expect(e.code).toBe('CONFLICT')
    expect(checksum(a)).toBe(before)
    // A fresh preview sees the data as it now is.
    expect((await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)).changes).toMatchObject({
      added: 2,
      removed: 0,
      changed: 0,
      unchanged: body.length - 2,
    })
  })

  it('after an apply, the same file previews as all unchanged and applies again without changes', async () => {
    const a = await app()
    const p = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    await wilayah.impor(a.ctx, who, 'tps.csv', demo, p.fingerprint)
    // The first preview's fingerprint was made against the empty wilayah.
    expect((await refusal(wilayah.impor(a.ctx, who, 'tps.csv', demo, p.fingerprint))).code).toBe('CONFLICT')
    const again = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', demo)
    expect(again.fingerprint).not.toBe(p.fingerprint)
    expect(again.changes).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: body.length })
    expect(await wilayah.impor(a.ctx, who, 'tps.csv', demo, again.fingerprint)).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: body.length,
    })
  })
  it('counts every change of a file with more than the audit lists, and lists the first 2,000 in the file order', async () => {
    const a = await app()
    // The demo's TPS and as many again numbered from 500 in the same desa: 2,892 added.
    const more = body.map((l) => {
      const c = l.split(',')
      return [...c.slice(0, 4), String(Number(c[4]) + 500), c[5]].join(',')
    })
    const file = csv([...body, ...more])
    const p = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', file)
    expect(p.changes).toMatchObject({ added: 2 * body.length, removed: 0, changed: 0, unchanged: 0 })
    expect(p.changes.sample).toHaveLength(500)
    expect(await wilayah.impor(a.ctx, who, 'tps.csv', file, p.fingerprint)).toEqual({
      added: 2 * body.length,
      removed: 0,
      changed: 0,
      unchanged: 0,
    })
    const detail = JSON.parse(
      a.ctx.db.prepare(`SELECT detail FROM audit WHERE action = 'wilayah.impor'`).pluck().get() as string,
    ) as { added: number; changes: { desa: string; nomor: number }[] }
    expect(detail.added).toBe(2 * body.length)
    expect(detail.changes).toHaveLength(2000)
    const order = [...body, ...more].slice(0, 2000).map((l) => l.split(','))
    expect(detail.changes.map((c) => [c.desa, c.nomor])).toEqual(order.map((c) => [c[3], Number(c[4])]))
  })
})

describe('a re-import that drops places the ledger already used', () => {
  const bupati = (a: OpenedApp) =>
    (
      a.ctx.db
        .prepare(`SELECT v.id FROM barang_varian v JOIN barang i ON i.id = v.item_id WHERE i.code = 'BUPATI'`)
        .get() as { id: number }
    ).id

  it('names every packed TPS among many dropped, and changes nothing', async () => {
    const a = await withDemo()
    const tps = wilayah.daftarTps(a.ctx)
    // Drop the last 40 TPS; two of them were packed, one long ago and then unpacked again.
    const dropped = tps.slice(-40)
    const [x, y] = [dropped[3]!, dropped[30]!]
    const v = bupati(a)
    recordMoves(a.ctx, who, [
      { variantId: v, from: 'PENYEDIA', to: 'DITERIMA', qty: 1_000 },
      { variantId: v, from: 'DITERIMA', to: 'BAIK', qty: 1_000 },
      { variantId: v, from: 'BAIK', to: `DIKEMAS:${x.id}`, qty: 10 },
      { variantId: v, from: 'BAIK', to: `DIKEMAS:${y.id}`, qty: 10 },
      { variantId: v, from: `DIKEMAS:${y.id}`, to: 'BAIK', qty: 10 },
    ])
    const keep = new Set(tps.slice(0, -40).map((t) => `${t.kecamatan}|${t.desa}|${t.nomor}`))
    const file = csv(
      body.filter((l) => {
        const c = l.split(',')
        return keep.has(`${c[1]}|${c[3]}|${Number(c[4])}`)
      }),
    )
    const before = checksum(a)
    const p2 = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', file)
    expect(p2.changes).toMatchObject({ removed: 40, added: 0 })
    const e = await refusal(wilayah.impor(a.ctx, who, 'tps.csv', file, p2.fingerprint))
    expect(e.code).toBe('REFUSED')
    expect(e.details?.map((d) => d.message)).toEqual(
      [x, y]
        .sort((s, t) => s.id - t.id)
        .map(
          (t) => `TPS ${t.nomor} (id ${t.id}) sudah memiliki catatan pengemasan dan tidak dapat dihapus lewat impor`,
        ),
    )
    expect(checksum(a)).toBe(before)
  })

  it('refuses to drop a kecamatan that received a handover, and changes nothing', async () => {
    const a = await withDemo()
    const tps = wilayah.daftarTps(a.ctx)
    const kec = tps.at(-1)!
    const v = bupati(a)
    recordMoves(a.ctx, who, [
      { variantId: v, from: 'PENYEDIA', to: 'DITERIMA', qty: 100 },
      { variantId: v, from: 'DITERIMA', to: 'BAIK', qty: 100 },
      { variantId: v, from: 'BAIK', to: `DIKIRIM:${kec.kecamatanId}`, qty: 5 },
    ])
    const file = csv(body.filter((l) => l.split(',')[1] !== kec.kecamatan))
    const before = checksum(a)
    const p2 = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', file)
    expect(p2.changes.removed).toBe(tps.filter((t) => t.kecamatanId === kec.kecamatanId).length)
    const e = await refusal(wilayah.impor(a.ctx, who, 'tps.csv', file, p2.fingerprint))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toBe(
      `Kecamatan id ${kec.kecamatanId} sudah menerima serah terima dan tidak dapat dihapus lewat impor`,
    )
    expect(checksum(a)).toBe(before)
  })

  it('drops a kecamatan, its desa and TPS and its dapil mapping when the ledger never used them', async () => {
    const a = await withDemo()
    const tps = wilayah.daftarTps(a.ctx)
    const kec = tps.at(-1)!
    const file = csv(body.filter((l) => l.split(',')[1] !== kec.kecamatan))
    const p2 = await wilayah.pratinjauImpor(a.ctx, 'tps.csv', file)
    const gone = tps.filter((t) => t.kecamatanId === kec.kecamatanId)
    expect(await wilayah.impor(a.ctx, who, 'tps.csv', file, p2.fingerprint)).toMatchObject({
      removed: gone.length,
      added: 0,
    })
    expect(wilayah.daftarTps(a.ctx)).toEqual(tps.filter((t) => t.kecamatanId !== kec.kecamatanId))
    expect(a.ctx.db.prepare('SELECT count(*) AS n FROM kecamatan WHERE id = ?').get(kec.kecamatanId)).toEqual({
      n: 0,
    })
    expect(a.ctx.db.prepare('SELECT count(*) AS n FROM desa WHERE kecamatan_id = ?').get(kec.kecamatanId)).toEqual({
      n: 0,
    })
    expect(
      a.ctx.db.prepare('SELECT count(*) AS n FROM dapil_kecamatan WHERE kecamatan_id = ?').get(kec.kecamatanId),
    ).toEqual({ n: 0 })
  })
})
