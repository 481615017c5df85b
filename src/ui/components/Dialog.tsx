import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'

interface DialogProps {
  open: boolean
  title: string
  onClose(): void
  children: ReactNode
  footer?: ReactNode
  wide?: boolean
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind inert and closes on
 * Escape, which is more dependable than a hand-made overlay.
 */
export function Dialog({ open, title, onClose, children, footer, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const el = ref.current
    if (!el) return
    if (open && !el.open) {
      el.showModal()
      el.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    }
    if (!open && el.open) el.close()
  }, [open])

  useEffect(() => {
    const el = ref.current
    if (!el) return
    // Escape fires "cancel"; keep React the owner of the open state.
    const onCancel = (e: Event) => {
      e.preventDefault()
      onClose()
    }
    el.addEventListener('cancel', onCancel)
    return () => el.removeEventListener('cancel', onCancel)
  }, [onClose])

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" onClick={onClose} aria-label="Tutup dialog">
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  )
}

/** What the dialog's action says and whether it may be left while busy. */
interface ActionProps {
  busy: boolean
  label: string
  busyLabel?: string
  /** Cancelling mid-way is refused where the work cannot be abandoned half done. */
  cancelWhileBusy?: boolean
}

/**
 * The footer most dialogs have: Batal, then the dialog's one action, which reads as busy while it runs. The
 * action submits the form named by formId (so Enter in a field does the same), or calls onConfirm.
 */
export function DialogActions({
  onCancel,
  busy,
  label,
  busyLabel = 'Menyimpan…',
  formId,
  onConfirm,
  cancelWhileBusy = true,
}: ActionProps & { onCancel(): void } & (
    { formId: string; onConfirm?: never } | { onConfirm(): void; formId?: never }
  )) {
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={!cancelWhileBusy && busy}>
        Batal
      </button>
      <button
        type={formId ? 'submit' : 'button'}
        form={formId}
        className="btn btn-primary"
        onClick={onConfirm}
        disabled={busy}
      >
        {busy ? busyLabel : label}
      </button>
    </>
  )
}

/**
 * A dialog that is one form: Batal and its action in the footer, the refusal no field shows (`banner`) above
 * the fields, and Enter in a field doing what the action does.
 */
export function FormDialog({
  open = true,
  title,
  onClose,
  onSave,
  banner,
  testId,
  className,
  wide,
  children,
  ...actions
}: ActionProps & {
  open?: boolean
  title: string
  onClose(): void
  onSave(e?: FormEvent): void
  banner?: ReactNode
  /** The form's data-testid and classes. */
  testId?: string
  className?: string
  wide?: boolean
  children: ReactNode
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      wide={wide}
      footer={<DialogActions onCancel={onClose} {...actions} onConfirm={() => onSave()} />}
    >
      <form onSubmit={onSave} noValidate data-testid={testId} className={className}>
        {banner}
        {children}
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}
