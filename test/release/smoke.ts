/**
 * The packaged desktop app, run for real before its installers are attached to a release
 * (.github/workflows/release.yml, on Windows and on Linux under xvfb). The Electron binary cannot be
 * downloaded on the development machine, so this is where the Electron side (main, preload, IPC, the
 * app:// protocol, the security settings, the packaged CLI) runs at all. Not a vitest file: it needs
 * the packaged app that only the release workflow builds.
 *
 *   npx tsx test/release/smoke.ts dist/win-unpacked     (or dist/linux-unpacked)
 *
 * Checked: the executable carries the security fuses; the window opens on the demo election; one API
 * call goes through IPC (window.gudang.invoke); DevTools are closed and neither the menu, its shortcut
 * nor a call can open them; the CLI answers (`cli --version`, `cli call`, `cli verify` in a job
 * worker, the exit code of a refusal), and on Windows resources\gudang.cmd does the same.
 *
 * Playwright drives Electron through the Node inspector (`--inspect`), which the shipped executable
 * refuses (fuse EnableNodeCliInspectArguments off, checked first). The window is therefore driven on a
 * copy whose only difference is that one fuse turned back on; the CLI runs on the shipped executable.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type * as Fuses from '@electron/fuses'
import { _electron as electron } from 'playwright-core'
import { DEMO_DB_FILE } from '../../src/db/paths'

const ROOT = resolve(__dirname, '../..')
const builderRequire = createRequire(join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'))
const fuses = builderRequire('@electron/fuses') as typeof Fuses
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }

/** A method any window may call without signing in (src/api/dispatch.ts RECOVERY_METHODS). */
const INFO_METHOD = 'sistem.lihatInfo'
const STEP_TIMEOUT_MS = 120_000

const unpacked = resolve(process.argv[2] ?? '')
const windows = process.platform === 'win32'
const exeName = windows ? 'Gudang Pemilu.exe' : 'gudang-pemilu'
const exe = join(unpacked, exeName)

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`GAGAL: ${what}`)
  console.log(`ok  ${what}`)
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(command, args, { env, encoding: 'utf8', timeout: STEP_TIMEOUT_MS })
  if (r.error) throw r.error
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const show = (r: Run) => `kode ${r.status}\n${r.stdout}\n${r.stderr}`

async function checkFuses(): Promise<void> {
  const wire = await fuses.getCurrentFuseWire(exe)
  const expected: [keyof typeof fuses.FuseV1Options, boolean][] = [
    ['RunAsNode', false],
    ['EnableCookieEncryption', true],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
  ]
  for (const [name, on] of expected)
    check(wire[fuses.FuseV1Options[name]] === (on ? 0x31 : 0x30), `fuse ${name} ${on ? 'on' : 'off'}`)
}

async function checkWindow(env: NodeJS.ProcessEnv, work: string): Promise<void> {
  const driver = join(work, 'driver')
  cpSync(unpacked, driver, { recursive: true })
  await fuses.flipFuses(join(driver, exeName), {
    version: fuses.FuseVersion.V1,
    [fuses.FuseV1Options.EnableNodeCliInspectArguments]: true,
  })
  const defined = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
  const app = await electron.launch({ executablePath: join(driver, exeName), env: defined, timeout: STEP_TIMEOUT_MS })
  try {
    const page = await app.firstWindow({ timeout: STEP_TIMEOUT_MS })
    await page.getByText('Pilkada 2024 · Kabupaten Batu Bara').first().waitFor({ timeout: STEP_TIMEOUT_MS })
    check(page.url().startsWith('app://gudang/'), `window on app:// (${page.url()})`)
    check(true, 'window opens on the demo election (Pilkada 2024, Kabupaten Batu Bara)')

    const isolated = await page.evaluate(() => [
      typeof (globalThis as { require?: unknown }).require,
      typeof (globalThis as { process?: unknown }).process,
    ])
    check(
      isolated.every((t) => t === 'undefined'),
      'renderer has neither require nor process',
    )

    const answer = (await page.evaluate(
      (method) =>
        (window as unknown as { gudang: { invoke(m: string, i: unknown): Promise<unknown> } }).gudang.invoke(
          method,
          {},
        ),
      INFO_METHOD,
    )) as { ok: boolean; result?: { appVersion: string; dbPath: string } }
    check(answer.ok && answer.result?.appVersion === version, `${INFO_METHOD} through IPC answers version ${version}`)
    check(answer.result?.dbPath === join(env.GUDANG_DATA_DIR!, DEMO_DB_FILE), `the window works on ${DEMO_DB_FILE}`)

    const devToolsOpen = () =>
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.webContents.isDevToolsOpened()))
    check(!(await devToolsOpen()), 'DevTools closed')
    const roles = await app.evaluate(({ Menu }) => {
      const found: string[] = []
      const walk = (items: Electron.MenuItem[]) => {
        for (const item of items) {
          found.push(String(item.role ?? item.label).toLowerCase())
          if (item.submenu) walk(item.submenu.items)
        }
      }
      walk(Menu.getApplicationMenu()?.items ?? [])
      return found
    })
    check(
      !roles.includes('toggledevtools') && !roles.includes('reload'),
      `menu without DevTools or Reload (${roles.join(', ')})`,
    )
    for (const key of ['Control+Shift+I', 'F12']) await page.keyboard.press(key)
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.openDevTools())
    await page.waitForTimeout(1_000)
    check(!(await devToolsOpen()), 'DevTools stay closed after Ctrl+Shift+I, F12 and openDevTools()')
  } finally {
    await app.close()
  }
}

function checkCli(env: NodeJS.ProcessEnv, work: string): void {
  const db = join(env.GUDANG_DATA_DIR!, DEMO_DB_FILE)
  check(existsSync(db), 'the window left the demo database behind')

  const v = run(exe, ['cli', '--version'], env)
  check(v.status === 0 && v.stdout === `Gudang Pemilu ${version}\n`, `cli --version (${show(v).trim()})`)

  const info = run(exe, ['cli', 'call', '--db', db, INFO_METHOD], env)
  check(info.status === 0, `cli call ${INFO_METHOD} (${show(info).trim()})`)
  check(
    (JSON.parse(info.stdout) as { appVersion: string }).appVersion === version,
    `cli call answers version ${version}`,
  )

  const verify = run(exe, ['cli', 'verify', '--db', db], env)
  check(verify.status === 0 && verify.stdout.includes('UTUH'), `cli verify in a job worker (${show(verify).trim()})`)

  const missing = run(exe, ['cli', 'verify', '--db', join(work, 'tidak-ada.sqlite')], env)
  check(
    missing.status === 1 && missing.stderr.includes('tidak ditemukan'),
    `cli exits 1 on a refusal (${show(missing).trim()})`,
  )

  if (windows) {
    const cmd = join(unpacked, 'resources', 'gudang.cmd')
    const viaCmd = run('cmd.exe', ['/d', '/c', cmd, '--version'], env)
    check(
      viaCmd.status === 0 && viaCmd.stdout.includes(`Gudang Pemilu ${version}`),
      `gudang.cmd --version (${show(viaCmd).trim()})`,
    )
    const refused = run('cmd.exe', ['/d', '/c', cmd, 'verify', '--db', join(work, 'tidak-ada.sqlite')], env)
    check(refused.status === 1, `gudang.cmd passes the exit code on (${show(refused).trim()})`)
  }
}

async function main(): Promise<void> {
  if (!process.argv[2] || !existsSync(exe))
    throw new Error(`Pemakaian: tsx test/release/smoke.ts <folder unpacked>; ${exe} tidak ada`)
  const work = mkdtempSync(join(tmpdir(), 'gudang-smoke-'))
  const env: NodeJS.ProcessEnv = { ...process.env, GUDANG_DATA_DIR: join(work, 'data') }
  // Either would make the executable something other than the app.
  delete env.ELECTRON_RUN_AS_NODE
  delete env.GUDANG_DB
  try {
    await checkFuses()
    await checkWindow(env, work)
    checkCli(env, work)
    console.log('Uji asap selesai: semua pemeriksaan lulus.')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
