/**
 * Live updates (issue 16): after every committed write the dispatcher publishes the method's namespace
 * (the domain that changed); subscribers — the server-sent-event feeds of the local server and the LAN
 * listener, the Electron window — get at most one event per domain per COALESCE_MS, so a burst of tally
 * saves from ten stations is a few events a second, not hundreds. An event says only what changed, never
 * the data: whoever listens refetches what it shows of that domain, through its own permissions.
 */
export interface Peristiwa {
  /** The API namespace of the write: 'tally', 'shift', 'kemas', 'stasiun', … */
  ranah: string
  /** The ledger's head after the write (0 while the ledger is empty). */
  seq: number
}

export const COALESCE_MS = 250

export type Pendengar = (p: Peristiwa) => void

export class PeristiwaBus {
  private readonly listeners = new Set<Pendengar>()
  /** Domains waiting for their window to end, with the newest head seen. */
  private readonly pending = new Map<string, number>()
  /** When each domain last went out. */
  private readonly lastSent = new Map<string, number>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly head: () => number,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  subscribe(fn: Pendengar): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  get size(): number {
    return this.listeners.size
  }

  /** A write to this namespace committed. */
  publish(ranah: string): void {
    let seq: number
    try {
      seq = this.head()
    } catch {
      return
    }
    const now = Date.now()
    const last = this.lastSent.get(ranah) ?? -Infinity
    if (!this.pending.has(ranah) && now - last >= this.coalesceMs) {
      this.lastSent.set(ranah, now)
      this.emit({ ranah, seq })
      return
    }
    this.pending.set(ranah, seq)
    this.schedule(Math.max(0, last + this.coalesceMs - now))
  }

  private schedule(ms: number): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      const now = Date.now()
      let next = Infinity
      for (const [ranah, seq] of this.pending) {
        const due = (this.lastSent.get(ranah) ?? -Infinity) + this.coalesceMs
        if (due <= now) {
          this.pending.delete(ranah)
          this.lastSent.set(ranah, now)
          this.emit({ ranah, seq })
        } else next = Math.min(next, due - now)
      }
      if (this.pending.size && next !== Infinity) this.schedule(next)
    }, ms)
    this.timer.unref()
  }

  private emit(p: Peristiwa): void {
    for (const fn of [...this.listeners]) {
      try {
        fn(p)
      } catch {
        // A listener that throws (a closed socket) must not keep the others from hearing.
      }
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
    this.listeners.clear()
  }
}
