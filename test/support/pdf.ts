import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Reading printed documents back the way a person would check them: poppler's pdftotext and pdfinfo for
 * text and pages, pdftoppm + zbar for the QR codes (rendered at 150 dpi, less than a phone camera gives).
 */
/** Runs one of the tools and returns what it printed; a tool that is missing or fails throws with its message. */
export function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (r.error) throw new Error(`${cmd} tidak dapat dijalankan: ${r.error.message}`)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} gagal (${r.status}): ${r.stderr}`)
  return r.stdout
}

export const pdfText = (file: string): string => run('pdftotext', ['-layout', file, '-'])

export const pdfPages = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))![1])

/** Every QR code zbar reads on one page of a PDF rendered at `dpi` (none: an empty list). */
export function pdfQrCodes(file: string, page = 1, dpi = 150): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'gudang-qr-'))
  try {
    const at = String(page)
    run('pdftoppm', ['-r', String(dpi), '-f', at, '-l', at, '-singlefile', '-png', file, join(dir, 'page')])
    // zbarimg exits 4 when it finds no code: that is an answer (no QR on the page), not a failure.
    const r = spawnSync('zbarimg', ['--quiet', '--raw', join(dir, 'page.png')], { encoding: 'utf8' })
    if (r.status !== 0 && r.status !== 4) throw new Error(`zbarimg gagal (${r.status}): ${r.stderr}`)
    return r.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Writes a Download answer (base64) to a file and returns its path. */
export function saveDownload(dir: string, d: { fileName: string; contentBase64: string }): string {
  const path = join(dir, d.fileName)
  writeFileSync(path, Buffer.from(d.contentBase64, 'base64'))
  return path
}

/** The text as pdftotext lays it out, and the same with all white space folded to one space (words wrap across lines). */
export function pdfTextFolded(file: string): { layout: string; flat: string } {
  const layout = pdfText(file)
  return { layout, flat: layout.replace(/\s+/g, ' ') }
}

/**
 * The phrases a text lacks: `expect(missing(text, [...])).toEqual([])` checks a paper states them all and,
 * when it does not, names every phrase that is not there at once.
 */
export const missing = (text: string, phrases: readonly string[]): string[] => phrases.filter((p) => !text.includes(p))
