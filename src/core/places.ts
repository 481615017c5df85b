/**
 * Every quantity lives in a place and only moves between places (ARCHITECTURE.md). A place is written
 * as KIND or KIND:ref, e.g. DITERIMA, RUSAK:SOBEK, DIKEMAS:1234 (a TPS id), DIKIRIM:12 (a kecamatan id).
 */
export const PLACE_KINDS = {
  PENYEDIA: { label: 'Penyedia (di luar gudang)', refs: 0, external: true },
  DITERIMA: { label: 'Diterima, belum disortir', refs: 0, external: false },
  TERTUKAR: { label: 'Tertukar (bukan milik satker/dapil ini)', refs: 0, external: false },
  PROSES: { label: 'Sedang disortir/dilipat (shift, regu)', refs: 2, external: false },
  BAIK: { label: 'Baik (sudah disortir dan dilipat)', refs: 0, external: false },
  RUSAK: { label: 'Rusak (menurut alasan)', refs: 1, external: false },
  SIAP: { label: 'Siap (sudah dirakit)', refs: 0, external: false },
  DIKEMAS: { label: 'Dikemas untuk TPS', refs: 1, external: false },
  DIKIRIM: { label: 'Diserahkan ke PPK (Panitia Pemilihan Kecamatan)', refs: 1, external: false },
  DIMUSNAHKAN: { label: 'Dimusnahkan', refs: 0, external: false },
} as const

export type PlaceKind = keyof typeof PLACE_KINDS

export interface Place {
  kind: PlaceKind
  refs: string[]
}

const REF = /^[A-Za-z0-9_]{1,40}$/

export function parsePlace(text: string): Place | null {
  const [kind, ...refs] = text.split(':')
  if (!kind || !Object.prototype.hasOwnProperty.call(PLACE_KINDS, kind)) return null
  const spec = PLACE_KINDS[kind as PlaceKind]
  if (refs.length !== spec.refs || !refs.every((r) => REF.test(r))) return null
  return { kind: kind as PlaceKind, refs }
}

export function formatPlace(p: Place): string {
  return [p.kind, ...p.refs].join(':')
}

/**
 * The places that name a row of master data. Always built here, in TypeScript, from integer ids: SQL that
 * concatenates a bound id ('DIKIRIM:' || ?) gets 'DIKIRIM:22.0', because better-sqlite3 binds every
 * JavaScript number as a REAL, and then matches nothing.
 */
export function dikemasPlace(tpsId: number): string {
  return `DIKEMAS:${integerRef(tpsId)}`
}

export function dikirimPlace(kecamatanId: number): string {
  return `DIKIRIM:${integerRef(kecamatanId)}`
}

function integerRef(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new Error(`A place refers to a row by its positive integer id, not ${id}`)
  return String(id)
}

/** Only the outside world may go below zero: it is where sheets come from. */
export function mayGoNegative(place: string): boolean {
  const p = parsePlace(place)
  return p !== null && PLACE_KINDS[p.kind].external
}

export function placeLabel(place: string): string {
  const p = parsePlace(place)
  if (!p) return place
  return p.refs.length ? `${PLACE_KINDS[p.kind].label} ${p.refs.join('/')}` : PLACE_KINDS[p.kind].label
}
