import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, type WebContents } from 'electron'
import { join } from 'node:path'
import { openApp, type OpenedApp } from '../../src/api/app'
import { runCli } from '../../src/cli/main'
import { DEMO_DB_FILE, defaultDataDir } from '../../src/db/paths'
import { cliArguments } from './cli'
import { API_CHANNEL, createApiHandler, isTrustedSender } from './ipc'
import { startLanHost, type LanHost } from '../../src/server/lan/host'
import {
  ALARM_SEKARANG,
  followHost,
  lepaskan,
  openStation,
  sambungkan,
  STATION_FILE,
  stationDispatcher,
  type IkutiInduk,
} from './stasiun'
import { appMenuTemplate } from './menu'
import { APP_ORIGIN, APP_SCHEME, isAllowedNavigation, windowOptions } from './security'
import { createFileHandler } from './serve'

// An environment variable must never make a packaged app load (and trust) a foreign page.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

const rendererDir = join(__dirname, '../renderer')
const preloadPath = join(__dirname, '../preload/index.js')
// Packaged: electron-builder copies resources/demo and resources/fonts next to app.asar.
const resourcesDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources')

// userData must be the folder browser mode and the CLI use (src/db/paths.ts), whatever name
// Electron derives from package.json; it also scopes the single-instance lock below.
app.setPath('userData', defaultDataDir())

app.enableSandbox()
// Date and number inputs follow the UI's language, not the PC's: 21/10/2024, never 10/21/2024.
app.commandLine.appendSwitch('lang', 'id-ID')

// codeCache: V8 keeps the compiled UI between starts (a standard scheme's privilege since Electron 28), so the
// window's second start does not compile 0.4 MB of script again, as a browser does for the hashed files.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
])

let mainWindow: BrowserWindow | null = null
/** A station's following of its host (null on a PC with its own file). */
let stationFollow: IkutiInduk | null = null
let opened: OpenedApp | null = null
/** The LAN listener of a host (off until an admin switches it on in Pengaturan › Stasiun). */
let lanHost: LanHost | null = null
/** Stops following the host's live feed, on a station. */
const stationFeed = new AbortController()
let closing = false
let closedWithBackup = false
/** Quitting must not hang on a slow or failing disk; WAL + synchronous=FULL already made every write durable. */
const CLOSE_BACKUP_TIMEOUT_MS = 20_000
/** Built beside this file by electron-vite (electron.vite.config.ts): long jobs run in it. */
const worker = { file: join(__dirname, 'jobWorker.js') }

const cliArgv = cliArguments(process.argv, app.isPackaged)
if (cliArgv) {
  // `"Gudang Pemilu.exe" cli …`: the command line, no window, no single-instance lock (a check may run
  // beside the open app); it exits with the command's code. On Windows Electron attaches to the
  // console it was started from, so the output reaches it.
  runCli(cliArgv, { worker })
} else if (!app.requestSingleInstanceLock()) {
  // Two windows writing the same ledger would be two operators with one pen; the first one wins.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', (event) => {
    // The closing backup is asynchronous: hold the quit once, back up, then quit for real.
    if (closedWithBackup || !opened) return closeDatabase()
    event.preventDefault()
    closing = true
    const current = opened
    opened = null
    void lanHost?.close()
    const timeout = new Promise<void>((r) => setTimeout(r, CLOSE_BACKUP_TIMEOUT_MS))
    Promise.race([current.closeWithBackup(), timeout])
      .catch((err: unknown) => console.error('Cadangan saat menutup gagal:', err))
      .finally(() => {
        if (current.ctx.db.open) current.close()
        closedWithBackup = true
        app.quit()
      })
  })
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal(err))
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  const keepInApp = (event: Electron.Event<{ url: string }>) => {
    if (!isAllowedNavigation(event.url, devServerUrl)) event.preventDefault()
  }
  contents.on('will-navigate', keepInApp)
  contents.on('will-frame-navigate', keepInApp)
  contents.on('will-redirect', keepInApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

async function start(): Promise<void> {
  const ses = session.defaultSession
  // The app needs no camera, notification, clipboard-read or any other browser permission.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)

  // A station (paired with a host) opens no election file: every call goes to the host (docs/lan.md).
  const stationFile = join(app.getPath('userData'), STATION_FILE)
  const restartAfter = (r: Electron.IpcMainInvokeEvent, run: () => Promise<unknown> | unknown) => {
    if (!isTrustedSender(r, devServerUrl)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Ditolak' } }
    return Promise.resolve(run()).then((answer) => {
      if ((answer as { ok: boolean }).ok) setTimeout(() => (app.relaunch(), app.quit()), 300)
      return answer
    })
  }
  ipcMain.handle('stasiun:sambungkan', (e, input: unknown) =>
    restartAfter(e, () => sambungkan(stationFile, (input ?? {}) as Parameters<typeof sambungkan>[1])),
  )
  ipcMain.handle('stasiun:lepaskan', (e) => restartAfter(e, () => lepaskan(stationFile)))
  // The desktop station's standing witness alarm, asked for by a window that loaded after it was raised.
  ipcMain.handle(ALARM_SEKARANG, (e) => (isTrustedSender(e, devServerUrl) ? (stationFollow?.alarm() ?? null) : null))
  const station = process.env.GUDANG_DB ? null : openStation(stationFile)
  if (station) return startStation(station.klien)

  // `||`, not `??`: an empty GUDANG_DB left in the environment must not open an anonymous database.
  const dbPath = process.env.GUDANG_DB || join(app.getPath('userData'), DEMO_DB_FILE)
  // The window loads while the database opens (the demo election is built on first start);
  // 'api' calls wait for it, and a failure ends the app with an explanation.
  const pending = openApp({
    dbPath,
    demoCsvPath: join(resourcesDir, 'demo', 'tps-batubara-2024.csv'),
    backups: { onError: (reason, err) => console.error(`Cadangan (${reason}) gagal:`, err) },
    saksiDir: join(app.getPath('userData'), 'saksi'),
    backgroundCheck: true,
    worker,
  })
  pending.then(
    (o) => {
      if (closing) return o.close()
      opened = o
      o.peristiwa.subscribe((p) => mainWindow?.webContents.send('peristiwa', p))
      // Host mode: the listener comes back on by itself when the admin left it on.
      startLanHost({ app: o, staticDir: rendererDir, log: (l) => console.log(`[lan] ${l}`) }).then(
        (h) => (lanHost = h),
        (err: unknown) => console.error('Mode induk tidak dapat dimulai:', err),
      )
    },
    (err: unknown) => fatal(err, dbPath),
  )

  protocol.handle(
    APP_SCHEME,
    createFileHandler(rendererDir, (id, key) => opened?.jobs?.download(id, key) ?? null),
  )
  // A backup folder is one a person chose in the system's dialog (issue 15): no script in the window can
  // choose for them, so the choice is passed on as the dialog's (transport 'dialog', api/auth.ts), without a PIN.
  ipcMain.handle('cadangan:pilihFolder', async (e) => {
    if (!isTrustedSender(e, devServerUrl)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Ditolak' } }
    const options: Electron.OpenDialogOptions = {
      title: 'Pilih folder cadangan',
      properties: ['openDirectory', 'createDirectory'],
    }
    const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
    const folder = picked.canceled ? undefined : picked.filePaths[0]
    if (!folder) return { ok: true, result: null }
    const answer = await (opened ?? (await pending)).dispatcher.call(
      'cadangan.pilihFolder',
      { folder },
      { actor: 'pengguna di PC ini (jendela pemilih folder)', transport: 'dialog' },
    )
    return answer.ok ? { ok: true, result: folder } : answer
  })
  ipcMain.handle(
    API_CHANNEL,
    createApiHandler({
      dispatcher: async () => (opened ?? (await pending)).dispatcher,
      isClosing: () => closing,
      devServerUrl,
    }),
  )

  await openWindow()
}

/** A station's window: the bundled UI, its calls forwarded to the host, the host's live feed followed. */
async function startStation(klien: Parameters<typeof stationDispatcher>[0]): Promise<void> {
  protocol.handle(
    APP_SCHEME,
    createFileHandler(rendererDir, () => null),
  )
  const dispatcher = stationDispatcher(klien)
  ipcMain.handle(
    API_CHANNEL,
    createApiHandler({ dispatcher: async () => dispatcher, isClosing: () => closing, devServerUrl }),
  )
  stationFollow = followHost(
    klien,
    (channel, payload) => mainWindow?.webContents.send(channel, payload),
    stationFeed.signal,
  )
  app.on('before-quit', () => {
    stationFeed.abort()
    klien.close()
  })
  await openWindow()
}

async function openWindow(): Promise<void> {
  // The installed app offers neither Reload nor DevTools (electron/main/menu.ts); `npm start` keeps both.
  if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate()))
  mainWindow = new BrowserWindow({
    ...windowOptions(preloadPath, { devTools: !app.isPackaged }),
    // Windows takes the window icon from the exe; Linux window managers need it here (electron-builder.yml linux.extraResources).
    ...(process.platform === 'linux' ? { icon: join(resourcesDir, 'icon.png') } : {}),
  })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  await mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}

function closeDatabase(): void {
  closing = true
  const current = opened
  opened = null
  if (!current) return
  try {
    current.close()
  } catch (err) {
    // WAL with synchronous=FULL already made every acknowledged write durable; quitting must not hang.
    console.error('Gagal menutup basis data dengan rapi:', err)
  }
}

let fatalShown = false
function fatal(err: unknown, dbPath?: string): void {
  if (fatalShown) return
  fatalShown = true
  console.error(err)
  const reason = err instanceof Error ? err.message : String(err)
  const [title, body] = dbPath
    ? [
        'Basis data tidak dapat dibuka',
        `Berkas basis data: ${dbPath}\n\n${reason}\n\n` +
          'Jika berkas ini dibuat oleh versi Gudang Pemilu yang lebih baru, pasang versi terbaru aplikasi ini. ' +
          'Jangan menghapus atau memindahkan berkas basis data; hubungi pengelola aplikasi dengan menyertakan pesan ini.',
      ]
    : ['Gudang Pemilu tidak dapat dijalankan', `${reason}\n\nHubungi pengelola aplikasi dengan menyertakan pesan ini.`]
  dialog.showErrorBox(title, `${body}\n\nAplikasi akan ditutup.`)
  closeDatabase()
  app.exit(1)
}
