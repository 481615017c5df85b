import type { ReactNode } from 'react'

/** A select's options drawn from a list: each item's value and the text it shows. */
export function Options<T>({
  of,
  value,
  label,
}: {
  of: readonly T[]
  value(item: T): string | number
  label(item: T): ReactNode
}) {
  return (
    <>
      {of.map((item) => (
        <option key={value(item)} value={value(item)}>
          {label(item)}
        </option>
      ))}
    </>
  )
}
