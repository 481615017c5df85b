import type { z } from 'zod'
import type { Issue } from '../core/errors'

/** Turns zod's issues into field-named messages; our schemas carry Indonesian messages, zod's defaults are replaced. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((raw) => {
    // A record key that fails its own schema is reported by zod as one "invalid key" issue wrapping the
    // key schema's issue; the inner one carries the contract's message.
    const i = raw.code === 'invalid_key' && raw.issues[0] ? { ...raw.issues[0], path: [...raw.path, ...raw.issues[0].path] } : raw
    const column = i.path.length ? i.path.map(String).join('.') : undefined
    const message = i.message && !/^(Invalid|Expected|Too|Unrecognized)/.test(i.message) ? i.message : indonesian(i)
    return column ? { column, message } : { message }
  })
}

function indonesian(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? 'Wajib diisi' : `Jenis isian salah (seharusnya ${jenis(i.expected)})`
    case 'too_small':
      return i.origin === 'string' ? `Terlalu pendek (minimal ${i.minimum} karakter)` : `Terlalu kecil (minimal ${i.minimum})`
    case 'too_big':
      return i.origin === 'string' ? `Terlalu panjang (maksimal ${i.maximum} karakter)` : `Terlalu besar (maksimal ${i.maximum})`
    case 'unrecognized_keys':
      return `Kolom tidak dikenal: ${i.keys.join(', ')}`
    case 'invalid_value':
      return `Nilai tidak dikenal; pilihan: ${i.values.map(String).join(', ')}`
    case 'invalid_format':
      return 'Format tidak sah'
    default:
      return 'Isian tidak sah'
  }
}

function jenis(expected: string): string {
  return ({ number: 'angka', string: 'teks', boolean: 'ya/tidak', object: 'objek', array: 'daftar', int: 'bilangan bulat' } as Record<string, string>)[expected] ?? expected
}
