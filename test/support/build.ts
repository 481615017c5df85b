import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { needsRebuild } from '../../src/cli/launchUtil.mjs'
import { ROOT } from './api'

export { ROOT }

/**
 * Tests of what users run (the built `gudang` command, its job worker) need out/ to match the sources.
 * `npm test` builds before vitest; a file run alone builds here when a source changed since (a few seconds).
 */
export function ensureBuilt(): void {
  if (!needsRebuild(ROOT)) return
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
  if (r.status !== 0) throw new Error(`electron-vite build gagal:\n${r.stdout}\n${r.stderr}`)
}
