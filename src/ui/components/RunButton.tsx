/**
 * One of a row of buttons that each start a piece of work (a download, a PDF): it reads busyLabel while its
 * own work runs, and every button of the row waits while any of them does (`busy` is the running one's key).
 */
export function RunButton<K extends string>({
  run,
  busy,
  onRun,
  label,
  busyLabel = 'Menyiapkan…',
  secondary,
  disabled,
  title,
}: {
  run: K
  busy: K | null
  onRun(run: K): void
  label: string
  busyLabel?: string
  secondary?: boolean
  disabled?: boolean
  title?: string
}) {
  return (
    <button
      type="button"
      className={secondary ? 'btn btn-secondary' : 'btn btn-primary'}
      onClick={() => onRun(run)}
      disabled={busy !== null || disabled}
      title={title}
    >
      {busy === run ? busyLabel : label}
    </button>
  )
}
