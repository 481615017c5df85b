import type { WritableDB } from './handles'

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
