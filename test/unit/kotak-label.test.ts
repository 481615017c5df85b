import { describe, expect, it } from 'vitest'
import {
  kotakLabelText,
  legacyKotakQrText,
  parseKotakLabel,
  parseLegacyKotakQr,
  type KotakLabelCode,
  type LegacyKotakId,
} from '../../src/core/kotakLabel'
import { qrSpec } from '../../src/reports/pdf/qr'

describe('kotak label QR text: public codes and a check (issue 13)', () => {
  const bupati: KotakLabelCode = {
    kodeDesa: '1219082001',
    tpsNomor: 1,
    kotakNo: 2,
    jenis: 'BUPATI',
    dapil: 'KABUPATEN BATU BARA',
  }

  it('reads as what it is: TPS, kode desa, kotak, ballot type, dapil, then the check', () => {
    const text = kotakLabelText(bupati)
    expect(text).toMatch(/^TPS 001 1219082001 KOTAK 2 BUPATI KABUPATEN BATU BARA CEK [0-9A-F]{4}$/)
    expect(kotakLabelText({ ...bupati, jenis: null, dapil: null })).toMatch(/^TPS 001 1219082001 KOTAK 2 CEK /)
    expect(parseKotakLabel(text)).toEqual({ code: bupati, cekCocok: true })
    // One line: a keyboard-wedge scanner would send a line break as Enter.
    expect(text).not.toMatch(/[\r\n|]/)
  })

  it('the check is CRC-16/CCITT-FALSE over the text before it', () => {
    // Computed here the long way round, and that computation held to the published check value of
    // CRC-16/CCITT-FALSE ("123456789" -> 29B1).
    const crc = (s: string) => {
      let c = 0xffff
      for (const b of Buffer.from(s, 'utf8')) {
        c ^= b << 8
        for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff
      }
      return c
    }
    expect(crc('123456789').toString(16)).toBe('29b1')
    const text = kotakLabelText(bupati)
    const body = text.slice(0, text.lastIndexOf(' CEK '))
    expect(text.slice(-4)).toBe(crc(body).toString(16).toUpperCase().padStart(4, '0'))
  })

  it('every field and every kind of kotak parses back, dotted codes, long dapil names and no ballot type', () => {
    for (const c of [
      { ...bupati, kodeDesa: '12.19.08.2001', tpsNomor: 1234, kotakNo: 999 },
      { ...bupati, jenis: 'DPRD_KAB', dapil: 'BATU BARA 5' },
      { ...bupati, jenis: 'GUBERNUR', dapil: 'SUMATERA UTARA' },
      { ...bupati, jenis: null, dapil: null },
    ]) {
      expect(parseKotakLabel(kotakLabelText(c))).toEqual({ code: c, cekCocok: true })
    }
  })

  it('fits a version-4 QR code at ECC level M for usual names, version 5 for a dotted code and a long dapil', () => {
    expect(qrSpec(kotakLabelText(bupati))).toEqual({ version: 4, eccLevel: 'M' })
    expect(qrSpec(kotakLabelText({ ...bupati, jenis: 'DPR', dapil: 'SUMATERA UTARA III' }))).toEqual({
      version: 4,
      eccLevel: 'M',
    })
    const long = { ...bupati, kodeDesa: '12.19.08.2001', jenis: 'DPRD_KAB', dapil: 'KABUPATEN LABUHANBATU SELATAN 5' }
    expect(qrSpec(kotakLabelText(long))).toEqual({ version: 5, eccLevel: 'M' })
  })

  it('takes what scanners do to it: CR/LF and spaces around, doubled spaces, small letters (Caps Lock)', () => {
    const text = kotakLabelText(bupati)
    for (const code of [`${text}\r\n`, `  ${text}\t`, text.replace(/ /g, '  '), text.toLowerCase()]) {
      expect(parseKotakLabel(code), JSON.stringify(code)).toEqual({ code: bupati, cekCocok: true })
    }
  })

  it('a changed field or a changed check is caught by the check', () => {
    const text = kotakLabelText(bupati)
    for (const code of [
      text.replace('TPS 001', 'TPS 002'),
      text.replace('KOTAK 2', 'KOTAK 1'),
      text.replace('BUPATI', 'GUBERNUR'),
      text.replace('BATU BARA', 'BATU BARA 2'),
      text.replace('1219082001', '1219082002'),
      text.slice(0, -4) + (text.endsWith('0000') ? '0001' : '0000'),
    ]) {
      expect(parseKotakLabel(code), code).toMatchObject({ cekCocok: false })
    }
  })

  it('text that is not a label is not read as one', () => {
    for (const code of [
      '',
      'TPS 001',
      'TPS 001 1219082001 KOTAK 2',
      'TPS 001 1219082001 KOTAK 2 BUPATI CEK 1234',
      'TPS 001 12A9 KOTAK 2 CEK 1234',
      'TPS 001 1219082001 KOTAK 2 CEK 12345',
      'TPS 001 DESA 1219082001 KOTAK 2 CEK 1234',
      'https://contoh.invalid/kotak?id=946',
      'GPK1|1219|T946|K2|V7',
    ]) {
      expect(parseKotakLabel(code), JSON.stringify(code)).toBeNull()
    }
  })
})

describe('labels printed before issue 13 (GPK1, internal ids)', () => {
  const id: LegacyKotakId = { kodeWilayah: '1219', tpsId: 946, kotakNo: 2, variantId: 7 }

  it('is GPK1|kode|T<tps>|K<kotak>|V<variant> and parses back to the same id', () => {
    expect(legacyKotakQrText(id)).toBe('GPK1|1219|T946|K2|V7')
    expect(parseLegacyKotakQr(legacyKotakQrText(id))).toEqual(id)
    for (const x of [
      { kodeWilayah: '3201', tpsId: 1, kotakNo: 1, variantId: 1 },
      { kodeWilayah: '12.19', tpsId: 123_456_789, kotakNo: 999, variantId: 987_654_321 },
      // A kotak without a ballot type carries variant 0.
      { kodeWilayah: '1219', tpsId: 5, kotakNo: 3, variantId: 0 },
    ]) {
      expect(parseLegacyKotakQr(legacyKotakQrText(x))).toEqual(x)
    }
  })

  it('a satker without a kode wilayah writes "-" and reads back an empty kode', () => {
    const noKode = { ...id, kodeWilayah: '' }
    expect(legacyKotakQrText(noKode)).toBe('GPK1|-|T946|K2|V7')
    expect(parseLegacyKotakQr('GPK1|-|T946|K2|V7')).toEqual(noKode)
  })

  it('takes what keyboard-wedge scanners add around the code: spaces, tabs, CR and LF', () => {
    for (const code of [
      'GPK1|1219|T946|K2|V7\r\n',
      'GPK1|1219|T946|K2|V7\n',
      '\r\nGPK1|1219|T946|K2|V7\r',
      '  GPK1|1219|T946|K2|V7  ',
      '\tGPK1|1219|T946|K2|V7\t\n',
    ]) {
      expect(parseLegacyKotakQr(code), JSON.stringify(code)).toEqual(id)
    }
    // Leading zeros are the same number.
    expect(parseLegacyKotakQr('GPK1|1219|T00946|K02|V007')).toEqual(id)
  })

  it('rejects malformed and foreign text', () => {
    for (const code of [
      '',
      '   ',
      'GPK1',
      'GPK1|1219|T946|K2',
      'GPK1|1219|T946|K2|V7|X',
      'GPK1|1219|946|2|7',
      'GPK2|1219|T946|K2|V7',
      'gpk1|1219|t946|k2|v7',
      'GPK1 |1219|T946|K2|V7',
      'GPK1|1219|T946 |K2|V7',
      'GPK1|1219|T-946|K2|V7',
      'GPK1|1219|T9.46|K2|V7',
      'GPK1|12A9|T946|K2|V7',
      'GPK1||T946|K2|V7',
      // Out of range: a kotak number of 4 digits, a TPS id of 10.
      'GPK1|1219|T946|K1000|V7',
      'GPK1|1219|T1234567890|K2|V7',
      // Two labels read as one line.
      'GPK1|1219|T946|K1|V1\nGPK1|1219|T946|K2|V7',
      // The QR code of a berita acara, a URL, a plain TPS number.
      'GUDANG-PEMILU|1219|DOK-3|1/PP.09.4-BA/1219/2024|1505:6cb03be6121767cc',
      'https://contoh.invalid/kotak?id=946',
      'TPS 001',
    ]) {
      expect(parseLegacyKotakQr(code), JSON.stringify(code)).toBeNull()
    }
  })
})
