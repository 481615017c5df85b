import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { loadPdfmake } from './fonts'
import type { PdfDocDefinition } from './types'

export interface RenderOptions {
  /** The app's resources folder (holding fonts/); see resolveFontsDir. */
  resourcesDir?: string
}

/**
 * pdfmake writes layout state into the nodes it is given (positions, measured sizes, resolved
 * images), so a definition rendered twice would carry the first run into the second. Each render gets
 * its own copy; functions (header, footer, table layouts) and binary data are shared, not copied.
 */
function fresh<T>(value: T): T {
  if (Array.isArray(value)) return value.map(fresh) as T
  if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = fresh(v)
  return out as T
}

async function prepare(def: PdfDocDefinition, options: RenderOptions) {
  const pdfmake = await loadPdfmake(options.resourcesDir)
  // pdfkit stamps the current time when no CreationDate is given, and derives the file ID from it;
  // a fixed date (buildOfficialDocument sets one) makes identical input give identical bytes.
  return pdfmake.createPdf(fresh(def))
}

/** The PDF in memory. */
export async function renderPdf(def: PdfDocDefinition, options: RenderOptions = {}): Promise<Buffer> {
  return (await prepare(def, options)).getBuffer()
}

/**
 * Streams the PDF to a temporary file next to `path`, flushes it to disk, then renames it into place:
 * a crash or an error leaves the old file (or none), never half a berita acara.
 */
export async function renderPdfToFile(def: PdfDocDefinition, path: string, options: RenderOptions = {}): Promise<void> {
  const stream = await (await prepare(def, options)).getStream()
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const done = pipeline(stream, createWriteStream(tmp, { flags: 'wx' }))
    stream.end()
    await done
    const fh = await open(tmp, 'r+')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}
