import { useState } from 'react'

/**
 * A value made again only when its key changes. For objects whose identity matters downstream (a grid's
 * column definitions, one callback per row) but whose inputs arrive as new objects with every reload:
 * the key names what really decides the value.
 */
export function useKeyed<T>(key: string, make: () => T): T {
  const [held, setHeld] = useState(() => ({ key, value: make() }))
  if (held.key === key) return held.value
  const next = { key, value: make() }
  setHeld(next)
  return next.value
}
