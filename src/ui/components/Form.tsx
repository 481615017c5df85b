import {
  useId,
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react'

/**
 * A labelled form field with its hint and its error underneath; the input gets aria-describedby
 * and aria-invalid so a screen reader reads the error with the field.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: string
  hint?: ReactNode
  error?: string | undefined
  children(id: string, describedBy: string | undefined, invalid: boolean): ReactNode
  className?: string
}) {
  const id = useId()
  const hintId = hint ? id + '-hint' : undefined
  const errorId = error ? id + '-error' : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ' ' + className : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy, Boolean(error))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  )
}

/** What a text field takes besides its control's own attributes. */
interface TextProps {
  label: string
  hint?: ReactNode
  error?: string | undefined
  className?: string
  value: string | number
  onChange(value: string): void
}

/** The wiring a text control gets from its Field: id, described-by, invalid, value and change. */
interface Wired {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': boolean
  value: string | number
  onChange(e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void
}

function TextControl<R extends object>(props: TextProps & R & { control(wired: Wired, attributes: R): ReactNode }) {
  const { label, hint, error, className, value, onChange, control, ...attributes } = props
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(id, describedBy, invalid) =>
        control(
          {
            id,
            'aria-describedby': describedBy,
            'aria-invalid': invalid,
            value,
            onChange: (e) => onChange(e.target.value),
          },
          attributes as unknown as R,
        )
      }
    </Field>
  )
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>

/**
 * A labelled one-line text input: the common case of Field, which hands the input its id, hint and error
 * wiring. onChange receives the text, not the event; every other input attribute passes through.
 */
export function TextField(props: TextProps & InputAttributes) {
  return <TextControl<InputAttributes> {...props} control={(wired, input) => <input {...wired} {...input} />} />
}

type AreaAttributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange' | 'className'>

/** A labelled text area: TextField for text that runs over lines (a note, a reason). */
export function TextAreaField(props: TextProps & AreaAttributes) {
  return <TextControl<AreaAttributes> {...props} control={(wired, area) => <textarea {...wired} {...area} />} />
}

/** What a new PIN must be (core/roles.ts checks it), said under the box it is typed in. */
export const PIN_RULE = '4 sampai 8 angka; bukan angka berurutan atau berulang'

/**
 * A PIN: digits only (anything else typed is dropped, so a stray letter never becomes a wrong try),
 * masked, at most 8, with the numeric keypad on touch screens.
 */
export function PinField({
  label,
  value,
  onChange,
  error,
  hint,
  className,
  autoComplete = 'off',
}: {
  label: string
  value: string
  onChange(pin: string): void
  error?: string | undefined
  hint?: ReactNode
  className?: string
  autoComplete?: 'off' | 'new-password' | 'current-password'
}) {
  return (
    <TextField
      label={label}
      className={className}
      error={error}
      hint={hint}
      type="password"
      inputMode="numeric"
      autoComplete={autoComplete}
      maxLength={8}
      value={value}
      onChange={(pin) => onChange(pin.replace(/\D/g, ''))}
    />
  )
}

/**
 * A new PIN typed twice, for NewPinFields: `agreed()` at sending says whether the two boxes match (the second
 * box says so when not), `clear()` empties both after the PIN is set.
 */
export function useNewPin() {
  const [pin, setPin] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState(false)
  return {
    pin,
    repeat,
    mismatch,
    setPin,
    setRepeat,
    agreed() {
      setMismatch(pin !== repeat)
      return pin === repeat
    },
    clear() {
      setPin('')
      setRepeat('')
    },
  }
}

/**
 * A new PIN typed twice: the second box says so when the two differ (`mismatch`, set by the form when it
 * is sent), so a slip of the finger never becomes a PIN nobody knows.
 */
export function NewPinFields({
  label,
  pin,
  error,
  hint,
}: {
  /** "PIN", "PIN baru". */
  label: string
  pin: ReturnType<typeof useNewPin>
  error?: string | undefined
  hint?: ReactNode
}) {
  return (
    <>
      <PinField
        label={label}
        value={pin.pin}
        onChange={pin.setPin}
        error={error}
        hint={hint}
        autoComplete="new-password"
      />
      <PinField
        label={`Ulangi ${label}`}
        value={pin.repeat}
        onChange={pin.setRepeat}
        error={pin.mismatch ? `PIN tidak sama dengan isian ${label === 'PIN' ? 'pertama' : label}` : undefined}
        autoComplete="new-password"
      />
    </>
  )
}

/**
 * A file chooser whose text is ours: the native control's "Choose File / No file chosen" follows the
 * browser's language, which on many office PCs is English.
 */
export function FilePicker({
  label,
  accept,
  onFile,
  disabled,
  hint,
  buttonLabel = 'Pilih berkas…',
  autoFocus,
}: {
  label: string
  accept: string
  onFile(file: File | undefined): void
  disabled?: boolean
  hint?: ReactNode
  buttonLabel?: string
  autoFocus?: boolean
}) {
  const id = useId()
  const [name, setName] = useState<string | null>(null)
  return (
    <div className="field file-field">
      <span className="file-label" id={id + '-label'}>
        {label}
      </span>
      <div className="file-row">
        <input
          id={id}
          className="file-input"
          type="file"
          accept={accept}
          disabled={disabled}
          // The modal <dialog> focuses this after showModal(); React's autoFocus would run before the dialog opens.
          data-autofocus={autoFocus ? '' : undefined}
          aria-labelledby={id + '-label ' + id + '-button'}
          aria-describedby={hint ? id + '-hint' : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0]
            setName(file?.name ?? null)
            // Cleared so the same file can be chosen again after it was fixed in Excel.
            e.target.value = ''
            onFile(file)
          }}
        />
        <label
          htmlFor={id}
          id={id + '-button'}
          className={`btn btn-secondary file-button${disabled ? ' disabled' : ''}`}
        >
          {buttonLabel}
        </label>
        <span className={name ? 'file-name' : 'file-name muted'}>{name ?? 'Belum ada berkas dipilih'}</span>
      </div>
      {hint && (
        <p className="field-hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
    </div>
  )
}

/**
 * The actions of a form that edits something saved in place (a settings section): save and discard both wait
 * for a change, and the form says while it holds unsaved edits. children follow, e.g. a link onwards.
 */
export function DraftActions({
  busy,
  dirty,
  label,
  onDiscard,
  noteUnsaved = true,
  children,
}: {
  busy: boolean
  dirty: boolean
  label: string
  onDiscard(): void
  noteUnsaved?: boolean
  children?: ReactNode
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
        {busy ? 'Menyimpan…' : label}
      </button>
      <button type="button" className="btn btn-secondary" disabled={busy || !dirty} onClick={onDiscard}>
        Batalkan perubahan
      </button>
      {noteUnsaved && dirty && <span className="muted small">Ada perubahan yang belum disimpan.</span>}
      {children}
    </div>
  )
}

/** One choice of a radio group drawn as a card: its name in bold, what it means under it, then any more. */
export function RadioCard({
  name,
  value,
  checked,
  onChoose,
  title,
  explain,
  autoFocus,
  children,
}: {
  name: string
  value: string
  checked: boolean
  onChoose(): void
  title: ReactNode
  explain: ReactNode
  autoFocus?: boolean
  children?: ReactNode
}) {
  return (
    <label className={`radio-card${checked ? ' selected' : ''}`}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChoose}
        data-autofocus={autoFocus ? '' : undefined}
      />
      <span>
        <strong>{title}</strong>
        <span className="small">{explain}</span>
        {children}
      </span>
    </label>
  )
}

/** One choice of a RadioCards group: its value, its name in bold, what it means, and anything more under it. */
export interface Choice<T extends string> {
  value: T
  title: ReactNode
  explain: ReactNode
  extra?: ReactNode
}

/** A radio group drawn as cards under a legend, with the error the service gave for it. */
export function RadioCards<T extends string>({
  legend,
  name,
  value,
  onChoose,
  choices,
  error,
  className,
  listClassName,
}: {
  legend: string
  name: string
  value: T
  onChoose(value: NoInfer<T>): void
  choices: readonly Choice<T>[]
  error?: string | undefined
  /** Classes beside the fieldset's `field`, and beside the cards' `radio-cards`. */
  className?: string
  listClassName?: string
}) {
  return (
    <fieldset className={`field${className ? ' ' + className : ''}${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      <div className={`radio-cards${listClassName ? ' ' + listClassName : ''}`}>
        {choices.map((c) => (
          <RadioCard
            key={c.value}
            name={name}
            value={c.value}
            checked={value === c.value}
            onChoose={() => onChoose(c.value)}
            title={c.title}
            explain={c.explain}
          >
            {c.extra}
          </RadioCard>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}

/**
 * A set of things ticked from a list under a legend (the teams of a shift, the items it works on): the ids
 * chosen, each thing drawn by `label`, the field's error under it. `instead` stands in place of the list
 * while it cannot be shown (loading, refused, nothing to choose).
 */
export function CheckList<T>({
  legend,
  items,
  idOf,
  label,
  value,
  onChange,
  error,
  instead,
  listClassName,
  testId,
}: {
  legend: string
  items: readonly T[]
  idOf(item: T): number
  label(item: T): ReactNode
  value: readonly number[]
  onChange(ids: number[]): void
  error?: string | undefined
  instead?: ReactNode
  listClassName?: string
  testId?: string
}) {
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      {instead || (
        <ul className={listClassName} data-testid={testId}>
          {items.map((item) => {
            const id = idOf(item)
            return (
              <li key={id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={value.includes(id)}
                    onChange={(e) => onChange(e.target.checked ? [...value, id] : value.filter((x) => x !== id))}
                  />
                  {label(item)}
                </label>
              </li>
            )
          })}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}
