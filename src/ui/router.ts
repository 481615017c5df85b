import { useEffect, useState, useSyncExternalStore } from 'react'
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
 * Pages with unsaved entries (the tally grid, the long forms) ask before the app goes to another page. The
 * listener is added when this module loads, before any page's, so a held change stops here: the address
 * goes back and nothing else hears of it until the question is answered.
 *
 * The question is the app's own dialog (LeaveQuestion), not window.confirm: a native dialog blocks the
 * window, speaks the browser's or the OS's language on its buttons ("OK", "Cancel" on an English PC) and
 * names the host ("127.0.0.1 says"); and a blocked window that nothing answers stays frozen.
 */
const leaveGuards = new Set<{ message: string }>()
let shownHash = window.location.hash
/** Set by navigateAfterSave and by a "leave" answer: the next change is not asked about. */
let passNext = false

/** A page change held until the person answers: what they are asked, and where they were going. */
export interface HeldLeave {
  message: string
  target: string
}
let held: HeldLeave | null = null
const heldListeners = new Set<() => void>()
function hold(next: HeldLeave | null): void {
  held = next
  for (const l of heldListeners) l()
}

window.addEventListener('hashchange', (e) => {
  const guard = passNext ? undefined : leaveGuards.values().next().value
  passNext = false
  if (guard && window.location.hash !== shownHash) {
    e.stopImmediatePropagation()
    const target = window.location.hash
    window.history.replaceState(window.history.state, '', shownHash || '#/')
    hold({ message: guard.message, target })
    return
  }
  shownHash = window.location.hash
})

/** The page change waiting for an answer, if any (LeaveQuestion shows it). */
export function useHeldLeave(): HeldLeave | null {
  return useSyncExternalStore(
    (l) => {
      heldListeners.add(l)
      return () => heldListeners.delete(l)
    },
    () => held,
  )
}

/**
 * Answers the held question. Leaving goes where the person was going: the address the guard put back is
 * replaced by it (no extra step in the history) and the pages hear of it as of any change.
 */
export function answerLeave(leave: boolean): void {
  const h = held
  hold(null)
  if (!leave || !h) return
  const oldURL = window.location.href
  window.history.replaceState(window.history.state, '', h.target)
  passNext = true
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href }))
}

/**
 * While `message` is set (what is unsaved, and what happens to it), leaving the page through the app's links
 * asks first (LeaveQuestion).
 */
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
  passNext = true
  navigate(route, ...params)
}
