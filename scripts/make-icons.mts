// Regenerates the app icons from resources/icon.svg:
//   resources/icon.png            512x512, for the Linux window icon at runtime
//   resources/icons/<n>x<n>.png   the Linux icon set (AppImage, deb: hicolor theme)
//   resources/icon.ico            Windows (exe, installer, shortcuts)
// Run with: npx tsx scripts/make-icons.mts
//
// Chromium renders the SVG because it is already here for the browser tests; no image library is
// added to the dependencies for a file that changes once a year.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RESOURCES = join(ROOT, 'resources')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** The freedesktop hicolor sizes; 512 is also the runtime window icon. */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
/** Windows picks per context: 16 (title bar, small lists), 24/32 (taskbar), 48 (Explorer), 256 (large tiles). */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * An ICO container whose entries are whole PNG files (valid since Windows Vista). The directory
 * stores 256 as 0, since width and height are one byte each.
 */
function buildIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(images.length, 4)
  const directory = Buffer.alloc(16 * images.length)
  let offset = header.length + directory.length
  images.forEach(({ size, png }, i) => {
    const at = i * 16
    directory.writeUInt8(size >= 256 ? 0 : size, at) // width
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1) // height
    directory.writeUInt8(0, at + 2) // palette colours: none
    directory.writeUInt8(0, at + 3) // reserved
    directory.writeUInt16LE(1, at + 4) // colour planes
    directory.writeUInt16LE(32, at + 6) // bits per pixel
    directory.writeUInt32LE(png.length, at + 8)
    directory.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, directory, ...images.map((image) => image.png)])
}

function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('Chromium did not return a PNG')
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

const svg = readFileSync(join(RESOURCES, 'icon.svg'))
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  // sRGB so the maroon in the PNG is the #8b1a1a of the SVG, whatever the display profile.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--force-color-profile=srgb', '--no-first-run'],
})
const rendered = new Map<number, Buffer>()
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  const src = `data:image/svg+xml;base64,${svg.toString('base64')}`
  for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES])) {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    )
    // A string, so that this file needs no DOM typings; a broken SVG fails here, not as a blank icon.
    await page.evaluate('document.images[0].decode()')
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    const { width, height } = pngSize(png)
    if (width !== size || height !== size) throw new Error(`${size}px icon came out ${width}x${height}`)
    rendered.set(size, png)
  }
} finally {
  await browser.close()
}

const png = (size: number): Buffer => {
  const image = rendered.get(size)
  if (!image) throw new Error(`no ${size}px rendering`)
  return image
}

mkdirSync(join(RESOURCES, 'icons'), { recursive: true })
for (const size of LINUX_SIZES) writeFileSync(join(RESOURCES, 'icons', `${size}x${size}.png`), png(size))
writeFileSync(join(RESOURCES, 'icon.png'), png(512))
writeFileSync(join(RESOURCES, 'icon.ico'), buildIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))))
console.log(
  `icons written: resources/icon.png, resources/icon.ico (${ICO_SIZES.join(', ')}), resources/icons/ (${LINUX_SIZES.join(', ')})`,
)
