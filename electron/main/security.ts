// Pure security rules of the desktop shell. Only type imports from 'electron' are allowed here:
// unit tests load this file under plain Node, where the Electron binary does not exist.
import type { BrowserWindowConstructorOptions } from 'electron'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../src/server/contentSecurityPolicy'

export const APP_SCHEME = 'app'
export const APP_HOST = 'gudang'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export const WINDOW_TITLE = 'Gudang Pemilu'

/** `devTools`: only for a developer's unpackaged app; the installed app can never open them. */
export function windowOptions(preloadPath: string, opts: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1366,
    height: 820,
    // Below this the AG Grid tally pages lose their quantity columns off-screen.
    minWidth: 1024,
    minHeight: 640,
    // Same colour as the UI background so the window does not flash white while loading.
    backgroundColor: '#f4f5f7',
    // Shown on 'ready-to-show' so the operator never sees a half-painted page.
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // The dictionary is English and would underline every Indonesian word.
      spellcheck: false,
      devTools: opts.devTools ?? false,
    },
  }
}

export { CONTENT_SECURITY_POLICY }

/**
 * Splits a URL into scheme and host without trusting WHATWG origins: for a non-special scheme
 * such as app: Node's URL reports the origin as "null", so origins cannot be compared directly.
 */
function schemeAndHost(url: string | undefined): { protocol: string; host: string } | null {
  if (typeof url !== 'string' || url.length === 0) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  // Userinfo is how "app://gudang@evil/" style confusion starts; no legitimate app URL has it.
  if (parsed.username !== '' || parsed.password !== '') return null
  return { protocol: parsed.protocol.toLowerCase(), host: parsed.host.toLowerCase() }
}

function isAppUrl(url: string | undefined): boolean {
  const p = schemeAndHost(url)
  return p !== null && p.protocol === `${APP_SCHEME}:` && p.host === APP_HOST
}

/** Same origin as the electron-vite dev server; only ever passed in by an unpackaged app. */
function isDevServerUrl(url: string | undefined, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false
  const dev = schemeAndHost(devServerUrl)
  const p = schemeAndHost(url)
  if (dev === null || p === null) return false
  if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return false
  return p.protocol === dev.protocol && p.host === dev.host
}

/**
 * Whether an IPC message may reach the dispatcher. Only frames showing our own UI qualify;
 * `devServerUrl` is the electron-vite dev server and must be left out in a packaged app.
 */
export function isTrustedSenderUrl(url: string | undefined, devServerUrl?: string): boolean {
  return isAppUrl(url) || isDevServerUrl(url, devServerUrl)
}

/** The window never leaves the app: any other target (web, file://, another scheme) is refused. */
export function isAllowedNavigation(url: string | undefined, devServerUrl?: string): boolean {
  return isAppUrl(url) || isDevServerUrl(url, devServerUrl)
}

/**
 * Maps app://gudang/<path> to a file inside rendererDir, or null when the request is not ours
 * or tries to leave rendererDir. Chromium already normalises standard-scheme URLs, but this is
 * the only gate between the renderer and the disk, so it checks the raw text itself.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string') return null
  const prefix = APP_ORIGIN
  if (requestUrl.slice(0, prefix.length).toLowerCase() !== prefix) return null
  let rest = requestUrl.slice(prefix.length)
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?') && !rest.startsWith('#')) return null
  const end = rest.search(/[?#]/)
  if (end >= 0) rest = rest.slice(0, end)

  let decoded: string
  try {
    decoded = decodeURIComponent(rest)
  } catch {
    return null
  }
  // Backslashes are separators on Windows; NUL truncates paths in native code.
  if (decoded.includes('\\') || decoded.includes('\0')) return null

  const relativePath = decoded.replace(/^\/+/, '')
  // A second leading slash ("//etc/passwd") or a drive letter ("/C:/...") would be absolute.
  if (decoded.startsWith('//') || /^[a-zA-Z]:/.test(relativePath) || isAbsolute(relativePath)) return null
  const segments = relativePath.split('/')
  if (segments.some((s) => s === '..' || s === '.')) return null

  const root = resolve(rendererDir)
  const target = resolve(
    root,
    relativePath === '' || relativePath.endsWith('/') ? `${relativePath}index.html` : relativePath,
  )
  const rel = relative(root, target)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null
  return target
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** Headers for a file served through app://; the CSP travels with every HTML document. */
export function responseHeaders(filePath: string): Record<string, string> {
  const type = CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  }
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
  return headers
}
