import { describe, expect, it } from 'vitest'
import { maskHex } from '../../src/reports/pdf/draw'
import { qrModules } from '../../src/reports/pdf/qr'

describe('QR as an image mask', () => {
  it('packs each row most significant bit first and pads it to a whole byte', () => {
    // 9 x 9: row 0 dark at columns 0 and 8, row 1 at column 7 only, the rest light.
    const m = new Uint8Array(81)
    m[0] = 1
    m[8] = 1
    m[9 + 7] = 1
    const hex = maskHex(9, m)
    expect(hex).toHaveLength(9 * 2 * 2)
    expect(hex.slice(0, 4)).toBe('8080')
    expect(hex.slice(4, 8)).toBe('0100')
    expect(hex.slice(8)).toBe('0'.repeat(28))
  })

  it('holds exactly the dark modules of the code, bit for bit', () => {
    const { size: n, modules } = qrModules('GUDANG-PEMILU|KOTAK|3201|00001|1')
    const hex = maskHex(n, modules)
    const rowBytes = Math.ceil(n / 8)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const byte = parseInt(hex.slice((i * rowBytes + (j >> 3)) * 2, (i * rowBytes + (j >> 3)) * 2 + 2), 16)
        expect((byte >> (7 - (j & 7))) & 1, `module ${i},${j}`).toBe(modules[i * n + j])
      }
    }
  })
})
