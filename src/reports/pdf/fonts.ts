import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type pdfmakeSingleton from 'pdfmake'

/**
 * Liberation Sans: metric-compatible with Arial, the face KPU secretariats type their letters in, so
 * line breaks match what staff expect; SIL OFL 1.1 (resources/fonts/LICENSE-LiberationSans.txt).
 * Shipping the files keeps output identical on every machine.
 */
export const FONT_FAMILY = 'LiberationSans'

const FILES = {
  normal: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italics: 'LiberationSans-Italic.ttf',
  bolditalics: 'LiberationSans-BoldItalic.ttf',
} as const

/** Where the packaged app (or a test) says its resources folder is; holds fonts/ and demo/. */
export const RESOURCES_ENV = 'GUDANG_RESOURCES_DIR'

function hasFonts(dir: string): boolean {
  return existsSync(join(dir, FILES.normal))
}

/**
 * The fonts folder: `<resourcesDir>/fonts` when given (the Electron main passes
 * process.resourcesPath), else `$GUDANG_RESOURCES_DIR/fonts`, else found by walking up from this
 * module (src/reports/pdf in dev and tests, out/main when built, <resources>/app.asar/out/main when
 * packaged).
 */
export function resolveFontsDir(resourcesDir?: string): string {
  const explicit = resourcesDir ?? process.env[RESOURCES_ENV]
  if (explicit) {
    const dir = resolve(explicit, 'fonts')
    if (!hasFonts(dir)) throw new Error(`Fon ${FILES.normal} tidak ditemukan di ${dir}`)
    return dir
  }
  const found = findFontsDir(
    [typeof __dirname === 'string' ? __dirname : null, process.cwd()].filter((d): d is string => d !== null),
  )
  if (found) return found
  throw new Error(`Folder fon resources/fonts tidak ditemukan; setel ${RESOURCES_ENV} ke folder resources aplikasi`)
}

/**
 * The first folder holding the fonts while walking up from each start: resources/fonts of the
 * repository, or fonts/ next to app.asar in the packaged app.
 */
export function findFontsDir(starts: string[]): string | null {
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      for (const candidate of [join(dir, 'resources', 'fonts'), join(dir, 'fonts')])
        if (hasFonts(candidate)) return candidate
      if (dirname(dir) === dir) break
    }
  }
  return null
}

let registeredDir: string | null = null

/**
 * pdfmake's process-wide singleton, ready to render with the app's fonts. Loaded with the first
 * document, not with the module: pdfmake and pdfkit take about 0.15 s to load, which a command that
 * prints nothing (`gudang --version`, an API call from a script) must not pay.
 */
export async function loadPdfmake(resourcesDir?: string): Promise<typeof pdfmakeSingleton> {
  const { default: pdfmake } = await import('pdfmake')
  registerFonts(pdfmake, resourcesDir)
  return pdfmake
}

/**
 * Registers the fonts with pdfmake once (again only if another folder is asked for) and locks pdfmake
 * down: it may read exactly these four font files and fetch no URL, so no document definition can pull
 * a local file or a web resource into a berita acara. Images travel as data URLs, which need neither.
 */
function registerFonts(pdfmake: typeof pdfmakeSingleton, resourcesDir?: string): void {
  const dir = resolveFontsDir(resourcesDir)
  if (registeredDir === dir) return
  const paths = {
    normal: join(dir, FILES.normal),
    bold: join(dir, FILES.bold),
    italics: join(dir, FILES.italics),
    bolditalics: join(dir, FILES.bolditalics),
  }
  for (const p of Object.values(paths)) if (!existsSync(p)) throw new Error(`Fon tidak ditemukan: ${p}`)
  const allowed = new Set(Object.values(paths))
  pdfmake.addFonts({ [FONT_FAMILY]: paths })
  // pdfmake looks in its virtual file system first: there each path holds the token of its parsed font.
  for (const p of allowed) pdfmake.virtualfs.writeFileSync(p, parsedFont(p))
  pdfmake.setLocalAccessPolicy((p) => allowed.has(resolve(p)))
  pdfmake.setUrlAccessPolicy(() => false)
  registeredDir = dir
}

/**
 * Every document shares one parsed copy of each font file. pdfkit opens a document's fonts afresh
 * (fontkit.create on the file's bytes), and fontkit decodes the kerning and ligature tables (GPOS, GSUB)
 * of each font it opens when the first line is measured: about 0.3 s for every PDF, whatever its length,
 * most of what a one-page berita acara costs. Neither pdfmake 0.3 nor pdfkit accepts a parsed font, but
 * fontkit takes new formats (fontkit.registerFormat): the documents are handed a short token in place of
 * a font file's bytes, which that format reads as the font parsed once from the file. pdfkit still gives
 * each document its own subset and font objects, so the PDF's bytes are what they were.
 */
const TOKEN_PREFIX = 'gudang-pemilu:fon-terurai:'
/** Token text → the font fontkit parsed from that file, for the life of the process. */
const parsedFonts = new Map<string, object>()

interface Fontkit {
  create(data: Uint8Array): object
  registerFormat(format: unknown): void
}

const tokenText = (data: Uint8Array): string | null =>
  data.length <= 4096 ? Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8') : null

/** fontkit's format for the tokens: asked only after fontkit's own formats (TTF, WOFF, …) refused the bytes. */
class ParsedFont {
  static probe(data: Uint8Array): boolean {
    const token = tokenText(data)
    return token !== null && parsedFonts.has(token)
  }

  constructor(stream: { buffer: Uint8Array }) {
    // fontkit.create answers what `new format(stream)` gives: here the font parsed once, not a new one.
    return parsedFonts.get(tokenText(stream.buffer)!) as ParsedFont
  }
}

let fontkit: Fontkit | null = null

/**
 * The token pdfkit is given in place of `file`'s bytes (pdfmake's virtual file system, or
 * doc.registerFont in draw.ts); the file is read and parsed on first use.
 */
export function parsedFont(file: string): Buffer {
  const token = TOKEN_PREFIX + file
  if (!parsedFonts.has(token)) {
    if (!fontkit) {
      // The very fontkit pdfkit loads (pdfkit's own dependency): the format must be known to that instance.
      const fromPdfkit = createRequire(createRequire(__filename).resolve('pdfkit'))
      fontkit = fromPdfkit('fontkit') as Fontkit
      fontkit.registerFormat(ParsedFont)
    }
    parsedFonts.set(token, fontkit.create(readFileSync(file)))
  }
  return Buffer.from(token, 'utf8')
}

/** The path of one of the four font files (for drawing with pdfkit directly, src/reports/pdf/draw.ts). */
export function fontFile(variant: keyof typeof FILES, resourcesDir?: string): string {
  return join(resolveFontsDir(resourcesDir), FILES[variant])
}

const lineHeights = new Map<string, number>()

/**
 * The height of one line of text per point of font size, as pdfkit and so pdfmake measure it:
 * (ascender - descender) / unitsPerEm from the font's hhea and head tables (1.1171875 for Liberation
 * Sans). Text set with `lineHeight: k` takes k times this. For placing something exactly where pdfmake
 * will have put the content that follows a line of text.
 */
export function fontLineHeight(variant: keyof typeof FILES = 'normal', resourcesDir?: string): number {
  const key = `${variant}\0${resourcesDir ?? process.env[RESOURCES_ENV] ?? ''}`
  let factor = lineHeights.get(key)
  if (factor === undefined) {
    const file = fontFile(variant, resourcesDir)
    const ttf = readFileSync(file)
    const table = (tag: string): number => {
      for (let i = 0, n = ttf.readUInt16BE(4); i < n; i++)
        if (ttf.toString('latin1', 12 + 16 * i, 16 + 16 * i) === tag) return ttf.readUInt32BE(20 + 16 * i)
      throw new Error(`Fon ${file} tidak memiliki tabel ${tag}`)
    }
    const unitsPerEm = ttf.readUInt16BE(table('head') + 18)
    const hhea = table('hhea')
    factor = (ttf.readInt16BE(hhea + 4) - ttf.readInt16BE(hhea + 6)) / unitsPerEm
    lineHeights.set(key, factor)
  }
  return factor
}
