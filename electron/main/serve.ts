// The app:// protocol handler, kept free of Electron imports so tests can call it directly.
// Inside the packaged app node:fs reads through app.asar transparently.
import { readFile } from 'node:fs/promises'
import { resolveAppFile, responseHeaders } from './security'

const text = (body: string, status: number): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })

export function createFileHandler(rendererDir: string) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text('Metode tidak diizinkan', 405)
    const file = resolveAppFile(rendererDir, request.url)
    if (file === null) return text('Permintaan ditolak', 403)
    try {
      const body = await readFile(file)
      return new Response(request.method === 'HEAD' ? null : body, { headers: responseHeaders(file) })
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | null)?.code
      // The UI routes by #hash, so a missing file is a genuine 404, never a client-side route.
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return text('Berkas tidak ditemukan', 404)
      throw err
    }
  }
}
