import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react'
import { fieldLabel } from '../../api/contract/labels'
import type { ApiError, Issue } from '../api'
import { Banner } from './Feedback'
import { DateField, TimeField } from './DateField'
import { Field, PinField, RadioCards, TextAreaField, TextField, type Choice } from './Form'

/**
 * Forms from field tables: a form's fields are described once (name, kind, hint…) and drawn by FormFields;
 * their values live in one useFormState; the errors a refusal names are placed under the field of the same
 * name and the rest go to the form's banner (placedIn). A field's label is the contract's (api/contract/labels.ts),
 * so the screen and the refusal name a field alike; `label` is only for a screen that says more.
 */

/** A form's values: text for what is typed or chosen, true/false for a tick box. */
export type FormValues = Record<string, string | boolean>

export interface FormState<V extends FormValues> {
  values: V
  set<K extends keyof V>(name: K, value: V[K]): void
  /** Some values at once (a choice that fills others in). */
  patch(values: Partial<V>): void
  /** A value differs from what the form opened with (or was last reset to): the leave-page guard and draft ask. */
  dirty: boolean
  /** Back to what the form opened with, or to `to` as the new saved state (after a save). */
  reset(to?: V): void
}

/** The values of one form, with the state it started from so it knows when it holds unsaved edits. */
export function useFormState<I extends FormValues>(initial: I | (() => I)): FormState<Widen<I>> {
  return useValues<Widen<I>>(initial as Widen<I> | (() => Widen<I>))
}

/** A value the form starts with stands for its kind: '' for any text, true for either answer. */
type Widen<V> = { [K in keyof V]: V[K] extends boolean ? boolean : string }

function useValues<V extends FormValues>(initial: V | (() => V)): FormState<V> {
  const [state, setState] = useState(() => {
    const start = typeof initial === 'function' ? initial() : initial
    return { values: start, saved: start }
  })
  const { values, saved } = state
  return {
    values,
    set: (name, value) => setState((s) => ({ ...s, values: { ...s.values, [name]: value } })),
    patch: (more) => setState((s) => ({ ...s, values: { ...s.values, ...more } })),
    dirty: Object.keys(values).some((k) => values[k] !== saved[k]),
    reset: (to) => setState((s) => ({ values: to ?? s.saved, saved: to ?? s.saved })),
  }
}

type Kind = 'text' | 'numeric' | 'tel' | 'textarea' | 'select' | 'checkbox' | 'cards' | 'date' | 'time' | 'pin'

type Options = readonly (readonly [value: string, label: string])[]

/** What FormFields needs of a form: its values and how one changes (a useFormState, or a draft's). */
type Bound<V extends FormValues> = Pick<FormState<V>, 'values' | 'set'>

/** A form's table: its fields in order, false or undefined for one not drawn this time. */
export type Fields<V extends FormValues> = readonly (FieldSpec<V> | false | undefined)[]

/** One field of a form's table. */
export interface FieldSpec<V extends FormValues> {
  name: keyof V & string
  /**
   * text (the default); numeric: digits typed, numeric keypad; tel; textarea; select; checkbox; cards (a radio
   * group of RadioCards); date; time; pin.
   */
  kind?: Kind
  /** Only where the screen says more than the contract's label (a unit, a "baru"). */
  label?: string
  hint?: ReactNode
  /** A select's choices: [value, label] pairs, or options and optgroups as they are. */
  options?: Options | ReactNode
  /** Focused when its dialog opens. */
  autoFocus?: boolean
  className?: string
  disabled?: boolean
  /** What is typed, as it is kept (e.g. a code in capitals). */
  clean?(text: string): string
  /** A cards field's choices, and the classes of its cards' box. */
  choices?: readonly Choice<string>[]
  listClassName?: string
  /** Text offered as it is typed (a datalist), e.g. the names used before. */
  suggestions?: readonly string[]
  /** A textarea's height in lines. */
  rows?: number
  /** Any other attribute of the input (maxLength, placeholder, min, type…). */
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className' | 'disabled'>
}

/** The label a field shows: its own where the screen says more, else the contract's for this method. */
export function labelOf(method: string, field: { name: string; label?: string }): string {
  return field.label ?? fieldLabel(method, field.name) ?? field.name
}

/**
 * Whether a refusal names one of these fields, whose error then stands under it; `placedIn(fields)` as an
 * ErrorBanner's `shown` lists only the rest.
 */
export function placed(error: ApiError | undefined, fields: readonly Named[]): boolean {
  const rest = notPlacedIn(fields)
  return Boolean(error?.details.some((issue) => !rest(issue)))
}

export function notPlacedIn(fields: readonly Named[]) {
  const names = new Set(fields.map((f) => (typeof f === 'string' ? f : f && f.name)))
  // "teams.2.teamId" is the teams field's.
  return (issue: Issue) => !issue.column || !names.has(issue.column.split('.', 1)[0]!)
}

/** A field by its table entry or its name; false/undefined for a field not drawn this time. */
type Named = { name: string } | string | false | undefined

/**
 * A form's fields drawn from its table, in order, each bound to the form's values and the refusal's errors.
 * With `grid`, the boxes stand in the form's two-column grid and the tick boxes and cards under it.
 */
export function FormFields<V extends FormValues>({
  fields,
  form,
  errors,
  method,
  grid,
}: {
  fields: Fields<V>
  form: Bound<V>
  errors: Record<string, string | undefined>
  /** The method the form sends: its fields' labels (api/contract/labels.ts). */
  method: string
  grid?: boolean
}) {
  const draw = (f: FieldSpec<V> | false | undefined) =>
    f && <OneField key={f.name} field={f} form={form} error={errors[f.name]} method={method} />
  if (!grid) return <>{fields.map(draw)}</>
  const wide = (f: FieldSpec<V> | false | undefined) => f && (f.kind === 'checkbox' || f.kind === 'cards')
  const boxes = fields.filter((f) => f && !wide(f))
  const ticks = fields.filter(wide)
  return (
    <>
      <div className="form-grid">{boxes.map(draw)}</div>
      {ticks.map(draw)}
    </>
  )
}

function OneField<V extends FormValues>({
  field: f,
  form,
  error,
  method,
}: {
  field: FieldSpec<V>
  form: Bound<V>
  error: string | undefined
  method: string
}) {
  const value = form.values[f.name]
  const set = (v: string | boolean) => form.set(f.name, v as V[typeof f.name])
  const type = (v: string) => set(f.clean ? f.clean(v) : v)
  const focus = f.autoFocus ? { 'data-autofocus': true } : {}
  // What every labelled kind takes alike: its label, error, hint and width.
  const shown = { label: labelOf(method, f), error, hint: f.hint, className: f.className }
  const disabled = f.disabled
  switch (f.kind) {
    case 'checkbox':
      return (
        <>
          <label className={`check${f.className ? ' ' + f.className : ''}`}>
            <input
              type="checkbox"
              checked={value === true}
              disabled={disabled}
              onChange={(e) => set(e.target.checked)}
              {...focus}
            />
            {shown.label}
          </label>
          {error && <p className="field-error">{error}</p>}
        </>
      )
    case 'select':
      return (
        <Field {...shown}>
          {(id, describedBy, invalid) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={String(value)}
              disabled={disabled}
              onChange={(e) => set(e.target.value)}
              {...focus}
            >
              {isOptions(f.options)
                ? f.options.map(([v, text]) => (
                    <option key={v} value={v}>
                      {text}
                    </option>
                  ))
                : f.options}
            </select>
          )}
        </Field>
      )
    case 'cards':
      return (
        <RadioCards
          legend={shown.label}
          name={f.name}
          value={String(value)}
          onChoose={set}
          choices={f.choices ?? []}
          error={error}
          className={f.className}
          listClassName={f.listClassName}
        />
      )
    case 'time':
      return <TimeField {...shown} disabled={disabled} value={String(value)} onChange={set} />
    case 'date':
      return <DateField {...shown} disabled={disabled} autoFocus={f.autoFocus} value={String(value)} onChange={set} />
    case 'pin': {
      const autoComplete = f.input?.autoComplete as 'off' | 'new-password' | 'current-password' | undefined
      return <PinField {...shown} value={String(value)} onChange={set} autoComplete={autoComplete} />
    }
    case 'textarea':
      return (
        <TextAreaField {...shown} disabled={disabled} rows={f.rows} value={String(value)} onChange={type} {...focus} />
      )
    default:
      return <TextBox field={f} shown={shown} disabled={disabled} value={String(value)} onChange={type} focus={focus} />
  }
}

/** A one-line box, with its suggestions where it has them. */
function TextBox<V extends FormValues>({
  field: f,
  shown,
  disabled,
  value,
  onChange,
  focus,
}: {
  field: FieldSpec<V>
  shown: { label: string; error: string | undefined; hint: ReactNode; className: string | undefined }
  disabled: boolean | undefined
  value: string
  onChange(v: string): void
  focus: object
}) {
  const listId = useId()
  return (
    <>
      <TextField
        {...shown}
        disabled={disabled}
        autoComplete="off"
        {...(f.kind === 'numeric' ? { inputMode: 'numeric' } : f.kind === 'tel' ? { type: 'tel' } : {})}
        {...f.input}
        list={f.suggestions ? listId : undefined}
        value={value}
        onChange={onChange}
        {...focus}
      />
      {f.suggestions && (
        <datalist id={listId}>
          {f.suggestions.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      )}
    </>
  )
}

function isOptions(options: Options | ReactNode): options is Options {
  return Array.isArray(options) && options.every((o) => Array.isArray(o))
}

/**
 * A form's refusal above its fields: its own message where it names no field (`placed` false), else a
 * pointer to the fields, whose errors stand under them.
 */
export function RefusalBanner({
  error,
  placed,
  title,
}: {
  error: ApiError | undefined
  placed: boolean
  title: string
}) {
  if (!error) return null
  return (
    <Banner kind="error" title={title}>
      <p>{placed ? 'Periksa isian yang ditandai di bawah.' : error.message}</p>
    </Banner>
  )
}
