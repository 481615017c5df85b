#!/usr/bin/env node
// Launcher behind `npm start`, `npm test` and `npm run bench`.
//
// Plain ESM with node built-ins only, because it must run on whatever Node the
// user has (18, 20, 22+). It then makes the machine fit the project:
//   1. for `test` (and `tools`): the programs the tests call (SYSTEM_TOOLS in
//      launchUtil.mjs) missing -> apt-get install them as root or through
//      passwordless sudo, or stop with the command to run, before anything else;
//   2. Node older than 22 -> fetch Node 22 from the npm registry into
//      .cache/node and run this same script again under it;
//   3. node_modules missing or older than package-lock.json -> npm ci;
//   4. run the subcommand (start | test | bench | crashtest | tools).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  MIN_NODE_MAJOR,
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
  nodeMajor,
  nodePackageName,
  planToolInstall,
  summarizeVitestReport,
  withPathPrepended,
} from './launchUtil.mjs'

const SCRIPT = fileURLToPath(import.meta.url)
const ROOT = resolve(dirname(SCRIPT), '..', '..')
const NODE_CACHE = join(ROOT, '.cache', 'node')
const VITEST_REPORT = join(ROOT, '.cache', 'vitest-report.json')
const SERVER_ENTRY = 'src/server/main.ts'
const BENCH_ENTRY = 'test/bench/run.ts'
const CRASH_ENTRY = 'test/crash/run.ts'
const ELECTRON_FETCH_TIMEOUT_MS = 90_000

const COMMANDS = {
  start: commandStart,
  test: commandTest,
  bench: commandBench,
  crashtest: commandCrashtest,
  tools: commandTools,
}
/** Commands that need the system tools, checked before anything else runs. */
const NEEDS_TOOLS = new Set(['test', 'tools'])

// ---------------------------------------------------------------- children

/** The child now running in the foreground, so signals can reach it. */
let currentChild = null

function installSignalForwarding() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!currentChild) process.exit(128 + (osConstants.signals[signal] ?? 0))
      // Ctrl+C in a terminal already reaches the whole foreground process
      // group, the child included; sending it again would make the server see
      // two interrupts. A SIGINT without a terminal (a supervisor, a test
      // harness) was meant for us alone, so pass it on.
      if (signal === 'SIGINT' && process.stdin.isTTY) return
      currentChild.kill(signal)
    })
  }
}

/** Spawn with inherited stdio; resolves to the exit code (128+n when killed by signal n). */
function runChild(command, args, options = {}) {
  return new Promise((resolveCode) => {
    let settled = false
    const settle = (code) => {
      if (settled) return
      settled = true
      currentChild = null
      resolveCode(code)
    }
    const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT, ...options })
    currentChild = child
    child.on('error', (err) => {
      console.error(`Tidak dapat menjalankan ${command}: ${err.message}`)
      settle(127)
    })
    child.on('exit', (code, signal) => settle(code ?? 128 + (osConstants.signals[signal] ?? 0)))
  })
}

/** Run a JS entry point of a dependency under the current Node (never a .bin shim: those differ per OS). */
function runNodeScript(relPath, args, options = {}) {
  return runChild(process.execPath, [join(ROOT, relPath), ...args], options)
}

/**
 * Run npm. Under `npm start/test` npm tells us its own CLI file, which we run
 * with the current Node (so after the switch npm itself runs on Node 22).
 * Otherwise use npm from PATH; Windows' npm.cmd can only be started through a
 * shell, and our arguments are plain words, so joining them is safe.
 */
function runNpm(args, options = {}) {
  const cli = process.env.npm_execpath
  if (cli && /npm-cli\.c?js$/.test(cli) && existsSync(cli)) {
    return runChild(process.execPath, [cli, ...args], options)
  }
  if (process.platform === 'win32') {
    return runChild(['npm.cmd', ...args].join(' '), [], { ...options, shell: true })
  }
  return runChild('npm', args, options)
}

/** Run one step, printing its name and how long it took. */
async function timedStep(label, run) {
  console.log(`\n» ${label}`)
  const started = Date.now()
  const code = await run()
  const took = formatSeconds(Date.now() - started)
  console.log(code === 0 ? `» ${label}: selesai (${took})` : `» ${label}: gagal, kode ${code} (${took})`)
  return code
}

// ------------------------------------------------------- machine preparation

/** Path of a Node 22 binary in .cache/node, installing it from the npm registry when missing; null on failure. */
async function ensureCachedNode() {
  const binary = cachedNodeBinary(NODE_CACHE, process.platform, process.arch)
  if (existsSync(binary)) return binary
  const pkg = nodePackageName(process.platform, process.arch)
  console.log(
    `Node.js ${process.versions.node} di komputer ini terlalu lama (proyek ini butuh Node ${MIN_NODE_MAJOR} atau lebih baru), ` +
      `jadi Node ${MIN_NODE_MAJOR} diunduh sekali dari registri npm ke .cache/node.`,
  )
  const code = await runNpm([
    'install',
    '--prefix',
    '.cache/node',
    '--no-save',
    '--no-audit',
    '--no-fund',
    `${pkg}@${MIN_NODE_MAJOR}`,
  ])
  if (code !== 0 || !existsSync(binary)) {
    console.error(
      `Gagal memasang ${pkg}@${MIN_NODE_MAJOR}. Pasang Node.js ${MIN_NODE_MAJOR}+ secara manual lalu coba lagi.`,
    )
    return null
  }
  return binary
}

/**
 * Run this script again under the cached Node 22, its folder first on PATH so
 * that npm, npx and every child process use Node 22 too. Resolves to its exit code.
 */
async function reexecUnderCachedNode(argv) {
  // Guard against a loop should the cached binary itself report an old version.
  if (process.env.GUDANG_LAUNCH_REEXEC) {
    console.error(
      `Node ${process.versions.node} di .cache/node masih lebih lama dari ${MIN_NODE_MAJOR}; hapus .cache/node lalu coba lagi.`,
    )
    return 1
  }
  const binary = await ensureCachedNode()
  if (!binary) return 1
  const env = withPathPrepended(
    // npm exports NODE/npm_node_execpath naming the old Node; point them at the new one.
    { ...process.env, GUDANG_LAUNCH_REEXEC: '1', NODE: binary, npm_node_execpath: binary },
    dirname(binary),
    process.platform,
  )
  return runChild(binary, [SCRIPT, ...argv], { env })
}

/**
 * The programs the tests call (SYSTEM_TOOLS): present, or installed now with apt-get (root, or sudo
 * without a password), with apt's output in view. Otherwise one message naming the command to run,
 * and a non-zero code so that nothing else runs. Resolves to 0 when every tool is there.
 */
async function ensureSystemTools() {
  const missing = missingTools(SYSTEM_TOOLS, process.env, process.platform)
  if (missing.length === 0) return 0
  const isRoot = process.getuid?.() === 0
  const hasAptGet = process.platform === 'linux' && findExecutable('apt-get') !== null
  const canSudo =
    !isRoot &&
    hasAptGet &&
    findExecutable('sudo') !== null &&
    spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  const plan = planToolInstall({ missing, platform: process.platform, isRoot, canSudo, hasAptGet })
  if (plan.kind === 'stop') {
    console.error(plan.message)
    return 1
  }
  console.log(
    `Program untuk tes belum terpasang (${missing.map((m) => m.binary).join(', ')}): memasang paket ${plan.packages.join(' ')} dengan apt-get.`,
  )
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const [command, ...args] of plan.commands) {
    const code = await timedStep([command, ...args].join(' '), () => runChild(command, args, { env }))
    if (code !== 0) {
      console.error(missingToolsMessage(missing, { isRoot, hasAptGet, failedCode: code }))
      return code
    }
  }
  const still = missingTools(SYSTEM_TOOLS, process.env, process.platform)
  if (still.length > 0) {
    console.error(missingToolsMessage(still, { isRoot, hasAptGet, stillMissing: true }))
    return 1
  }
  return 0
}

/** npm ci when node_modules is missing or stale; resolves to its exit code (0 when nothing to do). */
async function ensureDependencies() {
  if (!needsInstall(ROOT)) return 0
  console.log('node_modules belum ada atau lebih lama dari package-lock.json: memasang dependensi dengan npm ci.')
  // The Electron binary cannot always be downloaded; `start` fetches it later
  // and falls back to browser mode, so installing must never depend on it.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  return timedStep('npm ci', () => runNpm(['ci', '--no-audit', '--no-fund'], { env }))
}

// ------------------------------------------------------------------ commands

/** `npm test [-- vitest args]`: typecheck, build, vitest, then the summary line CI reads. */
async function commandTest(extraArgs) {
  let code = await timedStep('tsc -b', () => runNodeScript('node_modules/typescript/bin/tsc', ['-b']))
  if (code !== 0) return code
  code = await timedStep('prettier --check', () =>
    runNodeScript('node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level=warn', '.']),
  )
  if (code !== 0) return code
  code = await timedStep('eslint', () =>
    runNodeScript('node_modules/eslint/bin/eslint.js', ['--cache', '--cache-location', '.cache/eslint', '.']),
  )
  if (code !== 0) return code
  code = await timedStep('electron-vite build', () =>
    runNodeScript('node_modules/electron-vite/bin/electron-vite.js', ['build']),
  )
  if (code !== 0) return code

  // A report left by an earlier run must never be read as this run's.
  rmSync(VITEST_REPORT, { force: true })
  const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_REPORT}`, ...extraArgs]
  code = await timedStep('vitest run', () => runNodeScript('node_modules/vitest/vitest.mjs', vitestArgs))

  let report = {}
  try {
    report = JSON.parse(readFileSync(VITEST_REPORT, 'utf8'))
  } catch {
    console.error(`vitest tidak menulis laporan ${VITEST_REPORT}.`)
    if (code === 0) code = 1
  }
  const summary = summarizeVitestReport(report, code)
  if (code !== 0 && summary.failed > (report.numFailedTests ?? 0)) {
    console.log(
      '(kegagalan di luar tes, mis. file tes yang gagal dimuat atau tidak ada file tes, dihitung sebagai gagal)',
    )
  }
  console.log(`\n${formatSummary(summary)}`)
  return code
}

/** `node src/cli/launch.mjs tools`: only the system tools' check and install that `npm test` starts with. */
function commandTools() {
  console.log('Semua program yang dibutuhkan tes sudah terpasang.')
  return 0
}

/** Is the Electron binary there, or can it be fetched now? Returns its path or null. */
function findOrFetchElectron() {
  const found = electronBinaryPath(ROOT, process.env)
  if (found) return found
  const installJs = join(ROOT, 'node_modules', 'electron', 'install.js')
  if (!existsSync(installJs)) return null
  console.log(
    `Biner Electron belum ada; mencoba mengunduhnya (paling lama ${ELECTRON_FETCH_TIMEOUT_MS / 1000} detik)...`,
  )
  const env = { ...process.env }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  const result = spawnSync(process.execPath, [installJs], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: ELECTRON_FETCH_TIMEOUT_MS,
  })
  if (result.status !== 0) {
    const reason =
      result.error?.code === 'ETIMEDOUT'
        ? 'waktu habis'
        : `${result.stderr || result.stdout || result.error?.message || ''}`.trim().split('\n')[0]
    console.log(`Unduhan Electron gagal: ${reason || `kode ${result.status}`}`)
    return null
  }
  return electronBinaryPath(ROOT, process.env)
}

function runElectron(binary, extraArgs) {
  const args = [ROOT, ...extraArgs]
  // Chromium refuses to start as root with its sandbox on (Linux containers, CI).
  if (process.platform === 'linux' && process.getuid?.() === 0) args.unshift('--no-sandbox')
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE // set, it would make Electron behave as plain Node
  return runChild(binary, args, { env })
}

function runBrowserMode(extraArgs) {
  if (!existsSync(join(ROOT, SERVER_ENTRY))) {
    console.error(`${SERVER_ENTRY} tidak ditemukan; mode peramban tidak dapat dijalankan.`)
    return 1
  }
  // The server prints "URL: http://127.0.0.1:PORT/?token=..." to open in a browser. It runs with tsx as a
  // loader in its own process, not under tsx's CLI: that CLI relays Ctrl+C and SIGTERM to a child of its own
  // and kills it (SIGKILL) when the child does not say within 30 ms that it heard the signal, which a busy PC
  // misses — the server then died before closing the database and writing its closing backup.
  return runChild(process.execPath, ['--import', 'tsx', join(ROOT, SERVER_ENTRY), ...extraArgs])
}

/** `npm start [-- args]`: the desktop app, or the same app served to a browser when Electron is absent. */
async function commandStart(extraArgs) {
  if (needsRebuild(ROOT)) {
    const code = await timedStep('electron-vite build', () =>
      runNodeScript('node_modules/electron-vite/bin/electron-vite.js', ['build']),
    )
    if (code !== 0) return code
  }
  if (process.env.GUDANG_BROWSER_MODE === '1') {
    console.log('GUDANG_BROWSER_MODE=1: aplikasi dibuka dalam mode peramban:')
    return runBrowserMode(extraArgs)
  }
  const electron = findOrFetchElectron()
  if (electron) return runElectron(electron, extraArgs)
  console.log(
    'Electron tidak tersedia di komputer ini (binernya tidak dapat diunduh). Aplikasi dibuka dalam mode peramban:',
  )
  return runBrowserMode(extraArgs)
}

/** `npm run bench [-- args]` */
async function commandBench(extraArgs) {
  if (!existsSync(join(ROOT, BENCH_ENTRY))) {
    console.error(`${BENCH_ENTRY} belum ada; tidak ada benchmark untuk dijalankan.`)
    return 1
  }
  // The first screen is measured in the built UI.
  if (needsRebuild(ROOT)) {
    const code = await timedStep('electron-vite build', () =>
      runNodeScript('node_modules/electron-vite/bin/electron-vite.js', ['build']),
    )
    if (code !== 0) return code
  }
  return runNodeScript('node_modules/tsx/dist/cli.mjs', [BENCH_ENTRY, ...extraArgs])
}

/** `npm run crashtest [-- --kills N]`: the power-loss test with many kills (npm test runs a few). */
async function commandCrashtest(extraArgs) {
  return runNodeScript('node_modules/tsx/dist/cli.mjs', [CRASH_ENTRY, ...extraArgs])
}

// ---------------------------------------------------------------------- main

async function main(argv) {
  const [name, ...rest] = argv
  // `npm start -- --port 8080` reaches us without the "--", but
  // `node src/cli/launch.mjs start -- --port 8080` keeps it; drop it so both work.
  const extraArgs = rest[0] === '--' ? rest.slice(1) : rest
  const command = COMMANDS[name]
  if (!command) {
    console.error(`Pemakaian: node src/cli/launch.mjs ${Object.keys(COMMANDS).join('|')} [argumen...]`)
    return 2
  }
  // npm runs scripts from the package root anyway; doing it here too makes
  // relative paths (vitest filters, --db files) mean the same either way.
  process.chdir(ROOT)
  installSignalForwarding()

  if (NEEDS_TOOLS.has(name)) {
    const tools = await ensureSystemTools()
    if (tools !== 0) return tools
    // `tools` needs neither Node 22 nor node_modules.
    if (name === 'tools') return command(extraArgs)
  }
  if (nodeMajor(process.versions.node) < MIN_NODE_MAJOR) return reexecUnderCachedNode(argv)

  const installed = await ensureDependencies()
  if (installed !== 0) return installed
  return command(extraArgs)
}

// exitCode rather than process.exit(): lets stdout drain when it is a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    console.error(err)
    process.exitCode = 1
  },
)
