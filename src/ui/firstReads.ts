import type { MethodInput, MethodName } from '../api/contract'
import { transport } from './api'
import { prefetch } from './components/data'
import { currentLocation, type Route } from './router'

/**
 * What the first screen reads, asked for all at once as the entry script starts (main.tsx imports this
 * module first, so they leave before React and the app's modules are run): the shell's reads (status,
 * election, who is signed in, whether this is a station) and the opened page's. Without this each read
 * waited for the component that needs it, which waited for the one before: four round trips in a row before
 * Beranda's figures were even asked for. The inputs are the ones the components pass, so their useApi takes
 * these answers over (components/data.tsx prefetch).
 */
type Read = { [M in MethodName]: [M, MethodInput<M>] }[MethodName]

const SHELL: Read[] = [
  ['pemilihan.lihat', {}],
  ['sistem.lihatStatus', {}],
  ['sesi.lihat', {}],
  ['stasiun.lihatSaya', {}],
]

/**
 * Beranda's reads, its table's first and the charts' and kits' last: the server answers in the order
 * asked, one at a time, and the two progress reads are the dearest whenever the file has just changed
 * (the server keeps all three until it changes again: services/untilChanged.ts). A station that may not
 * read kits is refused that one read, cheaply, and never asks for it again.
 */
const PAGE: Partial<Record<Route, Read[]>> = {
  beranda: [
    ['rekonsiliasi.lihat', {}],
    ['wilayah.lihatRingkasan', {}],
    ['barang.daftar', {}],
    ['rusak.daftarAlasan', {}],
    ['barang.daftarVarian', {}],
    ['ledger.lihatKodeSaksi', {}],
    ['rekonsiliasi.lihatKemajuan', {}],
    ['kemas.lihatKemajuan', { level: 'kecamatan' }],
  ],
}

function prefetchFirstReads(route: Route): Promise<unknown> {
  const t = transport()
  if (t === 'pasang' || t === 'no-token') return Promise.resolve()
  const [first, ...rest] = PAGE[route] ?? []
  const reads = [...SHELL.slice(0, 2), ...(first ? [first] : []), ...SHELL.slice(2), ...rest]
  return Promise.all(reads.map(([method, input]) => prefetch(method, input as never)))
}

/** Settles once every first read has been answered (or refused): the shell waits for it (App.tsx Root). */
export const firstReads: Promise<unknown> = prefetchFirstReads(currentLocation().route)
