import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract'
import { invoke, toApiError, type ApiError } from '../api'

interface DataVersion {
  version: number
  /** A version per API namespace: a live update refetches the queries of the domains it names, no others. */
  domains: Readonly<Record<string, number>>
  /** Call after any write: every visible query runs again, so no page shows numbers from before the change. */
  refreshAll(): void
  refreshDomains(namespaces: readonly string[]): void
}

const DataVersionContext = createContext<DataVersion>({
  version: 0,
  domains: {},
  refreshAll: () => {},
  refreshDomains: () => {},
})

export function DataProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0)
  const [domains, setDomains] = useState<Record<string, number>>({})
  const refreshAll = useCallback(() => setVersion((v) => v + 1), [])
  const refreshDomains = useCallback((namespaces: readonly string[]) => {
    setDomains((d) => {
      const next = { ...d }
      for (const n of namespaces) next[n] = (next[n] ?? 0) + 1
      return next
    })
  }, [])
  const value = useMemo(
    () => ({ version, domains, refreshAll, refreshDomains }),
    [version, domains, refreshAll, refreshDomains],
  )
  return <DataVersionContext.Provider value={value}>{children}</DataVersionContext.Provider>
}

export function useRefreshAll(): () => void {
  return useContext(DataVersionContext).refreshAll
}

export function useRefreshDomains(): (namespaces: readonly string[]) => void {
  return useContext(DataVersionContext).refreshDomains
}

export interface Query<T> {
  data: T | undefined
  error: ApiError | undefined
  /** True while a request is in flight; `data` keeps the previous answer meanwhile, so tables do not flash empty. */
  loading: boolean
  reload(): void
}

export function useApi<M extends MethodName>(method: M, input: MethodInput<M>, enabled = true): Query<MethodOutput<M>> {
  const { version, domains } = useContext(DataVersionContext)
  const domain = domains[method.split('.', 1)[0]!] ?? 0
  const key = JSON.stringify(input ?? {})
  const [local, setLocal] = useState(0)
  // The request the answer belongs to: while a newer one is in flight the old answer stays, marked loading.
  const request = `${method} ${key} ${version} ${domain} ${local}`
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
