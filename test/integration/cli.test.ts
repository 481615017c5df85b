import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody, MethodOutput } from '../../src/api/contract'
import { openApp } from '../../src/api/app'
import { apiOf, nameAllSigners } from '../support/api'
import { ensureBuilt } from '../support/build'
import { initBatuBara } from '../support/gudang'
import { useTempDir } from '../support/tempDir'
import { BATU_BARA_DAPIL_CSV } from '../support/dapilBatuBara'

const REPO = resolve(__dirname, '../..')
const GUDANG = join(REPO, 'src/cli/gudang.mjs')
const DEMO_CSV = join(REPO, 'resources/demo/tps-batubara-2024.csv')

const dir = useTempDir('cli')

beforeAll(() => {
  // The command under test is the built one (out/main/cli.js), as users run it.
  ensureBuilt()
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** The real command, as a user or script runs it. */
function gudang(...args: string[]): Run {
  return gudangIn(REPO, ...args)
}

/** The PIN of the tests' admin, given as a script gives it (GUDANG_PIN); `gudangNoPin` runs without it. */
const PIN = '240424'
const ADMIN = 'Admin Uji'
const asAdmin = ['--user', ADMIN]

/** The command run from another folder, as a user whose election file lives elsewhere runs it. */
function gudangIn(cwd: string, ...args: string[]): Run {
  return gudangEnv(cwd, { GUDANG_PIN: PIN }, ...args)
}

function gudangEnv(cwd: string, extra: Record<string, string | undefined>, ...args: string[]): Run {
  // A stray default database must never be touched by these tests.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GUDANG_DB: join(dir, 'default-tidak-dipakai.sqlite'),
    GUDANG_DATA_DIR: dir,
  }
  for (const [k, v] of Object.entries(extra))
    if (v === undefined) delete env[k]
    else env[k] = v
  const res = spawnSync(process.execPath, [GUDANG, ...args], {
    cwd,
    encoding: 'utf8',
    env,
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (res.error) throw res.error
  return { code: res.status, stdout: res.stdout, stderr: res.stderr }
}

/** The `--json` envelope: the answer, or the error body. */
const json = <T = unknown>(run: Run): { ok: boolean; result?: T; error?: ErrorBody } =>
  JSON.parse(run.stdout) as { ok: boolean; result?: T; error?: ErrorBody }

describe('gudang without a database', () => {
  it('lists every method with its input schema, without --db', () => {
    const run = gudang('methods', '--json')
    expect(run.code, run.stderr).toBe(0)
    const list = json(run).result as { name: string; description: string; writes: boolean; input: { type?: string } }[]
    const names = list.map((m) => m.name)
    expect(names).toContain('wilayah.pratinjauImpor')
    expect(names).toContain('ledger.periksa')
    const preview = list.find((m) => m.name === 'wilayah.pratinjauImpor')!
    expect(preview.writes).toBe(false)
    expect(preview.input.type).toBe('object')

    const text = gudang('methods')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^wilayah\.pratinjauImpor$/m)
    expect(text.stdout).toContain('Membaca berkas wilayah/TPS')
  })

  it('prints Indonesian help naming every command', () => {
    for (const args of [['--help'], ['help'], ['verify', '--help']]) {
      const run = gudang(...args)
      expect(run.code, args.join(' ')).toBe(0)
      for (const command of ['init', 'import-tps', 'kebutuhan', 'verify', 'methods', 'call'])
        expect(run.stdout).toContain(command)
      expect(run.stdout).toContain('Pemakaian')
    }
    const bare = gudang()
    expect(bare.code).toBe(2)
    expect(bare.stderr).toContain('Pemakaian')
  })

  it('exits 2 on bad arguments and never creates the database', () => {
    const db = join(dir, 'tidak-boleh-ada.sqlite')
    const cases: string[][] = [
      ['perintah-asing', '--db', db],
      ['verify', '--db', db, '--tidak-ada'],
      ['verify', '--db'],
      ['verify', '--db', db, '--yes'],
      ['init', '--db', db],
      ['init', '--db', db, '--jenis', 'pilpres', '--satker', 'Kabupaten Batu Bara'],
      ['init', '--db', db, '--jenis', 'pilkada', '--satker', 'Kabupaten Batu Bara', '--tahun', 'dua ribu'],
      ['init', '--db', db, '--jenis', 'pilkada', '--satker', 'Kabupaten Batu Bara', '--kode', '12x'],
      ['init', '--jenis', 'pilkada', '--satker', 'Kabupaten Batu Bara'],
      ['import-tps', '--db', db],
      ['import-tps', '--db', db, 'a.csv', 'b.csv'],
      ['kebutuhan', '--db', db, '--format', 'pdf'],
      ['kebutuhan', '--db', db, '--level', 'rt'],
      ['call', '--db', db],
      ['call', '--db', db, 'metode.asing'],
      ['call', '--db', db, 'pemilihan.lihat', '{bukan json'],
    ]
    for (const args of cases) {
      const run = gudang(...args)
      expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(2)
      expect(run.stderr.trim(), args.join(' ')).not.toBe('')
      expect(run.stdout, args.join(' ')).toBe('')
    }
    // Invalid input for a known method is a refusal (1), still before anything is opened.
    const invalid = gudang('call', '--db', db, 'pemilihan.ubah', '{"reservePercent":-1}')
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toContain('kolom reservePercent: Persentase cadangan tidak boleh negatif')
    // Commands other than init refuse a database that does not exist rather than creating it.
    const missing = gudang('verify', '--db', db)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('tidak ditemukan')
    expect(existsSync(db)).toBe(false)
    expect(existsSync(join(dir, 'default-tidak-dipakai.sqlite'))).toBe(false)
  })
})

describe('gudang on a real database', () => {
  let db: string
  const actor = ['--actor', 'Petugas Uji']

  beforeAll(() => {
    db = join(dir, 'batubara.sqlite')
  })

  it('init prepares a new election', () => {
    const run = gudang(
      ...initBatuBara(db, 'pilkada', '--kode', '1219', '--provinsi', 'Sumatera Utara', '--admin', ADMIN, ...actor),
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Basis data disiapkan')
    expect(run.stdout).toContain('Kabupaten Batu Bara')
    expect(existsSync(db)).toBe(true)

    const again = gudang(...initBatuBara(db, 'pilkada', ...actor))
    expect(again.code).not.toBe(0)
  })

  it('call pemilihan.lihat prints the election as JSON', () => {
    const run = gudang('call', '--db', db, 'pemilihan.lihat')
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      jenis: 'pilkada',
      tahun: 2024,
      satker: 'Kabupaten Batu Bara',
      kodeWilayah: '1219',
      provinsi: 'Sumatera Utara',
    })
    const enveloped = gudang('call', '--db', db, 'pemilihan.lihat', '{}', '--json')
    expect(json(enveloped)).toMatchObject({ ok: true, result: { jenis: 'pilkada' } })
  })

  it('a malformed CSV exits 1 with row and column, and changes nothing', () => {
    const bad = join(dir, 'rusak.csv')
    writeFileSync(
      bad,
      'kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt\n121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,1,dua ratus\n121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,,150\n',
    )
    const run = gudang('import-tps', '--db', db, bad, '--yes', ...asAdmin)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/baris \d+, kolom \S+: /)
    const summary = gudang('call', '--db', db, 'wilayah.lihatRingkasan')
    expect(JSON.parse(summary.stdout)).toMatchObject({ tps: 0, dpt: 0 })
  })

  it('import-tps loads the demo CSV (1,446 TPS) and a re-import changes nothing', () => {
    const run = gudang('import-tps', '--db', db, DEMO_CSV, '--yes', '--json', ...asAdmin)
    expect(run.code, run.stderr).toBe(0)
    const out = json<{ preview: MethodOutput<'wilayah.pratinjauImpor'>; applied: MethodOutput<'wilayah.impor'> }>(run)
    expect(out.ok).toBe(true)
    expect(out.result?.preview.totals.tps).toBe(1446)
    expect(out.result?.preview.errors).toEqual([])
    expect(out.result?.applied.added).toBe(1446)

    const summary = gudang('call', '--db', db, 'wilayah.lihatRingkasan')
    expect(JSON.parse(summary.stdout)).toMatchObject({ tps: 1446 })

    const again = gudang('import-tps', '--db', db, DEMO_CSV, ...asAdmin)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain('1.446 TPS')
    expect(again.stdout).toContain('Tidak ada perubahan')
  })

  it('kebutuhan --format csv prints a header and one row per TPS', () => {
    const run = gudang('kebutuhan', '--db', db, '--format', 'csv', '--level', 'tps')
    expect(run.code, run.stderr).toBe(0)
    const lines = run.stdout
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
    expect(lines[0]!.toLowerCase()).toContain('kecamatan')
    // Header, one line per TPS, and the JUMLAH (total) line.
    const tpsLines = lines.slice(1).filter((l) => !/^"?JUMLAH/i.test(l))
    expect(tpsLines.length).toBe(1446)
    expect(tpsLines[0]).toMatch(/^"?MEDANG DERAS"?[;,]"?PANGKALAN DODEK"?[;,]1[;,]240[;,]/)

    const rekap = gudang('kebutuhan', '--db', db, '--format', 'json', '--level', 'kecamatan')
    expect(rekap.code, rekap.stderr).toBe(0)
    expect(JSON.stringify(JSON.parse(rekap.stdout))).toContain('MEDANG DERAS')
  })

  it('verify exits 0 and a refused import leaves the chain head untouched', () => {
    const before = gudang('verify', '--db', db, '--json')
    expect(before.code, before.stderr).toBe(0)
    const report = json(before).result as { ok: boolean; rows: number; head: string }
    expect(report.ok).toBe(true)

    const text = gudang('verify', '--db', db)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(report.head)
    // "Utuh" without a witness cannot rule out a consistent rewrite (issue 15): the verdict says so.
    expect((report as { saksi?: number }).saksi).toBe(0)
    expect(text.stdout).toContain('Saksi di luar berkas: tidak ada')

    const bad = join(dir, 'rusak2.csv')
    writeFileSync(bad, 'kecamatan;desa;tps\nMEDANG DERAS;PANGKALAN DODEK;satu\n')
    const refused = gudang('import-tps', '--db', db, bad, '--yes', ...asAdmin)
    expect(refused.code).toBe(1)

    const after = json(gudang('verify', '--db', db, '--json')).result as { ok: boolean; rows: number; head: string }
    expect(after).toMatchObject({ ok: true, rows: report.rows, head: report.head })
    expect(JSON.parse(gudang('call', '--db', db, 'wilayah.lihatRingkasan').stdout)).toMatchObject({ tps: 1446 })
  })

  it('verify names the ledger row that was edited behind the app, and exits 1', async () => {
    const { openApp } = await import('../../src/api/app')
    const { recordMoves } = await import('../../src/services/ledger')
    const app = await openApp({ dbPath: db })
    const variants = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id').all() as { id: number }[]
    recordMoves(app.ctx, { actor: 'Petugas Uji' }, [
      { variantId: variants[0]!.id, from: 'PENYEDIA', to: 'DITERIMA', qty: 1000 },
      { variantId: variants[0]!.id, from: 'DITERIMA', to: 'BAIK', qty: 400 },
      { variantId: variants[1]!.id, from: 'PENYEDIA', to: 'DITERIMA', qty: 500 },
    ])
    app.close()
    const clean = gudang('verify', '--db', db)
    expect(clean.code, clean.stderr).toBe(0)

    // An editor with the triggers dropped, as someone "fixing" a count in a database tool would.
    const Database = (await import('better-sqlite3')).default
    const raw = new Database(db)
    raw.exec('DROP TRIGGER ledger_no_update')
    raw.prepare('UPDATE ledger SET qty = 450 WHERE seq = 2').run()
    raw.close()

    const text = gudang('verify', '--db', db)
    expect(text.code).toBe(1)
    expect(text.stdout + text.stderr).toMatch(/baris 2/i)
    const report = json(gudang('verify', '--db', db, '--json'))
    expect(report.result ?? report.error).toMatchObject({ ok: false, firstBadSeq: 2 })
  })
})

describe('gudang from any folder', () => {
  it('says its version, the one in package.json', () => {
    const run = gudangIn(tmpdir(), '--version')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toBe(
      `Gudang Pemilu ${(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    )
  })

  it('runs a long command (verify, in a job worker) from a folder outside the repository', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'gudang-cwd-'))
    try {
      const db = join(elsewhere, 'pemilihan.sqlite')
      const init = gudangIn(elsewhere, ...initBatuBara(db, 'pilkada'))
      expect(init.code, init.stderr).toBe(0)
      const run = gudangIn(elsewhere, 'verify', '--db', db)
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toContain('UTUH')
    } finally {
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })
})

describe('gudang dapil import and dokumen cetak (issue 12)', () => {
  const elsewhere = useTempDir('cli-dapil')
  const db = join(elsewhere, 'pemilu.sqlite')
  beforeAll(() => {
    const init = gudangIn(elsewhere, ...initBatuBara(db, 'pemilu', '--kode', '1219', '--admin', ADMIN))
    expect(init.code, init.stderr).toBe(0)
    const tps = gudangIn(elsewhere, 'import-tps', '--db', db, DEMO_CSV, '--yes', ...asAdmin)
    expect(tps.code, tps.stderr).toBe(0)
  })

  it('dapil import refuses new dapil names without --dapil-baru, lists them, changes nothing; then saves them', () => {
    const file = join(elsewhere, 'dapil.csv')
    writeFileSync(file, BATU_BARA_DAPIL_CSV)
    const before = JSON.parse(gudangIn(elsewhere, 'call', '--db', db, 'dapil.daftar').stdout) as unknown
    const refused = gudangIn(elsewhere, 'dapil', 'import', '--db', db, file, ...asAdmin)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('Dapil baru BATU BARA 1 (DPRD_KAB)')
    expect(refused.stderr).toMatch(/--dapil-baru/)
    expect(JSON.parse(gudangIn(elsewhere, 'call', '--db', db, 'dapil.daftar').stdout)).toEqual(before)
    const saved = gudangIn(elsewhere, 'dapil', 'import', '--db', db, file, '--dapil-baru', ...asAdmin)
    expect(saved.code, saved.stderr).toBe(0)
    expect(saved.stdout).toContain('Tersimpan: 36 pemetaan')
    const kab = (
      JSON.parse(gudangIn(elsewhere, 'call', '--db', db, 'dapil.daftar').stdout) as {
        itemCode: string
        dapil: { name: string }[]
      }[]
    ).find((d) => d.itemCode === 'DPRD_KAB')!
    expect(kab.dapil.map((d) => d.name)).toEqual(expect.arrayContaining(['BATU BARA 1', 'BATU BARA 2']))
  })

  it('dokumen cetak writes a PDF file that pdftotext reads back, never base64 on stdout', async () => {
    // A BA is refused while its signers are blank: named here as a satker does in Pengaturan.
    const app = await openApp({ dbPath: db })
    try {
      await nameAllSigners(apiOf(app))
    } finally {
      app.close()
    }
    const issued = gudangIn(elsewhere, 'call', '--db', db, 'dokumen.terbitkan', '{"type":"BA_RUSAK"}', ...asAdmin)
    expect(issued.code, issued.stderr).toBe(0)
    const doc = JSON.parse(issued.stdout) as { id: number; nomor: string }
    const out = join(elsewhere, 'ba-rusak.pdf')
    const run = gudangIn(elsewhere, 'dokumen', 'cetak', '--db', db, String(doc.id), '--out', out)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toBe(`Dokumen ${doc.id} dicetak ke ${out}\n`)
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout.replace(/\s+/g, ' ')).toContain(doc.nomor)
    const noOut = gudangIn(elsewhere, 'dokumen', 'cetak', '--db', db, String(doc.id))
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toMatch(/--out/)
  })
})

describe('gudang --user: a koordinator or admin on the command line, with the PIN (issue 12)', () => {
  const elsewhere = useTempDir('cli-user')
  const db = join(elsewhere, 'pemilu.sqlite')
  let init: Run
  const audit = async (action: string) => {
    const Database = (await import('better-sqlite3')).default
    const raw = new Database(db, { readonly: true })
    try {
      return raw.prepare('SELECT actor FROM audit WHERE action = ? ORDER BY seq').pluck().all(action) as string[]
    } finally {
      raw.close()
    }
  }
  beforeAll(() => {
    init = gudangIn(elsewhere, ...initBatuBara(db, 'pemilu', '--admin', ADMIN))
  })

  it('init makes the first admin and prints the next steps: import the TPS, then map the dapil of DPR and DPRD', () => {
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain(`Admin pertama: ${ADMIN}`)
    expect(init.stdout).toContain(`gudang import-tps --db ${db} DATA-TPS.csv --user "${ADMIN}"`)
    expect(init.stdout).toContain(`gudang dapil import --db ${db} DAPIL.csv --user "${ADMIN}"`)
    expect(init.stdout).toContain('belum dipetakan: DPR, DPRD_PROV, DPRD_KAB')
  })

  it('a koordinator method without --user is refused, saying how, and nothing is written', () => {
    const before = gudangIn(elsewhere, 'verify', '--db', db, '--json').stdout
    const run = gudangIn(elsewhere, 'import-tps', '--db', db, DEMO_CSV, '--yes')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('wilayah.impor memerlukan koordinator: jalankan dengan --user NAMA')
    expect(run.stderr).toContain('GUDANG_PIN')
    const call = gudangIn(elsewhere, 'call', '--db', db, 'pemilihan.ubah', '{"reservePercent":3}')
    expect(call.code).toBe(1)
    expect(call.stderr).toContain('pemilihan.ubah memerlukan koordinator')
    expect(gudangIn(elsewhere, 'verify', '--db', db, '--json').stdout).toBe(before)
  })

  it('--user without a PIN (no terminal, no GUDANG_PIN) is refused; an unknown user is named as such', () => {
    const noPin = gudangEnv(
      elsewhere,
      { GUDANG_PIN: undefined },
      'import-tps',
      '--db',
      db,
      DEMO_CSV,
      '--yes',
      ...asAdmin,
    )
    expect(noPin.code).toBe(1)
    expect(noPin.stderr).toContain(`PIN ${ADMIN} diperlukan: jalankan perintah ini di terminal`)
    const stranger = gudangIn(elsewhere, 'import-tps', '--db', db, DEMO_CSV, '--yes', '--user', 'Orang Lain')
    expect(stranger.code).toBe(1)
    expect(stranger.stderr).toContain(
      `Pengguna "Orang Lain" tidak ada atau tidak aktif dalam berkas ini (pengguna aktif: ${ADMIN})`,
    )
  })

  it('import-tps as the admin saves, names the admin in the audit log, and prints the dapil step while any type is unmapped', async () => {
    const run = gudangIn(elsewhere, 'import-tps', '--db', db, DEMO_CSV, '--yes', ...asAdmin)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Langkah berikutnya: petakan dapil')
    expect(run.stdout).toContain(`gudang dapil import --db ${db} DAPIL.csv --user "${ADMIN}"`)
    expect(await audit('wilayah.impor')).toEqual([ADMIN])

    const file = join(elsewhere, 'dapil.csv')
    writeFileSync(file, BATU_BARA_DAPIL_CSV)
    const dapil = gudangIn(elsewhere, 'dapil', 'import', '--db', db, file, '--dapil-baru', ...asAdmin)
    expect(dapil.code, dapil.stderr).toBe(0)
    expect(await audit('dapil.impor')).toEqual([ADMIN])
    const again = gudangIn(elsewhere, 'import-tps', '--db', db, DEMO_CSV, ...asAdmin)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).not.toContain('petakan dapil')
  })

  it('on a terminal the PIN is asked and never shown (util-linux script gives the command a real terminal)', async () => {
    // The PIN is typed a moment after start, once the prompt has put the terminal in raw mode, as a person would.
    const cmd = `${process.execPath} ${GUDANG} call --db ${db} pemilihan.ubah '{"reservePercent":2.5}' --user '${ADMIN}'`
    const res = spawnSync('sh', ['-c', `(sleep 3; printf '${PIN}\\r') | script -qec "$0" /dev/null`, cmd], {
      cwd: elsewhere,
      encoding: 'utf8',
      env: { ...process.env, GUDANG_DB: join(dir, 'default-tidak-dipakai.sqlite'), GUDANG_DATA_DIR: dir },
      timeout: 30_000,
    })
    expect(res.status, res.stdout + res.stderr).toBe(0)
    expect(res.stdout).toContain(`PIN ${ADMIN}: `)
    expect(res.stdout).not.toContain(PIN)
    expect(res.stdout).toMatch(/"reservePercent": 2\.5/)
    expect(await audit('pemilihan.ubah')).toEqual([ADMIN])
  })

  it('wrong PINs count across runs: the fifth locks the user, and the right PIN is then refused too', async () => {
    const add = gudangIn(
      elsewhere,
      'call',
      '--db',
      db,
      'pengguna.tambah',
      '{"nama":"Kasubbag Uji","role":"koordinator","pin":"202411"}',
      ...asAdmin,
    )
    expect(add.code, add.stderr).toBe(0)
    const as = (pin: string) =>
      gudangEnv(
        elsewhere,
        { GUDANG_PIN: pin },
        'call',
        '--db',
        db,
        'pemilihan.ubah',
        '{"reservePercent":3}',
        '--user',
        'Kasubbag Uji',
      )
    for (let i = 1; i <= 4; i++) {
      const wrong = as('909090')
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toContain(`PIN salah; sisa ${5 - i} kali sebelum terkunci`)
    }
    expect(as('909090').stderr).toContain('PIN Kasubbag Uji salah 5 kali; terkunci 5 menit')
    const right = as('202411')
    expect(right.code).toBe(1)
    expect(right.stderr).toMatch(/PIN Kasubbag Uji salah 5 kali; coba lagi dalam \d menit/)
    expect(await audit('pemilihan.ubah')).toEqual([ADMIN])
  })
})
