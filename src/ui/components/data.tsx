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

/**
 * Reads asked for before React has rendered (the shell's and the first page's, src/ui/firstReads.ts): they
 * leave together as soon as the entry script runs, instead of each waiting for the component that needs it
 * to mount, which made the first screen a waterfall of round trips. A useApi asking the same read first
 * takes the answer over — already in its first render when the answer is here (`settled`), so the page is
 * drawn once with its figures instead of once empty and once per answer; one not taken soon is dropped, so
 * nothing shows a stale early answer.
 */
interface Early {
  at: number
  answer: Promise<unknown>
  /** The answer, once it came back without an error. */
  settled?: { data: unknown }
}
const early = new Map<string, Early>()
const EARLY_FOR_MS = 10_000

/** Asks for a read ahead of the component that needs it; settles (never fails) once it is answered. */
export function prefetch<M extends MethodName>(method: M, input: MethodInput<M>): Promise<void> {
  const key = `${method} ${JSON.stringify(input ?? {})}`
  const known = early.get(key)
  if (known)
    return known.answer.then(
      () => {},
      () => {},
    )
  // askUser false: no switcher can open before the shell is there; a read refused for want of a user is
  // simply asked again, the usual way, by the component that needs it.
  const answer = invoke(method, input, { askUser: false })
  const entry: Early = { at: Date.now(), answer }
  early.set(key, entry)
  return answer.then(
    (data) => void (entry.settled = { data }),
    () => {},
  )
}

const fresh = (hit: Early): boolean => Date.now() - hit.at <= EARLY_FOR_MS

/** An early answer already here, taken over by a first render. */
function takeSettled<M extends MethodName>(method: M, key: string): { data: MethodOutput<M> } | undefined {
  const id = `${method} ${key}`
  const hit = early.get(id)
  if (!hit?.settled || !fresh(hit)) return undefined
  early.delete(id)
  return hit.settled as { data: MethodOutput<M> }
}

function takeEarly<M extends MethodName>(method: M, key: string): Promise<MethodOutput<M>> | undefined {
  const id = `${method} ${key}`
  const hit = early.get(id)
  if (!hit) return undefined
  early.delete(id)
  if (!fresh(hit)) return undefined
  return hit.answer.catch((err: unknown) => {
    const e = toApiError(err)
    if (e.code === 'AUTH_REQUIRED' || e.code === 'FORBIDDEN') return invoke(method, JSON.parse(key) as MethodInput<M>)
    throw err
  }) as Promise<MethodOutput<M>>
}

export function useApi<M extends MethodName>(method: M, input: MethodInput<M>, enabled = true): Query<MethodOutput<M>> {
  const { version, domains } = useContext(DataVersionContext)
  const domain = domains[method.split('.', 1)[0]!] ?? 0
  const key = JSON.stringify(input ?? {})
  const [local, setLocal] = useState(0)
  // The request the answer belongs to: while a newer one is in flight the old answer stays, marked loading.
  const request = `${method} ${key} ${version} ${domain} ${local}`
  const [state, setState] = useState<{ data?: MethodOutput<M>; error?: ApiError; request?: string }>(() => {
    const first = enabled && version === 0 && domain === 0 ? takeSettled(method, key) : undefined
    return first ? { data: first.data, request } : {}
  })
  const seq = useRef(0)
  /** The request the first render already holds the answer to: its effect has nothing to ask. */
  const answered = useRef(state.request)

  useEffect(() => {
    if (!enabled) return
    if (answered.current === request) return
    answered.current = undefined
    const mine = ++seq.current
    const settle = (next: (s: typeof state) => typeof state) => {
      if (mine === seq.current) setState(next)
    }
    // Only the first answer may be an early one: after a write or a reload the read is made afresh.
    const first = version === 0 && domain === 0 && local === 0 ? takeEarly(method, key) : undefined
    ;(first ?? invoke(method, JSON.parse(key) as MethodInput<M>)).then(
      (data) => settle(() => ({ data, request })),
      (err: unknown) => settle((s) => ({ data: s.data, error: toApiError(err), request })),
    )
  }, [method, key, request, enabled, version, domain, local])

  const reload = useCallback(() => setLocal((v) => v + 1), [])
  return { data: state.data, error: state.error, loading: enabled && state.request !== request, reload }
}
