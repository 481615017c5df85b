import type { ReactNode } from 'react'
import { Banner } from './Feedback'

/** A button of a page's or section's header, described rather than drawn: the first kind is secondary. */
export interface Action {
  label: string
  onClick(): void
  kind?: 'primary' | 'secondary'
  /** The page's main act, drawn larger (Buka shift). */
  large?: boolean
  disabled?: boolean
}

/** A header's actions: buttons from their descriptions, or anything else as it is. */
type Actions = ReactNode | readonly Action[]

function drawActions(actions: Actions): ReactNode {
  if (!Array.isArray(actions)) return actions as ReactNode
  return (actions as readonly Action[]).map((a) => (
    <button
      key={a.label}
      type="button"
      className={`btn btn-${a.kind ?? 'secondary'}${a.large ? ' btn-large' : ''}`}
      onClick={a.onClick}
      disabled={a.disabled}
    >
      {a.label}
    </button>
  ))
}

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: Actions }) {
  return (
    <div className="page-header">
      <div>
        {/* tabIndex -1: the shell moves focus here after navigation. */}
        <h1 tabIndex={-1}>{title}</h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{drawActions(actions)}</div>}
    </div>
  )
}

/** The election's data note (e.g. that the demo DPT is synthetic): people must not mistake it for official data. */
export function DataNote({ note }: { note: string }) {
  if (!note.trim()) return null
  return (
    <Banner kind="info" icon title="Catatan data">
      <p>{note}</p>
    </Banner>
  )
}

export function Section({
  title,
  children,
  actions,
  id,
}: {
  title: string
  children: ReactNode
  actions?: Actions
  id?: string
}) {
  return (
    <section className="section" aria-labelledby={id ? id + '-title' : undefined}>
      <div className="section-header">
        <h2 id={id ? id + '-title' : undefined}>{title}</h2>
        {actions && <div className="section-actions">{drawActions(actions)}</div>}
      </div>
      {children}
    </section>
  )
}

export function Swatch({ hex, label }: { hex: string | null; label?: string | null }) {
  if (!hex) return null
  return (
    <span
      className="swatch"
      style={{ background: hex }}
      title={label ? `Warna penanda: ${label}` : undefined}
      aria-hidden="true"
    />
  )
}
