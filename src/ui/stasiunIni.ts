import { simpanKepala, type Cakupan, type Kepala } from '../core/stasiun'

/**
 * This browser as a LAN station (docs/lan.md): the credential the host gave when it paired, kept in the
 * page's own storage (never a cookie, so another site cannot ride on it), and the chain heads it has
 * seen, kept as a witness of the host's ledger.
 */
export interface StasiunIni {
  kredensial: string
  id: number
  nama: string
  cakupan: Cakupan
  sidikJari: string | null
}

const KEY = 'gudang.stasiun'
const HEADS_KEY = 'gudang.stasiun.kepala'

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key)
    return text ? (JSON.parse(text) as T) : null
  } catch {
    return null
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(value))
  } catch {
    /* storage refused: this tab keeps it in memory only */
  }
}

let current: StasiunIni | null = read<StasiunIni>(KEY)
let heads: Kepala[] = read<Kepala[]>(HEADS_KEY) ?? []

/** The browser station this page is, or null (the host's window, browser mode, the desktop app). */
export const stasiunIni = (): StasiunIni | null => current

export function ingatStasiun(s: StasiunIni): void {
  current = s
  heads = []
  write(KEY, s)
  write(HEADS_KEY, null)
}

export function lupakanStasiun(): void {
  current = null
  write(KEY, null)
}

/** Pages served by a LAN host are on HTTPS (or a pairing link): the place a tablet pairs. */
export const bolehDipasang = (): boolean =>
  window.location.protocol === 'https:' || window.location.hash.startsWith('#/pasang')

export function catatKepala(k: Kepala): void {
  const next = simpanKepala(heads, k)
  if (next.length === heads.length && next.at(-1)?.seq === heads.at(-1)?.seq) return
  heads = next
  write(HEADS_KEY, heads)
}

export const kepalaTerlihat = (): Kepala[] => heads
