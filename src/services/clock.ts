/**
 * Local calendar dates and times of the warehouse PC. Ledger rows carry UTC instants; what a
 * coordinator sees and what documents state is the date on the office wall (WIB, WITA or WIT).
 */
const pad = (n: number) => String(n).padStart(2, '0')

export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function localDateTime(d: Date): string {
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
