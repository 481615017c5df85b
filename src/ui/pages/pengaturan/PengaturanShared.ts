import { useEffect, type MouseEvent } from 'react'
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
  showSection(id)
}

/** Scrolls the content pane (never the window) to a section's heading and gives it the focus. */
function showSection(id: string): HTMLElement | null {
  const heading = document.getElementById(id + '-title')
  if (!heading) return null
  heading.scrollIntoView({ block: 'start' })
  heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: true })
  return heading
}

/** The longest the sections above may keep growing (their data arriving) before the arrival stops following. */
const ARRIVAL_MS = 2_000

/**
 * A link from another page (`#/pengaturan/ttd`, "Atur penanda tangan") lands on its section. The sections
 * above it load their own data and grow after the first scroll, so the heading is brought back to the top
 * of the pane each frame it moved, for at most two seconds, until the person scrolls or types.
 */
export function useArrivalAt(id: string | undefined): void {
  useEffect(() => {
    if (!id) return
    const pane = document.querySelector<HTMLElement>('.app-main')
    let stopped = false
    const stop = () => {
      stopped = true
    }
    const until = performance.now() + ARRIVAL_MS
    let frame = 0
    const follow = () => {
      if (stopped || performance.now() > until) return
      const heading = document.getElementById(id + '-title')
      if (!heading) showSection(id)
      else if (pane && Math.abs(heading.getBoundingClientRect().top - pane.getBoundingClientRect().top) > 24)
        showSection(id)
      frame = requestAnimationFrame(follow)
    }
    showSection(id)
    frame = requestAnimationFrame(follow)
    pane?.addEventListener('wheel', stop, { passive: true })
    pane?.addEventListener('pointerdown', stop)
    window.addEventListener('keydown', stop)
    return () => {
      stop()
      cancelAnimationFrame(frame)
      pane?.removeEventListener('wheel', stop)
      pane?.removeEventListener('pointerdown', stop)
      window.removeEventListener('keydown', stop)
    }
  }, [id])
}
