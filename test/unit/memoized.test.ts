import { describe, expect, it } from 'vitest'
import { parseWilayahTable } from '../../src/core/wilayahImport'
import { memoized, normalizeName } from '../../src/core/text'

describe('memoized', () => {
  it('answers as the function does, computing each distinct text once', () => {
    const seen: string[] = []
    const f = memoized((s) => {
      seen.push(s)
      return normalizeName(s)
    })
    expect(['  Laut  Tador ', 'laut tador', '  Laut  Tador ', 'Café', 'Cafe\u0301'].map(f)).toEqual([
      'LAUT TADOR',
      'LAUT TADOR',
      'LAUT TADOR',
      'CAFÉ',
      'CAFÉ',
    ])
    expect(seen).toEqual(['  Laut  Tador ', 'laut tador', 'Café', 'Cafe\u0301'])
  })

  it('remembers answers that are undefined or objects as they were', () => {
    let calls = 0
    const f = memoized((s) => {
      calls++
      return s === '' ? undefined : { s }
    })
    expect(f('')).toBeUndefined()
    expect(f('')).toBeUndefined()
    expect(f('a')).toBe(f('a'))
    expect(calls).toBe(2)
  })
})

describe('parseWilayahTable with names repeated on every row', () => {
  it('reports each bad row on its own line, even when the same bad text repeats', () => {
    const rows = [
      { line: 1, cells: ['kecamatan', 'desa', 'no_tps', 'dpt'] },
      { line: 2, cells: ['=SUM(A1)', 'Desa A', '1', '200'] },
      { line: 3, cells: ['=SUM(A1)', 'Desa A', '2', '200'] },
      { line: 4, cells: ['Kec A', 'Desa A', 'x', '1.234'] },
      { line: 5, cells: ['Kec A', 'Desa A', 'x', '1.234'] },
      { line: 6, cells: ['JUMLAH', '', '', '400'] },
      { line: 7, cells: ['Kec A', 'Desa A', '3', '250'] },
    ]
    const r = parseWilayahTable(rows, { maxVotersPerTps: 240 })
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'kecamatan'],
      [3, 'kecamatan'],
      [4, 'no_tps'],
      [4, 'dpt'],
      [5, 'no_tps'],
      [5, 'dpt'],
      [6, undefined],
    ])
    expect(r.errors[6]!.message).toMatch(/baris jumlah\/total/)
    expect(r.tps).toEqual([
      { line: 7, kodeKecamatan: null, kecamatan: 'Kec A', kodeDesa: null, desa: 'Desa A', nomor: 3, dpt: 250 },
    ])
    expect(r.warnings.map((w) => w.row)).toEqual([7])
  })
})
