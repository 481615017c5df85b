import { useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface TabItem<K extends string | number> {
  id: K
  label: ReactNode
  title?: string
}

const tabId = (idBase: string, id: string | number) => `${idBase}-tab-${id}`
const panelId = (idBase: string, id: string | number) => `${idBase}-panel-${id}`

/**
 * Tabs as the ARIA pattern has them: one tab in the Tab order, arrows (and Home, End) move between tabs and
 * select them. The panels are the caller's, each wrapped in TabPanel with the same idBase.
 */
export function Tabs<K extends string | number>({
  label,
  idBase,
  items,
  selected,
  onSelect,
  actions,
  wrap,
}: {
  /** What the tabs choose between, for a screen reader: "Jenis dokumen". */
  label: string
  idBase: string
  items: readonly TabItem<K>[]
  selected: K
  onSelect(id: NoInfer<K>): void
  /** Buttons at the right end of the tab row. */
  actions?: ReactNode
  /** Many tabs (one per ballot type): let them wrap onto a second row. */
  wrap?: boolean
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>())

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const i = items.findIndex((t) => t.id === selected)
    const n = items.length
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1
    if (next < 0 || i < 0) return
    e.preventDefault()
    const id = items[next]!.id
    onSelect(id)
    refs.current.get(id)?.focus()
  }

  return (
    <div className="tabs-bar">
      <div className={`tabs${wrap ? ' tabs-wrap' : ''}`} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {items.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el)
              else refs.current.delete(t.id)
            }}
            type="button"
            role="tab"
            id={tabId(idBase, t.id)}
            aria-selected={t.id === selected}
            aria-controls={panelId(idBase, t.id)}
            tabIndex={t.id === selected ? 0 : -1}
            className="tab"
            title={t.title}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {actions && <div className="tabs-actions">{actions}</div>}
    </div>
  )
}

/** The panel of one tab. Hidden panels stay mounted when `keepMounted`, so their edits survive a switch. */
export function TabPanel({
  idBase,
  id,
  selected,
  keepMounted,
  children,
  className,
}: {
  idBase: string
  id: string | number
  selected: boolean
  keepMounted?: boolean
  children: ReactNode
  className?: string
}) {
  if (!selected && !keepMounted) return null
  return (
    <div
      role="tabpanel"
      id={panelId(idBase, id)}
      aria-labelledby={tabId(idBase, id)}
      hidden={!selected}
      className={className}
    >
      {children}
    </div>
  )
}
