/**
 * A script of its own, run by index.html ahead of the app's (async, so it waits neither for the entry nor for
 * the stylesheets): it makes the page's first Intl objects while the entry is still being downloaded. The
 * first Intl.NumberFormat of a page loads the locale's ICU data, 35–75 ms in Debian's Chromium, and the first
 * DateTimeFormat another 5–8 ms; made in the first render (format.ts fmt) they held the Beranda's figures back
 * by that much. ICU keeps the data for the whole page, so format.ts's own formatters are then made in well
 * under a millisecond. Imports nothing, so its chunk is a few hundred bytes (electron.vite.config.ts).
 */
new Intl.NumberFormat('id-ID').format(1)
new Intl.DateTimeFormat('id-ID', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(0)

export {}
