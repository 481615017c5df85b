import type { z } from 'zod'
import type { Issue } from '../core/errors'

/** Turns zod's issues into field-named messages; our schemas carry Indonesian messages, zod's defaults are replaced. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((raw) => {
    // A record key that fails its own schema is reported by zod as one "invalid key" issue wrapping the
    // key schema's issue; the inner one carries the contract's message.
    const i =
      raw.code === 'invalid_key' && raw.issues[0]
        ? { ...raw.issues[0], path: [...raw.path, ...raw.issues[0].path] }
        : raw
    const column = i.path.length ? i.path.map(String).join('.') : undefined
    const message = i.message && !/^(Invalid|Expected|Too|Unrecognized)/.test(i.message) ? i.message : indonesian(i)
    return column ? { column, message } : { message }
  })
}

function indonesian(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return missing(i) ? 'Wajib diisi' : `Jenis isian salah (seharusnya ${jenis(i.expected)})`
    case 'too_small': {
      if (i.origin === 'string') return `Terlalu pendek (minimal ${i.minimum} karakter)`
      if (i.origin === 'array' || i.origin === 'set') return `Isi sedikitnya ${i.minimum} baris`
      // positive() is "> 0": say the smallest number that passes, not the bound that does not.
      return i.inclusive === false
        ? `Terlalu kecil (harus lebih dari ${i.minimum})`
        : `Terlalu kecil (minimal ${i.minimum})`
    }
    case 'too_big': {
      if (i.origin === 'string') return `Terlalu panjang (maksimal ${i.maximum} karakter)`
      if (i.origin === 'array' || i.origin === 'set') return `Terlalu banyak baris (maksimal ${i.maximum})`
      return i.inclusive === false
        ? `Terlalu besar (harus kurang dari ${i.maximum})`
        : `Terlalu besar (maksimal ${i.maximum})`
    }
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

/**
 * zod 4 keeps the input on an issue only when parsing with reportInput, which would copy whole uploads
 * into every error; its default message says what it received, so that is read instead.
 */
function missing(i: z.core.$ZodIssueInvalidType): boolean {
  if ('input' in i) return i.input === undefined
  return /received undefined$/.test(i.message)
}

function jenis(expected: string): string {
  return (
    (
      {
        number: 'angka',
        string: 'teks',
        boolean: 'ya/tidak',
        object: 'objek',
        array: 'daftar',
        int: 'bilangan bulat',
      } as Record<string, string>
    )[expected] ?? expected
  )
}
