import type { ErrorBody } from '../api/contract'

/**
 * A station's outbox (docs/lan.md, "Writes, the outbox and retries"): every write is put here, in
 * IndexedDB, with its idempotency key before it is sent, and leaves only when the host has answered it.
 * While the host cannot be reached the entries wait, the station shows "terputus — N isian menunggu", and
 * they are sent again with their original keys when the host is back, so the host records each once. An
 * entry the host then refuses stays, marked, until the user has read and resolved it.
 */
export interface Isian {
  kunci: string
  method: string
  input: unknown
  /** When it was typed (ISO) and by whom, to show in the list. */
  dibuat: string
  oleh: string | null
  status: 'menunggu' | 'ditolak'
  penolakan?: ErrorBody
}

export interface KeadaanStasiun {
  /** null until the first call or feed says either way. */
  tersambung: boolean | null
  menunggu: number
  ditolak: Isian[]
  /** The witness check failed: the host's ledger no longer holds what this station saw. */
  alarm: string | null
}

const DB_NAME = 'gudang-stasiun'
const STORE = 'antrean'

let dbPromise: Promise<IDBDatabase | null> | null = null

function openDb(): Promise<IDBDatabase | null> {
  dbPromise ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1)
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'kunci' })
      req.onsuccess = () => resolve(req.result)
      // Without IndexedDB (a private window that refuses it) the outbox lives in memory for this tab.
      req.onerror = () => resolve(null)
    } catch {
      resolve(null)
    }
  })
  return dbPromise
}

function tx(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
  return openDb().then(
    (db) =>
      new Promise((resolve, reject) => {
        if (!db) return resolve(undefined)
        const t = db.transaction(STORE, mode)
        const req = run(t.objectStore(STORE))
        t.oncomplete = () => resolve(req.result)
        t.onerror = () => reject(t.error ?? new Error('IndexedDB'))
        t.onabort = () => reject(t.error ?? new Error('IndexedDB'))
      }),
  )
}

let entries: Isian[] = []
let loaded: Promise<void> | null = null
let state: KeadaanStasiun = { tersambung: null, menunggu: 0, ditolak: [], alarm: null }
const listeners = new Set<() => void>()

function publish(patch: Partial<KeadaanStasiun> = {}): void {
  state = {
    ...state,
    ...patch,
    menunggu: entries.filter((e) => e.status === 'menunggu').length,
    ditolak: entries.filter((e) => e.status === 'ditolak'),
  }
  for (const l of listeners) l()
}

/** Reads what an earlier visit left in the outbox; every other function waits for it. */
export function muatAntrean(): Promise<void> {
  loaded ??= tx('readonly', (s) => s.getAll()).then(
    (all) => {
      const stored = (all as Isian[] | undefined) ?? []
      const known = new Set(entries.map((e) => e.kunci))
      entries = [...stored.filter((e) => !known.has(e.kunci)), ...entries].sort((a, b) =>
        a.dibuat.localeCompare(b.dibuat),
      )
      publish()
    },
    () => publish(),
  )
  return loaded
}

export async function simpanIsian(isian: Isian): Promise<void> {
  await muatAntrean()
  entries = [...entries.filter((e) => e.kunci !== isian.kunci), isian]
  publish()
  await tx('readwrite', (s) => s.put(isian))
}

export async function hapusIsian(kunci: string): Promise<void> {
  await muatAntrean()
  entries = entries.filter((e) => e.kunci !== kunci)
  publish()
  await tx('readwrite', (s) => s.delete(kunci))
}

export async function tandaiDitolak(kunci: string, penolakan: ErrorBody): Promise<void> {
  const found = entries.find((e) => e.kunci === kunci)
  if (!found) return
  await simpanIsian({ ...found, status: 'ditolak', penolakan })
}

/** Entries waiting to be sent, oldest first. */
export const isianMenunggu = (): Isian[] => entries.filter((e) => e.status === 'menunggu')

export const keadaanStasiun = (): KeadaanStasiun => state

export function aturKeadaan(patch: Partial<Omit<KeadaanStasiun, 'menunggu' | 'ditolak'>>): void {
  if (Object.entries(patch).every(([k, v]) => state[k as keyof KeadaanStasiun] === v)) return
  publish(patch)
}

export function ikutiKeadaan(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A new idempotency key: a UUID where the page may make one (HTTPS), else 128 random bits in hex. */
export function kunciBaru(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}
