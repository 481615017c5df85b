const pad = (n: number) => String(n).padStart(2, '0')

/** A local date as the app's date fields take it: 2024-11-04. */
export const isoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/** An ISO date as the app's date boxes show and take it, day first whatever the browser's language: 04/11/2024. */
export const ketik = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** Today, local time, when the test file was loaded. */
export const TODAY = isoDate(new Date())
