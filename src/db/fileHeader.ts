import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'

/**
 * What an election file's first bytes and size say before SQLite touches it. SQLite treats a 0-byte file
 * as a new, empty database (and would write a fresh schema into it), and it opens a file cut short or
 * with foreign bytes until some later read fails: an interrupted copy or sync must reach the recovery
 * screen named for what it is, never be "initialised over".
 *
 * The header (https://www.sqlite.org/fileformat2.html#the_database_header): the 16-byte magic string,
 * the page size at offset 16 (1 meaning 65536), the file change counter at 24, the database size in
 * pages at 28, valid when the "version-valid-for" number at 92 equals the change counter.
 */
export const SQLITE_MAGIC = 'SQLite format 3\0'
const HEADER_BYTES = 100

export interface FileHeader {
  bytes: number
  pageSize: number
  /** Pages the header says the database holds; null when the header's count is not valid. */
  pageCount: number | null
}

/** The problem with the file's header or size, in Indonesian, or null for a file SQLite may open. */
export function fileHeaderProblem(path: string): string | null {
  const read = readHeader(path)
  return typeof read === 'string' ? read : null
}

export function readHeader(path: string): FileHeader | string {
  const bytes = statSync(path).size
  if (bytes === 0)
    return 'Berkas basis data kosong (0 bita): kemungkinan salinan atau sinkronisasi yang terputus. Berkas tidak diubah; pulihkan dari cadangan.'
  const head = Buffer.alloc(HEADER_BYTES)
  const fd = openSync(path, 'r')
  let got: number
  try {
    got = readSync(fd, head, 0, HEADER_BYTES, 0)
  } finally {
    closeSync(fd)
  }
  if (got < HEADER_BYTES || head.toString('latin1', 0, 16) !== SQLITE_MAGIC)
    return `Berkas ini bukan basis data SQLite (${bytes} bita, awal berkas bukan "SQLite format 3"): mungkin berkas lain yang diberi nama .sqlite, atau salinan yang rusak. Berkas tidak diubah.`
  const raw = head.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    return `Kepala berkas basis data rusak (ukuran halaman ${raw} tidak sah). Berkas tidak diubah.`
  const counterValid = head.readUInt32BE(92) === head.readUInt32BE(24)
  const pageCount = counterValid ? head.readUInt32BE(28) : null
  // With a WAL beside it the main file may lag the header until the next checkpoint; SQLite reads the rest
  // from the WAL, so only a file standing alone is judged by its size.
  const walBeside = existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0
  if (!walBeside) {
    if (bytes % pageSize !== 0)
      return `Berkas basis data terpotong: ${bytes} bita bukan kelipatan ukuran halaman ${pageSize}. Berkas tidak diubah; pulihkan dari cadangan.`
    if (pageCount !== null && pageCount > 0 && bytes < pageCount * pageSize)
      return `Berkas basis data terpotong: ${bytes / pageSize} dari ${pageCount} halaman (${bytes} bita). Berkas tidak diubah; pulihkan dari cadangan.`
  }
  return { bytes, pageSize, pageCount }
}
