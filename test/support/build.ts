import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { needsRebuild } from '../../src/cli/launchUtil.mjs'
import { ROOT } from './paths'

export { ROOT }

/** Held while one test process builds, so two files run side by side never build into out/ at once. */
const LOCK = join(ROOT, '.cache', 'build.lock')
/** A lock older than this was left by a process that died while building. */
const STALE_LOCK_MS = 120_000

/**
 * Tests of what users run (the built `gudang` command, its job worker, the UI in Chromium) need out/ to
 * match the sources. `npm test` builds before vitest; a file run alone builds here when a source changed
 * since (a few seconds), one process at a time.
 */
export function ensureBuilt(): void {
  if (!needsRebuild(ROOT)) return
  mkdirSync(join(ROOT, '.cache'), { recursive: true })
  const wait = new Int32Array(new SharedArrayBuffer(4))
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      const age = Date.now() - (statSafe(LOCK) ?? 0)
      if (age > STALE_LOCK_MS || Date.now() - started > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true })
      Atomics.wait(wait, 0, 0, 250)
    }
  }
  try {
    if (!needsRebuild(ROOT)) return
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      { cwd: ROOT, encoding: 'utf8' },
    )
    if (r.status !== 0) throw new Error(`electron-vite build gagal:\n${r.stdout}\n${r.stderr}`)
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

const statSafe = (path: string): number | null => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return null
  }
}
