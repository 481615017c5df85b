import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract'
import { invoke, toApiError, type ApiError } from '../api'

interface DataVersion {
  version: number
  /** Call after any write: every visible query runs again, so no page shows numbers from before the change. */
  refreshAll(): void
}

const DataVersionContext = createContext<DataVersion>({ version: 0, refreshAll: () => {} })

export function DataProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0)
  const refreshAll = useCallback(() => setVersion((v) => v + 1), [])
  const value = useMemo(() => ({ version, refreshAll }), [version, refreshAll])
  return <DataVersionContext.Provider value={value}>{children}</DataVersionContext.Provider>
}

export function useRefreshAll(): () => void {
  return useContext(DataVersionContext).refreshAll
}

export interface Query<T> {
  data: T | undefined
  error: ApiError | undefined
  /** True while a request is in flight; `data` keeps the previous answer meanwhile, so tables do not flash empty. */
  loading: boolean
  reload(): void
}

export function useApi<M extends MethodName>(method: M, input: MethodInput<M>, enabled = true): Query<MethodOutput<M>> {
  const { version } = useContext(DataVersionContext)
  const key = JSON.stringify(input ?? {})
  const [local, setLocal] = useState(0)
  // The request the answer belongs to: while a newer one is in flight the old answer stays, marked loading.
  const request = `${method} ${key} ${version} ${local}`
  const [state, setState] = useState<{ data?: MethodOutput<M>; error?: ApiError; request?: string }>({})
  const seq = useRef(0)

  useEffect(() => {
    if (!enabled) return
    const mine = ++seq.current
    const settle = (next: (s: typeof state) => typeof state) => {
      if (mine === seq.current) setState(next)
    }
    invoke(method, JSON.parse(key) as MethodInput<M>).then(
      (data) => settle(() => ({ data, request })),
      (err: unknown) => settle((s) => ({ data: s.data, error: toApiError(err), request })),
    )
  }, [method, key, request, enabled])

  const reload = useCallback(() => setLocal((v) => v + 1), [])
  return { data: state.data, error: state.error, loading: enabled && state.request !== request, reload }
}
