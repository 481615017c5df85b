import type { ReactNode } from 'react'
import type { Draf } from '../../api/contract'
import { fmtWaktu } from '../format'
import { Banner } from './Feedback'
import type { FormDraft } from './FormDraft'

/**
 * The notice of a long form whose unsaved entries were restored from its draft (FormDraft): who typed them
 * and when, what to do next, and a button that throws the draft away.
 */
export function DraftRestored({
  restored,
  testId,
  next,
  onDiscard,
}: {
  restored: Draf
  testId: string
  /** What to do with the entries, e.g. "Periksa isiannya, lalu <strong>Simpan penerimaan</strong>." */
  next: ReactNode
  onDiscard(): void
}) {
  return (
    <Banner
      kind="info"
      title="Isian yang belum disimpan dipulihkan dari draf"
      testId={testId}
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={onDiscard}>
          Buang draf
        </button>
      }
    >
      <p>
        Diketik{restored.actor ? ` oleh ${restored.actor}` : ''}
        {restored.diubahAt ? ` pada ${fmtWaktu(restored.diubahAt)}` : ''} dan belum disimpan. {next}
      </p>
    </Banner>
  )
}

/** Beside a long form's save button while it has unsaved entries: when its draft was last kept, or why not. */
export function DraftStatus({ draft, dirty }: { draft: Pick<FormDraft, 'savedAt' | 'failure'>; dirty: boolean }) {
  if (!dirty || (!draft.savedAt && !draft.failure)) return null
  return (
    <span className="muted small" data-testid="draf-status">
      {draft.failure ? `Draf tidak tersimpan: ${draft.failure}` : `Draf tersimpan ${fmtWaktu(draft.savedAt!)}.`}
    </span>
  )
}
