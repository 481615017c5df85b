import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrations'
import { openDatabase, schemaVersion } from '../../src/db/open'
import { useFileBefore } from '../support/migrations'

/**
 * Migration 0012 (dapil not yet mapped, PSU reserve per dapil) on a Pemilu file made before it: the dapil
 * `pemilihan.buat` made after the satker ("KABUPATEN BATU BARA") for DPR and DPRD Provinsi, never mapped,
 * become "Belum dipetakan"; a mapped DPRD Kab/Kota dapil and the single dapil of Presiden are untouched;
 * every kecamatan keeps its dapil row; the PSU reserve of every dapil follows its ballot type.
 */
const file = useFileBefore(12)
const { path } = file

describe('migration 0012 on a Pemilu file made before it', () => {
  it('marks the unmapped placeholder dapil "Belum dipetakan" and leaves mapped dapil and memberships as they were', () => {
    const old = file.openBefore()
    expect(schemaVersion(old)).toBe(11)
    old.exec(`
      INSERT INTO election (id, jenis, tahun, provinsi, satker, reserve_bp, rounding, max_voters_per_tps, created_at)
        VALUES (1, 'pemilu', 2024, 'Sumatera Utara', 'Kabupaten Batu Bara', 200, 'up', 300, '2024-01-01');
      INSERT INTO item (id, code, name, kind, unit, rule, psu_per_dapil, sort_order) VALUES
        (1, 'PPWP', 'Surat Suara PPWP', 'ballot', 'lembar', 'ballot', 1000, 10),
        (2, 'DPR', 'Surat Suara DPR RI', 'ballot', 'lembar', 'ballot', 1000, 20),
        (3, 'DPRD_PROV', 'Surat Suara DPRD Provinsi', 'ballot', 'lembar', 'ballot', 1000, 30),
        (4, 'DPRD_KAB', 'Surat Suara DPRD Kabupaten/Kota', 'ballot', 'lembar', 'ballot', 1000, 40);
      INSERT INTO dapil (id, item_id, name, name_key) VALUES
        (1, 1, 'Nasional', 'NASIONAL'),
        (2, 2, 'KABUPATEN BATU BARA', 'KABUPATEN BATU BARA'),
        (3, 3, 'KABUPATEN BATU BARA', 'KABUPATEN BATU BARA'),
        (4, 4, 'BATU BARA 1', 'BATU BARA 1');
      INSERT INTO item_variant (id, item_id, dapil_id) VALUES (1, 1, 1), (2, 2, 2), (3, 3, 3), (4, 4, 4);
      INSERT INTO kecamatan (id, nama, nama_key) VALUES (1, 'TALAWI', 'TALAWI');
      INSERT INTO dapil_kecamatan (item_id, kecamatan_id, dapil_id) VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3), (4, 1, 4);`)
    const members = old.prepare('SELECT * FROM dapil_kecamatan ORDER BY item_id').all()
    const variants = old.prepare('SELECT * FROM item_variant ORDER BY id').all()
    old.close()

    const db = openDatabase(path, { mustExist: true })
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expect(db.prepare('SELECT id, name, name_key, placeholder, psu_reserve FROM dapil ORDER BY id').all()).toEqual([
        { id: 1, name: 'Nasional', name_key: 'NASIONAL', placeholder: 0, psu_reserve: null },
        { id: 2, name: 'Belum dipetakan', name_key: 'BELUM DIPETAKAN', placeholder: 1, psu_reserve: null },
        { id: 3, name: 'Belum dipetakan', name_key: 'BELUM DIPETAKAN', placeholder: 1, psu_reserve: null },
        { id: 4, name: 'BATU BARA 1', name_key: 'BATU BARA 1', placeholder: 0, psu_reserve: null },
      ])
      expect(db.prepare('SELECT * FROM dapil_kecamatan ORDER BY item_id').all()).toEqual(members)
      // item_variant is barang_varian since 0015.
      expect(db.prepare('SELECT * FROM barang_varian ORDER BY id').all()).toEqual(variants)
      // One placeholder per ballot type; a reserve is never negative.
      expect(() =>
        db.prepare(`INSERT INTO dapil (item_id, name, name_key, placeholder) VALUES (2, 'X', 'X', 1)`).run(),
      ).toThrow(/UNIQUE/)
      expect(() => db.prepare('UPDATE dapil SET psu_reserve = -1 WHERE id = 4').run()).toThrow(/CHECK/)
    } finally {
      db.close()
    }
  })
})
