import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = 'Gudang Pemilu'

/**
 * Where the app keeps its databases when no --db is given: the same folder Electron's
 * app.getPath('userData') returns for productName "Gudang Pemilu", so the desktop app and
 * browser mode open the same file.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.GUDANG_DATA_DIR) return env.GUDANG_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME)
}

export const DEMO_DB_FILE = 'demo-pilkada-2024-batu-bara.sqlite'

export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return env.GUDANG_DB || join(defaultDataDir(env, platform), DEMO_DB_FILE)
}
