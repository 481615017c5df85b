import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'

/**
 * The ways an election file breaks (issue 15's broken-file suite), each done to a copy of a good file
 * closed cleanly: what an interrupted copy, a failing disk, another tool or a newer app leaves. Shared by
 * the start-check and verify test (integration/berkas-rusak) and the recovery screen's (e2e).
 */
export interface BrokenFile {
  /** What a coordinator would call it. */
  what: string
  /** Breaks `file` in place. */
  apply(file: string): void
  /** What the recovery screen and the start check say of it. */
  named: RegExp
}

const pageSizeOf = (file: string) => readFileSync(file).readUInt16BE(16)

/** The file cut to `size` bytes (a copy stopped part-way). */
export const truncatedTo = (size: (file: string, pageSize: number) => number) => (file: string) =>
  truncateSync(file, size(file, pageSizeOf(file)))

/** Half the file's whole pages: a copy stopped in the middle. */
export const halfThePages = (file: string, pageSize: number) =>
  Math.floor(statSync(file).size / pageSize / 2) * pageSize

export const BROKEN_FILES: readonly BrokenFile[] = [
  { what: 'kosong (0 bita)', apply: (f) => writeFileSync(f, ''), named: /kosong \(0 bita\)/ },
  { what: 'isi acak', apply: (f) => writeFileSync(f, randomBytes(64 * 1024)), named: /bukan basis data SQLite/ },
  {
    what: 'terpotong di tengah',
    apply: truncatedTo(halfThePages),
    named: /terpotong/,
  },
  {
    what: 'halaman berisi nol',
    apply: (file) => {
      const pageSize = pageSizeOf(file)
      const pages = statSync(file).size / pageSize
      const fd = openSync(file, 'r+')
      for (const p of [Math.floor(pages / 3), Math.floor(pages / 2), pages - 2])
        writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, p * pageSize)
      closeSync(fd)
    },
    named: /rusak|SQLite/,
  },
  {
    what: 'tabel dihapus',
    apply: (file) => {
      const db = new Database(file)
      db.exec('DROP TABLE segel')
      db.close()
    },
    named: /segel/,
  },
  {
    what: 'dari versi yang lebih baru',
    apply: (file) => {
      const db = new Database(file)
      db.prepare(`INSERT INTO schema_migrations VALUES (999, '0999_masa_depan', '2030-01-01T00:00:00Z')`).run()
      db.close()
    },
    named: /versi Gudang Pemilu yang lebih baru/,
  },
]

export const brokenFile = (what: string): BrokenFile => BROKEN_FILES.find((b) => b.what === what)!
