import { answerLeave, useHeldLeave } from '../router'
import { Dialog } from './Dialog'

const QUESTION = 'Tinggalkan halaman ini?'

/**
 * What a page with unsaved entries asks before the app leaves it (router.ts useLeaveGuard): staying is the
 * first button and has the focus, so Enter or Escape keeps the page; leaving goes where the person was going.
 */
export function LeaveQuestion() {
  const held = useHeldLeave()
  const stay = () => answerLeave(false)
  return (
    <Dialog
      open={held !== null}
      title={QUESTION}
      onClose={stay}
      footer={
        <>
          <button type="button" className="btn btn-secondary" data-autofocus onClick={stay}>
            Tetap di halaman ini
          </button>
          <button type="button" className="btn btn-primary" onClick={() => answerLeave(true)}>
            Tinggalkan halaman
          </button>
        </>
      }
    >
      <p data-testid="pertanyaan-tinggalkan">{held?.message}</p>
    </Dialog>
  )
}
