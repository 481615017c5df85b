import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './api'
import { ensureBuilt } from './build'

export interface GudangRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The built `gudang` command as a user runs it, with the default database and data folder pointed into
 * `dataDir` so a stray default file is never touched. Builds out/ first when the sources changed.
 */
export function gudangCommand(dataDir: string, env: NodeJS.ProcessEnv = {}): (...args: string[]) => GudangRun {
  ensureBuilt()
  return (...args) => {
    const res = spawnSync(process.execPath, [join(ROOT, 'src/cli/gudang.mjs'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...env,
        GUDANG_DB: join(dataDir, 'default-tidak-dipakai.sqlite'),
        GUDANG_DATA_DIR: dataDir,
      },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    })
    if (res.error) throw res.error
    return { code: res.status, stdout: res.stdout, stderr: res.stderr }
  }
}

/** `gudang init` of a Batu Bara election of `jenis` in `db`, then `more` arguments. */
export const initBatuBara = (db: string, jenis: 'pemilu' | 'pilkada', ...more: string[]): string[] => [
  'init',
  '--db',
  db,
  '--jenis',
  jenis,
  '--satker',
  'Kabupaten Batu Bara',
  ...more,
]
