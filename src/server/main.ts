/**
 * Browser mode: the same app as the desktop window, served to a local browser.
 * Run with tsx: `tsx src/server/main.ts [--db FILE] [--port N] [--no-demo]`.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { AppError } from '../core/errors'
import { formatSidikJari } from '../core/stasiun'
import { defaultDataDir, defaultDbPath } from '../db/paths'
import { startHttpServer } from './http'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const DEMO_CSV_PATH = join(REPO_ROOT, 'resources', 'demo', 'tps-batubara-2024.csv')
// GUDANG_UI_DIR serves another build of the UI (a packaged copy, or a test's empty folder).
const STATIC_DIR = process.env.GUDANG_UI_DIR ? resolve(process.env.GUDANG_UI_DIR) : join(REPO_ROOT, 'out', 'renderer')

const USAGE = `Pemakaian: tsx src/server/main.ts [--db BERKAS] [--port N] [--no-demo]
  --db BERKAS   berkas basis data SQLite (bawaan: ${defaultDbPath()})
  --port N      nomor port di 127.0.0.1 (bawaan: GUDANG_PORT atau port acak yang kosong)
  --no-demo     jangan membuat data contoh bila berkas basis data belum ada`

async function main(argv: string[]): Promise<number> {
  let values: { db?: string; port?: string; 'no-demo'?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        'no-demo': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    const option = /'(-{1,2}[^'\s]+)/.exec(err instanceof Error ? err.message : '')?.[1] ?? ''
    const code = (err as { code?: string }).code
    const message =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `Pilihan tidak dikenal: ${option}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `Nilai pilihan ${option} tidak sah`
          : `Argumen tidak sah: ${String(err)}`
    process.stderr.write(`${message}\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }

  const portText = values.port ?? process.env.GUDANG_PORT ?? '0'
  const port = Number(portText)
  if (!/^\d+$/.test(portText.trim()) || !Number.isInteger(port) || port > 65_535) {
    process.stderr.write(`Nomor port tidak sah: "${portText}" (isi 0 sampai 65535; 0 = port acak)\n`)
    return 2
  }
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    process.stderr.write(
      `Antarmuka belum dibangun; jalankan npm start\n(tidak ditemukan: ${join(STATIC_DIR, 'index.html')})\n`,
    )
    return 1
  }

  const dbPath = resolve(values.db ?? defaultDbPath())
  mkdirSync(dirname(dbPath), { recursive: true })
  const { openApp } = await import('../api/app')
  const app = await openApp({
    dbPath,
    demoCsvPath: values['no-demo'] ? undefined : DEMO_CSV_PATH,
    backups: {
      onError: (reason, err) =>
        process.stderr.write(`Cadangan (${reason}) gagal: ${err instanceof Error ? err.message : String(err)}\n`),
    },
    saksiDir: join(defaultDataDir(), 'saksi'),
    backgroundCheck: true,
  })
  let server: Awaited<ReturnType<typeof startHttpServer>>
  try {
    server = await startHttpServer({
      dispatcher: app.dispatcher,
      staticDir: STATIC_DIR,
      port,
      peristiwa: app.peristiwa,
      ...(app.jobs ? { jobs: app.jobs } : {}),
    })
  } catch (err) {
    app.close()
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      process.stderr.write(
        `Port ${port} sudah dipakai program lain; pilih port lain dengan --port atau gunakan 0 untuk port acak\n`,
      )
      return 1
    }
    throw err
  }

  // Host mode for LAN stations, when an admin switched it on (Pengaturan › Stasiun); off by default.
  const { startLanHost } = await import('./lan/host')
  const lan = await startLanHost({ app, staticDir: STATIC_DIR })
  const lines = [`Basis data: ${app.dbPath}`]
  const hosting = lan.status()
  if (hosting.berjalan)
    lines.push(
      `Mode induk: stasiun LAN tersambung ke https://${hosting.alamat[0]}:${hosting.port} (sidik jari ${formatSidikJari(hosting.sidikJari ?? '')})`,
    )
  if (app.createdDemo) {
    lines.push(
      'Data contoh dibuat: Pilkada 2024 Kabupaten Batu Bara. Jumlah DPT per TPS di data contoh adalah sintetis, bukan data resmi KPU.',
    )
  } else {
    lines.push(
      values['no-demo']
        ? 'Data contoh tidak dibuat (--no-demo).'
        : 'Data contoh tidak dibuat: berkas basis data sudah ada.',
    )
  }
  lines.push(
    'Buka alamat berikut di peramban (tautan ini memuat token akses; jangan dibagikan):',
    `URL: ${server.url}`,
    'Tekan Ctrl+C untuk berhenti.',
  )
  process.stdout.write(lines.join('\n') + '\n')

  await new Promise<void>((resolveStop) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return
      stopping = true
      process.stdout.write(`Menerima ${signal}; menutup server dan basis data…\n`)
      resolveStop()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  // Stop accepting calls first so no write can start after the database is closed.
  await lan.close()
  await server.close()
  await app.closeWithBackup()
  process.stdout.write('Basis data ditutup dengan rapi.\n')
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // An AppError is already a message for the user (e.g. a database from a newer version); anything else is a bug.
    const text =
      err instanceof AppError
        ? [err.message, ...(err.details ?? []).map((d) => `  ${d.message}`)].join('\n')
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err)
    process.stderr.write(`Gagal menjalankan mode peramban: ${text}\n`)
    process.exit(1)
  },
)
