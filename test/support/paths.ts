import { join, resolve } from 'node:path'

/**
 * Paths the tests and the benchmarks share. Kept apart from api.ts, which imports vitest: `npm run bench`
 * runs outside vitest and must not load it.
 */
export const ROOT = resolve(__dirname, '../..')
/** The demo election's TPS list (Pilkada 2024, Kabupaten Batu Bara: 12 kecamatan, 1.446 TPS). */
export const DEMO_CSV = join(ROOT, 'resources', 'demo', 'tps-batubara-2024.csv')
