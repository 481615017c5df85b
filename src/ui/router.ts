import { useEffect, useState } from 'react'

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

export interface Location {
  route: Route
  /** Path segments after the route: '#/shift/12' -> ['12']. */
  params: string[]
}

function parse(hash: string): Location {
  const [name = '', ...params] = hash.replace(/^#\/?/, '').split('?', 1)[0]!.split('/')
  return (ROUTES as readonly string[]).includes(name)
    ? { route: name as Route, params: params.filter(Boolean) }
    : { route: 'beranda', params: [] }
}

/** Where the address points now, read once (the app's first page). */
export const currentLocation = (): Location => parse(window.location.hash)

/** Hash routing: works from file-like app:// URLs in Electron and from the token URL in browser mode. */
export function useLocation(): Location {
  const [loc, setLoc] = useState<Location>(() => parse(window.location.hash))
  useEffect(() => {
    const onChange = () => setLoc(parse(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return loc
}

export function useRoute(): Route {
  return useLocation().route
}

export const href = (route: Route, ...params: (string | number)[]): string =>
  `#/${[route, ...params.map(String)].join('/')}`

export function navigate(route: Route, ...params: (string | number)[]): void {
  window.location.hash = href(route, ...params)
}
