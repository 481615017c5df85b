/**
 * The app's pages, each opened at `#/<route>`, in the menu's order. A module of its own, without the DOM
 * or React, so that the e2e tour of every page reads the same list the app routes by.
 */
export const ROUTES = [
  'beranda',
  'penerimaan',
  'shift',
  'pekerja',
  'kemas',
  'serah-terima',
  'pemusnahan',
  'dokumen',
  'wilayah',
  'kebutuhan',
  'pengaturan',
  'pengguna',
  'cadangan',
  'integritas',
  'cek-dokumen',
] as const
export type Route = (typeof ROUTES)[number]
