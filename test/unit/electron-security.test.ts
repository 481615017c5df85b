import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { appMenuTemplate } from '../../electron/main/menu'
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isTrustedSenderUrl,
  resolveAppFile,
  responseHeaders,
  windowOptions,
} from '../../electron/main/security'
import { useTempDir } from '../support/tempDir'

const DEV = 'http://localhost:5173/'

describe('windowOptions', () => {
  const opts = windowOptions('/app/out/preload/index.js')
  const web = opts.webPreferences ?? {}

  it('isolates the renderer from Node and Electron', () => {
    expect(web.preload).toBe('/app/out/preload/index.js')
    expect(web.sandbox).toBe(true)
    expect(web.contextIsolation).toBe(true)
    expect(web.nodeIntegration).toBe(false)
    expect(web.nodeIntegrationInWorker).toBe(false)
    expect(web.nodeIntegrationInSubFrames).toBe(false)
    expect(web.webSecurity).toBe(true)
    expect(web.allowRunningInsecureContent).toBe(false)
    expect(web.webviewTag).toBe(false)
  })

  it('opens DevTools only when asked, for the unpackaged app of a developer', () => {
    expect(web.devTools).toBe(false)
    expect(windowOptions('/p.js', { devTools: true }).webPreferences?.devTools).toBe(true)
  })

  it('is a usable desktop window titled in the app name', () => {
    expect(web.spellcheck).toBe(false)
    expect(opts.title).toBe('Gudang Pemilu')
    expect(opts.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
    expect(opts.minWidth).toBeGreaterThanOrEqual(1024)
    expect(opts.minHeight).toBeGreaterThanOrEqual(600)
    expect(opts.width).toBeGreaterThanOrEqual(opts.minWidth!)
    expect(opts.height).toBeGreaterThanOrEqual(opts.minHeight!)
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!, parts.slice(1)] as const),
  )

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(directives.get(name)).toEqual(sources)
  })

  it('never allows eval, inline scripts or any host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('*')
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
    for (const sources of directives.values()) {
      for (const s of sources) expect(s).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/)
    }
  })

  it('travels with HTML responses only', () => {
    expect(responseHeaders('/r/index.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(responseHeaders('/r/index.html')['Content-Type']).toBe('text/html; charset=utf-8')
    expect(responseHeaders('/r/assets/app.js')['Content-Type']).toBe('text/javascript; charset=utf-8')
    expect(responseHeaders('/r/assets/app.js')['Content-Security-Policy']).toBeUndefined()
    expect(responseHeaders('/r/blob.unknown')['Content-Type']).toBe('application/octet-stream')
    expect(responseHeaders('/r/x.css')['X-Content-Type-Options']).toBe('nosniff')
  })
})

describe('app origin', () => {
  it('is app://gudang', () => {
    expect(APP_SCHEME).toBe('app')
    expect(APP_ORIGIN).toBe('app://gudang')
  })
})

describe('isTrustedSenderUrl', () => {
  it.each(['app://gudang/index.html', 'app://gudang/', 'app://gudang/laporan?x=1#top', 'APP://GUDANG/index.html'])(
    'trusts %s',
    (url) => {
      expect(isTrustedSenderUrl(url)).toBe(true)
    },
  )

  it.each([
    undefined,
    '',
    'http://127.0.0.1',
    'http://127.0.0.1:5173/',
    'https://gudang/',
    'file:///',
    'file:///C:/app/out/renderer/index.html',
    'app://evil/',
    'app://gudang.evil/',
    'app://gudang@evil/',
    'app://evil@gudang/',
    'app://gudang:8080/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false)
  })

  it('trusts the electron-vite dev server only when it is passed in', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/index.html')).toBe(false)
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', DEV)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', DEV)).toBe(false)
    expect(isTrustedSenderUrl('https://localhost:5173/', DEV)).toBe(false)
    expect(isTrustedSenderUrl('file:///etc/passwd', 'file:///etc/')).toBe(false)
  })
})

describe('isAllowedNavigation', () => {
  it('stays inside the app', () => {
    expect(isAllowedNavigation('app://gudang/index.html')).toBe(true)
    expect(isAllowedNavigation('app://gudang/#/penerimaan')).toBe(true)
  })

  it.each([
    'https://kpu.go.id/',
    'http://127.0.0.1:8080/',
    'file:///C:/Windows/System32/',
    'app://evil/index.html',
    'mailto:admin@example.com',
    'javascript:void(0)',
    'about:blank',
    undefined,
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false)
  })

  it('allows the dev server only in development', () => {
    expect(isAllowedNavigation('http://localhost:5173/')).toBe(false)
    expect(isAllowedNavigation('http://localhost:5173/', DEV)).toBe(true)
    expect(isAllowedNavigation('https://example.com/', DEV)).toBe(false)
  })
})

describe('resolveAppFile', () => {
  const root = useTempDir('renderer')
  const renderer = join(root, 'renderer')

  beforeAll(() => {
    mkdirSync(join(renderer, 'assets'), { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Gudang Pemilu</title>')
    writeFileSync(join(renderer, 'assets', 'index-abc123.js'), 'console.log(1)')
    // A file just outside the renderer folder: the target of every traversal attempt below.
    writeFileSync(join(root, 'secret.sqlite'), 'rahasia')
  })

  it('maps the root to index.html', () => {
    expect(resolveAppFile(renderer, 'app://gudang/')).toBe(join(renderer, 'index.html'))
    expect(resolveAppFile(renderer, 'app://gudang')).toBe(join(renderer, 'index.html'))
    expect(resolveAppFile(renderer, 'app://gudang/?v=2')).toBe(join(renderer, 'index.html'))
  })

  it('maps a path to the real file inside the renderer folder', () => {
    const file = resolveAppFile(renderer, 'app://gudang/assets/index-abc123.js?t=1#x')
    expect(file).toBe(join(renderer, 'assets', 'index-abc123.js'))
    expect(readFileSync(file!, 'utf8')).toBe('console.log(1)')
    expect(resolveAppFile(renderer, 'app://gudang/index.html')).toBe(join(renderer, 'index.html'))
    expect(resolveAppFile(renderer, 'app://gudang/assets/nama%20berkas.js')).toBe(
      join(renderer, 'assets', 'nama berkas.js'),
    )
  })

  it('accepts a relative renderer folder and returns an absolute path', () => {
    expect(resolveAppFile(relative(process.cwd(), renderer), 'app://gudang/index.html')).toBe(
      join(renderer, 'index.html'),
    )
  })

  it.each([
    'app://gudang/../secret.sqlite',
    'app://gudang/assets/../../secret.sqlite',
    'app://gudang/%2e%2e/secret.sqlite',
    'app://gudang/%2E%2E/secret.sqlite',
    'app://gudang/.%2e/secret.sqlite',
    'app://gudang/assets/%2e%2e%2f%2e%2e%2fsecret.sqlite',
    'app://gudang/..%2fsecret.sqlite',
    'app://gudang/..%5csecret.sqlite',
    'app://gudang/..\\secret.sqlite',
    'app://gudang/assets\\..\\..\\secret.sqlite',
    'app://gudang/./index.html',
    'app://gudang//etc/passwd',
    'app://gudang/%2fetc%2fpasswd',
    'app://gudang/C:/Windows/win.ini',
    'app://gudang/c:%5cWindows%5cwin.ini',
    'app://gudang/index.html%00.png',
    'app://gudang/%E0%A4%A',
    'app://evil/index.html',
    'app://gudang.evil/index.html',
    'app://gudang@evil/index.html',
    'app://gudangx/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1/index.html',
    '/etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(renderer, url)).toBeNull()
  })
})

describe('electron-builder.yml', () => {
  const yml = readFileSync(resolve(__dirname, '../../electron-builder.yml'), 'utf8')
  // Only top-level keys start at column 0; a block ends at the next one.
  const block = (key: string): string => {
    const m = new RegExp(`^${key}:[^\\n]*\\n((?:[ \\t]+[^\\n]*\\n|[ \\t]*\\n)*)`, 'm').exec(yml)
    return m?.[1] ?? ''
  }

  it('never rebuilds native modules (better-sqlite3 ships N-API binaries)', () => {
    expect(yml).toMatch(/^npmRebuild:\s*false\s*$/m)
  })

  it('packs into asar and keeps the SQLite binary outside it', () => {
    expect(yml).toMatch(/^asar:\s*true\s*$/m)
    expect(block('asarUnpack')).toMatch(/better-sqlite3\/prebuilds\/\*\.node/)
  })

  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
    ['enableCookieEncryption', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
  ])('sets the fuse %s to %s', (fuse, value) => {
    const fuses = block('electronFuses')
    expect(fuses).not.toBe('')
    expect(fuses).toMatch(new RegExp(`^\\s+${fuse}:\\s*${value}\\s*$`, 'm'))
  })

  it('names the product and ships the demo data and fonts outside the archive', () => {
    expect(yml).toMatch(/^productName:\s*Gudang Pemilu\s*$/m)
    expect(yml).toMatch(/^appId:\s*\S+/m)
    const extra = block('extraResources')
    expect(extra).toMatch(/from:\s*resources\/demo\s*\n\s*to:\s*demo\s*$/m)
    expect(extra).toMatch(/from:\s*resources\/fonts\s*\n\s*to:\s*fonts\s*$/m)
  })

  it('builds Windows installers and Linux packages for x64', () => {
    const win = block('win')
    expect(win).toMatch(/target:\s*nsis/)
    expect(win).toMatch(/target:\s*portable/)
    const linux = block('linux')
    expect(linux).toMatch(/target:\s*AppImage/)
    expect(linux).toMatch(/target:\s*deb/)
  })
})

describe('appMenuTemplate', () => {
  type Item = Electron.MenuItemConstructorOptions
  const items = (list: Item[]): Item[] =>
    list.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])])
  const all = items(appMenuTemplate())

  it('offers no way to DevTools or a reload that would lose a half-typed form', () => {
    const roles = all.map((i) => i.role?.toLowerCase()).filter(Boolean)
    expect(roles.length).toBeGreaterThan(0)
    for (const forbidden of ['toggledevtools', 'reload', 'forcereload', 'viewmenu', 'windowmenu', 'appmenu'])
      expect(roles).not.toContain(forbidden)
    // A click handler could open anything; the menu is roles only.
    expect(all.filter((i) => i.click)).toEqual([])
  })

  it('keeps editing and zoom, labelled in Indonesian', () => {
    const roles = all.map((i) => i.role)
    for (const role of ['copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom'] as const)
      expect(roles).toContain(role)
    for (const item of all.filter((i) => i.type !== 'separator'))
      expect(item.label, String(item.role)).toMatch(
        /^(Sunting|Tampilan|Urungkan|Ulangi|Potong|Salin|Tempel|Pilih semua|Ukuran asli|Perbesar|Perkecil|Layar penuh)$/,
      )
  })
})
