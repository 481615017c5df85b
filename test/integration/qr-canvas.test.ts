import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FONT_FAMILY, renderPdf, type Content } from '../../src/reports/pdf'
import { qrCanvas, sizedQr } from '../../src/reports/pdf/qr'
import { useTempDir } from '../support/tempDir'

/**
 * The berita acara footer draws its QR code as pdfmake canvas rectangles of merged dark modules
 * (qrCanvas) instead of pdfmake's qr node, one rectangle per dark module. Rendered by poppler, the two
 * must be the same picture, and it must scan down to 72 dpi (docs/documents.md).
 */
const root = useTempDir('qr-canvas')

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} gagal (${r.status}): ${r.stderr}`)
  return r.stdout
}

async function page(name: string, node: Content): Promise<string> {
  const file = join(root, `${name}.pdf`)
  // Footer-like placement: fractional coordinates, as the real footer has.
  writeFileSync(
    file,
    await renderPdf({
      pageSize: { width: 200, height: 200 },
      pageMargins: [23.3, 31.7, 10, 10],
      content: [node],
      defaultStyle: { font: FONT_FAMILY },
    }),
  )
  return file
}

const PAYLOADS = [12, 26, 40, 60, 84, 100].map((n) =>
  `GUDANG-PEMILU|1219|DOK-17|514/PP.09.4-BA/1219/2024|18204:3f9a0c1b2d4e5f60${'X'.repeat(60)}`.slice(0, n),
)

describe('footer QR as merged rectangles', () => {
  it('is the picture of pdfmake’s qr node, at 72 and 150 dpi, for every QR version the footer uses', async () => {
    for (const [i, text] of PAYLOADS.entries()) {
      const ours = qrCanvas(text)
      expect(ours.size).toBe(sizedQr(text).size)
      // Merged runs keep the footer small: well under one rectangle per dark module (a 100-byte payload is
      // version 6 at level M since the sizes reach version 7, 41×41 modules).
      expect(ours.node.canvas.length).toBeLessThan(400)
      const a = await page(`pdfmake-${i}`, sizedQr(text).node)
      const b = await page(`canvas-${i}`, ours.node)
      for (const dpi of ['72', '150']) {
        const [pa, pb] = [a, b].map((f) => {
          run('pdftoppm', ['-r', dpi, '-gray', '-singlefile', f, f.replace(/\.pdf$/, `-${dpi}`)])
          return readFileSync(f.replace(/\.pdf$/, `-${dpi}.pgm`))
        })
        expect(pb!.equals(pa!), `${text.length} bytes at ${dpi} dpi`).toBe(true)
        run('pdftoppm', ['-r', dpi, '-png', '-singlefile', b, b.replace(/\.pdf$/, `-${dpi}`)])
        expect(
          run('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', b.replace(/\.pdf$/, `-${dpi}.png`)]).trim(),
        ).toBe(text)
      }
    }
  })
})
