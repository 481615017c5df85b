import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openApp } from '../../src/api/app'

/**
 * Tests run the TypeScript sources, so their long jobs start src/api/jobWorker.ts through tsx. The
 * loader is found from the repository, not from the current folder: a process started elsewhere (a
 * script, a test that changes folder) must still run its jobs.
 */
it('runs a long job from the TypeScript sources while the current folder is outside the repository', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gudang-worker-cwd-'))
  const app = await openApp({ dbPath: join(dir, 'pemilihan.sqlite') })
  const cwd = process.cwd()
  process.chdir(dir)
  try {
    const res = await app.dispatcher.call('ledger.periksa', {}, { actor: 'Uji', transport: 'test' })
    expect(res).toMatchObject({ ok: true, result: { ok: true, integrity: 'ok' } })
  } finally {
    process.chdir(cwd)
    app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
