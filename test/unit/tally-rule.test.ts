import { describe, expect, it } from 'vitest'
import { DAMAGE_REASONS, reasonsForItem } from '../../src/core/reasons'
import { tallyIssues, type TallyRow, type TallyWorld } from '../../src/core/tally'

/**
 * The tally rule (core/tally.ts) is what the service refuses with and what the grid shows while typing
 * (ui/components/TallyGridModel.ts builds its world from the shift it shows; test/e2e/shift-tally.test.ts
 * sees the hint and the refusal say the same).
 */
const variant = {
  variantId: 7,
  label: 'Surat Suara Gubernur · Dapil SUMUT',
  itemName: 'Surat Suara Gubernur',
  kind: 'ballot' as const,
}
const teams = new Map([
  [1, 'Melati'],
  [2, 'Kenanga'],
])
const workers = new Map([
  [11, { nama: 'Siti', teamId: 1 }],
  [12, { nama: 'Rudi', teamId: 1 }],
])
/** Melati holds 100 sheets, Kenanga none; 50 are not yet sorted. Dahlia and Yusuf exist but not in this shift. */
const world: TallyWorld = {
  shiftId: 3,
  unit: 'lembar',
  variant,
  teamInShift: (id) => teams.get(id),
  teamName: (id) => (id === 9 ? 'Dahlia' : teams.get(id)),
  workerName: (id) => (id === 13 ? 'Yusuf' : workers.get(id)?.nama),
  presentIn: (id) => workers.get(id)?.teamId,
  inProcess: (id) => (id === 1 ? 100 : 0),
  stock: 50,
}
const row = (r: Partial<TallyRow> & { teamId: number }): TallyRow => ({
  serahkan: 0,
  hasil: 0,
  rusak: {},
  kembali: 0,
  ...r,
})

describe('the tally rule', () => {
  it('names the row and column of every problem, in the service words', () => {
    expect(
      tallyIssues(
        [
          row({ teamId: 9, hasil: 1 }),
          row({ teamId: 1, workerId: 13, hasil: 1 }),
          row({ teamId: 2, workerId: 11, hasil: 1 }),
          row({ teamId: 1, rusak: { LAINNYA: 2, CACAT_BAHAN: 1 }, hasil: 99 }),
          row({ teamId: 2, serahkan: 60, hasil: 61 }),
        ],
        world,
      ),
    ).toEqual([
      { row: 1, column: 'teamId', message: 'Regu Dahlia tidak tercatat bekerja di shift #3' },
      { row: 2, column: 'workerId', message: 'Yusuf tidak tercatat hadir di shift ini' },
      { row: 3, column: 'workerId', message: 'Siti hadir di regu Melati, bukan regu Kenanga' },
      { row: 4, column: 'rusak.LAINNYA', message: 'Regu Melati: rusak "Lainnya" wajib diberi keterangan' },
      {
        row: 4,
        column: 'rusak.CACAT_BAHAN',
        message: 'Alasan rusak "CACAT_BAHAN" tidak berlaku untuk Surat Suara Gubernur',
      },
      {
        row: 2,
        column: 'hasil',
        message:
          'Regu Melati: baik + rusak + kembali = 102 lembar, melebihi yang ada di tangan regu (100 dalam proses)',
      },
      {
        row: 3,
        column: 'hasil',
        message:
          'Regu Kenanga: baik + rusak + kembali = 62 lembar, melebihi yang ada di tangan regu (0 dalam proses + 60 diserahkan sekarang = 60)',
      },
      {
        column: 'serahkan',
        message: 'Diserahkan 60 lembar, tetapi stok Surat Suara Gubernur · Dapil SUMUT yang belum disortir hanya 50',
      },
    ])
  })

  it('a save within the limits, with the note it needs, has no issue; an empty one says so', () => {
    expect(
      tallyIssues([row({ teamId: 1, hasil: 98, rusak: { LAINNYA: 2 }, rusakNote: 'terkena air' })], world),
    ).toEqual([])
    expect(tallyIssues([row({ teamId: 1 })], world)).toEqual([
      { message: 'Tidak ada angka yang diisi; tidak ada yang disimpan' },
    ])
    expect(tallyIssues([row({ teamId: 1, serahkan: 60 })], { ...world, stock: undefined })).toEqual([])
  })

  it('the grid offers the damage reasons that apply to the item', () => {
    expect(reasonsForItem({ kind: 'ballot' }).map((r) => r.code)).toContain('LAINNYA')
    expect(reasonsForItem({ kind: 'logistics' }).every((r) => r.appliesTo !== 'ballot')).toBe(true)
    expect(reasonsForItem({ kind: 'ballot' }).length + reasonsForItem({ kind: 'logistics' }).length).toBe(
      DAMAGE_REASONS.length + DAMAGE_REASONS.filter((r) => r.appliesTo === 'all').length,
    )
  })
})
