import type { ReactNode } from 'react'

/** A column of a data table: its heading, right-aligned when it holds numbers, or read only by screen readers (an actions column). */
export type Column =
  ReactNode | { label: ReactNode; num?: boolean; hidden?: boolean; className?: string; title?: string }

function isSpec(c: Column): c is Exclude<Column, ReactNode> & object {
  return typeof c === 'object' && c !== null && 'label' in c
}

/** The heading row of a data table, one `th scope="col"` per column; a column given as false, null or undefined is left out. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => {
          if (c === false || c === null || c === undefined) return null
          if (!isSpec(c))
            return (
              <th key={i} scope="col">
                {c}
              </th>
            )
          const className = [c.num ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined
          return (
            <th key={i} scope="col" className={className} title={c.title}>
              {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          )
        })}
      </tr>
    </thead>
  )
}

/**
 * A data table as every page draws one: in its sideways scroller, the heading row from `columns`, the rows
 * given as children, and an optional footer (total rows).
 */
export function DataTable({
  columns,
  className,
  testId,
  caption,
  foot,
  wrapClassName,
  children,
}: {
  columns: Column[]
  /** Classes beside `table`: "table-compact", the page's own. */
  className?: string
  /** Classes beside the scroller's `table-wrap`: "table-scroll" for a table that scrolls in its own box. */
  wrapClassName?: string
  testId?: string
  caption?: ReactNode
  foot?: ReactNode
  children: ReactNode
}) {
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
        {foot}
      </table>
    </div>
  )
}
