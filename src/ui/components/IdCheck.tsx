import type { ReactNode } from 'react'

/**
 * One tick box of a choice of several ids (the workers present, the items a shift works on): ticked while
 * its id is chosen; ticking adds the id, unticking takes it out.
 */
export function IdCheck<T>({
  id,
  chosen,
  onChange,
  children,
}: {
  id: T
  chosen: readonly T[]
  onChange(next: T[]): void
  children: ReactNode
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={chosen.includes(id)}
        onChange={(e) => onChange(e.target.checked ? [...chosen, id] : chosen.filter((x) => x !== id))}
      />
      {children}
    </label>
  )
}
