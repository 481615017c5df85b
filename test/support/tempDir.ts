import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** A temporary folder for this test file (gudang-<prefix>-…), removed after its last test. */
export function useTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gudang-${prefix}-`))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
