import type { ReactNode } from 'react'
import type { Query } from './data'
import { ErrorBanner, Loading } from './Feedback'

/**
 * A query's answer where a page shows it: the error that kept it (with Coba lagi), the spinner until the
 * first answer, the note for an empty list, or what the page draws from the data. A reload that fails
 * keeps the last answer on screen under its error.
 */
export function Loaded<T>({
  query,
  title,
  loadingLabel,
  empty,
  children,
}: {
  query: Pick<Query<T>, 'data' | 'error' | 'reload'>
  /** What could not be loaded: "Daftar pemusnahan tidak dapat dimuat". */
  title: string
  loadingLabel?: string
  /** Shown instead of children when the answer is an empty list; a string becomes the usual empty note. */
  empty?: ReactNode
  children(data: T): ReactNode
}) {
  const { data, error, reload } = query
  return (
    <>
      <ErrorBanner error={error} onRetry={reload} title={title} />
      {data === undefined ? (
        !error && <Loading label={loadingLabel} />
      ) : empty !== undefined && Array.isArray(data) && data.length === 0 ? (
        typeof empty === 'string' ? (
          <p className="empty">{empty}</p>
        ) : (
          empty
        )
      ) : (
        children(data)
      )}
    </>
  )
}
