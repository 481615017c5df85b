// The app:// protocol handler, kept free of Electron imports so tests can call it directly.
// Inside the packaged app node:fs reads through app.asar transparently.
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { contentDisposition, DOWNLOAD_PREFIX, parseDownloadPath, type JobDownload } from '../../src/api/jobs'
import { APP_ORIGIN, resolveAppFile, responseHeaders } from './security'

const text = (body: string, status: number): Response =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  })

/** A finished long job's file, by the job and key in its /unduh/ address (OpenedApp.jobs.download). */
export type DownloadLookup = (id: string, key: string) => JobDownload | null

export function createFileHandler(rendererDir: string, downloads: DownloadLookup = () => null) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text('Metode tidak diizinkan', 405)
    const download = downloadOf(request.url, downloads)
    if (download !== undefined) {
      if (download === null)
        return text('Berkas hasil pekerjaan ini tidak ada (kuncinya salah, atau sudah lama selesai)', 404)
      const headers = {
        'Content-Type': download.mime,
        'Content-Disposition': contentDisposition(download.fileName),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      }
      if (request.method === 'HEAD') return new Response(null, { headers })
      // Streamed: a kabupaten's labels can be hundreds of megabytes.
      return new Response(Readable.toWeb(createReadStream(download.file)) as ReadableStream, { headers })
    }
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

/** undefined: not a download address; null: a download address that names no file. */
function downloadOf(url: string, downloads: DownloadLookup): JobDownload | null | undefined {
  if (url.slice(0, APP_ORIGIN.length).toLowerCase() !== APP_ORIGIN) return undefined
  const pathname = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? ''
  if (!pathname.startsWith(DOWNLOAD_PREFIX)) return undefined
  const ref = parseDownloadPath(pathname)
  return ref ? downloads(ref.id, ref.key) : null
}
