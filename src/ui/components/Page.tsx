import type { ReactNode } from 'react'
import { Banner } from './Feedback'

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        {/* tabIndex -1: the shell moves focus here after navigation. */}
        <h1 tabIndex={-1}>{title}</h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
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
  actions?: ReactNode
  id?: string
}) {
  return (
    <section className="section" aria-labelledby={id ? id + '-title' : undefined}>
      <div className="section-header">
        <h2 id={id ? id + '-title' : undefined}>{title}</h2>
        {actions && <div className="section-actions">{actions}</div>}
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
