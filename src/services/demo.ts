import { readFileSync } from 'node:fs'
import type { ServiceContext } from './context'
import { initElection } from './election'
import { createUser, DEMO_USERS } from './pengguna'
import { applyImport, previewImport } from './wilayah'

export const DEMO_DATA_NOTE =
  'Data demo: TPS Kabupaten Batu Bara menurut hierarki TPS Pemilu 2024 (KawalPemilu); angka DPT per TPS adalah SINTETIS (acak 120–300), bukan DPT resmi.'

/** The demo election: Pilkada 2024 in Kabupaten Batu Bara (Gubernur Sumatera Utara and Bupati Batu Bara). */
export async function createDemo(ctx: ServiceContext, csvPath: string): Promise<void> {
  const who = { actor: 'demo' }
  initElection(ctx, who, {
    jenis: 'pilkada',
    tahun: 2024,
    provinsi: 'Sumatera Utara',
    satker: 'Kabupaten Batu Bara',
    kodeWilayah: '1219',
    pilkada: { gubernur: true, bupatiWalikota: 'bupati' },
    dataNote: DEMO_DATA_NOTE,
  })
  const bytes = readFileSync(csvPath)
  const preview = await previewImport(ctx, 'tps-batubara-2024.csv', bytes)
  await applyImport(ctx, who, 'tps-batubara-2024.csv', bytes, preview.fingerprint)
  for (const u of DEMO_USERS) createUser(ctx, who, u)
}
