const pad = (n: number) => String(n).padStart(2, '0')

/** A local date as the app's date fields take it: 2024-11-04. */
export const isoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/** Today, local time, when the test file was loaded. */
export const TODAY = isoDate(new Date())
