import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react'
import {
  bacaJamKetik,
  bacaTanggalKetik,
  geserBulan,
  geserTanggal,
  hariKe,
  hariTanggal,
  mingguBulan,
  namaBulan,
  parseTanggal,
  tanggalKetik,
  type Ketikan,
} from '../../core/tanggal'
import { fmtJam, todayIso } from '../format'
import { Field } from './Form'
import './date.css'

/**
 * Dates and times typed the Indonesian way whatever the browser's language: the native date and time boxes
 * follow the browser (mm/dd/yyyy and AM/PM on an English Windows), these always read dd/mm/yyyy and 24-hour
 * "08.00". The value in and out is what the API stores ('YYYY-MM-DD', 'HH:MM'); while the text is not yet a
 * date or time the value is '' and the box says why (core/tanggal.ts reads it).
 */

interface BoxProps {
  value: string
  onChange(value: string): void
  id?: string
  'aria-label'?: string
  'aria-describedby'?: string | undefined
  invalid?: boolean
  required?: boolean
  disabled?: boolean
  autoFocus?: boolean
  className?: string
}

/** The typed text of a box that shows `value`: kept while typing, put back when the value changes from outside. */
function useTyped(
  value: string,
  show: (v: string) => string,
  read: (t: string) => Ketikan,
  onChange: (v: string) => void,
) {
  const [text, setText] = useState(() => show(value))
  const [shownFor, setShownFor] = useState(value)
  const [problem, setProblem] = useState<string | null>(null)
  const [touched, setTouched] = useState(false)
  if (value !== shownFor) {
    setShownFor(value)
    setText(show(value))
    setProblem(null)
  }
  const type = (t: string) => {
    setText(t)
    const r = read(t)
    const next = r.ok ? r.value : ''
    setProblem(r.ok ? null : r.message)
    if (next !== shownFor) {
      setShownFor(next)
      onChange(next)
    }
  }
  /** Leaving the box (or Enter): a date or time read is written back in its one form, "05/11/2024", "08.00". */
  const settle = () => {
    setTouched(true)
    const r = read(text)
    if (r.ok) setText(show(r.value))
  }
  const put = (v: string) => {
    setText(show(v))
    setProblem(null)
    setShownFor(v)
    if (v !== value) onChange(v)
  }
  const shownProblem = touched ? problem : null
  /** The typed box's own attributes: its text, its problem in aria-invalid and aria-describedby, and typing. */
  const inputProps = ({ id, invalid, describedBy, onKeyDown }: InputWiring) => ({
    id,
    type: 'text',
    autoComplete: 'off',
    value: text,
    'aria-invalid': invalid || shownProblem !== null,
    'aria-describedby':
      [shownProblem ? `${id}-masalah` : undefined, describedBy].filter(Boolean).join(' ') || undefined,
    onChange: (e: ChangeEvent<HTMLInputElement>) => type(e.target.value),
    onBlur: settle,
    onKeyDown,
  })
  return { text, type, settle, put, problem: shownProblem, inputProps }
}

interface InputWiring {
  id: string
  invalid: boolean | undefined
  describedBy: string | undefined
  onKeyDown(e: KeyboardEvent<HTMLInputElement>): void
}

export function DateInput({
  value,
  onChange,
  id: givenId,
  invalid,
  className,
  autoFocus,
  'aria-describedby': describedBy,
  ...rest
}: BoxProps) {
  const ownId = useId()
  const id = givenId ?? ownId
  const box = useTyped(value, tanggalKetik, bacaTanggalKetik, onChange)
  const [open, setOpen] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const problemId = `${id}-masalah`
  const shift = (days: number) => box.put(geserTanggal(value || todayIso(), value ? days : 0))
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault()
      setOpen(true)
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault()
      shift(e.key === 'ArrowUp' ? 1 : -1)
    } else if (e.key === 'Enter') box.settle()
  }
  return (
    <span className={`date-box${className ? ' ' + className : ''}`}>
      <span className="date-box-row">
        <input
          ref={input}
          className="date-input"
          inputMode="numeric"
          placeholder="hh/bb/tttt"
          maxLength={14}
          {...box.inputProps({ id, invalid, describedBy, onKeyDown: onKey })}
          // A modal <dialog> focuses this after showModal(); React's autoFocus would run before the dialog opens.
          data-autofocus={autoFocus ? '' : undefined}
          {...rest}
        />
        <button
          type="button"
          className="date-box-pick"
          aria-label="Pilih dari kalender"
          title="Pilih dari kalender (Alt+↓)"
          aria-haspopup="dialog"
          aria-expanded={open}
          disabled={rest.disabled}
          onClick={() => setOpen((o) => !o)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3.5" y="5" width="17" height="15" rx="2" />
            <path d="M3.5 10h17M8 3v4M16 3v4" />
          </svg>
        </button>
      </span>
      {open && (
        <Calendar
          value={value}
          onPick={(iso) => {
            box.put(iso)
            setOpen(false)
            input.current?.focus()
          }}
          onClose={() => {
            setOpen(false)
            input.current?.focus()
          }}
        />
      )}
      {box.problem && (
        <span className="date-box-problem" id={problemId} role="alert">
          {box.problem}
        </span>
      )}
    </span>
  )
}

const HARI_PENDEK = ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min']

/** A month to pick from: arrows move a day or a week, PageUp/PageDown a month, Enter picks, Escape closes. */
function Calendar({ value, onPick, onClose }: { value: string; onPick(iso: string): void; onClose(): void }) {
  const [focus, setFocus] = useState(value || todayIso())
  const grid = useRef<HTMLDivElement>(null)
  const self = useRef<HTMLDivElement>(null)
  const { year, month } = parseTanggal(focus)
  const today = todayIso()
  const headingId = useId()

  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>(`[data-tanggal="${focus}"]`)?.focus()
  }, [focus])
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (self.current && !self.current.parentElement?.contains(e.target as Node)) onClose()
    }
    document.addEventListener('mousedown', away)
    return () => document.removeEventListener('mousedown', away)
  }, [onClose])

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => geserTanggal(focus, -1),
      ArrowRight: () => geserTanggal(focus, 1),
      ArrowUp: () => geserTanggal(focus, -7),
      ArrowDown: () => geserTanggal(focus, 7),
      PageUp: () => geserBulan(focus, e.shiftKey ? -12 : -1),
      PageDown: () => geserBulan(focus, e.shiftKey ? 12 : 1),
      Home: () => geserTanggal(focus, -((parseTanggalDay(focus) + 6) % 7)),
      End: () => geserTanggal(focus, 6 - ((parseTanggalDay(focus) + 6) % 7)),
    }
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation() // a modal dialog around the form must stay open
      onClose()
    } else if (moves[e.key]) {
      e.preventDefault()
      setFocus(moves[e.key]!())
    }
  }

  return (
    <div className="date-calendar" role="dialog" aria-labelledby={headingId} ref={self} onKeyDown={onKey}>
      <div className="date-calendar-head">
        <button type="button" aria-label="Bulan sebelumnya" onClick={() => setFocus(geserBulan(focus, -1))}>
          ‹
        </button>
        <span id={headingId} aria-live="polite">
          {namaBulan(month)} {year}
        </span>
        <button type="button" aria-label="Bulan berikutnya" onClick={() => setFocus(geserBulan(focus, 1))}>
          ›
        </button>
      </div>
      <div role="grid" aria-labelledby={headingId} ref={grid}>
        <div role="row" className="date-calendar-week">
          {HARI_PENDEK.map((h) => (
            <span role="columnheader" key={h} className="date-calendar-dow">
              {h}
            </span>
          ))}
        </div>
        {mingguBulan(year, month).map((week, w) => (
          <div role="row" className="date-calendar-week" key={w}>
            {week.map((iso, d) =>
              iso ? (
                <span role="gridcell" key={iso} aria-selected={iso === value}>
                  <button
                    type="button"
                    data-tanggal={iso}
                    tabIndex={iso === focus ? 0 : -1}
                    aria-label={hariTanggal(iso)}
                    aria-current={iso === today ? 'date' : undefined}
                    className={iso === value ? 'picked' : undefined}
                    onClick={() => onPick(iso)}
                  >
                    {Number(iso.slice(8))}
                  </button>
                </span>
              ) : (
                <span role="gridcell" key={`kosong-${d}`} />
              ),
            )}
          </div>
        ))}
      </div>
      <div className="date-calendar-foot">
        <button type="button" className="btn btn-link" onClick={() => onPick(today)}>
          Hari ini
        </button>
      </div>
    </div>
  )
}

const parseTanggalDay = (iso: string): number => hariKe(parseTanggal(iso))

export function TimeInput({
  value,
  onChange,
  id: givenId,
  invalid,
  className,
  'aria-describedby': describedBy,
  ...rest
}: BoxProps) {
  const ownId = useId()
  const id = givenId ?? ownId
  const box = useTyped(value, (v) => (v ? fmtJam(v) : ''), bacaJamKetik, onChange)
  const problemId = `${id}-masalah`
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      // A quarter of an hour per press, round the clock.
      e.preventDefault()
      const [h, m] = (value || '08:00').split(':').map(Number) as [number, number]
      const step = e.key === 'ArrowUp' ? 15 : -15
      const next = (((Math.round((h * 60 + m) / 15) * 15 + (value ? step : 0)) % 1440) + 1440) % 1440
      box.put(`${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`)
    } else if (e.key === 'Enter') box.settle()
  }
  return (
    <span className={`date-box time-box${className ? ' ' + className : ''}`}>
      <input
        className="time-input"
        inputMode="decimal"
        placeholder="jj.mm"
        maxLength={5}
        {...box.inputProps({ id, invalid, describedBy, onKeyDown: onKey })}
        {...rest}
      />
      {box.problem && (
        <span className="date-box-problem" id={problemId} role="alert">
          {box.problem}
        </span>
      )}
    </span>
  )
}

interface FieldProps {
  label: string
  value: string
  onChange(value: string): void
  error?: string | undefined
  hint?: ReactNode
  required?: boolean
  disabled?: boolean
  autoFocus?: boolean
  className?: string
}

/** A labelled date: dd/mm/yyyy typed or picked from the calendar (Alt+↓), ↑/↓ a day. */
export function DateField({ label, error, hint, className, ...box }: FieldProps) {
  return (
    <Field label={label} error={error} hint={hint ?? 'hh/bb/tttt, mis. 05/11/2024'} className={className}>
      {(id, describedBy, invalid) => <DateInput id={id} aria-describedby={describedBy} invalid={invalid} {...box} />}
    </Field>
  )
}

/** A labelled clock time, 24-hour "08.00"; ↑/↓ a quarter of an hour. */
export function TimeField({ label, error, hint, className, ...box }: FieldProps) {
  return (
    <Field label={label} error={error} hint={hint ?? 'Jam 24, mis. 08.00'} className={className}>
      {(id, describedBy, invalid) => <TimeInput id={id} aria-describedby={describedBy} invalid={invalid} {...box} />}
    </Field>
  )
}

/**
 * A moment on the warehouse's clock ('YYYY-MM-DDTHH:MM', as a delivery's time is kept): a date and a time
 * box under one label. '' until both are read.
 */
export function DateTimeField({
  label,
  dateLabel,
  timeLabel,
  value,
  onChange,
  error,
  hint,
  required,
}: {
  label: string
  dateLabel: string
  timeLabel: string
  value: string
  onChange(value: string): void
  error?: string | undefined
  hint?: ReactNode
  required?: boolean
}) {
  const [date, setDate] = useState(value.slice(0, 10))
  const [time, setTime] = useState(value.slice(11, 16))
  const [shownFor, setShownFor] = useState(value)
  if (value !== shownFor) {
    setShownFor(value)
    if (value) {
      setDate(value.slice(0, 10))
      setTime(value.slice(11, 16))
    }
  }
  const emit = (d: string, t: string) => {
    const next = d && t ? `${d}T${t}` : ''
    setShownFor(next)
    if (next !== value) onChange(next)
  }
  const errorId = useId()
  return (
    <fieldset className={`field datetime-field${error ? ' field-invalid' : ''}`}>
      <legend>{label}</legend>
      <span className="datetime-field-row">
        <DateInput
          aria-label={dateLabel}
          value={date}
          invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          required={required}
          onChange={(d) => {
            setDate(d)
            emit(d, time)
          }}
        />
        <TimeInput
          aria-label={timeLabel}
          value={time}
          invalid={Boolean(error)}
          required={required}
          onChange={(t) => {
            setTime(t)
            emit(date, t)
          }}
        />
      </span>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {hint && <p className="field-hint">{hint}</p>}
    </fieldset>
  )
}
