import { useEffect, useState } from 'react'
import { ROUTES, type Route } from './routes'

export { ROUTES, type Route }

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

/**
 * Pages with unsaved entries (the tally grid) ask before the app goes to another page. The listener is
 * added when this module loads, before any page's, so a refused change stops here: the address goes back
 * and nothing else hears of it.
 */
const leaveGuards = new Set<{ message: string }>()
let shownHash = window.location.hash
/** Set by navigateAfterSave: what was unsaved has just been saved, so there is nothing to ask. */
let saved = false
window.addEventListener('hashchange', (e) => {
  const guard = saved ? undefined : leaveGuards.values().next().value
  saved = false
  if (guard && window.location.hash !== shownHash && !window.confirm(guard.message)) {
    e.stopImmediatePropagation()
    window.history.replaceState(window.history.state, '', shownHash || '#/')
    return
  }
  shownHash = window.location.hash
})

/** While `message` is set, leaving the page through the app's links asks it first. */
export function useLeaveGuard(message: string | null): void {
  useEffect(() => {
    if (!message) return
    const guard = { message }
    leaveGuards.add(guard)
    return () => {
      leaveGuards.delete(guard)
    }
  }, [message])
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

/** Goes to a page right after the current one saved its entries: its leave guard has nothing to ask. */
export function navigateAfterSave(route: Route, ...params: (string | number)[]): void {
  saved = true
  navigate(route, ...params)
}
