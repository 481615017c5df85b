import { lazy, Suspense, useEffect, useRef, useState, type ComponentType, type LazyExoticComponent } from 'react'
import type { MethodName, MethodOutput, Pemilihan } from '../api/contract'
import type { Cakupan } from '../core/stasiun'
import { aturStasiunElectron, transport, UNAUTHORIZED_EVENT } from './api'
import { muatAntrean } from './antrean'
import { DataProvider, useApi } from './components/data'
import { LiveUpdates } from './components/LiveUpdates'
import { bolehMembaca, CakupanContext } from './components/cakupan'
import { ErrorBanner, Loading, ToastProvider } from './components/Feedback'
import { Brand } from './components/Brand'
import { firstReads } from './firstReads'
import { aturZonaTampil, electionTitle } from './format'
import { IANA_ZONA } from '../core/zonaWaktu'
import { HistoryProvider } from './components/History'
import { LeaveQuestion } from './components/LeaveQuestion'
import { UserChip } from './components/UserChip'
import { useSession } from './components/session'
import { SessionProvider } from './components/UserSwitcher'
import { StasiunBar } from './pages/stasiun/StasiunBar'
import { PILIH_PENGGUNA_KEY, StasiunPasangPage } from './pages/stasiun/StasiunPasang'
import { stasiunIni } from './stasiunIni'
import { PemulihanPage } from './pages/pemulihan/Pemulihan'
import { SetupPage } from './pages/setup/Setup'
import { currentLocation, href, ROUTES, useLocation, type Route } from './router'

type SystemStatus = MethodOutput<'sistem.lihatStatus'>

/** What the shell hands every page; each page takes the part it needs. */
interface PageProps {
  election: Pemilihan
  params: string[]
  system: SystemStatus | undefined
}

/**
 * Each page is its own chunk, loaded when first opened: the first screen needs only the shell and Beranda,
 * and AG Grid and the charts come with the pages that use them (the single 3.4 MB bundle took 1–3 s).
 */
const PAGE_MODULES = {
  beranda: () => import('./pages/beranda/Beranda').then((m) => m.BerandaPage),
  penerimaan: () => import('./pages/penerimaan/Penerimaan').then((m) => m.PenerimaanPage),
  shift: () => import('./pages/shift/Shift').then((m) => m.ShiftPage),
  pekerja: () => import('./pages/pekerja/Pekerja').then((m) => m.PekerjaPage),
  kemas: () => import('./pages/kemas/Kemas').then((m) => m.KemasPage),
  'serah-terima': () => import('./pages/serahTerima/SerahTerima').then((m) => m.SerahTerimaPage),
  pemusnahan: () => import('./pages/pemusnahan/Pemusnahan').then((m) => m.PemusnahanPage),
  dokumen: () => import('./pages/dokumen/Dokumen').then((m) => m.DokumenPage),
  wilayah: () => import('./pages/wilayah/Wilayah').then((m) => m.WilayahPage),
  kebutuhan: () => import('./pages/kebutuhan/Kebutuhan').then((m) => m.KebutuhanPage),
  pengaturan: () => import('./pages/pengaturan/Pengaturan').then((m) => m.PengaturanPage),
  pengguna: () => import('./pages/pengguna/Pengguna').then((m) => m.PenggunaPage),
  cadangan: () => import('./pages/cadangan/Cadangan').then((m) => m.CadanganPage),
  integritas: () => import('./pages/integritas/Integritas').then((m) => m.IntegritasPage),
  'cek-dokumen': () => import('./pages/cekDokumen/CekDokumen').then((m) => m.CekDokumenPage),
} satisfies Record<Route, () => Promise<ComponentType<PageProps>>>

/**
 * The pages whose chunk has arrived, rendered as they are. React.lazy suspends on a page's first render even
 * when its chunk is already here, and React then holds the page behind the boundary's fallback for 300 ms
 * (its throttle against flashing content): on the first screen that was 300 ms of "Membuka halaman…" after
 * the page and its data had all arrived.
 */
const LOADED: Partial<Record<Route, ComponentType<PageProps>>> = {}
const loadPage = (route: Route) =>
  PAGE_MODULES[route]().then((Page) => {
    LOADED[route] = Page
    return Page
  })

/**
 * Every page, waiting for its chunk: the Shell renders the one in the address. A page already here is
 * handed over by a thenable that answers at once (React.lazy takes any thenable), so it renders without
 * suspending.
 */
const PAGES = Object.fromEntries(
  ROUTES.map((route) => [
    route,
    lazy(() => {
      const Page = LOADED[route]
      if (!Page) return loadPage(route).then((P) => ({ default: P }))
      const here: PromiseLike<{ default: ComponentType<PageProps> }> = {
        then: (ok) => Promise.resolve(ok ? ok({ default: Page }) : undefined) as never,
      }
      return here as Promise<{ default: ComponentType<PageProps> }>
    }),
  ]),
) as Record<Route, LazyExoticComponent<ComponentType<PageProps>>>

/**
 * The shell waits for the page in the address (its chunk leaves with the app, beside the first reads) and for
 * the first reads' answers, so the first screen is drawn once, whole: React.lazy would show the page's
 * fallback (see LOADED), and each answer drawn as it came was a render and a layout of the whole page. It
 * waits a second at most: a slow read (figures computed again after a write on a big file, a station on a
 * slow network) then comes in as it is answered, as on any later page.
 */
const FIRST_SCREEN_WAIT_MS = 1000
let firstScreenReady = false
const firstScreen: Promise<void> = Promise.race([
  Promise.all([loadPage(currentLocation().route).catch(() => {}), firstReads]),
  new Promise((r) => setTimeout(r, FIRST_SCREEN_WAIT_MS)),
]).then(() => void (firstScreenReady = true))

interface NavItem {
  route: Route
  label: string
  hint: string
}

const NAV: NavItem[] = [
  { route: 'beranda', label: 'Beranda', hint: 'Posisi surat suara per jenis dan dapil, kemajuan sortir-lipat' },
  {
    route: 'penerimaan',
    label: 'Penerimaan',
    hint: 'Penerimaan logistik dari penyedia: surat jalan, BTTB, selisih dan tertukar',
  },
  { route: 'shift', label: 'Sortir & Rakit', hint: 'Shift sortir-lipat dan rakit, tally per regu, rusak per alasan' },
  { route: 'pekerja', label: 'Pekerja & Regu', hint: 'Pekerja, regu, ketua dan target harian' },
  {
    route: 'kemas',
    label: 'Pengemasan',
    hint: 'Setting dan pengemasan kit per TPS, label kotak, daftar isi kit, nomor segel',
  },
  {
    route: 'serah-terima',
    label: 'Serah Terima',
    hint: 'Serah terima kit TPS ke PPK (Panitia Pemilihan Kecamatan), konfirmasi dan pengembalian',
  },
  { route: 'pemusnahan', label: 'Pemusnahan', hint: 'Pemusnahan surat suara rusak dan lebih, dengan berita acara' },
  { route: 'dokumen', label: 'Dokumen', hint: 'Berita acara, rekap harian dan rekap upah' },
  { route: 'wilayah', label: 'Wilayah & TPS', hint: 'Kecamatan, desa/kelurahan, TPS dan DPT' },
  { route: 'kebutuhan', label: 'Kebutuhan', hint: 'Kebutuhan per TPS, desa, kecamatan dan dapil' },
  { route: 'pengaturan', label: 'Pengaturan', hint: 'Satker, cadangan, barang, dapil dan stasiun LAN' },
]

/** Who may do what, and whether the record can be trusted: used less often, listed apart. */
const NAV_TRUST: NavItem[] = [
  { route: 'pengguna', label: 'Pengguna', hint: 'Operator, koordinator dan admin; PIN' },
  { route: 'cadangan', label: 'Cadangan', hint: 'Cadangan basis data, cadangkan ke USB, pulihkan' },
  { route: 'integritas', label: 'Periksa integritas', hint: 'Periksa rantai hash buku besar dan saldo' },
  { route: 'cek-dokumen', label: 'Cek dokumen', hint: 'Periksa berita acara tercetak terhadap buku besar' },
]

/**
 * What a station's scope lets it see: a page is in its menu when the station may read what the page is
 * about (core/stasiun.ts cakupanMengizinkan, the host's own rule). Pengaturan and the trust pages are
 * the host's, or a station with full scope's.
 */
const ROUTE_READS: Partial<Record<Route, MethodName>> = {
  beranda: 'rekonsiliasi.lihat',
  penerimaan: 'penerimaan.daftar',
  shift: 'shift.daftar',
  pekerja: 'pekerja.daftar',
  kemas: 'kemas.lihatKemajuan',
  'serah-terima': 'serahTerima.daftar',
  pemusnahan: 'pemusnahan.daftar',
  dokumen: 'dokumen.daftar',
  wilayah: 'wilayah.daftarTps',
  kebutuhan: 'kebutuhan.daftarTps',
}

/** The menu's line drawings (24 × 24), one path a stroke. */
const NAV_ICONS: Record<Route, string[]> = {
  beranda: ['M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z'],
  penerimaan: [
    'M3 7h11v9H3z',
    'M14 10h4l3 3v3h-7z',
    'M5.2 18a1.8 1.8 0 1 0 3.6 0a1.8 1.8 0 1 0 -3.6 0',
    'M15.2 18a1.8 1.8 0 1 0 3.6 0a1.8 1.8 0 1 0 -3.6 0',
  ],
  shift: ['M6 4h12a2 2 0 0 1 2 2v12a2 2 0 0 1 -2 2h-12a2 2 0 0 1 -2 -2v-12a2 2 0 0 1 2 -2z', 'M8 9h8M8 13h8M8 17h5'],
  pekerja: [
    'M6 8a3 3 0 1 0 6 0a3 3 0 1 0 -6 0',
    'M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6',
    'M14.5 9a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0',
    'M16 14.2c2.9.4 5 2.8 5 5.8',
  ],
  kemas: ['M4 8l8-4 8 4v8l-8 4-8-4z', 'M4 8l8 4 8-4M12 12v8', 'M8 6l8 4'],
  'serah-terima': ['M5 12h14M13 6l6 6-6 6', 'M5 5v14'],
  pemusnahan: ['M4 7h16M9 7V4h6v3', 'M6 7l1 13h10l1-13M10 11v6M14 11v6'],
  dokumen: ['M6 3h8l4 4v14H6z', 'M14 3v4h4M9 12h6M9 16h6'],
  wilayah: [
    'M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21z',
    'M9.5 9.5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0',
  ],
  kebutuhan: ['M3 7l9-4 9 4-9 4-9-4z', 'M3 7v10l9 4 9-4V7', 'M12 11v10'],
  pengaturan: [
    'M9 12a3 3 0 1 0 6 0a3 3 0 1 0 -6 0',
    'M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  ],
  pengguna: ['M8 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0', 'M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8'],
  cadangan: [
    'M5 6a7 3 0 1 0 14 0a7 3 0 1 0 -14 0',
    'M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3',
  ],
  integritas: ['M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z', 'M8.5 12l2.5 2.5 4.5-5'],
  'cek-dokumen': ['M6 3h8l4 4v6M6 3v18h6', 'M13.5 17.5a3 3 0 1 0 6 0a3 3 0 1 0 -6 0', 'M18.7 19.7L21 22'],
}

export function App() {
  const [mode, setMode] = useState(transport)
  // The host stopped knowing this station (revoked, or paired again elsewhere): say so on the pairing screen.
  const [revoked, setRevoked] = useState(false)

  useEffect(() => {
    const onUnauthorized = () => {
      const next = transport()
      if (next === 'pasang') setRevoked(true)
      setMode(next)
    }
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized)
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized)
  }, [])

  if (mode === 'no-token') return <NoTokenPage />
  if (mode === 'pasang') return <StasiunPasangPage revoked={revoked} onPaired={() => setMode(transport())} />
  return (
    <DataProvider>
      <ToastProvider>
        <HistoryProvider>
          <LiveUpdates />
          <Root />
        </HistoryProvider>
      </ToastProvider>
    </DataProvider>
  )
}

function NoTokenPage() {
  return (
    <main className="fullpage">
      <div className="fullpage-card">
        <Brand />
        <h1>Buka aplikasi melalui alamat yang dicetak oleh npm start</h1>
        <p>
          Dalam mode peramban, Gudang Pemilu hanya melayani halaman yang dibuka dengan alamat lengkap beserta token
          akses, misalnya <code>http://127.0.0.1:5173/?token=…</code>.
        </p>
        <ol>
          <li>
            Lihat jendela terminal tempat <code>npm start</code> dijalankan.
          </li>
          <li>
            Salin alamat lengkap yang dicetak di sana (termasuk bagian <code>?token=</code>).
          </li>
          <li>Tempel ke bilah alamat peramban ini, lalu tekan Enter.</li>
        </ol>
        <p className="muted small">
          Token disimpan hanya untuk tab ini dan dihapus dari bilah alamat setelah halaman terbuka.
        </p>
      </div>
    </main>
  )
}

function Root() {
  // Asked together: in recovery mode pemilihan.lihat is refused, and only the recovery screen is shown.
  const status = useApi('sistem.lihatStatus', {})
  const election = useApi('pemilihan.lihat', {})
  const [ready, setReady] = useState(firstScreenReady)
  useEffect(() => void firstScreen.then(() => setReady(true)), [])
  if (status.data?.mode === 'pemulihan') return <PemulihanPage status={status.data} />
  if ((status.data === undefined && !status.error) || !ready) {
    return (
      <main className="fullpage">
        <Loading label="Membuka basis data…" />
      </main>
    )
  }
  if (election.data === undefined) {
    // After a restore the refusal of recovery mode is still held while pemilihan.lihat runs again.
    if (election.error && !election.loading) {
      return (
        <main className="fullpage">
          <div className="fullpage-card">
            <Brand />
            <ErrorBanner error={election.error} onRetry={election.reload} title="Data pemilihan tidak dapat dibuka" />
          </div>
        </main>
      )
    }
    return (
      <main className="fullpage">
        <Loading label="Membuka basis data…" />
      </main>
    )
  }
  if (election.data === null) return <SetupPage />
  // Every time on screen is read on the satker's clock (its zona_waktu), not this PC's; set before the pages
  // render, and again on every render after the election is read anew (a changed zone re-renders the shell).
  aturZonaTampil(IANA_ZONA[election.data.zonaWaktu])
  return (
    <SessionProvider>
      <Shell election={election.data} system={status.data} />
    </SessionProvider>
  )
}

/** A page is in a station's menu when the station may read what the page is about. */
function routeAllowed(route: Route, cakupan: Cakupan | null): boolean {
  if (cakupan === null || cakupan === 'penuh') return true
  if (route === 'beranda') return true
  const read = ROUTE_READS[route]
  return read !== undefined && bolehMembaca(cakupan, read)
}

/** This window as a LAN station (a browser station's credential, or the desktop app paired as one). */
function useStation(): { nama: string; cakupan: Cakupan } | null {
  const saya = useApi('stasiun.lihatSaya', {})
  const fromHost = saya.data?.stasiun ?? null
  const stored = stasiunIni()
  const electronStation = Boolean(window.gudang) && fromHost !== null
  useEffect(() => {
    aturStasiunElectron(electronStation)
    if (electronStation || stored) void muatAntrean()
  }, [electronStation, stored])
  if (fromHost) return { nama: fromHost.nama, cakupan: fromHost.cakupan }
  return stored ? { nama: stored.nama, cakupan: stored.cakupan } : null
}

function Shell({ election, system }: { election: Pemilihan; system: SystemStatus | undefined }) {
  const { route, params } = useLocation()
  const mainRef = useRef<HTMLElement>(null)
  const first = useRef(true)
  const station = useStation()
  const cakupan = station?.cakupan ?? null
  const nav = NAV.filter((n) => routeAllowed(n.route, cakupan))
  const navTrust = NAV_TRUST.filter((n) => routeAllowed(n.route, cakupan))
  const shown: Route = routeAllowed(route, cakupan) ? route : 'beranda'
  const { openSwitcher, status: sesi } = useSession()
  const Page = PAGES[shown]

  // Just paired: the station's first question is who is at it, as at the host.
  const askUser = station !== null && sesi !== undefined && !sesi.user
  useEffect(() => {
    if (!askUser) return
    try {
      if (sessionStorage.getItem(PILIH_PENGGUNA_KEY) !== '1') return
      sessionStorage.removeItem(PILIH_PENGGUNA_KEY)
    } catch {
      return
    }
    openSwitcher()
  }, [askUser, openSwitcher])

  useEffect(() => {
    const label = [...NAV, ...NAV_TRUST].find((n) => n.route === route)?.label ?? 'Beranda'
    document.title = `${label} — Gudang Pemilu`
    // Move focus to the new page's heading so keyboard and screen-reader users land on the content.
    if (first.current) {
      first.current = false
      return
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [route])

  return (
    <CakupanContext.Provider value={cakupan}>
      <div className="shell">
        <a
          className="skip-link"
          href="#konten"
          onClick={(e) => {
            e.preventDefault()
            mainRef.current?.querySelector<HTMLElement>('h1')?.focus()
          }}
        >
          Lompat ke konten
        </a>
        <header className="app-header">
          <Brand />
          <div className="app-header-election">
            <span className="election-title">{electionTitle(election)}</span>
            {election.provinsi && <span className="election-sub">Provinsi {election.provinsi}</span>}
          </div>
          <UserChip />
        </header>
        <nav className="app-nav" aria-label="Menu utama">
          <NavList routes={nav} current={route} />
          {navTrust.length > 0 && (
            <>
              <p className="nav-group" id="nav-trust">
                Data dan keamanan
              </p>
              <NavList routes={navTrust} current={route} className="nav-secondary" labelledBy="nav-trust" />
            </>
          )}
          <p className="nav-foot">
            {station
              ? `Stasiun ${station.nama}`
              : transport() === 'electron'
                ? 'Aplikasi desktop'
                : 'Mode peramban (127.0.0.1)'}
          </p>
        </nav>
        <main className="app-main" id="konten" ref={mainRef}>
          {station && <StasiunBar nama={station.nama} />}
          {/* One boundary per page (keyed by the route): leaving a page unmounts it at once, even while the next
              page's chunk is still loading. A shared boundary would keep the old page mounted but hidden until
              then, its leave guard still asking and its draft not yet written, and a quick Back would return to
              that same hidden page instead of opening it again. */}
          <Suspense key={shown} fallback={<Loading label="Membuka halaman…" />}>
            <Page election={election} params={params} system={system} />
          </Suspense>
          <LeaveQuestion />
        </main>
      </div>
    </CakupanContext.Provider>
  )
}

function NavList({
  routes,
  current,
  className,
  labelledBy,
}: {
  routes: NavItem[]
  current: Route
  className?: string
  labelledBy?: string
}) {
  return (
    <ul className={className} aria-labelledby={labelledBy}>
      {routes.map((n) => (
        <li key={n.route}>
          <a href={href(n.route)} aria-current={current === n.route ? 'page' : undefined} title={n.hint}>
            <NavIcon route={n.route} />
            <span>{n.label}</span>
          </a>
        </li>
      ))}
    </ul>
  )
}

function NavIcon({ route }: { route: Route }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d={NAV_ICONS[route].join('')}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
