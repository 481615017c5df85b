import type { ReactNode } from 'react'
import { Dialog } from './Dialog'

/**
 * The one question before a step that cannot be taken back (a handover, a destruction, a numbered
 * document): what will be recorded and printed, as rows the person can check against the paper in front
 * of them, and one button that does it. Asked once; the form behind keeps what was typed.
 */
export function ConfirmPaper({
  open,
  title,
  lead,
  rows,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean
  title: string
  lead: ReactNode
  /** What the record and the paper will say: label, value. */
  rows: [string, ReactNode][]
  children?: ReactNode
  confirmLabel: string
  busy: boolean
  onConfirm(): void
  onClose(): void
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            Periksa lagi
          </button>
          <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy} data-autofocus>
            {busy ? 'Mencatat…' : confirmLabel}
          </button>
        </>
      }
    >
      <p>{lead}</p>
      <dl className="confirm-paper" data-testid="confirm-paper">
        {rows.map(([label, value]) => (
          <div key={label} className="confirm-paper-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </Dialog>
  )
}
