import { readFileSync } from 'node:fs'
import type { ServiceContext } from './context'
import * as pemilihan from './pemilihan'
import * as pengguna from './pengguna'
import * as wilayah from './wilayah'

export const DEMO_DATA_NOTE =
  'Data demo: TPS Kabupaten Batu Bara menurut hierarki TPS Pemilu 2024 (KawalPemilu); angka DPT per TPS adalah SINTETIS (acak 120–300), bukan DPT resmi.'

/** The demo election: Pilkada 2024 in Kabupaten Batu Bara (Gubernur Sumatera Utara and Bupati Batu Bara). */
export async function createDemo(ctx: ServiceContext, csvPath: string): Promise<void> {
  const who = { actor: 'demo' }
  pemilihan.buat(ctx, who, {
    jenis: 'pilkada',
    tahun: 2024,
    provinsi: 'Sumatera Utara',
    satker: 'Kabupaten Batu Bara',
    kodeWilayah: '1219',
    pilkada: { gubernur: true, bupatiWalikota: 'bupati' },
    dataNote: DEMO_DATA_NOTE,
  })
  const bytes = readFileSync(csvPath)
  const preview = await wilayah.pratinjauImpor(ctx, 'tps-batubara-2024.csv', bytes)
  await wilayah.impor(ctx, who, 'tps-batubara-2024.csv', bytes, preview.fingerprint)
  for (const u of pengguna.DEMO_USERS) pengguna.tambah(ctx, who, u)
}
