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

/**
 * The same object as last render while every one of its properties is the same (Object.is): a hook's many
 * inputs held as one dependency, so a memo over them is listed once instead of once per input.
 */
export function useShallowStable<T extends object>(value: T): T {
  const [held, setHeld] = useState(value)
  if (held === value || shallowEqual(held, value)) return held
  setHeld(value)
  return value
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[]
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]))
}
