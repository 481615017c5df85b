import type { ReadableDB, WritableDB } from './handles'

/** The session log: who chose themselves at which window, who left, whose PIN was wrong. Append-only. */

export type SesiEvent = 'masuk' | 'keluar' | 'kedaluwarsa' | 'pin_salah' | 'terkunci'

export function insertSesiLog(
  db: WritableDB,
  e: { at: string; userId: number | null; nama: string; event: SesiEvent; transport: string },
): void {
  db.prepare('INSERT INTO sesi_log (at, pengguna_id, nama, event, transport) VALUES (?, ?, ?, ?, ?)').run(
    e.at,
    e.userId,
    e.nama,
    e.event,
    e.transport,
  )
}

/**
 * A user's sign-in events, newest first, back to the last success: what the PIN lockout counts when this
 * process has not seen the user yet (a CLI run is a process of its own; the app after a restart).
 */
export function pinEventsOf(db: ReadableDB, userId: number, limit: number): { at: string; event: SesiEvent }[] {
  return db
    .prepare(
      `SELECT at, event FROM sesi_log WHERE pengguna_id = ? AND event IN ('masuk', 'pin_salah', 'terkunci')
       ORDER BY id DESC LIMIT ?`,
    )
    .all(userId, limit) as { at: string; event: SesiEvent }[]
}
