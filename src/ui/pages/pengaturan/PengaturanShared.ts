import type { MouseEvent } from 'react'
import { ApiError } from '../../api'
import { readCount } from '../../format'

/**
 * Reads a number typed the Indonesian way ("1.000", "2,5"). Empty or unreadable input is caught here
 * with a field message, because JSON cannot carry it to the API's own validation.
 */
export function readNumbers<K extends string>(
  fields: Record<K, string>,
  decimal: NoInfer<K>[] = [],
): { values: Record<K, number>; error?: ApiError } {
  const values = {} as Record<K, number>
  const details: { column: string; message: string }[] = []
  for (const k of Object.keys(fields) as K[]) {
    const raw = fields[k].trim()
    const n = readNumber(raw, decimal.includes(k))
    if (raw === '') details.push({ column: k, message: 'Wajib diisi' })
    else if (n === null) details.push({ column: k, message: 'Isi dengan angka' })
    else values[k] = n
  }
  return details.length
    ? { values, error: new ApiError('INVALID_INPUT', 'Periksa isian yang ditandai', details) }
    : { values }
}

/** One number typed the Indonesian way; null when it is not a number. Whole numbers read as counts ("2.000"). */
export function readNumber(raw: string, decimal = false): number | null {
  if (!decimal) {
    const n = readCount(raw)
    return typeof n === 'number' ? n : null
  }
  const text = raw.trim().replace(',', '.')
  if (text === '') return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

/** In-page jumps must not touch location.hash: the hash is the router's. */
export function jumpTo(e: MouseEvent, id: string) {
  e.preventDefault()
  const heading = document.getElementById(id + '-title')
  heading?.scrollIntoView({ block: 'start' })
  heading?.setAttribute('tabindex', '-1')
  heading?.focus({ preventScroll: true })
}
