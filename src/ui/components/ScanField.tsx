import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { toApiError } from '../api'
import './scan.css'

/**
 * A field for a handheld barcode/QR scanner. Scanners on the warehouse PCs are keyboard wedges: they
 * "type" the code very fast and press Enter. The field is focused when it mounts and again after every
 * scan, so a coordinator can scan kotak after kotak without touching the mouse; typing by hand and
 * pressing Enter works the same way.
 *
 * Usage:
 *   <ScanField label="Pindai label kotak" onScan={async (code) => {
 *     const r = await invoke('kemas.periksaScan', { code })   // throws ApiError when refused
 *     navigate('kemas', r.tpsId)
 *     return `${r.tps}, kotak ${r.kotakNo} dari ${r.kotakOf}`   // optional confirmation text
 *   }} />
 *
 * `onScan` resolves to accept the code (optionally with a confirmation text) and throws to refuse it;
 * the thrown error's message (an ApiError's Bahasa Indonesia message) is shown big and red with a loud
 * beep, because on the packing floor a refused kotak (SALAH DAPIL) must not go unnoticed.
 */
export interface ScanFieldProps {
  /** The visible label, e.g. "Pindai label kotak". */
  label: string
  /** Checks the scanned code: resolve to accept (optionally with a confirmation text), throw to refuse. */
  onScan(code: string): Promise<string | void>
  /** A line under the field, e.g. what can be scanned here. */
  hint?: ReactNode
  placeholder?: string
  /** Focus the field when it appears (default true). */
  autoFocus?: boolean
  /** Title above a refusal (default "Ditolak"). */
  refusalTitle?: string
  /** data-testid of the wrapper; the input is `${testId}-input`. */
  testId?: string
}

type ScanState =
  | { kind: 'idle' }
  | { kind: 'checking'; code: string }
  | { kind: 'ok'; code: string; message: string }
  | { kind: 'refused'; code: string; message: string }

/** Scanners send CR, LF or both; a pasted code may carry them too. */
export const cleanScan = (raw: string): string => raw.replace(/[\r\n]+/g, '').trim()

export function ScanField({
  label,
  onScan,
  hint,
  placeholder = 'Arahkan pemindai ke kode QR label, atau ketik kodenya lalu tekan Enter',
  autoFocus = true,
  refusalTitle = 'Ditolak',
  testId = 'scan-field',
}: ScanFieldProps) {
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [value, setValue] = useState('')
  const [state, setState] = useState<ScanState>({ kind: 'idle' })
  // Only the latest scan's answer is shown: a slow answer must not overwrite a newer one.
  const seq = useRef(0)
  const [flash, setFlash] = useState(0)

  useEffect(() => {
    if (!autoFocus) return
    inputRef.current?.focus()
    // The shell moves focus to the page heading after navigation, after this effect; take it back
    // unless the user is already somewhere else (a dialog, another field).
    const t = window.setTimeout(() => {
      const active = document.activeElement
      if (!active || active === document.body || active.tagName === 'H1') inputRef.current?.focus()
    }, 0)
    return () => window.clearTimeout(t)
  }, [autoFocus])

  async function submit(raw: string) {
    const code = cleanScan(raw)
    setValue('')
    if (!code) return
    const mine = ++seq.current
    setState({ kind: 'checking', code })
    try {
      const message = await onScan(code)
      if (mine !== seq.current) return
      setState({ kind: 'ok', code, message: message || 'Kode diterima' })
      scanBeep('ok')
    } catch (err) {
      if (mine !== seq.current) return
      setState({ kind: 'refused', code, message: toApiError(err).message })
      setFlash((n) => n + 1)
      scanBeep('error')
    } finally {
      if (mine === seq.current) inputRef.current?.focus()
    }
  }

  const statusId = id + '-status'
  const hintId = hint ? id + '-hint' : undefined
  return (
    <div className={`scan-field scan-state-${state.kind}`} data-testid={testId}>
      <label htmlFor={id} className="scan-label">
        <ScanIcon />
        {label}
      </label>
      <div className="scan-row">
        <input
          ref={inputRef}
          id={id}
          // Two alternating animations, so a second refusal in a row flashes again.
          className={state.kind === 'refused' ? `scan-input scan-flash-${flash % 2}` : 'scan-input'}
          data-testid={`${testId}-input`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              void submit(e.currentTarget.value)
            }
          }}
          onPaste={(e) => {
            // A pasted code with a line break is a complete scan.
            const text = e.clipboardData.getData('text')
            if (/[\r\n]/.test(text)) {
              e.preventDefault()
              void submit(value + text)
            }
          }}
          autoFocus={autoFocus}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={placeholder}
          aria-describedby={[statusId, hintId].filter(Boolean).join(' ')}
          aria-invalid={state.kind === 'refused'}
        />
        {state.kind === 'checking' && (
          <span className="scan-checking" role="status">
            <span className="spinner" aria-hidden="true" /> Memeriksa…
          </span>
        )}
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <div id={statusId} aria-live="assertive" className="scan-status">
        {state.kind === 'refused' && (
          <div className="scan-refusal" role="alert" data-testid={`${testId}-refusal`}>
            <RefusedIcon />
            <div>
              <strong className="scan-refusal-title">{refusalTitle}</strong>
              <p className="scan-refusal-message">{state.message}</p>
              <p className="scan-code">
                Kode dipindai: <code>{state.code}</code>
              </p>
            </div>
            <button
              type="button"
              className="scan-dismiss"
              aria-label="Tutup pesan penolakan"
              onClick={() => {
                setState({ kind: 'idle' })
                inputRef.current?.focus()
              }}
            >
              ×
            </button>
          </div>
        )}
        {state.kind === 'ok' && (
          <p className="scan-ok" role="status" data-testid={`${testId}-ok`}>
            <OkIcon /> {state.message}
          </p>
        )}
      </div>
    </div>
  )
}

/* ------------------------------------------------------------------ sound */

type AudioCtor = typeof AudioContext
let audio: AudioContext | null | undefined

function audioContext(): AudioContext | null {
  if (audio !== undefined) return audio
  try {
    const Ctor = (window.AudioContext ??
      (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as AudioCtor | undefined
    audio = Ctor ? new Ctor() : null
  } catch {
    audio = null
  }
  return audio
}

/**
 * A short tick for an accepted scan, a loud two-tone buzz for a refusal: people on the floor look at
 * the kotak, not at the screen. Generated with an oscillator (no audio files); silent where the
 * browser has no WebAudio or refuses to play.
 */
export function scanBeep(kind: 'ok' | 'error'): void {
  try {
    const ctx = audioContext()
    if (!ctx) return
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {})
    const tones: [freq: number, start: number, length: number][] =
      kind === 'ok'
        ? [[1320, 0, 0.07]]
        : [
            [880, 0, 0.18],
            [440, 0.2, 0.18],
            [880, 0.4, 0.18],
            [440, 0.6, 0.3],
          ]
    const gain = ctx.createGain()
    gain.gain.value = kind === 'ok' ? 0.15 : 0.5
    gain.connect(ctx.destination)
    for (const [freq, start, length] of tones) {
      const osc = ctx.createOscillator()
      osc.type = kind === 'ok' ? 'sine' : 'square'
      osc.frequency.value = freq
      osc.connect(gain)
      osc.start(ctx.currentTime + start)
      osc.stop(ctx.currentTime + start + length)
    }
  } catch {
    // No sound is better than a broken scan field.
  }
}

/* ------------------------------------------------------------------ icons */

function ScanIcon() {
  return (
    <svg viewBox="0 0 24 24" className="scan-icon" aria-hidden="true">
      <path
        d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <path d="M7 12h10" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  )
}

function RefusedIcon() {
  return (
    <svg viewBox="0 0 24 24" className="scan-refusal-icon" aria-hidden="true">
      <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" fill="currentColor" />
      <path className="icon-mark" d="M8.5 8.5l7 7M15.5 8.5l-7 7" strokeWidth="2.6" />
    </svg>
  )
}

function OkIcon() {
  return (
    <svg viewBox="0 0 24 24" className="scan-ok-icon" aria-hidden="true">
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path className="icon-mark" d="M7 12.5l3.2 3.2L17 9" strokeWidth="2.4" />
    </svg>
  )
}
