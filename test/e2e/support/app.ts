import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { JobPace } from '../../../src/api/jobPace'
import { startHttpServer, type RunningHttpServer } from '../../../src/server/http'
import { apiOf, openTestApp, type Api, type TestApp } from '../../support/api'
import {
  ensureBuiltUi,
  fullShot,
  journalPage,
  launchChromium,
  STATIC_DIR,
  watchPage,
  type ShotOptions,
} from './browser'
import { DEMO_USERS, signInContext, type DemoUser } from './session'

/**
 * The one set-up of every e2e file: an election file (the demo, or empty for a first run) opened as the
 * app, the browser-mode HTTP server on it, one Chromium with one context (1366 × 768, id-ID, downloads
 * on), optionally a demo user signed in, and one page that reports its errors. Call it once at the top
 * of a file (or a describe); it registers the beforeAll and afterAll that build and tear it down.
 */
export interface BrowserAppOptions {
  /** The demo election (default), or an empty file whose first screen is the set-up form. */
  demo?: boolean
  /** A demo user signed in for every page of the context, as the user switcher would. */
  signIn?: DemoUser
  /** Who `call` acts as (the ledger's actor); 'e2e' unless said. */
  actor?: string
  /** Runs through the dispatcher before the server and browser start: the floor the test needs. */
  seed?: (app: BrowserApp) => Promise<void>
  /** Browser permissions for the app's origin (e.g. the clipboard, for a real Ctrl+V). */
  permissions?: string[]
  /** Holds long jobs at a step until the test releases them (src/api/jobPace.ts). */
  jobPace?: JobPace
  /** Serve GET /peristiwa as npm start does, so the page follows changes made elsewhere (LAN stations). */
  liveUpdates?: boolean
  /**
   * The browser's language and locale (id-ID unless said): `en-US` is an office PC set up in English, where
   * the app must still write every date, time and number the Indonesian way.
   */
  lang?: string
  /**
   * The browser's time zone (playwright's timezoneId; the machine's own unless said): a PC whose clock is set
   * to another zone than the satker's, where every time on screen must still be the satker's.
   */
  timezoneId?: string
  /** The app's clock (openApp's `now`): rows recorded at a known instant. */
  now?: () => Date
}

export interface BrowserApp extends Pick<Api, 'call' | 'refusal'> {
  /** The opened election file (dispatcher, ctx, dbPath, state). */
  readonly opened: TestApp
  readonly server: RunningHttpServer
  readonly context: BrowserContext
  readonly page: Page
  /** A temporary folder of this file, removed at the end: downloads, uploads. */
  readonly dir: string
  /** The app's address with its token; `url('#/kemas')` for a page of it. */
  url(hash?: string): string
  /** Uncaught page errors, console errors, AG Grid warnings and the server's internal errors, in order. */
  readonly errors: string[]
  /** A whole-page screenshot in test-results/e2e/<name>.png. */
  screenshot(name: string, opts?: ShotOptions): Promise<void>
  /**
   * Closes the server and the app, runs `between` (e.g. editing the file behind the app's back), then opens
   * the same file again with a new server; the page stays and must navigate to the new url().
   */
  restart(between?: () => void | Promise<void>): Promise<void>
}

export function useBrowserApp(opts: BrowserAppOptions = {}): BrowserApp {
  const errors: string[] = []
  const journal: string[] = []
  let dir = ''
  let app: TestApp | undefined
  let server: RunningHttpServer | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let page: Page | undefined
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`useBrowserApp: ${what} is not ready (used outside a test?)`)
    return v
  }
  const open = async (dbPath: string): Promise<void> => {
    app = await openTestApp({
      dbPath,
      demo: opts.demo ?? true,
      who: opts.actor ?? 'e2e',
      onInternalError: (m, e) => errors.push(`[server] ${m}: ${String(e)}`),
      ...(opts.jobPace ? { jobPace: opts.jobPace } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    })
  }
  const serve = async (): Promise<void> => {
    const a = ready(app, 'the app')
    server = await startHttpServer({
      dispatcher: a.dispatcher,
      staticDir: STATIC_DIR,
      port: 0,
      jobs: a.jobs,
      // The live feed, as npm start serves it: pages refetch what another window or station changed.
      ...(opts.liveUpdates ? { peristiwa: a.peristiwa } : {}),
    })
  }
  const calls = apiOf(() => ready(app, 'the app'), opts.actor ?? 'e2e')

  const fixture: BrowserApp = {
    get opened() {
      return ready(app, 'the app')
    },
    get server() {
      return ready(server, 'the server')
    },
    get context() {
      return ready(context, 'the browser context')
    },
    get page() {
      return ready(page, 'the page')
    },
    get dir() {
      return dir
    },
    errors,
    url: (hash = '') => `${ready(server, 'the server').url}${hash}`,
    call: calls.call,
    refusal: calls.refusal,
    screenshot: (name, shot) => fullShot(ready(page, 'the page'), name, shot),
    async restart(between) {
      const dbPath = fixture.opened.dbPath
      await server?.close()
      app?.close()
      await between?.()
      await open(dbPath)
      await serve()
    },
  }

  beforeAll(async () => {
    ensureBuiltUi()
    dir = mkdtempSync(join(tmpdir(), 'gudang-e2e-'))
    await open(join(dir, 'gudang.sqlite'))
    await opts.seed?.(fixture)
    await serve()
    browser = await launchChromium(opts.lang)
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: opts.lang ?? 'id-ID',
      acceptDownloads: true,
      ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    })
    if (opts.permissions) await context.grantPermissions(opts.permissions, { origin: new URL(fixture.url()).origin })
    if (opts.signIn) await signInContext(context, fixture.opened, fixture.server, DEMO_USERS[opts.signIn])
    page = await context.newPage()
    watchPage(page, errors)
    journalPage(page, journal)
  })

  // A failed test prints what the page did during it (journalPage).
  beforeEach((ctx) => {
    journal.length = 0
    ctx.onTestFailed(() => {
      if (journal.length) console.error(`What the page did during "${ctx.task.name}":\n${journal.join('\n')}`)
    })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    app?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  return fixture
}
