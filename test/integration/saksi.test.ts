import Database from 'better-sqlite3'
import { copyFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApp } from '../../src/api/app'
import type { ChainReport } from '../../src/api/contract/ledger'
import { recordMoves } from '../../src/services/ledger'
import { nameAllSigners, openTestApp, useTempDir } from '../support/api'
import { Insider } from '../support/insider'

/**
 * Witnesses (saksi, issue 15): an insider who rewrites the file consistently — every hash of both chains
 * recomputed, every derived table rebuilt, every trigger put back — passes every check the file can make
 * of itself; what finds them is a head held outside the file: a backup (its chains must be a prefix of
 * the file's), the witness journal in the app's data folder (backups made, documents issued, kode saksi
 * shown) and a kode saksi typed from the logbook. Each case names the witness and the first differing row.
 */
const root = useTempDir('saksi')
const saksiDir = join(root, 'data', 'saksi')
const origin = join(root, 'asal')
let kode = ''
let nomor = ''
let copies = 0
let variant = 0

beforeAll(async () => {
  mkdirSync(origin, { recursive: true })
  const app = await openTestApp({ dir: origin, name: 'pemilihan', saksiDir })
  variant = (app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').pluck().get() as number)!
  await app.call('pengguna.tambah', { nama: 'Ani Operator', role: 'operator' })
  for (const [from, to, qty] of [
    ['PENYEDIA', 'DITERIMA', 900],
    ['DITERIMA', 'BAIK', 300],
    ['DITERIMA', 'BAIK', 200],
  ] as const)
    recordMoves(app.ctx, { actor: 'Ani Operator' }, [{ variantId: variant, from, to, qty }])
  await nameAllSigners(app)
  nomor = (await app.call('dokumen.terbitkan', { type: 'BA_RUSAK', tanggal: '2024-11-04' })).nomor ?? ''
  await app.call('cadangan.buat', {})
  kode = (await app.call('ledger.lihatKodeSaksi')).kode
  app.close()
}, 60_000)

/** A copy of the election file with its backup folder, as the same election on the same PC. */
function copy(): string {
  const dir = join(root, `salinan-${++copies}`)
  mkdirSync(dir)
  copyFileSync(join(origin, 'pemilihan.sqlite'), join(dir, 'pemilihan.sqlite'))
  cpSync(join(origin, 'cadangan'), join(dir, 'cadangan'), { recursive: true })
  return join(dir, 'pemilihan.sqlite')
}

async function verify(file: string): Promise<ChainReport> {
  const app = await openApp({ dbPath: file, readOnly: true, saksiDir })
  try {
    const res = await app.dispatcher.call('ledger.periksa', {}, { actor: 'uji', transport: 'test' })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    return res.result as ChainReport
  } finally {
    app.close()
  }
}

async function kodeCheck(file: string, typed: string) {
  const app = await openApp({ dbPath: file, readOnly: true })
  try {
    return await app.dispatcher.call('ledger.periksaKodeSaksi', { kode: typed }, { actor: 'uji', transport: 'test' })
  } finally {
    app.close()
  }
}

/** What the file can say of itself: with the witnesses taken away, nothing. */
async function withoutWitnesses(file: string): Promise<string[]> {
  const app = await openApp({ dbPath: file, readOnly: true })
  try {
    const res = await app.dispatcher.call('ledger.periksa', {}, { actor: 'uji', transport: 'test' })
    return (res as { result: ChainReport }).result.problems.filter(
      (p) => !p.startsWith('Riwayat berbeda dengan saksi cadangan'),
    )
  } finally {
    app.close()
  }
}

describe('witnesses', () => {
  it('the journal holds the backup made and the code shown; an untouched file agrees with every witness', async () => {
    const lines = readFileSync(join(saksiDir, readFileSyncName()), 'utf8').trim().split('\n')
    expect(lines.map((l) => (JSON.parse(l) as { jenis: string }).jenis)).toEqual(['dokumen', 'cadangan', 'kode'])
    expect(kode).toMatch(/^J-\d+-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/)
    const v = await verify(copy())
    expect(v.problems).toEqual([])
    // The backup (in the folder and in the journal: checked once, row by row), the paper and the code.
    expect(v.saksi).toBe(3)
    expect(v.jejak.kodeSaksi).toBe(kode)
  })

  it('a typed kode saksi is checked: the right one holds, a mistyped one is refused by its check character', async () => {
    const file = copy()
    expect(await kodeCheck(file, kode.toLowerCase())).toMatchObject({ ok: true, result: { cocok: true } })
    const typo = kode.slice(0, -2) + (kode.at(-2) === '0' ? '1' : '0') + kode.at(-1)!
    expect(await kodeCheck(file, typo)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Huruf pemeriksa/) },
    })
  })

  const cases: [string, (i: Insider) => void, RegExp][] = [
    [
      'a consistent rewrite of a ledger row',
      (i) => i.rewriteLedgerQty(2, 350).resealJejak(),
      /saksi cadangan .* mulai baris buku besar 2$/,
    ],
    [
      'a forged row appended with a correct hash',
      (i) =>
        i
          .appendLedgerRow({
            variantId: variant,
            from: 'BAIK',
            to: 'DIMUSNAHKAN',
            qty: 40,
            at: '2024-11-04T10:00:00.000Z',
          })
          .resealJejak({ coverLedgerTail: true }),
      /saksi cadangan .* mulai jejak \d+$/,
    ],
    [
      'the last rows deleted',
      (i) => i.deleteLastLedgerRows(1).resealJejak(),
      /saksi cadangan .* mulai baris buku besar 3$/,
    ],
    [
      'a TPS DPT edited',
      (i) => i.exec('UPDATE tps SET dpt = dpt + 40 WHERE id = (SELECT min(id) FROM tps)').resealJejak(),
      /saksi cadangan .* mulai jejak \d+$/,
    ],
    [
      'a user role edited',
      (i) => i.exec(`UPDATE pengguna SET role = 'admin', pin_hash = 'a', pin_salt = 'b'`).resealJejak(),
      /saksi cadangan .* mulai jejak \d+$/,
    ],
    [
      'an audit row edited',
      (i) => i.exec(`UPDATE audit SET actor = 'Orang Lain' WHERE action = 'pengguna.tambah'`).resealJejak(),
      /saksi cadangan .* mulai jejak \d+$/,
    ],
  ]

  it.each(cases)(
    '%s, made consistent, is found against the backup, the journal and the typed code',
    async (_what, edit, backupMessage) => {
      const file = copy()
      const insider = new Insider(file)
      edit(insider)
      insider.done()
      expect(await withoutWitnesses(file), 'the file alone agrees with itself').toEqual([])
      const v = await verify(file)
      expect(v.ok).toBe(false)
      expect(v.problems.find((p) => p.includes('saksi cadangan'))).toMatch(backupMessage)
      expect(v.problems.join('\n')).toMatch(new RegExp(`Riwayat berbeda dengan saksi kode saksi ${kode}`))
      expect(await kodeCheck(file, kode)).toMatchObject({ ok: true, result: { cocok: false } })
    },
  )

  it('Cek dokumen by number reads the journal: a register made to agree with a rewritten ledger is found, and so is a deleted register row', async () => {
    const check = async (file: string) => {
      const app = await openApp({ dbPath: file, readOnly: true, saksiDir })
      try {
        return (await app.dispatcher.call('dokumen.periksa', { kode: nomor }, { actor: 'uji', transport: 'test' })) as {
          ok: boolean
          result: { intact: boolean; verdict: string }
        }
      } finally {
        app.close()
      }
    }
    const untouched = copy()
    expect((await check(untouched)).result).toMatchObject({ intact: true })

    const rewritten = copy()
    const insider = new Insider(rewritten).rewriteLedgerQty(2, 350)
    const head = insider.db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1').get() as {
      seq: number
      hash: string
    }
    insider.exec('UPDATE dokumen SET chain_seq = ?, chain_hash = ?', head.seq, head.hash).resealJejak().done()
    expect((await check(rewritten)).result).toMatchObject({
      intact: false,
      verdict: expect.stringMatching(/jurnal saksi/),
    })

    const deleted = copy()
    new Insider(deleted).exec('DELETE FROM dokumen').resealJejak().done()
    expect((await check(deleted)).result.verdict).toMatch(/tercatat di jurnal saksi .* tidak ada lagi di register/)
  })

  it('a dropped trigger is named without any witness', async () => {
    const file = copy()
    const db = new Database(file)
    db.exec('DROP TRIGGER audit_no_delete')
    db.close()
    expect(await withoutWitnesses(file)).toContain(
      'Pemicu audit_no_delete hilang dari basis data: dihapus di luar aplikasi',
    )
  })
})

function readFileSyncName(): string {
  const db = new Database(join(origin, 'pemilihan.sqlite'), { readonly: true })
  try {
    return `${db.prepare(`SELECT value FROM pengaturan WHERE key = 'id_pemilihan'`).pluck().get() as string}.jsonl`
  } finally {
    db.close()
  }
}
