/**
 * The `gudang` command line: the same API as the desktop app and browser mode, for scripts and
 * for checking a database without a window. Built into out/main/cli.js (src/cli/entry.ts, started by
 * src/cli/gudang.mjs); the installed app runs it for its `cli` argument (electron/main/index.ts).
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { openApp } from '../api/app'
import {
  contract,
  invalidInputMessage,
  type ApiResponse,
  type ChainReport,
  type ErrorBody,
  type ImportPreview,
  type Pengguna,
} from '../api/contract'
import type { CallMeta, Dispatcher } from '../api/dispatch'
import type { WorkerEntry } from '../api/jobs'
import { APP_VERSION } from '../api/version'
import { zodIssues } from '../api/zodIssues'
import { AppError, type Issue } from '../core/errors'
import { IMPORT_LIMITS, megabyte } from '../core/importLimits'
import { saksiDicocokkan } from '../core/jejak'
import { needsPin, pinProblem } from '../core/roles'
import { normalizeName } from '../core/text'
import { defaultDataDir, defaultDbPath } from '../db/paths'
import { osUserName } from '../server/http'

const EXIT_OK = 0
/** A business rule or the input refused the request; nothing was changed. */
const EXIT_REFUSED = 1
/** The command line itself is wrong; no database was opened. */
const EXIT_USAGE = 2

const HELP = `gudang — perintah baris Gudang Pemilu

Pemakaian: gudang PERINTAH [PILIHAN]

Perintah:
  init --db BERKAS --jenis pemilu|pilkada --satker "Kabupaten X"
       [--kode 1219] [--tahun 2024] [--provinsi NAMA] [--admin NAMA]
        Menyiapkan basis data baru untuk satu pemilihan satu satker; dengan
        --admin sekaligus membuat admin pertama (PIN ditanyakan dua kali).
  admin-pertama --db BERKAS --user NAMA
        Membuat admin pertama pada berkas yang belum memiliki admin.
  import-tps --db BERKAS DATA.csv|DATA.xlsx [--yes]
        Membaca daftar TPS, menampilkan jumlah, galat (baris dan kolom),
        peringatan dan perubahan, lalu menyimpannya bila tidak ada galat.
        Di terminal, penyimpanan ditanyakan dulu kecuali dengan --yes.
  dapil import --db BERKAS DAPIL.csv|DAPIL.xlsx [--dapil-baru]
        Memeriksa lalu menyimpan pemetaan kecamatan ke dapil (kolom surat_suara,
        kecamatan, dapil). Nama dapil baru disimpan hanya dengan --dapil-baru.
  dokumen cetak --db BERKAS ID --out BERKAS.pdf
        Mencetak satu dokumen dari register ke berkas PDF (cetakan kedua dan
        seterusnya bertanda SALINAN).
  kebutuhan --db BERKAS [--format csv|json] [--level tps|desa|kecamatan|dapil]
        Mencetak kebutuhan logistik ke keluaran standar (bawaan: csv, tps).
  rekap --db BERKAS --tanggal TTTT-BB-HH --out BERKAS.xlsx|BERKAS.csv
        Menulis rekap harian satu tanggal: XLSX (ringkasan, per shift, per regu,
        per alasan rusak, penerimaan, kolom Silog) atau CSV (kolom Silog).
  verify --db BERKAS
        Memeriksa integritas basis data dan rantai hash buku besar.
        Kode keluar 1 bila ada yang tidak beres.
  methods
        Daftar semua metode API beserta keterangan dan skema isiannya.
  call --db BERKAS METODE ['JSON']
        Memanggil satu metode API apa pun; JSON '-' dibaca dari masukan standar.
  help, --help
        Menampilkan bantuan ini.
  --version
        Menampilkan versi Gudang Pemilu.

Pilihan umum:
  --db BERKAS    berkas basis data SQLite (bawaan: GUDANG_DB atau
                 ${defaultDbPath()}); wajib untuk init
  --json         keluaran untuk mesin: satu dokumen JSON {ok, result} atau {ok, error}
  --user NAMA    pengguna berkas ini yang menjalankan perintah; wajib untuk yang di
                 aplikasi memerlukan koordinator atau admin (impor TPS dan dapil,
                 berita acara, pengaturan). PIN-nya ditanyakan di terminal tanpa
                 tampil, atau dibaca dari variabel lingkungan GUDANG_PIN (skrip).
                 Buku besar dan log audit mencatat nama pengguna ini.
  --actor NAMA   nama petugas yang dicatat untuk perintah tanpa --user
                 (bawaan: nama pengguna sistem)

Kode keluar: 0 berhasil, 1 ditolak atau isian tidak sah (tidak ada yang diubah),
2 kesalahan pemakaian perintah (basis data tidak dibuka).

Contoh:
  gudang init --db batubara.sqlite --jenis pilkada --satker "Kabupaten Batu Bara" --kode 1219 --provinsi "Sumatera Utara" --admin "Nurhayati"
  gudang import-tps --db batubara.sqlite tps.csv --yes --user "Nurhayati"
  GUDANG_PIN=… gudang dapil import --db batubara.sqlite dapil.csv --user "Nurhayati"
  gudang kebutuhan --db batubara.sqlite --level kecamatan > kebutuhan.csv
  gudang call --db batubara.sqlite wilayah.lihatRingkasan
`

const GLOBAL_OPTIONS = ['db', 'json', 'actor', 'user', 'help', 'version'] as const

/** Each command: the options it takes, how many arguments (at least, at most), and what runs it. */
const COMMANDS = {
  init: { options: ['jenis', 'satker', 'kode', 'tahun', 'provinsi', 'admin'], positionals: [0, 0], run: init },
  'admin-pertama': { options: [], positionals: [0, 0], run: adminPertama },
  'import-tps': { options: ['yes'], positionals: [1, 1], run: importTps },
  dapil: { options: ['dapil-baru'], positionals: [2, 2], run: dapilImport },
  dokumen: { options: ['out'], positionals: [2, 2], run: dokumenCetak },
  kebutuhan: { options: ['format', 'level'], positionals: [0, 0], run: kebutuhan },
  rekap: { options: ['tanggal', 'out'], positionals: [0, 0], run: rekap },
  verify: { options: [], positionals: [0, 0], run: verify },
  methods: { options: [], positionals: [0, 0], run: methods },
  call: { options: [], positionals: [1, 2], run: call },
  help: { options: [], positionals: [0, 1], run: () => print(HELP) },
} as const satisfies Record<
  string,
  { options: readonly string[]; positionals: readonly [number, number]; run(ctx: Context): Promise<number> | number }
>

type Command = keyof typeof COMMANDS

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  actor: { type: 'string' },
  user: { type: 'string' },
  admin: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  jenis: { type: 'string' },
  satker: { type: 'string' },
  kode: { type: 'string' },
  tahun: { type: 'string' },
  provinsi: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  format: { type: 'string' },
  level: { type: 'string' },
  tanggal: { type: 'string' },
  out: { type: 'string' },
  'dapil-baru': { type: 'boolean' },
} as const

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean }

/** Thrown to stop with an exit code; the message (if any) goes to stderr. */
class Exit extends Error {
  constructor(
    readonly code: number,
    message = '',
    readonly details: Issue[] = [],
  ) {
    super(message)
  }
}

const usage = (message: string): Exit => new Exit(EXIT_USAGE, `${message}\nLihat: gudang --help`)

interface Context {
  values: Values
  positionals: string[]
  json: boolean
  meta: CallMeta
  /**
   * In recovery mode no one can sign in (the users table is not trusted): the PIN of the admin named by
   * --user goes with the recovery methods that ask for it (RECOVERY_PIN_METHODS), checked there.
   */
  recoveryPin?: string
}

/** The methods that, in recovery mode, take an admin's PIN in their input (api/handlers/cadangan.ts). */
const RECOVERY_PIN_METHODS = new Set(['cadangan.pulihkan', 'cadangan.pilihFolder'])

async function run(argv: string[]): Promise<number> {
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true }) as {
      values: Values
      positionals: string[]
    }
  } catch (err) {
    throw usage(parseArgsMessage(err))
  }
  const { values } = parsed
  const [commandName, ...positionals] = parsed.positionals
  if (values.version) return print(`Gudang Pemilu ${APP_VERSION}\n`)
  if (commandName === undefined) {
    if (values.help) return print(HELP)
    process.stderr.write(HELP)
    return EXIT_USAGE
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, commandName))
    throw usage(`Perintah tidak dikenal: "${commandName}"`)
  const command = commandName as Command
  if (values.help || command === 'help') return print(HELP)

  const spec = COMMANDS[command]
  const allowed = new Set<string>([...GLOBAL_OPTIONS, ...spec.options])
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !allowed.has(name))
      throw usage(`Pilihan --${name} tidak berlaku untuk perintah ${command}`)
  }
  const [min, max] = spec.positionals
  if (positionals.length < min) throw usage(`Perintah ${command} kurang argumen`)
  if (positionals.length > max)
    throw usage(`Argumen berlebih untuk perintah ${command}: ${positionals.slice(max).join(' ')}`)

  if (values.user !== undefined && values.actor !== undefined)
    throw usage('Pilih salah satu: --user (pengguna berkas ini, dengan PIN) atau --actor')
  if (values.user !== undefined && !values.user.trim()) throw usage('Nama pengguna (--user) wajib diisi')
  const actor = values.actor === undefined ? osUserName() : values.actor.trim()
  if (!actor || actor.length > 100) throw usage('Nama petugas (--actor) wajib diisi, paling banyak 100 karakter')
  const ctx: Context = { values, positionals, json: values.json === true, meta: { actor, transport: 'cli' } }

  return spec.run(ctx)
}

// --- commands -------------------------------------------------------------------------------

async function init(ctx: Context): Promise<number> {
  const { values } = ctx
  // Creating a database in the default (demo) location by accident would be confusing; name it.
  if (values.db === undefined) throw usage('Perintah init memerlukan --db BERKAS (berkas basis data yang akan dibuat)')
  if (values.jenis === undefined) throw usage('Pilihan --jenis wajib diisi: pemilu atau pilkada')
  if (values.satker === undefined) throw usage('Pilihan --satker wajib diisi, mis. --satker "Kabupaten Batu Bara"')
  let tahun: number | undefined
  if (values.tahun !== undefined) {
    if (!/^\d{4}$/.test(values.tahun.trim())) throw usage(`Tahun tidak sah: "${values.tahun}" (mis. --tahun 2024)`)
    tahun = Number(values.tahun)
  }
  const input = {
    jenis: values.jenis,
    satker: values.satker,
    ...(tahun === undefined ? {} : { tahun }),
    ...(values.kode === undefined ? {} : { kodeWilayah: values.kode }),
    ...(values.provinsi === undefined ? {} : { provinsi: values.provinsi }),
  }
  const checked = contract['pemilihan.buat'].input.safeParse(input)
  if (!checked.success)
    throw new Exit(EXIT_USAGE, 'Pilihan untuk init tidak sah', optionIssues(zodIssues(checked.error)))
  if (values.user !== undefined) throw usage('Perintah init membuat pengguna, bukan memakainya: pakai --admin NAMA')
  // The first admin's PIN is read before anything is written: a refused PIN leaves no half-made file.
  const admin = values.admin === undefined ? undefined : await newAdmin(values.admin)

  return withApp(ctx, { create: true }, async (dispatcher, dbPath) => {
    const election = unwrap(ctx, await dispatcher.call('pemilihan.buat', input, ctx.meta)) as z.output<
      (typeof contract)['pemilihan.buat']['output']
    >
    if (admin) unwrap(ctx, await dispatcher.call('pengguna.tambahAdminPertama', admin, ctx.meta))
    if (ctx.json) return printJson({ ok: true, result: election })
    const wilayah = `${election.satker}${election.kodeWilayah ? ` (kode ${election.kodeWilayah})` : ''}${election.provinsi ? `, ${election.provinsi}` : ''}`
    const who = admin ? ` --user ${quoteArg(admin.nama)}` : ' --user NAMA'
    return print(
      [
        `Basis data disiapkan: ${dbPath}`,
        `Pemilihan: ${election.jenis === 'pemilu' ? 'Pemilu' : 'Pilkada'} ${election.tahun} — ${wilayah}`,
        ...(admin ? [`Admin pertama: ${admin.nama}`] : []),
        'Langkah berikutnya:',
        ...(admin ? [] : [`  gudang admin-pertama --db ${quoteArg(dbPath)} --user NAMA`]),
        `  gudang import-tps --db ${quoteArg(dbPath)} DATA-TPS.csv${who}`,
        ...(await dapilHint(ctx, dispatcher, dbPath, who)),
      ].join('\n') + '\n',
    )
  })
}

/** The first admin of a file without one, named by --user. */
async function adminPertama(ctx: Context): Promise<number> {
  if (ctx.values.user === undefined) throw usage('Perintah admin-pertama memerlukan --user NAMA (nama admin baru)')
  const admin = await newAdmin(ctx.values.user)
  return withApp(ctx, { create: false, signIn: false }, async (dispatcher) => {
    const user = unwrap(ctx, await dispatcher.call('pengguna.tambahAdminPertama', admin, ctx.meta))
    return ctx.json ? printJson({ ok: true, result: user }) : print(`Admin pertama dibuat: ${admin.nama}\n`)
  })
}

/** A new admin's name and PIN: the PIN from GUDANG_PIN, or typed twice unseen on a terminal. */
async function newAdmin(nama: string): Promise<{ nama: string; pin: string }> {
  const pin = await readPin(`PIN baru untuk ${nama}: `, nama)
  if (process.env.GUDANG_PIN === undefined && (await readPin(`Ulangi PIN ${nama}: `, nama)) !== pin)
    throw new Exit(EXIT_REFUSED, 'Kedua PIN tidak sama; tidak ada yang dibuat')
  const problem = pinProblem(pin)
  if (problem) throw new Exit(EXIT_REFUSED, `PIN untuk ${nama} ditolak: ${problem}; tidak ada yang dibuat`)
  return { nama: nama.trim(), pin }
}

/**
 * The next step while a ballot type has no dapil yet (DPR, DPRD): the exact dapil import command. Nothing
 * once every type is mapped.
 */
async function dapilHint(ctx: Context, dispatcher: Dispatcher, dbPath: string, who: string): Promise<string[]> {
  const res = await dispatcher.call('dapil.daftar', {}, ctx.meta)
  if (!res.ok) return []
  const unmapped = (res.result as { itemCode: string; dipetakan: boolean }[]).filter((b) => !b.dipetakan)
  if (unmapped.length === 0) return []
  return [
    `  gudang dapil import --db ${quoteArg(dbPath)} DAPIL.csv${who}`,
    `    (belum dipetakan: ${unmapped.map((b) => b.itemCode).join(', ')}; kolom surat_suara;kecamatan;dapil, setiap kecamatan untuk setiap jenis)`,
  ]
}

async function importTps(ctx: Context): Promise<number> {
  const file = resolve(ctx.positionals[0]!)
  const upload = { fileName: basename(file), contentBase64: readFileBase64(file) }
  const checked = contract['wilayah.pratinjauImpor'].input.safeParse(upload)
  if (!checked.success)
    throw new Exit(EXIT_REFUSED, `Berkas ${basename(file)} tidak dapat dibaca`, zodIssues(checked.error))

  return withApp(ctx, { create: false }, async (dispatcher, dbPath) => {
    const preview = unwrap(ctx, await dispatcher.call('wilayah.pratinjauImpor', upload, ctx.meta)) as ImportPreview
    if (!preview.ok || preview.errors.length > 0) {
      if (ctx.json)
        printJson({
          ok: false,
          error: { code: 'REFUSED', message: refusalMessage(preview), details: preview.errors },
          preview,
        })
      else process.stdout.write(describePreview(upload.fileName, preview))
      throw new Exit(EXIT_REFUSED, refusalMessage(preview), preview.errors)
    }
    const { added, removed, changed } = preview.changes
    if (added + removed + changed === 0) {
      if (ctx.json) return printJson({ ok: true, result: { preview, applied: null } })
      const next = await dapilHint(ctx, dispatcher, dbPath, userArg(ctx))
      return print(
        [
          describePreview(upload.fileName, preview) + 'Tidak ada perubahan; tidak ada yang disimpan.',
          ...(next.length ? ['Langkah berikutnya: petakan dapil', ...next] : []),
        ].join('\n') + '\n',
      )
    }
    if (!ctx.json) process.stdout.write(describePreview(upload.fileName, preview))
    if (!ctx.values.yes && !ctx.json && process.stdin.isTTY && process.stdout.isTTY) {
      if (!(await confirm('Simpan perubahan ini? (y/T) '))) return print('Dibatalkan; tidak ada yang disimpan.\n')
    }
    const applied = unwrap(
      ctx,
      await dispatcher.call('wilayah.impor', { ...upload, fingerprint: preview.fingerprint }, ctx.meta),
    ) as {
      added: number
      removed: number
      changed: number
      unchanged: number
    }
    if (ctx.json) return printJson({ ok: true, result: { preview, applied } })
    const next = await dapilHint(ctx, dispatcher, dbPath, userArg(ctx))
    return print(
      [
        `Tersimpan: ${n(applied.added)} TPS ditambah, ${n(applied.removed)} dihapus, ${n(applied.changed)} berubah, ${n(applied.unchanged)} tetap.`,
        ...(next.length ? ['Langkah berikutnya: petakan dapil', ...next] : []),
      ].join('\n') + '\n',
    )
  })
}

async function kebutuhan(ctx: Context): Promise<number> {
  const format = ctx.values.format ?? (ctx.json ? 'json' : 'csv')
  if (format !== 'csv' && format !== 'json') throw usage(`Format tidak dikenal: "${format}" (pilihan: csv, json)`)
  const level = ctx.values.level ?? 'tps'
  const levels = contract['kebutuhan.ekspor'].input.shape.level.options as readonly string[]
  if (!levels.includes(level)) throw usage(`Tingkat tidak dikenal: "${level}" (pilihan: ${levels.join(', ')})`)

  return withApp(ctx, { create: false }, async (dispatcher) => {
    if (format === 'csv') {
      const download = unwrap(ctx, await dispatcher.call('kebutuhan.ekspor', { format: 'csv', level }, ctx.meta)) as {
        contentBase64: string
      }
      if (ctx.json) return printJson({ ok: true, result: download })
      // Raw bytes, so a BOM or encoding chosen by the exporter reaches the file unchanged.
      return write(Buffer.from(download.contentBase64, 'base64'))
    }
    const [method, input] =
      level === 'tps'
        ? (['kebutuhan.daftarTps', {}] as const)
        : level === 'dapil'
          ? (['kebutuhan.daftarDapil', {}] as const)
          : (['kebutuhan.lihatRekap', { level }] as const)
    const result = unwrap(ctx, await dispatcher.call(method, input, ctx.meta))
    return ctx.json ? printJson({ ok: true, result }) : print(JSON.stringify(result, null, 2) + '\n')
  })
}

/** A kecamatan -> dapil file: checked first (dapil.pratinjauImpor), then saved; new dapil names only when asked. */
async function dapilImport(ctx: Context): Promise<number> {
  if (ctx.positionals[0] !== 'import')
    throw usage(`Perintah dapil tidak dikenal: "${ctx.positionals[0]}" (pakai: dapil import)`)
  const file = resolve(ctx.positionals[1]!)
  if (!existsSync(file)) throw new Exit(EXIT_REFUSED, `Berkas tidak ditemukan: ${file}`)
  const upload = { fileName: basename(file), contentBase64: readFileBase64(file) }
  return withApp(ctx, { create: false }, async (dispatcher) => {
    const preview = unwrap(ctx, await dispatcher.call('dapil.pratinjauImpor', upload, ctx.meta)) as z.output<
      (typeof contract)['dapil.pratinjauImpor']['output']
    >
    const notes = [
      ...preview.tanpaDapil.map((t) => `Tidak disebut untuk ${t.itemCode} (dapilnya tetap): ${t.kecamatan.join(', ')}`),
      ...preview.dapilBaru.map(
        (d) => `Dapil baru ${d.nama} (${d.itemCode})${d.mirip.length ? `; mirip dengan: ${d.mirip.join(', ')}` : ''}`,
      ),
    ]
    if (!preview.ok) {
      if (ctx.json)
        printJson({
          ok: false,
          error: { code: 'REFUSED', message: 'Berkas dapil ditolak', details: preview.errors },
          preview,
        })
      throw new Exit(EXIT_REFUSED, `Berkas dapil ${upload.fileName} ditolak; tidak ada yang diubah`, preview.errors)
    }
    if (preview.dapilBaru.length && !ctx.values['dapil-baru']) {
      if (!ctx.json) process.stdout.write(notes.join('\n') + '\n')
      throw new Exit(
        EXIT_REFUSED,
        `Berkas membuat ${preview.dapilBaru.length} dapil baru; bila namanya benar, ulangi dengan --dapil-baru. Tidak ada yang diubah`,
      )
    }
    const input = { ...upload, dapilBaru: ctx.values['dapil-baru'] ? preview.dapilBaru.map((d) => d.nama) : [] }
    const applied = unwrap(ctx, await dispatcher.call('dapil.impor', input, ctx.meta)) as { updated: number }
    if (ctx.json) return printJson({ ok: true, result: { preview, applied } })
    return print([...notes, `Tersimpan: ${n(applied.updated)} pemetaan kecamatan ke dapil.`].join('\n') + '\n')
  })
}

/** One document of the register printed to the PDF named by --out: a file, never base64 on stdout. */
async function dokumenCetak(ctx: Context): Promise<number> {
  if (ctx.positionals[0] !== 'cetak')
    throw usage(`Perintah dokumen tidak dikenal: "${ctx.positionals[0]}" (pakai: dokumen cetak)`)
  const id = Number(ctx.positionals[1])
  if (!Number.isSafeInteger(id) || id < 1) throw usage(`Nomor id dokumen tidak sah: "${ctx.positionals[1]}"`)
  const out = ctx.values.out
  if (out === undefined || extname(out).toLowerCase() !== '.pdf')
    throw usage('Pilihan --out wajib diisi: berkas tujuan berakhiran .pdf')
  return withApp(ctx, { create: false }, async (dispatcher) => {
    const download = unwrap(ctx, await dispatcher.call('dokumen.cetak', { id, format: 'pdf' }, ctx.meta)) as {
      fileName: string
      contentBase64: string
    }
    const target = resolve(out)
    const tmp = `${target}.${process.pid}.tmp`
    writeFileSync(tmp, Buffer.from(download.contentBase64, 'base64'))
    renameSync(tmp, target)
    return ctx.json
      ? printJson({ ok: true, result: { file: target, fileName: download.fileName } })
      : print(`Dokumen ${id} dicetak ke ${target}\n`)
  })
}

/** The daily tally of one date, written to the file named by --out (XLSX or CSV by its extension). */
async function rekap(ctx: Context): Promise<number> {
  const { tanggal, out } = ctx.values
  if (tanggal === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(tanggal))
    throw usage('Pilihan --tanggal wajib diisi sebagai TTTT-BB-HH, mis. --tanggal 2024-11-05')
  if (out === undefined) throw usage('Pilihan --out wajib diisi: berkas tujuan .xlsx atau .csv')
  const ext = extname(out).toLowerCase()
  if (ext !== '.xlsx' && ext !== '.csv')
    throw usage(`Berkas tujuan harus berakhiran .xlsx atau .csv (tertulis "${out}")`)
  return withApp(ctx, { create: false }, async (dispatcher) => {
    const download = unwrap(
      ctx,
      await dispatcher.call('rekap.eksporHarian', { tanggal, format: ext === '.xlsx' ? 'xlsx' : 'csv' }, ctx.meta),
    ) as { contentBase64: string }
    const target = resolve(out)
    // Write beside the target and rename, so an interrupted export never leaves half a workbook.
    const tmp = `${target}.${process.pid}.tmp`
    writeFileSync(tmp, Buffer.from(download.contentBase64, 'base64'))
    renameSync(tmp, target)
    return ctx.json
      ? printJson({ ok: true, result: { file: target } })
      : print(`Rekap harian ${tanggal} ditulis ke ${target}\n`)
  })
}

async function verify(ctx: Context): Promise<number> {
  // Read-only: checking a file never writes it (no WAL switch, no migration), even a broken one.
  return withApp(ctx, { create: false, readOnly: true }, async (dispatcher, dbPath) => {
    const report = unwrap(ctx, await dispatcher.call('ledger.periksa', {}, ctx.meta)) as ChainReport
    if (ctx.json) {
      printJson({ ok: true, result: report })
      return report.ok ? EXIT_OK : EXIT_REFUSED
    }
    const lines = [
      `Basis data: ${dbPath}`,
      `Hasil: ${report.ok ? 'UTUH — tidak ditemukan perubahan di luar aplikasi' : 'BERMASALAH'}`,
      `Pemeriksaan SQLite: ${report.integrity}`,
      `Baris buku besar: ${n(report.rows)}`,
      `Kepala rantai: ${report.head}`,
      `Saldo cocok dengan buku besar: ${report.balancesMatch ? 'ya' : 'tidak'}`,
      `Jejak berantai: ${n(report.jejak.rows)} baris${report.jejak.kodeSaksi ? `, kode saksi ${report.jejak.kodeSaksi}` : ''}`,
      `Saksi di luar berkas: ${saksiDicocokkan(report.saksi)}`,
    ]
    if (report.firstBadSeq !== null) lines.push(`Baris pertama yang bermasalah: #${report.firstBadSeq}`)
    if (report.jejak.firstBadSeq !== null) lines.push(`Jejak pertama yang bermasalah: #${report.jejak.firstBadSeq}`)
    for (const p of report.problems) lines.push(`Masalah: ${p}`)
    if (!report.ok) {
      process.stdout.write(lines.join('\n') + '\n')
      throw new Exit(
        EXIT_REFUSED,
        'Pemeriksaan integritas gagal; simpan salinan berkas ini dan laporkan ke admin sebelum melanjutkan.',
      )
    }
    return print(lines.join('\n') + '\n')
  })
}

function methods(ctx: Context): number {
  const list = (Object.keys(contract) as (keyof typeof contract)[]).map((name) => ({
    name,
    description: contract[name].description,
    writes: contract[name].writes,
    input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
  }))
  if (ctx.json) return printJson({ ok: true, result: list })
  const text = list
    .map(
      (m) => `${m.name}${m.writes ? '  [mengubah data]' : ''}\n  ${m.description}\n  isian: ${JSON.stringify(m.input)}`,
    )
    .join('\n\n')
  return print(text + '\n')
}

async function call(ctx: Context): Promise<number> {
  const [method, jsonText] = ctx.positionals as [string, string | undefined]
  if (!Object.prototype.hasOwnProperty.call(contract, method))
    throw usage(`Metode tidak dikenal: "${method}" (daftar: gudang methods)`)
  const spec = contract[method as keyof typeof contract]
  const text = jsonText === '-' ? readFileSync(0, 'utf8') : (jsonText ?? '{}')
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch {
    throw usage(`Isian untuk ${method} bukan JSON yang sah: ${text.length > 80 ? text.slice(0, 80) + '…' : text}`)
  }
  // Check before opening so a typo never creates or touches a database.
  const checked = spec.input.safeParse(input)
  if (!checked.success) {
    const issues = zodIssues(checked.error)
    const error: ErrorBody = {
      code: 'INVALID_INPUT',
      message: invalidInputMessage(method, issues),
      details: issues,
    }
    if (ctx.json) printJson({ ok: false, error })
    throw new Exit(EXIT_REFUSED, error.message, error.details)
  }
  return withApp(ctx, { create: method === 'pemilihan.buat' }, async (dispatcher) => {
    const withPin =
      ctx.recoveryPin !== undefined && RECOVERY_PIN_METHODS.has(method) && !(input as { pin?: string }).pin
        ? { ...(input as object), pin: ctx.recoveryPin }
        : input
    const response = await dispatcher.call(method, withPin, ctx.meta)
    const result = unwrap(ctx, response)
    return ctx.json ? printJson(response) : print(JSON.stringify(result, null, 2) + '\n')
  })
}

// --- helpers --------------------------------------------------------------------------------

async function withApp(
  ctx: Context,
  opts: { create: boolean; readOnly?: boolean; signIn?: boolean },
  body: (dispatcher: Dispatcher, dbPath: string) => Promise<number>,
): Promise<number> {
  const dbPath = resolve(ctx.values.db ?? defaultDbPath())
  if (existsSync(dbPath)) {
    if (!statSync(dbPath).isFile()) throw new Exit(EXIT_REFUSED, `${dbPath} bukan berkas basis data`)
  } else if (!opts.create) {
    throw new Exit(
      EXIT_REFUSED,
      ctx.values.db === undefined
        ? `Basis data bawaan belum ada: ${dbPath}\nPilih berkas dengan --db BERKAS, atau jalankan aplikasi sekali (npm start) untuk membuat data contoh.`
        : `Berkas basis data tidak ditemukan: ${dbPath}\nSiapkan dulu dengan: gudang init --db ${quoteArg(dbPath)} --jenis pemilu|pilkada --satker "Kabupaten …"`,
    )
  }
  const app = await openApp({
    dbPath,
    ...(workerEntry ? { worker: workerEntry } : {}),
    ...(opts.readOnly ? { readOnly: true } : {}),
    // The same journals the desktop app keeps: verify checks the file against them.
    saksiDir: join(defaultDataDir(), 'saksi'),
  })
  try {
    if (ctx.values.user !== undefined && opts.signIn !== false) {
      if (app.state.mode === 'pemulihan') await recoveryUser(ctx, ctx.values.user)
      else await signIn(ctx, app.dispatcher, ctx.values.user)
    }
    return await body(app.dispatcher, app.dbPath)
  } finally {
    if (ctx.meta.session) await app.dispatcher.call('sesi.keluar', {}, ctx.meta)
    app.close()
  }
}

/**
 * `--user NAMA`: signs in as that user of the file, as the app's window does (sesi.masuk: a koordinator or
 * admin with the PIN, counted towards the same lockout, which the session log carries from run to run).
 * Every call after it carries the session, so the ledger and audit rows name that user.
 */
async function signIn(ctx: Context, dispatcher: Dispatcher, name: string): Promise<void> {
  const users = unwrap(ctx, await dispatcher.call('pengguna.daftar', {}, ctx.meta)) as Pengguna[]
  const key = normalizeName(name)
  const user = users.find((u) => u.active && normalizeName(u.nama) === key)
  if (!user) {
    const known = users.filter((u) => u.active).map((u) => u.nama)
    throw new Exit(
      EXIT_REFUSED,
      known.length
        ? `Pengguna "${name.trim()}" tidak ada atau tidak aktif dalam berkas ini (pengguna aktif: ${known.join(', ')}); tidak ada yang dicatat`
        : `Berkas ini belum memiliki pengguna; buat admin pertama dulu: gudang admin-pertama --db BERKAS --user NAMA`,
    )
  }
  const pin = needsPin(user.role) ? await readPin(`PIN ${user.nama}: `, user.nama) : undefined
  const sesi = unwrap(
    ctx,
    await dispatcher.call('sesi.masuk', { userId: user.id, ...(pin === undefined ? {} : { pin }) }, ctx.meta),
  ) as { sessionId: string | null }
  ctx.meta = { ...ctx.meta, actor: user.nama, ...(sesi.sessionId ? { session: sesi.sessionId } : {}) }
}

/**
 * `--user NAMA` on a file in recovery mode: there is no session to open, so the admin's name becomes the
 * actor and the PIN is read now, to go with the restore (or the folder) that checks it.
 */
async function recoveryUser(ctx: Context, name: string): Promise<void> {
  ctx.recoveryPin = await readPin(`PIN ${name.trim()}: `, name.trim())
  ctx.meta = { ...ctx.meta, actor: name.trim() }
}

/** A PIN: from GUDANG_PIN for scripts, else typed on the terminal without being shown; refused otherwise. */
async function readPin(prompt: string, nama: string): Promise<string> {
  const fromEnv = process.env.GUDANG_PIN
  if (fromEnv !== undefined) return fromEnv.trim()
  if (!process.stdin.isTTY)
    throw new Exit(
      EXIT_REFUSED,
      `PIN ${nama} diperlukan: jalankan perintah ini di terminal (PIN ditanyakan tanpa tampil), atau isi variabel lingkungan GUDANG_PIN untuk skrip; tidak ada yang dicatat`,
    )
  return askHidden(prompt)
}

/** Reads one line from the terminal without echoing it (raw mode), for a PIN. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(prompt)
  return new Promise((resolvePin, reject) => {
    let typed = ''
    const done = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done()
          return resolvePin(typed)
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done()
          return reject(new Exit(EXIT_REFUSED, 'Dibatalkan; tidak ada yang dicatat'))
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch
      }
    }
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

/** How a hint names the user: the one given, or a placeholder to fill in. */
const userArg = (ctx: Context): string =>
  ctx.values.user === undefined ? ' --user NAMA' : ` --user ${quoteArg(ctx.values.user.trim())}`

/** The result of a successful response; otherwise stop with the API's error (printed as JSON too under --json). */
function unwrap(ctx: Context, response: ApiResponse): unknown {
  if (response.ok) return response.result
  if (ctx.json) printJson(response)
  throw new Exit(EXIT_REFUSED, response.error.message, response.error.details)
}

function describePreview(fileName: string, p: ImportPreview): string {
  const lines = [`Berkas: ${fileName} (format ${p.format})`]
  const columns = Object.entries(p.columns)
  if (columns.length) lines.push(`Kolom: ${columns.map(([k, v]) => `${k} = ${v}`).join(', ')}`)
  lines.push(
    `Jumlah: ${n(p.totals.kecamatan)} kecamatan, ${n(p.totals.desa)} desa/kelurahan, ${n(p.totals.tps)} TPS, ${n(p.totals.dpt)} pemilih (DPT)`,
  )
  if (p.errors.length) lines.push(`Galat: ${n(p.errors.length)} (rinciannya di bawah)`)
  if (p.warnings.length) {
    lines.push(`Peringatan (${n(p.warnings.length)}):`)
    lines.push(...limited(p.warnings.map((w) => `  ${formatIssue(w)}`)))
  }
  // Changes computed from a refused file would only alarm (e.g. "1.446 dihapus"); nothing will change.
  if (p.errors.length || !p.ok) return lines.join('\n') + '\n'
  const c = p.changes
  lines.push(
    `Perubahan: ${n(c.added)} TPS ditambah, ${n(c.removed)} dihapus, ${n(c.changed)} berubah, ${n(c.unchanged)} tetap`,
  )
  // A terminal is not the place for hundreds of rows; --json carries the whole sample.
  const sample = c.sample.slice(0, SAMPLE_ROWS)
  for (const row of sample) {
    const where = `${row.kecamatan} / ${row.desa} / TPS ${row.nomor}`
    if (row.kind === 'added') lines.push(`  + ${where}: DPT ${n(row.dptAfter ?? 0)}`)
    else if (row.kind === 'removed') lines.push(`  - ${where}: DPT ${n(row.dptBefore ?? 0)}`)
    else lines.push(`  ~ ${where}: DPT ${n(row.dptBefore ?? 0)} → ${n(row.dptAfter ?? 0)}`)
  }
  const shown = sample.length
  const total = c.added + c.removed + c.changed
  if (shown > 0 && total > shown) lines.push(`  … dan ${n(total - shown)} perubahan lain`)
  return lines.join('\n') + '\n'
}

function refusalMessage(p: ImportPreview): string {
  return p.errors.length
    ? `Berkas memiliki ${n(p.errors.length)} galat; tidak ada yang disimpan. Perbaiki baris berikut lalu ulangi:`
    : 'Berkas ditolak; tidak ada yang disimpan.'
}

/** The API names fields; on the command line the user typed options, so name those instead. */
function optionIssues(issues: Issue[]): Issue[] {
  const options: Record<string, string> = {
    jenis: '--jenis',
    satker: '--satker',
    tahun: '--tahun',
    kodeWilayah: '--kode',
    provinsi: '--provinsi',
  }
  return issues.map((i) => (i.column && options[i.column] ? { ...i, column: options[i.column] } : i))
}

function formatIssue(issue: Issue): string {
  const where = [issue.row !== undefined ? `baris ${issue.row}` : null, issue.column ? `kolom ${issue.column}` : null]
    .filter(Boolean)
    .join(', ')
  return where ? `${where}: ${issue.message}` : issue.message
}

const MAX_LISTED = 200
const SAMPLE_ROWS = 10

function limited(lines: string[]): string[] {
  return lines.length > MAX_LISTED
    ? [...lines.slice(0, MAX_LISTED), `  … dan ${n(lines.length - MAX_LISTED)} lagi (semuanya tersedia dengan --json)`]
    : lines
}

function readFileBase64(file: string): string {
  let info
  try {
    info = statSync(file)
  } catch {
    throw new Exit(EXIT_REFUSED, `Berkas tidak ditemukan: ${file}`)
  }
  if (!info.isFile()) throw new Exit(EXIT_REFUSED, `${file} bukan berkas`)
  // Same limit as the contract; checked here so a huge file is not read into memory first.
  if (info.size > IMPORT_LIMITS.bytes)
    throw new Exit(
      EXIT_REFUSED,
      `Berkas terlalu besar (maksimum ${megabyte(IMPORT_LIMITS.bytes)}, batas ukuran berkas impor): ${file}`,
    )
  try {
    return readFileSync(file).toString('base64')
  } catch (err) {
    throw new Exit(EXIT_REFUSED, `Berkas tidak dapat dibaca: ${file} (${(err as Error).message})`)
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return /^(y|ya|yes)$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

function parseArgsMessage(err: unknown): string {
  const e = err as { code?: string; message?: string }
  const option = /'(-{1,2}[^'\s]+)/.exec(e.message ?? '')?.[1]
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Pilihan tidak dikenal: ${option ?? ''}`.trim()
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message ?? '')
        ? `Pilihan ${option ?? ''} tidak menerima nilai`
        : `Pilihan ${option ?? ''} memerlukan nilai`
    default:
      return `Argumen tidak sah: ${e.message ?? String(err)}`
  }
}

const quoteArg = (s: string): string => (/^[\w./:\\-]+$/.test(s) ? s : `"${s}"`)

const n = (value: number): string => value.toLocaleString('id-ID')

function print(text: string): number {
  process.stdout.write(text)
  return EXIT_OK
}

function write(bytes: Buffer): number {
  process.stdout.write(bytes)
  return EXIT_OK
}

function printJson(value: unknown): number {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
  return EXIT_OK
}

function report(err: unknown): number {
  if (err instanceof Exit) {
    if (err.message) process.stderr.write(err.message + '\n')
    for (const issue of limited(err.details.map(formatIssue))) process.stderr.write(`  ${issue.trimStart()}\n`)
    return err.code
  }
  if (err instanceof AppError) {
    // e.g. openApp refusing a database written by a newer version.
    process.stderr.write(err.message + '\n')
    for (const issue of err.details ?? []) process.stderr.write(`  ${formatIssue(issue)}\n`)
    return EXIT_REFUSED
  }
  process.stderr.write(`Kesalahan internal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  return EXIT_REFUSED
}

function finish(code: number): void {
  // Exit only after stdout has drained, or a large CSV piped to a file could be cut short.
  process.stdout.write('', () => process.exit(code))
}

/** The long jobs' worker the running build carries; unset when running from sources (tests). */
let workerEntry: WorkerEntry | undefined

/** Runs one command line and exits the process with its code: the `gudang` command and the app's `cli` argument. */
export function runCli(argv: string[], options: { worker?: WorkerEntry } = {}): void {
  workerEntry = options.worker
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // `gudang kebutuhan | head` closes the pipe early; that is not a failure of ours.
    if (err.code === 'EPIPE') process.exit(EXIT_OK)
    throw err
  })
  run(argv).then(finish, (err: unknown) => finish(report(err)))
}
