import { describe, expect, it } from 'vitest'
import {
  checkName,
  checkText,
  findInvisible,
  findLookAlike,
  findSameName,
  lookKey,
  nameKey,
  sameNameMessage,
  skeleton,
} from '../../src/core/names'

const refusal = (raw: string, subject = 'Nama desa'): string => {
  const r = checkName(raw, subject, 100)
  if (r.ok) throw new Error(`diterima: ${JSON.stringify(r.value)}`)
  return r.message
}
const accepted = (raw: string): string => {
  const r = checkName(raw, 'Nama desa', 100)
  if (!r.ok) throw new Error(r.message)
  return r.value
}

describe('invisible and bidi characters are refused with the character and its position', () => {
  it.each([
    ['MEKAR LAUT\u200B', 'U+200B', 11],
    ['MEKAR\u200CLAUT', 'U+200C', 6],
    ['MEKAR \u200DLAUT', 'U+200D', 7],
    ['\u2060MEKAR LAUT', 'U+2060', 1],
    ['MEKAR\uFEFF LAUT', 'U+FEFF', 6],
    ['ME\u00ADKAR LAUT', 'U+00AD', 3],
    ['MEKAR\u034F LAUT', 'U+034F', 6],
    ['MEKAR LAUT\u3164', 'U+3164', 11],
    ['MEKAR LAUT\uFE0F', 'U+FE0F', 11],
    ['MEKAR\u2800LAUT', 'U+2800', 6],
    ['MEKAR LAUT\u{E0041}', 'U+E0041', 11],
  ])('%j: %s at %i', (raw, code, position) => {
    expect(refusal(raw)).toBe(
      `Nama desa berisi karakter tak terlihat ${code} pada posisi ${position}; ketik ulang tanpa menempelkan dari tempat lain`,
    )
  })

  it.each([
    ['\u202ETUAL RAKEM', 'U+202E', 1],
    ['MEKAR \u202DLAUT', 'U+202D', 7],
    ['\u200EMEKAR LAUT', 'U+200E', 1],
    ['MEKAR LAUT\u200F', 'U+200F', 11],
    ['\u2067MEKAR LAUT\u2069', 'U+2067', 1],
    ['MEKAR\u202A LAUT\u202C', 'U+202A', 6],
    ['\u061CMEKAR', 'U+061C', 1],
  ])('%j: bidi %s at %i', (raw, code, position) => {
    expect(refusal(raw)).toMatch(
      new RegExp(
        `^Nama desa berisi karakter pengatur arah tulisan ${code.replace('+', '\\+')} pada posisi ${position} `,
      ),
    )
  })

  it('counts positions in characters, not UTF-16 units', () => {
    expect(findInvisible('𝐀\u200B')).toEqual({ codePoint: 0x200b, position: 2, bidi: false })
    expect(findInvisible('MEKAR LAUT')).toBeNull()
  })

  it('a zero-width joiner or a no-break space before = does not hide a formula', () => {
    expect(refusal('\u200D=HYPERLINK("x")')).toMatch(/karakter tak terlihat U\+200D pada posisi 1/)
    expect(refusal('\u00A0=1+1')).toBe('Nama desa "=1+1" berisi rumus; tulis sebagai teks biasa')
    expect(refusal('\u3000@SUM(A1)')).toBe('Nama desa "@SUM(A1)" berisi rumus; tulis sebagai teks biasa')
    expect(refusal('＝1+1')).toBe('Nama desa "=1+1" berisi rumus; tulis sebagai teks biasa')
  })
})

describe('spaces, widths and accents are folded to one spelling', () => {
  it('no-break, narrow, ideographic and other Unicode spaces become one space', () => {
    expect(accepted('MEKAR\u00A0LAUT')).toBe('MEKAR LAUT')
    expect(accepted('  MEKAR\u202F\u2003 LAUT\u3000')).toBe('MEKAR LAUT')
    expect(accepted('MEKAR\tLAUT')).toBe('MEKAR LAUT')
  })

  it('full-width letters are their ASCII letters', () => {
    expect(accepted('ＭＥＫＡＲ　ＬＡＵＴ')).toBe('MEKAR LAUT')
  })

  it('decomposed accents are composed (NFC); stacked or orphan marks are refused', () => {
    expect(accepted('JOSE\u0301')).toBe('JOS\u00C9')
    expect(accepted('Nguye\u0302\u0303n')).toBe('Nguyễn')
    expect(refusal('MEKA\u0336\u0336\u0336R')).toBe(
      'Nama desa berisi 3 tanda diakritik bertumpuk mulai posisi 5; ketik ulang',
    )
    expect(refusal('\u0301MEKAR')).toBe('Nama desa diawali tanda diakritik U+0301 tanpa huruf; ketik ulang')
  })

  it('Latin letters with accents and ordinary punctuation are names', () => {
    for (const name of ['Sjöberg', 'Łukasz', 'Ma’ruf', "Ma'ruf", 'Sei Suka-Deras', 'Dr. Hj. Siti, S.Pd.'])
      expect(accepted(name)).toBe(name)
  })
})

describe('letters that only look Latin are refused', () => {
  it.each([
    ['\u0422ALAWI', 'Kiril', '\u0422', 'U+0422', 1, 'T'],
    ['Admin Uj\u0456', 'Kiril', '\u0456', 'U+0456', 9, 'i'],
    ['\u0391DMIN', 'Yunani', '\u0391', 'U+0391', 1, 'A'],
    ['TAL\u0391WI', 'Yunani', '\u0391', 'U+0391', 4, 'A'],
    ['\u{1D400}dmin', 'khusus', '\u{1D400}', 'U+1D400', 1, 'A'],
    ['\u0131stana', 'khusus', '\u0131', 'U+0131', 1, 'i'],
    ['\u0417aki', 'Kiril', '\u0417', 'U+0417', 1, '3'],
  ])('%j', (raw, script, ch, code, position, looksLike) => {
    expect(refusal(raw, 'Nama pengguna')).toBe(
      `Nama pengguna berisi huruf ${script} "${ch}" (${code}) pada posisi ${position} yang tampak seperti "${looksLike}"; ketik ulang dengan huruf Latin biasa`,
    )
  })

  it('a Cyrillic ё is refused although its skeleton keeps the diaeresis', () => {
    expect(refusal('Sj\u0451berg')).toMatch(/huruf Kiril "ё"/)
  })

  it('letters of another script that look like nothing Latin are left alone', () => {
    for (const name of ['中山', 'カナ', 'Ж']) expect(accepted(name)).toBe(name)
  })
})

describe('skeletons: names that look the same are the same name', () => {
  it('is the UTS #39 skeleton', () => {
    expect(skeleton('\u0422ALAWI')).toBe(skeleton('TALAWI'))
    expect(skeleton('paypal')).toBe(skeleton('\u{1D52D}\u{1D4B6}\u1EFF\u{1D561}\u{1D552}\u2113'))
    expect(skeleton('JOS\u00C9')).toBe('JOSE\u0301')
  })

  it('lookKey ignores case, spaces and invisible characters, not accents', () => {
    expect(lookKey('Admin Uji')).toBe(lookKey('ADMIN\u00A0 UJI'))
    expect(lookKey('Admin Uji')).toBe(lookKey('\u0410dmin Uj\u0456'))
    expect(lookKey('Admin Uji')).toBe(lookKey('Admin Uji\u200B'))
    expect(lookKey('KOTA')).toBe(lookKey('K0TA'))
    expect(lookKey('JOSÉ')).not.toBe(lookKey('JOSE'))
    expect(nameKey('ｍｅｋａｒ\u00A0laut')).toBe('MEKAR LAUT')
  })

  it('findLookAlike finds another spelling with the same look, never the same spelling', () => {
    expect(findLookAlike('K0TA', ['DESA', 'KOTA'])).toBe('KOTA')
    expect(findLookAlike('kota', ['KOTA'])).toBeUndefined()
    expect(findLookAlike('SUKA MAJU', ['SUKA MULYA'])).toBeUndefined()
    expect(findSameName('kota', ['KOTA'])).toBe('KOTA')
    expect(findSameName('K0TA', ['KOTA'])).toBe('KOTA')
  })

  it('says which existing name a look-alike imitates', () => {
    expect(sameNameMessage('Nama pengguna', 'Admin Uj1', 'Admin Uji')).toBe(
      'Nama pengguna "Admin Uj1" sama dengan nama yang sudah ada: Admin Uji (hanya berbeda pada huruf yang tampak serupa); pakai nama yang sudah ada atau nama yang jelas berbeda',
    )
    expect(sameNameMessage('Nama regu', 'MELATI', 'Melati')).toBe('Nama regu "MELATI" sudah dipakai')
  })

  it('the 1,446 TPS of Batu Bara have no two desa or kecamatan that only look alike', async () => {
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(`${__dirname}/../../resources/demo/tps-batubara-2024.csv`, 'utf8').trim().split('\n')
    const names = new Set(lines.slice(1).flatMap((l) => l.split(',').filter((_, i) => i === 1 || i === 3)))
    const byLook = new Map<string, Set<string>>()
    for (const n of names) byLook.set(lookKey(n), (byLook.get(lookKey(n)) ?? new Set()).add(nameKey(n)))
    expect([...byLook.values()].filter((s) => s.size > 1)).toEqual([])
  })
})

describe('free text', () => {
  it('keeps line breaks, folds other spaces, refuses invisible and bidi characters', () => {
    expect(checkText(' Dus basah\r\nbaris\u00A0dua ', 'Catatan', 500)).toEqual({
      ok: true,
      value: 'Dus basah\nbaris dua',
    })
    expect(checkText('', 'Catatan', 500)).toEqual({ ok: true, value: '' })
    expect(checkText('- 2 dus basah', 'Catatan', 500)).toEqual({ ok: true, value: '- 2 dus basah' })
    expect(checkText('ok\u202Eevil', 'Catatan', 500)).toEqual({
      ok: false,
      message:
        'Catatan berisi karakter pengatur arah tulisan U+202E pada posisi 3 (membuat tulisan tampil terbalik atau tersamar); ketik ulang tanpa menempelkan dari tempat lain',
    })
    expect(checkText('x'.repeat(501), 'Catatan', 500)).toEqual({
      ok: false,
      message: 'Catatan terlalu panjang (501 karakter, maksimum 500)',
    })
  })
})
