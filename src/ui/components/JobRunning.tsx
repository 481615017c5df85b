import type { MethodName } from '../../api/contract'
import { ErrorBanner } from './Feedback'
import { JobProgress, type JobHandle } from './Jobs'

/**
 * A background job as a page shows it while it runs: its bar with Batal, and below it why the job could
 * not run. The pair every page that starts a job (a backup, the ledger check) shows in the same order.
 */
export function JobRunning<M extends MethodName>({
  job,
  label,
  testId,
  errorTitle,
}: {
  job: JobHandle<M>
  label: string
  testId: string
  /** The title of the refusal, e.g. "Cadangan tidak dapat dibuat". */
  errorTitle: string
}) {
  return (
    <>
      {job.running && job.status && (
        <JobProgress status={job.status} onCancel={() => void job.cancel()} label={label} testId={testId} />
      )}
      <ErrorBanner error={job.error} title={errorTitle} />
    </>
  )
}
