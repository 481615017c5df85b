import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { UploadedFile } from '../../src/api/contract/common'
import { describe, it, expect } from 'vitest'
import { decodeText, normalizeName } from '../../src/core/text'
import { parseDelimited } from '../../src/core/csv'
import { thrownAppError } from '../support/errors'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, '../fixtures/import', name)))
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)))

describe('decodeText', () => {
  it('reads plain UTF-8', () => {
    expect(decodeText(bytes('kecamatan,desa\nSEI SUKA,SIMODONG\n'))).toEqual({
      text: 'kecamatan,desa\nSEI SUKA,SIMODONG\n',
      encoding: 'UTF-8',
    })
  })

  it('strips the UTF-8 BOM Excel writes for "CSV UTF-8"', () => {
    const r = decodeText(fixture('tps-seisuka-titikkoma-bom-crlf.csv'))
    expect(r.encoding).toBe('UTF-8 (BOM)')
    expect(r.text.startsWith('DAFTAR TPS')).toBe(true)
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff)
  })

  it('falls back to Windows-1252 for an ANSI file (byte 0xC9 is É, 0x96 is an en dash)', () => {
    const raw = fixture('tps-talawi-ansi-1252.csv')
    expect(raw.includes(0xc9)).toBe(true)
    const r = decodeText(raw)
    expect(r.encoding).toBe('Windows-1252')
    expect(r.text).toContain('PÉMATANG RAMBAI')
    expect(r.text).toContain('MEKAR LAUT – PESISIR')
  })

  it('decodes all of 0x80–0xFF exactly as the WHATWG windows-1252 decoder does', () => {
    // Each byte alone between letters, as accented letters sit in real names (a run of high bytes is
    // refused as a multi-byte encoding); with enough text that the five C1 controls stay below the
    // binary threshold.
    const all = [...new Uint8Array(128).keys()].flatMap((i) => [0x78, 0x80 + i])
    const sample = new Uint8Array([...new TextEncoder().encode('x'.repeat(2000)), ...all])
    expect(decodeText(sample).text).toBe(new TextDecoder('windows-1252').decode(sample))
  })

  it('refuses Shift-JIS or another multi-byte encoding rather than reading it as Windows-1252', () => {
    // "テスト" in Shift-JIS: 83 65 83 58 83 67 — every high byte is half of a pair.
    const sjis = bytes('kecamatan,desa\r\nA,', [0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0d, 0x0a])
    expect(() => decodeText(sjis, 'tps.csv')).toThrow(/pengodean huruf yang tidak dikenali/)
    // "日本語" in GBK: every high byte is half of a pair.
    const gbk = bytes('desa\r\n', [0xc8, 0xd5, 0xb1, 0xbe, 0xd3, 0xef, 0x0d, 0x0a])
    expect(() => decodeText(gbk, 'tps.csv')).toThrow(/pengodean huruf yang tidak dikenali/)
    // A Windows-1252 name with two accented letters apart is still read.
    const latin = bytes('desa\r\nJOS', [0xc9, 0x20, 0x4d, 0x41, 0x52, 0xcd, 0x41, 0x0d, 0x0a])
    expect(decodeText(latin).text).toBe('desa\r\nJOSÉ MARÍA\r\n')
  })

  it('reads UTF-16LE with BOM (Excel "Unicode Text")', () => {
    const text = 'kecamatan\tdesa\r\nTALAWI\tPÉMATANG RAMBAI\r\n'
    const body = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      body[2 * i] = text.charCodeAt(i) & 0xff
      body[2 * i + 1] = text.charCodeAt(i) >> 8
    }
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...body]))).toEqual({ text, encoding: 'UTF-16LE' })
  })

  it('refuses binary junk: NUL bytes (a PNG) and a high share of control characters', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const e = thrownAppError(() => decodeText(png, 'foto.csv'))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toMatch(/^Berkas "foto\.csv" bukan teks CSV/)
    const controls = bytes('kecamatan,desa\n', [1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x0f, 0x10, 0x11], 'x'.repeat(100))
    expect(thrownAppError(() => decodeText(controls)).message).toContain('karakter kendali')
  })

  it('refuses a BOM-marked file whose bytes are not UTF-8, rather than guessing', () => {
    expect(thrownAppError(() => decodeText(bytes([0xef, 0xbb, 0xbf], 'kec,desa\nP', [0xc9], 'MATANG,x\n'))).code).toBe(
      'REFUSED',
    )
  })

  it('normalizeName trims, collapses whitespace (incl. no-break space) and uppercases', () => {
    expect(normalizeName('  sei \u00a0 suka\t')).toBe('SEI SUKA')
    expect(normalizeName('Pe\u0301matang')).toBe(normalizeName('PÉMATANG'))
  })
})

describe('parseDelimited', () => {
  it('detects semicolons behind a title block, keeps true line numbers across CRLF and blank lines', () => {
    const { text } = decodeText(fixture('tps-seisuka-titikkoma-bom-crlf.csv'))
    const t = parseDelimited(text)
    expect(t.delimiter).toBe(';')
    expect(t.rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 6, 7, 9, 10, 11]) // line 3 is ";;;;;", line 8 empty
    expect(t.rows[2]!.cells).toEqual([
      'Kode Kec.',
      'Nama Kecamatan',
      'Kode Desa/Kel',
      'Desa/Kelurahan',
      'Nomor TPS',
      'Jumlah DPT',
    ])
    expect(t.rows[7]!.cells[3]).toBe('SIMODONG; DUSUN III') // a delimiter inside quotes
  })

  it('handles RFC 4180 quotes: doubled quotes and line breaks inside a quoted cell', () => {
    const t = parseDelimited('a,b,c\n"say ""hi""","two\nlines",x\n\nlast,"",z')
    expect(t.delimiter).toBe(',')
    expect(t.rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['say "hi"', 'two\nlines', 'x'] },
      { line: 5, cells: ['last', '', 'z'] }, // the quoted line break moved the count on; line 4 is blank
    ])
  })

  it('accepts LF, CRLF and lone CR line ends alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const t = parseDelimited(['k;d;n', '1;2;3', '', '4;5;6'].join(eol) + eol)
      expect(t.rows).toEqual([
        { line: 1, cells: ['k', 'd', 'n'] },
        { line: 2, cells: ['1', '2', '3'] },
        { line: 4, cells: ['4', '5', '6'] },
      ])
    }
  })

  it('detects the delimiter from the header, ignoring delimiters inside quotes', () => {
    expect(parseDelimited('"a;b;c;d",x,y\n1,2,3').delimiter).toBe(',')
    expect(parseDelimited('kecamatan\tdesa\tno_tps\tdpt\nA, B\tC\t1\t2').delimiter).toBe('\t')
    expect(parseDelimited('DAFTAR TPS\nkecamatan;desa;tps;dpt\n').delimiter).toBe(';')
  })

  it('honours an Excel "sep=" hint line and keeps counting lines from it', () => {
    const t = parseDelimited('sep=;\r\nk,x;d\r\n1,5;2\r\n')
    expect(t.delimiter).toBe(';')
    expect(t.rows).toEqual([
      { line: 2, cells: ['k,x', 'd'] },
      { line: 3, cells: ['1,5', '2'] },
    ])
  })

  it('returns no rows for empty or blank-only text', () => {
    expect(parseDelimited('').rows).toEqual([])
    expect(parseDelimited('\r\n\r\n;;;\r\n').rows).toEqual([])
  })

  it('refuses an unterminated quote, naming the line where it opened', () => {
    const e = thrownAppError(() => parseDelimited('kecamatan,desa\nTALAWI,"PAHANG\nTALAWI,x\n'))
    expect(e.code).toBe('REFUSED')
    expect(e.message).toContain('baris 2')
    expect(e.details).toEqual([{ row: 2, message: e.message }])
  })
})

describe('an upload as base64 (the contract)', () => {
  const ok = (contentBase64: string) => UploadedFile.safeParse({ fileName: 'tps.csv', contentBase64 }).success
  it('takes the canonical encoding, and what is base64 without being canonical', () => {
    const bytes = Buffer.from('kode_kecamatan;kecamatan\n121901;Medang Deras\n')
    expect(ok(bytes.toString('base64'))).toBe(true)
    expect(ok(bytes.subarray(0, 10).toString('base64'))).toBe(true) // padded
    expect(ok(bytes.subarray(0, 10).toString('base64').replace(/=+$/, ''))).toBe(true) // padding left out
    expect(ok('QQ')).toBe(true) // "A" without padding
    expect(ok('QR==')).toBe(true) // non-zero bits after the last byte: not canonical, still base64
    expect(ok('')).toBe(true)
  })
  it('refuses anything else, with the message the bad-input corpus expects', () => {
    for (const s of ['bukan base64!!', 'QUJD RA==', 'QUJD\nRA==', 'QU=JD', 'QUJD-_8=', 'QUJD===', 'QUJDé'])
      expect(ok(s), s).toBe(false)
    const r = UploadedFile.safeParse({ fileName: 'tps.csv', contentBase64: 'QUJD RA==' })
    expect(r.error?.issues[0]?.message).toBe('Isi berkas bukan base64 yang sah')
  })
})
