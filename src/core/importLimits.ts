/**
 * What an uploaded table (TPS, dapil, pekerja) may be at most (issue 15): beyond these a file is refused,
 * naming the limit, and nothing is changed. A kabupaten's TPS list is a few thousand rows and a megabyte
 * or two; these leave room for the largest and stop a file built to exhaust the PC.
 */
export const IMPORT_LIMITS = {
  /** The file itself. */
  bytes: 10 * 1024 * 1024,
  /** Rows of data (CSV records, worksheet rows). */
  rows: 100_000,
  /** Entries in an XLSX (a zip): a workbook of a few sheets holds a few dozen. */
  zipEntries: 1_000,
  /** Everything in an XLSX once inflated. */
  uncompressedBytes: 100 * 1024 * 1024,
  /** The text of one cell: Excel's own limit. */
  sharedStringChars: 32_767,
} as const

/** A number as Indonesian writes it (100.000), for the limits' messages. */
export const ribuan = (n: number): string => n.toLocaleString('id-ID')

/** A byte count in whole megabytes: "10 MB". */
export const megabyte = (n: number): string => `${ribuan(Math.round(n / (1024 * 1024)))} MB`
