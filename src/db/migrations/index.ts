import m0001 from './0001_initial'
import m0002 from './0002_floor'
import m0003 from './0003_aggregates'
import m0004 from './0004_distribusi'
import m0005 from './0005_pengguna'
import m0006 from './0006_lookups'
import m0007 from './0007_stasiun'
import m0008 from './0008_kit_periksa'
import m0009 from './0009_kiriman_lengkap'
import m0010 from './0010_draf'
import m0011 from './0011_jejak'
import m0012 from './0012_dapil_peta'
import m0013 from './0013_upah_bendahara'
import m0014 from './0014_draf_basis'
import m0015 from './0015_nama_tabel'
import m0016 from './0016_nama_pemicu'
import m0017 from './0017_draf_pengaturan'
import m0018 from './0018_pemicu_jejak'
import type { ReadableDB } from '../handles'

export interface Migration {
  version: number
  name: string
  /** The SQL, or (from 0011) SQL made from the schema the earlier migrations left, e.g. a trigger per table. */
  sql: string | ((db: ReadableDB) => string)
}

/** Numbered in order; a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001_initial', sql: m0001 },
  { version: 2, name: '0002_floor', sql: m0002 },
  { version: 3, name: '0003_aggregates', sql: m0003 },
  { version: 4, name: '0004_distribusi', sql: m0004 },
  { version: 5, name: '0005_pengguna', sql: m0005 },
  { version: 6, name: '0006_lookups', sql: m0006 },
  { version: 7, name: '0007_stasiun', sql: m0007 },
  { version: 8, name: '0008_kit_periksa', sql: m0008 },
  { version: 9, name: '0009_kiriman_lengkap', sql: m0009 },
  { version: 10, name: '0010_draf', sql: m0010 },
  { version: 11, name: '0011_jejak', sql: m0011 },
  { version: 12, name: '0012_dapil_peta', sql: m0012 },
  { version: 13, name: '0013_upah_bendahara', sql: m0013 },
  { version: 14, name: '0014_draf_basis', sql: m0014 },
  { version: 15, name: '0015_nama_tabel', sql: m0015 },
  { version: 16, name: '0016_nama_pemicu', sql: m0016 },
  { version: 17, name: '0017_draf_pengaturan', sql: m0017 },
  { version: 18, name: '0018_pemicu_jejak', sql: m0018 },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0
