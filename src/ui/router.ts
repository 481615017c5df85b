import { useEffect, useState } from 'react'

export const ROUTES = ['beranda', 'wilayah', 'kebutuhan', 'pengaturan'] as const
export type Route = (typeof ROUTES)[number]

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/, 1)[0] ?? ''
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'beranda'
}

/** Hash routing: works from file-like app:// URLs in Electron and from the token URL in browser mode. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}

export const href = (route: Route): string => `#/${route}`
