import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type ApiResponse, type ImportPreview } from '../../src/api/contract'
import { startHttpServer, type RunningHttpServer } from '../../src/server/http'
import { DEMO_CSV, openTestApp, upload, useTempDir, type TestApp } from '../support/api'
import { initBatuBara } from '../support/gudang'
import { storedZip } from '../support/zip'
import { openShift, receive } from '../support/floor'
import { dayShift } from '../support/inputs'

/**
 * A corpus of bad inputs thrown at every entry point of the app: TPS, dapil and worker files (CSV and
 * XLSX), every write method over HTTP, the HTTP transport itself and the `gudang` command. Each input
 * must be refused with a message in Bahasa Indonesia (no stack trace, no zod/English text, no 500 or
 * INTERNAL) and must leave the database byte-for-byte as it was: a sha256 over every row of every table
 * is taken before and after each case.
 *
 * Cases are data: `{ name, run }` grouped by entry point, so a failure names the case. Inputs the app
 * wrongly accepts are listed in `expectedBugs` with what happens; the test asserts that they still fail
 * (so fixing one makes the test say "remove it from the list") and that nothing else does.
 *
 * Large and binary inputs are generated here (an "enormous" file is written to a temp dir, never
 * committed); small hand-made files are in test/fixtures/bad-input/.
 */

const REPO = resolve(__dirname, '../..')
const FIXTURES = join(REPO, 'test/fixtures/bad-input')
const GUDANG = join(REPO, 'src/cli/gudang.mjs')
const root = useTempDir('korpus')

// --- outcome of one case and how it is judged --------------------------------------------------

interface Outcome {
  /** Refused: HTTP 4xx or `{ ok: false }`; for the CLI a non-zero exit. */
  refused: boolean
  /** What the user reads first (error message, refusal line); for an accepted input, what was accepted. */
  message: string
  /** Every further line the user may read (error details, preview errors). */
  details: string[]
  status?: number
  code?: string
}

interface Case {
  name: string
  run: () => Promise<Outcome>
  /** The message must also say this (e.g. that the file is too large, not that it is "binary"). */
  says?: RegExp
}

/** Bahasa Indonesia that says what is wrong. */
const INDONESIAN =
  /tidak|harus|wajib|salah|ditolak|bukan|terlalu|kosong|melebihi|minimal|maksimum|maksimal|hanya|belum|sudah|masih|dua kali|berisi|rusak|setelah|sebelum|lain|dulu/i
/** A stack trace, a library's English, or a programming error leaking to the user. */
const LEAK =
  /\bat (Object\.|async |new )|\bat [\w$.<>]+ \(|\bInvalid input\b|\bExpected\b|\breceived\b|\bTypeError\b|\bSyntaxError\b|\bRangeError\b|\bReferenceError\b|SQLITE_|\bundefined\b|\bnull\b|\bNaN\b(?!")|Unexpected token|is not a function|Cannot read|\[object Object\]|file is not a database|no such file|\bENOENT\b|\bEACCES\b/

/**
 * Inputs the app wrongly accepts (or refuses unclearly) today: case name -> what happens instead and where.
 * Each one is still run and must still fail; when a fix lands, the test says which entry to delete.
 */
const expectedBugs: Record<string, string> = {}

// --- the one HTTP helper --------------------------------------------------------------------------

interface PostOptions {
  /** Bearer token; null sends no Authorization header. Default: the server's token. */
  token?: string | null
  /** The whole Authorization header, for a wrong scheme; wins over `token`. */
  authorization?: string
  /** Host header; null sends none. Default: 127.0.0.1:<port>. */
  host?: string | null
  origin?: string
  /** Default application/json; null sends none. */
  contentType?: string | null
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string | Buffer
  /** POST by default. */
  httpMethod?: string
  /** Overrides /api/<method>, e.g. for static files or odd paths. */
  path?: string
  /** A Content-Length to declare whatever is sent. */
  declaredLength?: number
  /** Streams `count` copies of `chunk` without a Content-Length (chunked). */
  stream?: { chunk: Buffer; count: number }
  headers?: Record<string, string>
  /** The user session (x-gudang-sesi); null sends none. Default: the admin signed in in beforeAll. */
  session?: string | null
}

interface HttpAnswer {
  status: number
  text: string
  json: ApiResponse | null
}

let server: RunningHttpServer
/** Sessions of the demo admin and of an operator, signed in over HTTP as the UI does. */
const sessions = { admin: '', operator: '' }

/**
 * Every HTTP request of this file goes through here (node:http rather than fetch, which normalises `..`
 * away and refuses to set Host). When browser mode gains a login step, adapt this one function.
 */
function post(method: string, body: unknown, opts: PostOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string | number> = {}
  if (opts.host !== null) headers.Host = opts.host ?? `127.0.0.1:${server.port}`
  if (opts.authorization !== undefined) headers.Authorization = opts.authorization
  else if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? server.token}`
  if (opts.contentType !== null) headers['Content-Type'] = opts.contentType ?? 'application/json'
  if (opts.origin !== undefined) headers.Origin = opts.origin
  const session = opts.session === undefined ? sessions.admin : opts.session
  if (session) headers['X-Gudang-Sesi'] = session
  Object.assign(headers, opts.headers)
  const payload = opts.stream
    ? null
    : opts.rawBody !== undefined
      ? opts.rawBody
      : body === undefined
        ? ''
        : JSON.stringify(body)
  if (opts.declaredLength !== undefined) headers['Content-Length'] = opts.declaredLength
  else if (payload !== null) headers['Content-Length'] = Buffer.byteLength(payload)
  return new Promise((resolvePromise, rejectPromise) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.httpMethod ?? 'POST',
        path: opts.path ?? `/api/${method}`,
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8')
          let json: ApiResponse | null = null
          try {
            const parsed: unknown = JSON.parse(text)
            if (parsed !== null && typeof parsed === 'object' && 'ok' in parsed) json = parsed as ApiResponse
          } catch {
            json = null
          }
          resolvePromise({ status: res.statusCode ?? 0, text, json })
        })
        res.on('error', rejectPromise)
      },
    )
    // The server may hang up while an oversized upload is still being written; its answer already arrived.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') rejectPromise(err)
    })
    if (opts.stream) {
      const { chunk, count } = opts.stream
      let i = 0
      const writeNext = (): void => {
        while (i < count) {
          i++
          if (!req.write(chunk)) return void req.once('drain', writeNext)
        }
        req.end()
      }
      writeNext()
    } else {
      req.end(payload)
    }
  })
}

function outcomeOf(answer: HttpAnswer): Outcome {
  const clientError = answer.status >= 400 && answer.status < 500
  if (answer.json) {
    if (!answer.json.ok) {
      const e = answer.json.error
      return {
        refused: true,
        status: answer.status,
        code: e.code,
        message: e.message,
        details: (e.details ?? []).map((d) => d.message),
      }
    }
    return {
      refused: clientError,
      status: answer.status,
      message: `DITERIMA: ${JSON.stringify(answer.json.result).slice(0, 300)}`,
      details: [],
    }
  }
  return {
    refused: clientError,
    status: answer.status,
    message: clientError ? answer.text : `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`,
    details: [],
  }
}

const api = async (method: string, input: unknown, opts: PostOptions = {}): Promise<Outcome> =>
  outcomeOf(await post(method, input, opts))

// --- files ----------------------------------------------------------------------------------------

type Bytes = Buffer | string

/**
 * A TPS file goes through preview (which must report errors) and then apply with the preview's own
 * fingerprint, which must refuse with REFUSED (not CONFLICT: the file itself is wrong). A file the
 * preview accepts is an accepted bad input; it is not applied, so the database stays clean for the rest.
 */
async function importTps(fileName: string, bytes: Bytes): Promise<Outcome> {
  const file = upload(fileName, bytes)
  // Files of many megabytes go straight to apply, the path that could write: reading one twice costs seconds.
  if (file.contentBase64.length > BIG_FILE_BASE64)
    return outcomeOf(await post('wilayah.impor', { ...file, fingerprint: 'tanpa-pratinjau' }))
  const preview = await post('wilayah.pratinjauImpor', file)
  if (!preview.json?.ok) {
    const p = outcomeOf(preview)
    // Apply's contract is preview's plus a fingerprint: what preview's refuses, apply's refuses too.
    if (p.code === 'INVALID_INPUT') return p
    const applied = outcomeOf(await post('wilayah.impor', { ...file, fingerprint: 'tanpa-pratinjau' }))
    return {
      ...applied,
      refused: p.refused && applied.refused,
      message: `${p.message} / ${applied.message}`,
      details: [...p.details, ...applied.details],
    }
  }
  const result = preview.json.result as ImportPreview
  if (result.ok) {
    return {
      refused: false,
      message: `DITERIMA oleh pratinjau: ${result.format}, ${result.totals.tps} TPS, ${result.warnings.length} peringatan (tidak disimpan)`,
      details: [],
    }
  }
  const applied = outcomeOf(await post('wilayah.impor', { ...file, fingerprint: result.fingerprint }))
  const errors = result.errors.map((e) => e.message)
  return {
    ...applied,
    refused: applied.refused && applied.code === 'REFUSED',
    message: `${errors[0] ?? '(pratinjau tanpa galat)'} / ${applied.message}`,
    details: [...errors, ...applied.details],
  }
}

const BIG_FILE_BASE64 = 8 * 1024 * 1024
const importDapil = (fileName: string, bytes: Bytes) => api('dapil.impor', upload(fileName, bytes))
const importWorkers = (fileName: string, bytes: Bytes) => api('pekerja.impor', upload(fileName, bytes))

/** Deterministic bytes, so the corpus is the same on every run. */
function pseudoRandom(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let s = seed >>> 0
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    out[i] = (t ^ (t >>> 14)) & 0xff
  }
  return out
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const ole2 = (): Buffer =>
  Buffer.concat([OLE2_MAGIC, Buffer.from([0x00, 0x00, 0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff]), pseudoRandom(4080, 7)])
const png = (): Buffer =>
  Buffer.concat([
    Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8,
      6, 0, 0, 0,
    ]),
    pseudoRandom(2048, 3),
  ])
const pdf = (): Buffer =>
  Buffer.concat([
    Buffer.from(
      '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n4 0 obj\n<< /Length 1024 /Filter /FlateDecode >>\nstream\n',
      'latin1',
    ),
    Buffer.from([0x78, 0x9c, 0x00]),
    pseudoRandom(1024, 5),
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ])
const exe = (): Buffer =>
  Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    Buffer.alloc(56),
    Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'),
    pseudoRandom(1500, 11),
  ])

/** Builds a one-sheet workbook the way a program (never Excel) writes it: formulas carry no cached result unless given. */
async function xlsx(rows: ExcelJS.CellValue[][], opts: { sheet?: string; skipRows?: number } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(opts.sheet ?? 'TPS')
  for (let i = 0; i < (opts.skipRows ?? 0); i++) ws.addRow([`Judul baris ${i + 1}`])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

// --- CSV building blocks --------------------------------------------------------------------------

const HEADER = 'kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt'
const GOOD = [
  '121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,1,240',
  '121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,2,166',
]
/** Header, two good rows, then the bad row(s). */
const tpsCsv = (...bad: string[]): string => [HEADER, ...GOOD, ...bad].join('\n') + '\n'
/** A row of PANGKALAN DODEK with one field replaced. */
const row = (over: {
  kodeKec?: string
  kec?: string
  kodeDesa?: string
  desa?: string
  no?: string
  dpt?: string
}): string =>
  [
    over.kodeKec ?? '121901',
    over.kec ?? 'MEDANG DERAS',
    over.kodeDesa ?? '1219011001',
    over.desa ?? 'PANGKALAN DODEK',
    over.no ?? '3',
    over.dpt ?? '268',
  ].join(',')
const XLSX_HEADER = ['kode_kecamatan', 'kecamatan', 'kode_desa', 'desa', 'no_tps', 'dpt']
const xlsxRow = (
  no: ExcelJS.CellValue,
  dpt: ExcelJS.CellValue,
  kec: ExcelJS.CellValue = 'MEDANG DERAS',
  desa: ExcelJS.CellValue = 'PANGKALAN DODEK',
): ExcelJS.CellValue[] => ['121901', kec, '1219011001', desa, no, dpt]
const XLSX_GOOD = [xlsxRow(1, 240), xlsxRow(2, 166)]

/** Shift-JIS double-byte characters (hiragana area 0x82 0x9F..): printable garbage when read as Windows-1252. */
const shiftJis = (n: number, start = 0): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => [0x82, 0xa0 + ((start + i) % 0x50)]).flat())

// --- state the refusals run against ------------------------------------------------------------

let app: TestApp
const internalErrors: string[] = []
const id = {
  G: 0,
  B: 0,
  K: 0,
  melati: 0,
  kenanga: 0,
  siti: 0,
  closedShift: 0,
  openShift: 0,
  packingShift: 0,
  delivery: 0,
  lineId: 0,
  seq: 0,
  kecamatan: 0,
  tps: 0,
}
let staticDir = ''

beforeAll(async () => {
  app = await openTestApp({
    dir: root,
    name: 'korpus',
    who: 'Nurhayati',
    onInternalError: (m, e) => internalErrors.push(`${m}: ${String(e)}`),
  })
  const { call } = app
  const variants = await call('barang.daftarVarian')
  const v = (code: string) => variants.find((x) => x.itemCode === code)!.variantId
  ;[id.G, id.B, id.K] = [v('GUBERNUR'), v('BUPATI'), v('KOTAK')]
  id.melati = (await call('regu.tambah', { nama: 'Melati', dailyTarget: 20_000 })).id
  id.kenanga = (await call('regu.tambah', { nama: 'Kenanga' })).id
  id.siti = (await call('pekerja.tambah', { nama: 'Siti Aminah', nik: '1219014501900001', teamId: id.melati })).id
  await call('pekerja.tambah', { nama: 'Rudi Hartono', teamId: id.melati })
  const delivery = await receive(
    call,
    '2024-11-04T09:00',
    [
      { variantId: id.G, dus: 5, isiPerDus: 2_000, countedQty: 10_000 },
      {
        variantId: id.B,
        statedQty: 5_000,
        countedQty: 4_990,
        tertukarQty: 40,
        tertukarNote: 'Milik KPU Kabupaten Asahan',
      },
      [id.K, 100],
    ],
    // A later delivery of the same penyedia and surat jalan is refused as a double entry.
    { penyedia: 'PT Pura Barutama', suratJalan: 'SJ-001' },
  )
  id.delivery = delivery.id
  id.lineId = delivery.lines[1]!.lineId
  id.closedShift = (await openShift(call, 'sortir_lipat', '2024-11-05', [id.G], [id.melati])).id
  await call('tally.simpan', {
    shiftId: id.closedShift,
    variantId: id.G,
    rows: [{ teamId: id.melati, serahkan: 1_000, hasil: 990, rusak: { CETAK: 10 } }],
  })
  await call('shift.tutup', { shiftId: id.closedShift, note: '' })
  id.openShift = (await openShift(call, 'sortir_lipat', '2024-11-06', [id.G], [id.kenanga])).id
  await call('tally.simpan', { shiftId: id.openShift, variantId: id.G, rows: [{ teamId: id.kenanga, serahkan: 100 }] })
  id.packingShift = (await openShift(call, 'packing', '2024-11-06', [], [id.melati])).id
  const history = await call('ledger.lihatRiwayat', {
    shiftId: id.closedShift,
    place: 'BAIK',
  })
  id.seq = history.rows[0]!.seq
  const tps = await call('wilayah.daftarTps')
  id.tps = tps[0]!.id
  id.kecamatan = tps[0]!.kecamatanId

  // A tiny UI beside a file that traversal attempts try to reach.
  staticDir = join(root, 'static')
  mkdirSync(join(staticDir, 'ui', 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'ui', 'index.html'), '<!doctype html><title>Gudang Pemilu</title>')
  writeFileSync(join(staticDir, 'ui', 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(staticDir, 'rahasia.json'), '{"rahasia":"di luar UI"}')
  server = await startHttpServer({
    dispatcher: app.dispatcher,
    staticDir: join(staticDir, 'ui'),
    port: 0,
    actor: 'Nurhayati',
  })
  const users = (await call('pengguna.daftar', {})).map((u) => [u.nama, u.id] as const)
  const idOf = (nama: string) => users.find(([n]) => n === nama)![1]
  const signIn = async (nama: string, pin?: string) => {
    const r = await post('sesi.masuk', { userId: idOf(nama), pin }, { session: null })
    if (!r.json?.ok) throw new Error(`sesi.masuk ${nama}: ${r.text}`)
    return (r.json.result as { sessionId: string }).sessionId
  }
  sessions.admin = await signIn('Admin Gudang', '240424')
  sessions.operator = await signIn('Operator Sortir')
})

afterAll(async () => {
  await server?.close()
  app?.close()
})

// --- running the corpus -----------------------------------------------------------------------------

interface GroupStats {
  tried: number
  refused: number
  changedDb: number
  bugs: number
}
const stats = new Map<string, GroupStats>()
const observedBugs: string[] = []
const durations: { name: string; ms: number }[] = []

function problemsOf(c: Case, o: Outcome, changed: boolean, newInternal: string[]): string[] {
  const problems: string[] = []
  if (!o.refused) problems.push(`tidak ditolak (${o.message})`)
  if (changed) problems.push('basis data berubah')
  if (o.status === 500 || o.code === 'INTERNAL' || newInternal.length)
    problems.push(`galat internal: ${o.message} ${newInternal.join(' ')}`.trim())
  if (o.refused) {
    if (o.message.trim() === '') problems.push(`pesan kosong (HTTP ${o.status ?? '-'})`)
    else if (!INDONESIAN.test(o.message))
      problems.push(`pesan tidak jelas/bukan Bahasa Indonesia: "${o.message.slice(0, 200)}"`)
    for (const text of [o.message, ...o.details]) {
      if (LEAK.test(text)) problems.push(`pesan membocorkan teks mesin: "${text.slice(0, 200)}"`)
    }
    const all = [o.message, ...o.details].join('\n')
    if (c.says && !c.says.test(all)) problems.push(`pesan tidak menyebut ${c.says}: "${o.message.slice(0, 200)}"`)
  }
  return problems
}

/** The group's counts, made when its cases are collected so the totals see every group. */
function groupStats(group: string): GroupStats {
  let s = stats.get(group)
  if (!s) stats.set(group, (s = { tried: 0, refused: 0, changedDb: 0, bugs: 0 }))
  return s
}

/**
 * Judges one outcome and counts it: the failures it adds to the test. A case listed in expectedBugs must
 * still fail (so a fix is noticed); every other case must pass.
 */
function judge(group: string, c: Case, o: Outcome, changed: boolean, newInternal: string[]): string[] {
  const s = groupStats(group)
  s.tried++
  const problems = problemsOf(c, o, changed, newInternal)
  if (changed) s.changedDb++
  if (problems.length === 0) s.refused++
  const bug = expectedBugs[c.name]
  if (bug === undefined) return problems.length ? [`${c.name}: ${problems.join('; ')}`] : []
  s.bugs++
  if (problems.length === 0)
    return [`${c.name}: tercatat di expectedBugs tetapi kini ditolak dengan benar; hapus dari daftar`]
  observedBugs.push(`[${group}] ${c.name}${changed ? ' (MENGUBAH basis data)' : ''}: ${bug}`)
  return []
}

async function attempt(c: Case): Promise<Outcome> {
  const started = performance.now()
  try {
    return await c.run()
  } catch (err) {
    return {
      refused: false,
      message: `kasus gagal dijalankan: ${err instanceof Error ? err.message : String(err)}`,
      details: [],
    }
  } finally {
    durations.push({ name: c.name, ms: performance.now() - started })
  }
}

/** One case as one test: the database fingerprint before and after it, judged, counted. */
async function runCase(group: string, c: Case): Promise<void> {
  const before = app.fingerprint()
  const internal = internalErrors.length
  const o = await attempt(c)
  const failures = judge(group, c, o, app.fingerprint() !== before, internalErrors.slice(internal))
  expect(failures, failures.join('\n')).toEqual([])
}

/** A test per case of a group (each file a test of its own: a slow one never holds the others up). */
function eachCase(group: string, cases: Case[]): void {
  groupStats(group)
  it.each(cases.map((c) => ({ name: c.name, c })))('$name', ({ c }) => runCase(group, c))
}

/**
 * Runs a group in one test, one case at a time, judged and counted like runCase. `concurrent` runs the
 * cases together (they spawn processes) and compares one fingerprint around the whole group.
 */
async function runGroup(group: string, cases: Case[], opts: { concurrent?: boolean } = {}): Promise<void> {
  groupStats(group)
  const failures: string[] = []
  if (opts.concurrent) {
    const before = app.fingerprint()
    const internal = internalErrors.length
    const outcomes = await Promise.all(cases.map(attempt))
    const changed = app.fingerprint() !== before
    cases.forEach((c, i) => failures.push(...judge(group, c, outcomes[i]!, changed, internalErrors.slice(internal))))
  } else {
    let before = app.fingerprint()
    for (const c of cases) {
      const internal = internalErrors.length
      const o = await attempt(c)
      const after = app.fingerprint()
      failures.push(...judge(group, c, o, after !== before, internalErrors.slice(internal)))
      before = after
    }
  }
  expect(failures, failures.join('\n')).toEqual([])
}

const allNames = new Set<string>()
function named(cases: Case[]): Case[] {
  for (const c of cases) {
    if (allNames.has(c.name)) throw new Error(`nama kasus ganda: ${c.name}`)
    allNames.add(c.name)
  }
  return cases
}

// --- the corpus ------------------------------------------------------------------------------------

/** The cases of one import: each names its file and the bytes in it, imported through `importer` when it runs. */
const fileCase =
  (label: string, importer: (fileName: string, bytes: Bytes) => Promise<Outcome>) =>
  (name: string, fileName: string, bytes: () => Bytes | Promise<Bytes>, says?: RegExp): Case => ({
    name: `${label}: ${name}`,
    says,
    run: async () => importer(fileName, await bytes()),
  })

function tpsCases(): Case[] {
  const tps = fileCase('TPS', importTps)
  const demo = readFileSync(DEMO_CSV, 'utf8')
  const cases: Case[] = [
    // Encodings and files that are not text tables at all.
    tps('UTF-16LE without BOM', 'tps.csv', () => Buffer.from(tpsCsv(row({ dpt: '268' })), 'utf16le')),
    tps(
      'UTF-16BE with BOM',
      'tps.csv',
      () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(tpsCsv(), 'utf16le').swap16()]),
      /UTF-16/,
    ),
    tps('UTF-16LE with BOM cut mid-character', 'tps.csv', () =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tpsCsv(), 'utf16le'), Buffer.from([0x41])]),
    ),
    tps(
      'UTF-8 BOM followed by bytes that are not UTF-8',
      'tps.csv',
      () =>
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(tpsCsv(), 'utf8'),
          Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
        ]),
      /UTF-8/,
    ),
    tps('Windows-1252 names with the five undefined bytes 0x81 0x8D 0x8F 0x90 0x9D', 'tps.csv', () =>
      Buffer.concat([
        Buffer.from(`kecamatan,desa,no_tps,dpt\nTALAWI,`, 'latin1'),
        Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]),
        Buffer.from(',1,210\nTALAWI,MEKAR LAUT,2,199\n', 'latin1'),
      ]),
    ),
    tps('Shift-JIS header and names', 'tps.csv', () =>
      Buffer.concat([
        shiftJis(4),
        Buffer.from(','),
        shiftJis(3, 9),
        Buffer.from(','),
        shiftJis(3, 20),
        Buffer.from(','),
        shiftJis(3, 30),
        Buffer.from('\r\n'),
        shiftJis(5, 40),
        Buffer.from(','),
        shiftJis(4, 50),
        Buffer.from(',1,240\r\n'),
      ]),
    ),
    tps('Shift-JIS names under an ASCII header', 'tps.csv', () =>
      Buffer.concat([
        Buffer.from('kecamatan,desa,no_tps,dpt\r\n'),
        shiftJis(6),
        Buffer.from(','),
        shiftJis(5, 12),
        Buffer.from(',1,240\r\n'),
        shiftJis(6),
        Buffer.from(','),
        shiftJis(5, 12),
        Buffer.from(',2,166\r\n'),
      ]),
    ),
    tps('PNG image renamed .csv', 'tps.csv', png),
    tps(
      'ZIP archive (not a workbook) renamed .csv',
      'tps.csv',
      () => storedZip([{ name: 'catatan.txt', data: Buffer.from(tpsCsv()) }]),
      /buku kerja|arsip|ZIP/i,
    ),
    tps('PDF renamed .csv', 'DAFTAR TPS.csv', pdf),
    tps('Windows program (MZ) renamed .csv', 'tps.csv', exe),
    tps('old Excel .xls (OLE2)', 'tps.xls', ole2, /\.xls|Excel lama/),
    tps('password-protected workbook (OLE2 named .xlsx)', 'tps.xlsx', ole2, /kata sandi/),
    tps('CSV text named .xls', 'tps.xls', () => tpsCsv(), /\.xls/),
    tps(
      'OpenDocument .ods',
      'tps.ods',
      () => storedZip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') }]),
      /\.ods/,
    ),
    tps('XLSX truncated to half its length', 'tps.xlsx', async () => {
      const full = await xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 268)])
      return full.subarray(0, Math.floor(full.length / 2))
    }),
    tps(
      'Word document (zip) named .xlsx',
      'tps.xlsx',
      () =>
        storedZip([
          {
            name: '[Content_Types].xml',
            data: Buffer.from(
              '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            ),
          },
          {
            name: 'word/document.xml',
            data: Buffer.from(
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
            ),
          },
        ]),
      /buku kerja/,
    ),
    tps('text that is not XLSX named .xlsx', 'tps.xlsx', () => tpsCsv(), /XLSX/),
    tps('1 MB of random bytes', 'tps.csv', () => pseudoRandom(1024 * 1024, 1)),
    tps('high bytes only (no control characters)', 'tps.csv', () =>
      Buffer.from(Array.from(pseudoRandom(4096, 2), (b) => 0xa0 + (b % 0x60))),
    ),

    // Empty in every way.
    tps('empty file (0 bytes)', 'tps.csv', () => Buffer.alloc(0), /kosong/),
    tps('only a UTF-8 BOM', 'tps.csv', () => Buffer.from([0xef, 0xbb, 0xbf]), /kosong/),
    tps('only whitespace and line breaks', 'tps.csv', () => '   \r\n\n\t \n  \r\n', /kosong/),
    tps('only Excel empty rows ";;;;;"', 'tps.csv', () => ';;;;;\r\n;;;;;\r\n;;;;;\r\n', /kosong/),
    tps('only the header', 'tps.csv', () => HEADER + '\n', /judul kolom/),
    tps('header followed by empty rows', 'tps.csv', () => HEADER + '\n,,,,,\n\n,,,,,\n', /judul kolom/),
    tps('a title line only', 'tps.csv', () => 'DAFTAR TPS KABUPATEN BATU BARA\n'),
    tps('XLSX with an empty sheet', 'tps.xlsx', () => xlsx([]), /kosong/),
    tps('XLSX with only the header', 'tps.xlsx', () => xlsx([XLSX_HEADER]), /judul kolom/),

    // Table structure.
    tps(
      'Excel semicolon file with a title block and a JUMLAH row (fixture)',
      'tps-excel-titikkoma-jumlah.csv',
      () => readFileSync(join(FIXTURES, 'tps-excel-titikkoma-jumlah.csv')),
      /jumlah\/total/,
    ),
    tps(
      'semicolon file with decimal-comma DPT "240,5"',
      'tps.csv',
      () => 'kecamatan;desa;no_tps;dpt\r\nMEDANG DERAS;PANGKALAN DODEK;1;240,5\r\n',
      /bilangan bulat/,
    ),
    tps('"sep=;" hint above a comma file', 'tps.csv', () => 'sep=;\r\n' + tpsCsv(), /tidak ditemukan/),
    tps(
      'header with ";" and rows with ","',
      'tps.csv',
      () => HEADER.replaceAll(',', ';') + '\n' + GOOD.join('\n') + '\n',
    ),
    tps(
      'quote opened and never closed (fixture)',
      'tps-kutip-tidak-ditutup.csv',
      () => readFileSync(join(FIXTURES, 'tps-kutip-tidak-ditutup.csv')),
      /kutip/,
    ),
    tps('DPT column missing', 'tps.csv', () => 'kecamatan,desa,no_tps\nMEDANG DERAS,PANGKALAN DODEK,1\n', /DPT/),
    tps('kecamatan and desa columns missing', 'tps.csv', () => 'no_tps,dpt\n1,240\n2,166\n', /kecamatan/),
    tps(
      'two columns read as DPT (dpt and jumlah_pemilih)',
      'tps.csv',
      () => 'kecamatan,desa,no_tps,dpt,jumlah_pemilih\nMEDANG DERAS,PANGKALAN DODEK,1,240,240\n',
      /sama-sama/,
    ),
    tps(
      'header below a 20-line title block',
      'tps.csv',
      () => Array.from({ length: 20 }, (_, i) => `Keterangan baris ${i + 1},,,,,`).join('\n') + '\n' + tpsCsv(),
    ),
    tps('header repeated in the middle (two tables pasted together)', 'tps.csv', () => tpsCsv(HEADER, row({}))),
    tps(
      'row with the DPT cell missing',
      'tps.csv',
      () => tpsCsv('121901,MEDANG DERAS,1219011001,PANGKALAN DODEK,3'),
      /DPT/,
    ),
    tps(
      'tab-separated with text in DPT',
      'tps.txt',
      () => 'kecamatan\tdesa\tno_tps\tdpt\nMEDANG DERAS\tPANGKALAN DODEK\t1\tdua ratus\n',
      /bilangan bulat/,
    ),
    tps(
      'old Mac line ends (CR) with a negative DPT',
      'tps.csv',
      () => [HEADER, ...GOOD, row({ dpt: '-5' })].join('\r'),
      /negatif/,
    ),
    tps(
      '10.000 columns, none of them known',
      'tps.csv',
      () =>
        Array.from({ length: 10_000 }, (_, i) => `kolom${i}`).join(',') +
        '\n' +
        Array.from({ length: 10_000 }, () => '1').join(',') +
        '\n',
    ),
    tps('a 1 MB name in one cell', 'tps.csv', () => tpsCsv(row({ desa: 'A'.repeat(1024 * 1024) })), /terlalu panjang/),

    // Values.
    tps('the same TPS twice', 'tps.csv', () => tpsCsv(row({ no: '1' })), /dua kali/),
    tps(
      'the same TPS twice, written "TPS 001" and in lower case',
      'tps.csv',
      () => tpsCsv(row({ no: 'TPS 001', desa: 'pangkalan  dodek' })),
      /dua kali/,
    ),
    tps('DPT written as text "dua ratus"', 'tps.csv', () => tpsCsv(row({ dpt: 'dua ratus' })), /bilangan bulat/),
    tps('DPT negative', 'tps.csv', () => tpsCsv(row({ dpt: '-5' })), /negatif/),
    tps('DPT fractional 240.5', 'tps.csv', () => tpsCsv(row({ dpt: '240.5' })), /bilangan bulat/),
    tps('DPT "1.234" (thousands or decimal?)', 'tps.csv', () => tpsCsv(row({ dpt: '1.234' })), /pemisah/),
    tps('DPT "1,234" quoted', 'tps.csv', () => tpsCsv(row({ dpt: '"1,234"' })), /pemisah/),
    tps('DPT 1e21', 'tps.csv', () => tpsCsv(row({ dpt: '1e21' })), /bilangan bulat/),
    tps('DPT "1E+21" as Excel writes it', 'tps.csv', () => tpsCsv(row({ dpt: '1E+21' })), /bilangan bulat/),
    tps('DPT "NaN"', 'tps.csv', () => tpsCsv(row({ dpt: 'NaN' })), /bilangan bulat/),
    tps('DPT "Infinity"', 'tps.csv', () => tpsCsv(row({ dpt: 'Infinity' })), /bilangan bulat/),
    tps('DPT "-Infinity"', 'tps.csv', () => tpsCsv(row({ dpt: '-Infinity' })), /bilangan bulat/),
    tps('DPT 100.001 (over 100.000)', 'tps.csv', () => tpsCsv(row({ dpt: '100001' })), /100\.000/),
    tps(
      'DPT 99999999999999999999 (beyond a safe integer)',
      'tps.csv',
      () => tpsCsv(row({ dpt: '99999999999999999999' })),
      /tidak wajar/,
    ),
    tps('DPT hexadecimal "0x1F"', 'tps.csv', () => tpsCsv(row({ dpt: '0x1F' })), /bilangan bulat/),
    tps('DPT in full-width digits "２４０"', 'tps.csv', () => tpsCsv(row({ dpt: '２４０' })), /bilangan bulat/),
    tps('DPT "240 orang"', 'tps.csv', () => tpsCsv(row({ dpt: '240 orang' })), /bilangan bulat/),
    tps('DPT "+240"', 'tps.csv', () => tpsCsv(row({ dpt: '+240' })), /bilangan bulat/),
    tps('DPT empty', 'tps.csv', () => tpsCsv(row({ dpt: '' })), /DPT kosong/),
    tps('DPT formula "=SUM(F2:F3)"', 'tps.csv', () => tpsCsv(row({ dpt: '=SUM(F2:F3)' })), /rumus/),
    tps('TPS number 0', 'tps.csv', () => tpsCsv(row({ no: '0' })), /dimulai dari 1/),
    tps('TPS number 10000', 'tps.csv', () => tpsCsv(row({ no: '10000' })), /tidak wajar/),
    tps('TPS number -1', 'tps.csv', () => tpsCsv(row({ no: '-1' })), /Nomor TPS/),
    tps('TPS number "TPS" without digits', 'tps.csv', () => tpsCsv(row({ no: 'TPS' })), /Nomor TPS/),
    tps('TPS number 1.5', 'tps.csv', () => tpsCsv(row({ no: '1.5' })), /Nomor TPS/),
    tps('kecamatan "=SUM(A1:A2)"', 'tps.csv', () => tpsCsv(row({ kec: '=SUM(A1:A2)' })), /rumus/),
    tps(
      'formula injections in names (fixture: =HYPERLINK, +cmd, @SUM, =SUM)',
      'tps-rumus.csv',
      () => readFileSync(join(FIXTURES, 'tps-rumus.csv')),
      /rumus/,
    ),
    tps(
      'desa "-HYPERLINK(...)"',
      'tps.csv',
      () => tpsCsv(row({ desa: '"-HYPERLINK(""http://contoh.invalid"",""klik"")"' })),
      /rumus/,
    ),
    tps(
      'desa "=2+5" (a formula starting with a digit)',
      'tps.csv',
      () => tpsCsv(row({ desa: '=2+5', kodeDesa: '' })),
      /rumus/,
    ),
    tps('kode desa "=1+1"', 'tps.csv', () => tpsCsv(row({ kodeDesa: '=1+1' })), /rumus|angka/),
    tps('kode kecamatan with letters "12A901"', 'tps.csv', () => tpsCsv(row({ kodeKec: '12A901' })), /angka/),
    tps('kecamatan name of 300 characters', 'tps.csv', () => tpsCsv(row({ kec: 'K'.repeat(300) })), /terlalu panjang/),
    tps('desa name of 101 characters', 'tps.csv', () => tpsCsv(row({ desa: 'D'.repeat(101) })), /terlalu panjang/),
    tps('empty kecamatan name', 'tps.csv', () => tpsCsv(row({ kec: '  ' })), /kosong/),
    tps('control characters in a name (small file)', 'tps.csv', () =>
      tpsCsv(row({ desa: 'PANGKALAN\u0007\u0008DODEK', kodeDesa: '' })),
    ),
    tps('a BEL control character in one desa name of the full demo file', 'tps.csv', () =>
      demo.replaceAll('PANGKALAN DODEK', 'PANGKALAN\u0007DODEK'),
    ),
    tps('a NUL inside one name of the full demo file', 'tps.csv', () =>
      demo.replace('PANGKALAN DODEK', 'PANGKALAN\u0000DODEK'),
    ),
    tps('one kecamatan with two codes', 'tps.csv', () => tpsCsv(row({ kodeKec: '121999' })), /dua kode/),
    tps(
      'one desa code for two desa',
      'tps.csv',
      () => tpsCsv(row({ desa: 'DESA LAIN', kodeDesa: '1219011001' })),
      /dua desa/,
    ),
    tps('a "TOTAL" row', 'tps.csv', () => tpsCsv(',TOTAL,,,,674'), /jumlah\/total/),
    tps(
      '60.000 rows of junk (generated in a temp dir)',
      'tps-sampah.csv',
      () => {
        const lines = [HEADER]
        for (let i = 0; i < 60_000; i++)
          lines.push(`121901,MEDANG DERAS,1219011001,DESA ${i % 500},TPS-X${i},dua ratus ${i}`)
        const file = join(root, 'tps-60000-sampah.csv')
        writeFileSync(file, lines.join('\n'))
        return readFileSync(file)
      },
      /galat lain/,
    ),
    tps('40 MB of binary junk (well under the limit, generated in a temp dir)', 'tps-besar.csv', () => {
      const file = join(root, 'tps-40mb.csv')
      const block = pseudoRandom(1024 * 1024, 40)
      writeFileSync(file, Buffer.concat(Array.from({ length: 40 }, () => block)))
      return readFileSync(file)
    }),
    tps(
      'just over 50 MB (52.428.801 bytes, generated in a temp dir)',
      'tps-50mb.csv',
      () => {
        const file = join(root, 'tps-50mb.csv')
        const block = pseudoRandom(1024 * 1024, 50)
        writeFileSync(file, Buffer.concat([...Array.from({ length: 50 }, () => block), Buffer.from('x')]))
        return readFileSync(file)
      },
      /terlalu besar|maksimum 50/,
    ),
    tps(
      'over the contract limit (52.500.003 bytes, 70.000.004 base64 characters)',
      'tps-besar.csv',
      () => Buffer.alloc(52_500_003, 0x41),
      /terlalu besar/,
    ),

    // XLSX built here: what a program (or a careless copy) writes.
    tps(
      'XLSX formula without a cached result in DPT',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, { formula: 'SUM(F2:F3)' } as ExcelJS.CellFormulaValue)]),
      /rumus/,
    ),
    tps(
      'XLSX formula without a cached result in kecamatan',
      'tps.xlsx',
      () =>
        xlsx([
          XLSX_HEADER,
          ...XLSX_GOOD,
          xlsxRow(3, 268, { formula: 'CONCAT("MEDANG"," DERAS")' } as ExcelJS.CellFormulaValue),
        ]),
      /rumus/,
    ),
    tps(
      'XLSX text "=HYPERLINK(...)" in kecamatan',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 268, '=HYPERLINK("http://contoh.invalid","klik")')]),
      /rumus/,
    ),
    tps(
      'XLSX rich text "+cmd" in desa',
      'tps.xlsx',
      () =>
        xlsx([
          XLSX_HEADER,
          ...XLSX_GOOD,
          xlsxRow(3, 268, 'MEDANG DERAS', { richText: [{ text: '+cmd|' }, { text: "' /C calc'!A0" }] }),
        ]),
      /rumus/,
    ),
    tps(
      'XLSX hyperlink cell whose text is "@foo"',
      'tps.xlsx',
      () =>
        xlsx([
          XLSX_HEADER,
          ...XLSX_GOOD,
          xlsxRow(3, 268, 'MEDANG DERAS', { text: '@foo', hyperlink: 'http://contoh.invalid' }),
        ]),
      /rumus/,
    ),
    tps(
      'XLSX DPT as text "dua ratus"',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 'dua ratus')]),
      /bilangan bulat/,
    ),
    tps('XLSX DPT negative number', 'tps.xlsx', () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, -5)]), /negatif/),
    tps(
      'XLSX DPT fractional number 240.5',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 240.5)]),
      /bilangan bulat/,
    ),
    tps(
      'XLSX DPT number 1e21',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 1e21)]),
      /bilangan bulat/,
    ),
    tps(
      'XLSX DPT error value #DIV/0!',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, { error: '#DIV/0!' } as ExcelJS.CellErrorValue)]),
      /bilangan bulat/,
    ),
    tps(
      'XLSX DPT as a date',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, new Date(Date.UTC(2024, 10, 5)))]),
      /bilangan bulat/,
    ),
    tps('XLSX DPT as TRUE', 'tps.xlsx', () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, true)]), /bilangan bulat/),
    tps('XLSX DPT 100.001', 'tps.xlsx', () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 100_001)]), /100\.000/),
    tps('XLSX TPS number 0', 'tps.xlsx', () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(0, 268)]), /dimulai dari 1/),
    tps(
      'XLSX TPS number 10000',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(10_000, 268)]),
      /tidak wajar/,
    ),
    tps('XLSX the same TPS twice', 'tps.xlsx', () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(2, 170)]), /dua kali/),
    tps(
      'XLSX DPT column missing',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER.slice(0, 5), ['121901', 'MEDANG DERAS', '1219011001', 'PANGKALAN DODEK', 1]]),
      /DPT/,
    ),
    tps(
      'XLSX two DPT columns',
      'tps.xlsx',
      () =>
        xlsx([
          [...XLSX_HEADER, 'Jumlah DPT'],
          [...xlsxRow(1, 240), 240],
        ]),
      /sama-sama/,
    ),
    tps(
      'XLSX "JUMLAH" row with a cached SUM',
      'tps.xlsx',
      () =>
        xlsx([
          XLSX_HEADER,
          ...XLSX_GOOD,
          ['', 'JUMLAH', '', '', '', { formula: 'SUM(F2:F3)', result: 406 } as ExcelJS.CellFormulaValue],
        ]),
      /jumlah\/total/,
    ),
    tps(
      'XLSX kecamatan name of 300 characters',
      'tps.xlsx',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 268, 'K'.repeat(300))]),
      /terlalu panjang/,
    ),
    tps('XLSX header below a 20-row title block', 'tps.xlsx', () =>
      xlsx([XLSX_HEADER, ...XLSX_GOOD], { skipRows: 20 }),
    ),
    tps(
      'XLSX with text in DPT, renamed .csv (content decides)',
      'tps.csv',
      () => xlsx([XLSX_HEADER, ...XLSX_GOOD, xlsxRow(3, 'dua ratus')]),
      /bilangan bulat/,
    ),
  ]
  // The upload envelope itself, sent as is.
  cases.push(
    {
      name: 'TPS: content that is not base64',
      run: () => api('wilayah.pratinjauImpor', { fileName: 'tps.csv', contentBase64: 'bukan base64!!' }),
      says: /base64/,
    },
    {
      name: 'TPS: empty file name',
      run: () => api('wilayah.impor', { fileName: '', contentBase64: '', fingerprint: 'x' }),
      says: /Nama berkas/,
    },
    {
      name: 'TPS: file name of 300 characters',
      run: () => api('wilayah.impor', { fileName: `${'a'.repeat(296)}.csv`, contentBase64: '', fingerprint: 'x' }),
      says: /terlalu panjang/,
    },
    {
      name: 'TPS: content as a number',
      run: () => api('wilayah.impor', { fileName: 'tps.csv', contentBase64: 12345, fingerprint: 'x' }),
    },
    { name: 'TPS: apply without a fingerprint', run: () => api('wilayah.impor', upload('tps.csv', demo)) },
    {
      name: 'TPS: apply of the demo file with a forged fingerprint',
      run: () => api('wilayah.impor', { ...upload('tps.csv', demo), fingerprint: 'f'.repeat(64) }),
      says: /pratinjau/,
    },
    {
      name: 'TPS: apply with an extra field',
      run: () => api('wilayah.impor', { ...upload('tps.csv', demo), fingerprint: 'x', paksa: true }),
    },
  )
  return cases
}

function dapilCases(): Case[] {
  const d = fileCase('dapil', importDapil)
  const H = 'surat_suara,kecamatan,dapil'
  return [
    d('mixed errors (fixture)', 'dapil-galat.csv', () => readFileSync(join(FIXTURES, 'dapil-galat.csv')), /dua kali/),
    d('empty file', 'dapil.csv', () => Buffer.alloc(0), /kosong/),
    d('only the header', 'dapil.csv', () => H + '\n', /judul kolom/),
    d('PNG renamed .csv', 'dapil.csv', png),
    d('old Excel .xls', 'dapil.xls', ole2),
    d('XLSX truncated', 'dapil.xlsx', async () =>
      (
        await xlsx([
          ['surat_suara', 'kecamatan', 'dapil'],
          ['Bupati', 'TALAWI', 'BATU BARA 2'],
        ])
      ).subarray(0, 300),
    ),
    d('dapil column missing', 'dapil.csv', () => 'surat_suara,kecamatan\nBupati,TALAWI\n', /dapil/),
    d('unknown ballot type "DPD RI"', 'dapil.csv', () => `${H}\nDPD RI,TALAWI,SUMUT 3\n`, /tidak ada/),
    d('a logistics item "KOTAK" as ballot type', 'dapil.csv', () => `${H}\nKOTAK,TALAWI,BATU BARA 2\n`, /tidak ada/),
    d('unknown kecamatan', 'dapil.csv', () => `${H}\nBupati,ATLANTIS,BATU BARA 2\n`, /tidak ada/),
    d(
      'one kecamatan twice for one ballot type',
      'dapil.csv',
      () => `${H}\nBupati,TALAWI,BATU BARA 1\nbupati,talawi,BATU BARA 2\n`,
      /dua kali/,
    ),
    d('dapil name of 61 characters', 'dapil.csv', () => `${H}\nBupati,TALAWI,${'D'.repeat(61)}\n`, /terlalu panjang/),
    d('dapil written as a formula', 'dapil.csv', () => `${H}\nBupati,TALAWI,=1+1\n`, /rumus/),
    d('empty dapil cell', 'dapil.csv', () => `${H}\nBupati,TALAWI,\n`, /kosong/),
    d('quote never closed', 'dapil.csv', () => `${H}\nBupati,"TALAWI,BATU BARA 2\n`, /kutip/),
    d(
      'XLSX with a formula kecamatan without cached result',
      'dapil.xlsx',
      () =>
        xlsx([
          ['surat_suara', 'kecamatan', 'dapil'],
          ['Bupati', { formula: 'A1' } as ExcelJS.CellFormulaValue, 'BATU BARA 2'],
        ]),
      /rumus/,
    ),
  ]
}

function workerCases(): Case[] {
  const w = fileCase('pekerja', importWorkers)
  const H = 'nama,nik,telepon,regu,ketua'
  return [
    w(
      'mixed errors in a semicolon file (fixture)',
      'pekerja-galat-titikkoma.csv',
      () => readFileSync(join(FIXTURES, 'pekerja-galat-titikkoma.csv')),
      /NIK/,
    ),
    w('NIK of 15 digits', 'pekerja.csv', () => `${H}\nAni Lestari,121901450190000,,Anggrek,\n`, /16 angka/),
    w('NIK in scientific notation', 'pekerja.csv', () => `${H}\nAni Lestari,1.21901E+15,,Anggrek,\n`, /notasi ilmiah/),
    w('NIK with letters', 'pekerja.csv', () => `${H}\nAni Lestari,12190145O19OOOO1,,Anggrek,\n`, /16 angka/),
    w(
      'the same NIK twice in the file',
      'pekerja.csv',
      () => `${H}\nAni Lestari,1219014501900031,,Anggrek,\nBudi Santoso,1219014501900031,,Anggrek,\n`,
      /dua kali/,
    ),
    w(
      'a NIK already recorded for another worker',
      'pekerja.csv',
      () => `${H}\nAni Lestari,1219014501900001,,Anggrek,\n`,
      /sudah tercatat/,
    ),
    w('a leader without a team', 'pekerja.csv', () => `${H}\nAni Lestari,,,,ketua\n`, /regu/),
    w(
      'two leaders of one team',
      'pekerja.csv',
      () => `${H}\nAni Lestari,,,Anggrek,ya\nBudi Santoso,,,anggrek,Ketua\n`,
      /dua ketua/,
    ),
    w('telephone with letters', 'pekerja.csv', () => `${H}\nAni Lestari,,08-satu-dua,Anggrek,\n`, /telepon/),
    w('empty name', 'pekerja.csv', () => `${H}\n ,1219014501900032,,Anggrek,\n`, /kosong/),
    w(
      'name written as a formula',
      'pekerja.csv',
      () => `${H}\n"=HYPERLINK(""http://contoh.invalid"")",,,Anggrek,\n`,
      /rumus/,
    ),
    w('name of 101 characters', 'pekerja.csv', () => `${H}\n${'N'.repeat(101)},,,Anggrek,\n`, /terlalu panjang/),
    w('team name of 61 characters', 'pekerja.csv', () => `${H}\nAni Lestari,,,${'R'.repeat(61)},\n`, /terlalu panjang/),
    w('name column missing', 'pekerja.csv', () => 'nik,telepon\n1219014501900033,081234567890\n', /nama/),
    w('empty file', 'pekerja.csv', () => Buffer.alloc(0), /kosong/),
    w('only the header', 'pekerja.csv', () => H + '\n', /judul kolom/),
    w('Windows program renamed .csv', 'pekerja.csv', exe),
    w(
      'XLSX with a 16-digit NIK stored as a number (Excel keeps 15 digits)',
      'pekerja.xlsx',
      () =>
        xlsx(
          [
            ['nama', 'nik', 'regu'],
            ['Ani Lestari', 1219014501900041, 'Anggrek'],
          ],
          { sheet: 'Pekerja' },
        ),
      /NIK/,
    ),
  ]
}

/** Three shapes no write method takes, for every write method of the contract. */
function genericWriteCases(): Case[] {
  const writes = (Object.keys(contract) as (keyof typeof contract)[]).filter((m) => contract[m].writes)
  return writes.flatMap((m): Case[] => [
    { name: `${m}: an array where the object goes`, run: () => api(m, [{}]) },
    { name: `${m}: a bare string`, run: () => api(m, 'hapus semua') },
    { name: `${m}: JSON null`, run: () => api(m, null, { rawBody: 'null' }) },
  ])
}

function writeCases(): Case[] {
  const c = (name: string, method: string, input: () => unknown, says?: RegExp, opts?: PostOptions): Case => ({
    name: `${method}: ${name}`,
    says,
    run: () => api(method, input(), opts),
  })
  const delivery = (line: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
    receivedAt: '2024-11-07T09:00',
    penyedia: 'PT Pura Barutama',
    suratJalan: 'SJ-KORPUS',
    lines: [{ variantId: id.G, statedQty: 1_000, countedQty: 1_000, ...line }],
    ...over,
  })
  const shift = (over: Record<string, unknown> = {}) => ({
    ...dayShift('sortir_lipat', '2024-11-07', [id.G], [id.melati]),
    ...over,
  })
  const tally = (row: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
    shiftId: id.openShift,
    variantId: id.G,
    rows: [{ teamId: id.kenanga, ...row }],
    ...over,
  })
  const grid = (over: Record<string, unknown> = {}) => ({
    rows: 8,
    cols: 3,
    marginTop: 10,
    marginLeft: 5,
    marginRight: 5,
    marginBottom: 10,
    gapX: 2,
    gapY: 0,
    outline: false,
    ...over,
  })
  const signer = (over: Record<string, unknown> = {}) => ({
    peran: 'Pihak Pertama',
    jabatan: 'Kasubbag',
    nama: 'Nurhayati',
    posisi: 'pihak',
    ...over,
  })
  /** A value of the wrong type was given: "required" would send the user looking for an empty field. */
  const WRONG_TYPE = /Jenis isian salah|seharusnya/
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
  return [
    // penerimaan.catat: counts, ids, dates and shapes.
    c('countedQty negative', 'penerimaan.catat', () => delivery({ countedQty: -5 }), /negatif/),
    c('countedQty fractional', 'penerimaan.catat', () => delivery({ countedQty: 10.5 }), /bilangan bulat/),
    c('countedQty 10^12', 'penerimaan.catat', () => delivery({ countedQty: 1e12 }), /terlalu besar/),
    c(
      'countedQty 2^53 + 2',
      'penerimaan.catat',
      () => delivery({ countedQty: 2 ** 53 + 2 }),
      /terlalu besar|bilangan bulat/,
    ),
    c('countedQty as the string "1000"', 'penerimaan.catat', () => delivery({ countedQty: '1000' })),
    c('countedQty as the string "NaN"', 'penerimaan.catat', () => delivery({ countedQty: 'NaN' })),
    c('countedQty 1e400 (Infinity once parsed)', 'penerimaan.catat', () => null, undefined, {
      rawBody: JSON.stringify(delivery({ countedQty: 0 })).replace('"countedQty":0', '"countedQty":1e400'),
    }),
    c('countedQty true', 'penerimaan.catat', () => delivery({ countedQty: true })),
    c('counted and exchanged both zero', 'penerimaan.catat', () => delivery({ countedQty: 0, statedQty: 0 }), /nol/),
    c('tertukarQty without a note', 'penerimaan.catat', () => delivery({ tertukarQty: 5 }), /tertukar/i),
    c('isiPerDus 0', 'penerimaan.catat', () => delivery({ dus: 2, isiPerDus: 0, statedQty: null }), /minimal 1/),
    c(
      'dus x isi per dus beyond any delivery',
      'penerimaan.catat',
      () => delivery({ dus: 100_000_000, isiPerDus: 100_000_000, statedQty: null }),
      /melebihi/,
    ),
    c('variantId as the string "GUBERNUR"', 'penerimaan.catat', () => delivery({ variantId: 'GUBERNUR' }), WRONG_TYPE),
    c('variantId unknown', 'penerimaan.catat', () => delivery({ variantId: 999_999 }), /tidak dikenal/),
    c('variantId 0', 'penerimaan.catat', () => delivery({ variantId: 0 }), /minimal 1|lebih dari 0/),
    c(
      'the same variant on two lines',
      'penerimaan.catat',
      () =>
        delivery(
          {},
          {
            lines: [
              { variantId: id.G, statedQty: 1, countedQty: 1 },
              { variantId: id.G, statedQty: 1, countedQty: 1 },
            ],
          },
        ),
      /dua kali/,
    ),
    c('lines as an object', 'penerimaan.catat', () => delivery({}, { lines: { variantId: id.G, countedQty: 1 } })),
    c('lines empty', 'penerimaan.catat', () => delivery({}, { lines: [] }), /sedikitnya satu/),
    c(
      '201 lines',
      'penerimaan.catat',
      () =>
        delivery(
          {},
          { lines: Array.from({ length: 201 }, (_, i) => ({ variantId: i + 1, statedQty: 1, countedQty: 1 })) },
        ),
      /Terlalu banyak/,
    ),
    c('receivedAt 2024-02-30', 'penerimaan.catat', () => delivery({}, { receivedAt: '2024-02-30T09:00' }), /kalender/),
    c('receivedAt 2023-02-29', 'penerimaan.catat', () => delivery({}, { receivedAt: '2023-02-29T09:00' }), /kalender/),
    // A time the form does not write: the contract names the one format it takes.
    ...(
      [
        ['at 25:00', '2024-11-07T25:00'],
        ['in UTC "Z"', '2024-11-07T09:00:00Z'],
        ['with an offset +07:00', '2024-11-07T09:00+07:00'],
        ['written 07/11/2024 09:00', '07/11/2024 09:00'],
      ] as const
    ).map(([how, receivedAt]) =>
      c(`receivedAt ${how}`, 'penerimaan.catat', () => delivery({}, { receivedAt }), /TTTT-BB-HHTJJ:MM/),
    ),
    c('unknown kind "darurat"', 'penerimaan.catat', () => delivery({}, { kind: 'darurat' }), /pilihan/),
    c(
      'kind pengganti without saying for what',
      'penerimaan.catat',
      () => delivery({}, { kind: 'pengganti' }),
      /penggantian/,
    ),
    c('penyedia blank', 'penerimaan.catat', () => delivery({}, { penyedia: '   ' }), /wajib/),
    c(
      'penyedia of 151 characters',
      'penerimaan.catat',
      () => delivery({}, { penyedia: 'P'.repeat(151) }),
      /terlalu panjang/,
    ),
    c('note of 1 MB', 'penerimaan.catat', () => delivery({}, { note: 'n'.repeat(1024 * 1024) }), /terlalu panjang/),
    c('suratJalan missing', 'penerimaan.catat', () => ({ ...delivery(), suratJalan: undefined }), /Wajib/),
    c(
      'the delivery of SJ-001 recorded again',
      'penerimaan.catat',
      () => delivery({}, { suratJalan: 'SJ-001' }),
      /sudah dicatat/,
    ),
    c('an extra field on a line', 'penerimaan.catat', () => delivery({ harga: 1000 }), /tidak dikenal/),
    c(
      'an extra top-level field with an otherwise valid delivery',
      'penerimaan.catat',
      () => delivery({}, { disetujui: true }),
      /tidak dikenal/,
    ),
    c('"__proto__" key with an otherwise valid delivery', 'penerimaan.catat', () => null, undefined, {
      rawBody: JSON.stringify(delivery()).replace('{', '{"__proto__":{"admin":true},'),
    }),
    c('lines nested 10.000 arrays deep', 'penerimaan.catat', () => null, undefined, {
      rawBody: JSON.stringify(delivery()).replace(/"lines":\[.*\]/, `"lines":${nested(10_000)}`),
    }),
    c('a body nested 100.000 arrays deep', 'penerimaan.catat', () => null, undefined, { rawBody: nested(100_000) }),
    // Other receiving methods.
    c('lineId as a string', 'penerimaan.selesaikanSelisih', () => ({
      lineId: String(id.lineId),
      note: 'Selesai dengan BA',
    })),
    c(
      'lineId unknown',
      'penerimaan.selesaikanSelisih',
      () => ({ lineId: 999_999, note: 'Selesai dengan BA' }),
      /tidak ditemukan|tidak dikenal|tidak ada/,
    ),
    c('note blank', 'penerimaan.selesaikanSelisih', () => ({ lineId: id.lineId, note: '' }), /wajib/),
    c(
      'qty 0',
      'penerimaan.catatRetur',
      () => ({ penyedia: 'PT Pura Barutama', note: 'Tertukar', lines: [{ variantId: id.B, qty: 0 }] }),
      /minimal 1/,
    ),
    c('more than is held as exchanged', 'penerimaan.catatRetur', () => ({
      penyedia: 'PT Pura Barutama',
      note: 'Tertukar',
      lines: [{ variantId: id.B, qty: 41 }],
    })),
    c('a variant never exchanged', 'penerimaan.catatRetur', () => ({
      penyedia: 'PT Pura Barutama',
      note: 'Tertukar',
      lines: [{ variantId: id.K, qty: 1 }],
    })),
    // Workers and teams.
    c('NIK of 15 digits', 'pekerja.tambah', () => ({ nama: 'Ani Lestari', nik: '121901450190000' }), /16 angka/),
    c('NIK with letters', 'pekerja.tambah', () => ({ nama: 'Ani Lestari', nik: 'ABCDEFGHIJKLMNOP' }), /16 angka/),
    c('NIK as a number', 'pekerja.tambah', () => ({ nama: 'Ani Lestari', nik: 1219014501900099 }), WRONG_TYPE),
    c('NIK of another worker', 'pekerja.tambah', () => ({ nama: 'Ani Lestari', nik: '1219014501900001' })),
    c('name blank', 'pekerja.tambah', () => ({ nama: '   ' }), /wajib/),
    c('name of 101 characters', 'pekerja.tambah', () => ({ nama: 'N'.repeat(101) }), /terlalu panjang/),
    c('name of only a zero-width space', 'pekerja.tambah', () => ({ nama: '\u200b' })),
    c('name with NUL and BEL control characters', 'pekerja.tambah', () => ({ nama: 'Ani\u0000\u0007Lestari' })),
    c('name written as a formula', 'pekerja.tambah', () => ({ nama: '=HYPERLINK("http://contoh.invalid","Ani")' })),
    c(
      'telephone with letters',
      'pekerja.tambah',
      () => ({ nama: 'Ani Lestari', telepon: 'nol delapan satu' }),
      /telepon/i,
    ),
    c('teamId as the name "Melati"', 'pekerja.tambah', () => ({ nama: 'Ani Lestari', teamId: 'Melati' })),
    c('teamId unknown', 'pekerja.tambah', () => ({ nama: 'Ani Lestari', teamId: 999_999 })),
    c('id 0', 'pekerja.ubah', () => ({ id: 0, nama: 'Siti' }), /minimal 1|lebih dari 0/),
    c('id unknown', 'pekerja.ubah', () => ({ id: 999_999, nama: 'Siti' })),
    c('active as "ya"', 'pekerja.ubah', () => ({ id: id.siti, active: 'ya' }), WRONG_TYPE),
    c('dailyTarget negative', 'regu.tambah', () => ({ nama: 'Anggrek', dailyTarget: -1 }), /negatif/),
    c('dailyTarget fractional', 'regu.tambah', () => ({ nama: 'Anggrek', dailyTarget: 1.5 }), /bilangan bulat/),
    c('leaderId as a name', 'regu.tambah', () => ({ nama: 'Anggrek', leaderId: 'Siti Aminah' })),
    c('a team name already in use', 'regu.tambah', () => ({ nama: 'melati' })),
    c(
      'an extra field with an otherwise valid team',
      'regu.tambah',
      () => ({ nama: 'Anggrek', warna: 'ungu' }),
      /tidak dikenal/,
    ),
    c('leader from another team', 'regu.ubah', () => ({ id: id.kenanga, leaderId: id.siti })),
    c('id unknown', 'regu.ubah', () => ({ id: 999_999, nama: 'Anggrek' })),
    c('date 2024-02-30', 'regu.aturTarget', () => ({ teamId: id.melati, tanggal: '2024-02-30', qty: 100 })),
    c(
      'date with a time zone',
      'regu.aturTarget',
      () => ({ teamId: id.melati, tanggal: '2024-11-07T00:00:00+07:00', qty: 100 }),
      /TTTT-BB-HH/,
    ),
    c('qty negative', 'regu.aturTarget', () => ({ teamId: id.melati, tanggal: '2024-11-07', qty: -100 }), /negatif/),
    // Shifts and tallies.
    c('unknown kind "lembur"', 'shift.buka', () => shift({ kind: 'lembur' }), /pilihan/),
    c('date 2024-02-30', 'shift.buka', () => shift({ tanggal: '2024-02-30' }), /tidak ada di kalender/),
    c('start at 25:00', 'shift.buka', () => shift({ mulai: '25:00' }), /JJ:MM/),
    c('start at 24:00', 'shift.buka', () => shift({ mulai: '24:00' }), /JJ:MM/),
    c('end at 08:60', 'shift.buka', () => shift({ selesai: '08:60' }), /JJ:MM/),
    c('end before start', 'shift.buka', () => shift({ mulai: '16:00', selesai: '08:00' }), /setelah/),
    c(
      'date as an ISO timestamp with offset',
      'shift.buka',
      () => shift({ tanggal: '2024-11-07T08:00:00+07:00' }),
      /TTTT-BB-HH/,
    ),
    c('teams as an object', 'shift.buka', () => shift({ teams: { teamId: id.melati } }), WRONG_TYPE),
    c('no teams', 'shift.buka', () => shift({ teams: [] }), /sedikitnya satu regu/),
    c('variantIds as strings', 'shift.buka', () => shift({ variantIds: [String(id.G)] })),
    c('a kotak on a sortir shift', 'shift.buka', () => shift({ variantIds: [id.K] }), /bukan surat suara/),
    c(
      'attendance of a closed shift',
      'shift.aturKehadiran',
      () => ({ shiftId: id.closedShift, teams: [{ teamId: id.melati }] }),
      /ditutup/,
    ),
    c('teamId as a string', 'shift.aturKehadiran', () => ({ shiftId: id.openShift, teams: [{ teamId: 'Kenanga' }] })),
    c('shiftId "abc"', 'shift.tutup', () => ({ shiftId: 'abc', note: '' })),
    c('closing a shift with sheets in process', 'shift.tutup', () => ({ shiftId: id.openShift, note: '' }), /proses/),
    c('shiftId unknown', 'shift.tutup', () => ({ shiftId: 999_999, note: '' }), /tidak ditemukan/),
    c('reopening without a reason', 'shift.bukaKembali', () => ({ shiftId: id.closedShift, note: '' }), /wajib/),
    c(
      'reopening an open shift',
      'shift.bukaKembali',
      () => ({ shiftId: id.openShift, note: 'Koreksi hasil' }),
      /masih terbuka/,
    ),
    c('serahkan negative', 'tally.simpan', () => tally({ serahkan: -1 }), /negatif/),
    c('hasil fractional', 'tally.simpan', () => tally({ hasil: 1.5 }), /bilangan bulat/),
    c('hasil more than the team holds', 'tally.simpan', () => tally({ hasil: 101 })),
    c('damage reason in lower case', 'tally.simpan', () => tally({ rusak: { cetak: 1 } }), /alasan rusak/),
    c('unknown damage reason', 'tally.simpan', () => tally({ rusak: { TIDAK_ADA: 1 } })),
    c('damage count as a string', 'tally.simpan', () => tally({ rusak: { CETAK: '5' } })),
    c('damage as an array', 'tally.simpan', () => tally({ rusak: [['CETAK', 5]] })),
    c('no rows', 'tally.simpan', () => tally({}, { rows: [] }), /Tidak ada baris/),
    c(
      '501 rows',
      'tally.simpan',
      () => tally({}, { rows: Array.from({ length: 501 }, () => ({ teamId: id.kenanga, serahkan: 1 })) }),
      /Terlalu banyak/,
    ),
    c(
      'a closed shift',
      'tally.simpan',
      () => tally({ serahkan: 1 }, { shiftId: id.closedShift, rows: [{ teamId: id.melati, serahkan: 1 }] }),
      /ditutup/,
    ),
    c('a variant the shift does not work on', 'tally.simpan', () => tally({ serahkan: 1 }, { variantId: id.B })),
    c('a team not in the shift', 'tally.simpan', () => tally({ serahkan: 1, teamId: id.melati })),
    c(
      'qty 0',
      'rusak.reklasifikasi',
      () => ({ variantId: id.G, reason: 'CETAK', qty: 0, note: 'Layak pakai' }),
      /minimal 1/,
    ),
    c('more than is damaged', 'rusak.reklasifikasi', () => ({
      variantId: id.G,
      reason: 'CETAK',
      qty: 11,
      note: 'Layak pakai',
    })),
    c('reason in lower case', 'rusak.reklasifikasi', () => ({
      variantId: id.G,
      reason: 'cetak',
      qty: 1,
      note: 'Layak pakai',
    })),
    c('seq negative', 'ledger.koreksi', () => ({ seq: -1, qty: 1, note: 'Salah hitung' })),
    c('seq unknown', 'ledger.koreksi', () => ({ seq: 99_999_999, qty: 1, note: 'Salah hitung' })),
    c('qty negative', 'ledger.koreksi', () => ({ seq: id.seq, qty: -1, note: 'Salah hitung' }), /negatif/),
    c(
      'a row of a closed shift',
      'ledger.koreksi',
      () => ({ seq: id.seq, qty: 980, note: 'Salah hitung' }),
      /ditutup|buka kembali/,
    ),
    c('note blank', 'ledger.koreksi', () => ({ seq: id.seq, qty: 1, note: ' ' }), /wajib/),
    // Items, election, dapil, documents.
    c('qty negative', 'barang.ubah', () => ({ id: 3, qty: -1 }), /negatif/),
    c('per 0', 'barang.ubah', () => ({ id: 3, per: 0 }), /minimal 1/),
    c('rule "ballot" for a logistics item', 'barang.ubah', () => ({ id: 3, rule: 'ballot' })),
    c('id unknown', 'barang.ubah', () => ({ id: 999_999, qty: 1 })),
    c(
      'code in lower case with a space',
      'barang.tambah',
      () => ({ code: 'kabel ties', name: 'Kabel ties', unit: 'bungkus', rule: 'per_tps', qty: 1 }),
      /Kode barang/,
    ),
    c(
      'unknown rule "per_galaksi"',
      'barang.tambah',
      () => ({ code: 'KABEL_TIES', name: 'Kabel ties', unit: 'bungkus', rule: 'per_galaksi', qty: 1 }),
      /pilihan/,
    ),
    c('code of an existing item', 'barang.tambah', () => ({
      code: 'KOTAK',
      name: 'Kotak lain',
      unit: 'buah',
      rule: 'per_tps',
      qty: 1,
    })),
    c('on a database already set up', 'pemilihan.buat', () => ({ jenis: 'pilkada', satker: 'Kabupaten Batu Bara' })),
    c(
      'unknown jenis "pilpres"',
      'pemilihan.buat',
      () => ({ jenis: 'pilpres', satker: 'Kabupaten Batu Bara' }),
      /pilihan/,
    ),
    c('year 1999', 'pemilihan.ubah', () => ({ tahun: 1999 }), /2000/),
    c('reserve 2.555 percent', 'pemilihan.ubah', () => ({ reservePercent: 2.555 }), /dua angka desimal/),
    c('reserve as the string "2,5"', 'pemilihan.ubah', () => ({ reservePercent: '2,5' })),
    c('max voters per TPS 0', 'pemilihan.ubah', () => ({ maxVotersPerTps: 0 }), /minimal 1/),
    c('paper "Letter"', 'pemilihan.ubah', () => ({ paper: 'Letter' }), /pilihan/),
    c('kode wilayah "12A"', 'pemilihan.ubah', () => ({ kodeWilayah: '12A' }), /Kode wilayah/),
    c('logo that is not base64', 'pemilihan.aturLogo', () => ({ contentBase64: 'bukan base64!!' }), /base64/),
    c('logo that is a text file', 'pemilihan.aturLogo', () => ({
      contentBase64: Buffer.from('bukan gambar').toString('base64'),
    })),
    c('logo that is a PDF', 'pemilihan.aturLogo', () => ({ contentBase64: pdf().toString('base64') })),
    c(
      'logo over 1 MB',
      'pemilihan.aturLogo',
      () => ({ contentBase64: Buffer.alloc(1_200_000).toString('base64') }),
      /terlalu besar/,
    ),
    c('a logistics item', 'dapil.aturPemetaan', () => ({
      itemId: 3,
      mapping: [{ kecamatanId: id.kecamatan, dapil: 'X' }],
    })),
    c('empty mapping', 'dapil.aturPemetaan', () => ({ itemId: 2, mapping: [] }), /kosong/),
    c(
      'unknown kecamatan',
      'dapil.aturPemetaan',
      () => ({ itemId: 2, mapping: [{ kecamatanId: 999_999, dapil: 'BATU BARA 2' }] }),
      /tidak ada/,
    ),
    c(
      'dapil name of 61 characters',
      'dapil.aturPemetaan',
      () => ({ itemId: 2, mapping: [{ kecamatanId: id.kecamatan, dapil: 'D'.repeat(61) }] }),
      /terlalu panjang/,
    ),
    c(
      'unknown document type',
      'dokumen.aturJenis',
      () => ({ type: 'BA_LAIN', nomorPattern: null, signers: [] }),
      /pilihan/,
    ),
    c(
      '13 signers',
      'dokumen.aturJenis',
      () => ({ type: 'BA_RUSAK', nomorPattern: null, signers: Array.from({ length: 13 }, () => signer()) }),
      /12/,
    ),
    c(
      'NIP with letters',
      'dokumen.aturJenis',
      () => ({ type: 'BA_RUSAK', nomorPattern: null, signers: [signer({ nip: '19790101 ABC' })] }),
      /NIP/,
    ),
    c(
      'signer position "ketua"',
      'dokumen.aturJenis',
      () => ({ type: 'BA_RUSAK', nomorPattern: null, signers: [signer({ posisi: 'ketua' })] }),
      /pilihan/,
    ),
    c('without a type', 'dokumen.terbitkan', () => ({ deliveryId: id.delivery })),
    c('unknown delivery', 'dokumen.terbitkan', () => ({ type: 'BA_PENERIMAAN', deliveryId: 999_999 })),
    c('BA sortir from 2024-02-30', 'dokumen.terbitkan', () => ({
      type: 'BA_SORTIR',
      from: '2024-02-30',
      to: '2024-11-05',
    })),
    c('BA sortir ending before it starts', 'dokumen.terbitkan', () => ({
      type: 'BA_SORTIR',
      from: '2024-11-06',
      to: '2024-11-01',
    })),
    c('unknown document', 'dokumen.cetak', () => ({ id: 999_999 }), /tidak ditemukan/),
    c('format "docx"', 'dokumen.cetak', () => ({ id: 1, format: 'docx' }), /pilihan/),
    // Packing, labels, handover, destruction, restore.
    c('a sortir shift used for packing', 'kemas.catat', () => ({
      shiftId: id.openShift,
      tpsId: id.tps,
      lines: [{ variantId: id.G, qty: 1 }],
    })),
    c(
      'qty 0',
      'kemas.catat',
      () => ({ shiftId: id.packingShift, tpsId: id.tps, lines: [{ variantId: id.G, qty: 0 }] }),
      /minimal 1/,
    ),
    c(
      'unknown TPS',
      'kemas.catat',
      () => ({ shiftId: id.packingShift, tpsId: 999_999, lines: [{ variantId: id.G, qty: 1 }] }),
      /TPS/,
    ),
    c('more ballots than the kit needs', 'kemas.catat', () => ({
      shiftId: id.packingShift,
      tpsId: id.tps,
      lines: [{ variantId: id.G, qty: 5_000 }],
    })),
    c('a kotak that was never assembled', 'kemas.catat', () => ({
      shiftId: id.packingShift,
      tpsId: id.tps,
      lines: [{ variantId: id.K, qty: 1 }],
    })),
    c('kotak 0', 'kemas.catatSegel', () => ({ tpsId: id.tps, kotakNo: 0, nomor: 'SG-1' })),
    c('seal number blank', 'kemas.catatSegel', () => ({ tpsId: id.tps, kotakNo: 1, nomor: '' }), /wajib/),
    c('13 rows', 'kemas.aturSusunanLabel', () => grid({ rows: 13 }), /12/),
    c('negative margin', 'kemas.aturSusunanLabel', () => grid({ marginTop: -1 })),
    c('outline missing', 'kemas.aturSusunanLabel', () => ({ ...grid(), outline: undefined })),
    c(
      'an extra field with an otherwise valid grid',
      'kemas.aturSusunanLabel',
      () => grid({ warna: 'merah' }),
      /tidak dikenal/,
    ),
    c(
      'no TPS',
      'serahTerima.serahkan',
      () => ({ kecamatanId: id.kecamatan, tpsIds: [], ppkNama: 'Ahmad', ppkJabatan: 'Ketua PPK' }),
      /sedikitnya satu TPS/,
    ),
    c('TPS not packed yet', 'serahTerima.serahkan', () => ({
      kecamatanId: id.kecamatan,
      tpsIds: [id.tps],
      ppkNama: 'Ahmad',
      ppkJabatan: 'Ketua PPK',
    })),
    c('unknown kecamatan', 'serahTerima.serahkan', () => ({
      kecamatanId: 999_999,
      tpsIds: [id.tps],
      ppkNama: 'Ahmad',
      ppkJabatan: 'Ketua PPK',
    })),
    c('handover unknown', 'serahTerima.konfirmasi', () => ({ handoverId: 999_999, note: 'Diterima lengkap' })),
    c(
      'return "ke gudang" (unknown destination)',
      'serahTerima.catatPengembalian',
      () => ({ kecamatanId: id.kecamatan, note: 'Sisa', lines: [{ variantId: id.G, qty: 1, ke: 'gudang' }] }),
      /pilihan/,
    ),
    c('return of what the PPK never received', 'serahTerima.catatPengembalian', () => ({
      kecamatanId: id.kecamatan,
      note: 'Sisa',
      lines: [{ variantId: id.G, qty: 1, ke: 'stok' }],
    })),
    c(
      'destroying from DITERIMA',
      'pemusnahan.catat',
      () => ({ metode: 'Dibakar', tempat: 'Halaman kantor', lines: [{ variantId: id.G, from: 'DITERIMA', qty: 1 }] }),
      /BAIK atau RUSAK/,
    ),
    c('destroying more than is damaged', 'pemusnahan.catat', () => ({
      metode: 'Dibakar',
      tempat: 'Halaman kantor',
      lines: [{ variantId: id.G, from: 'RUSAK:CETAK', qty: 11 }],
    })),
    c('restoring /etc/passwd', 'cadangan.pulihkan', () => ({ file: '/etc/passwd' })),
    c('restoring a path with ../..', 'cadangan.pulihkan', () => ({ file: '../../../../etc/shadow' })),
    c('restoring a file that is not there', 'cadangan.pulihkan', () => ({ file: join(root, 'tidak-ada.sqlite') })),
    c('restoring a PNG named .sqlite', 'cadangan.pulihkan', () => {
      const file = join(root, 'cadangan-palsu.sqlite')
      writeFileSync(file, png())
      return { file }
    }),
  ]
}

function transportCases(): Case[] {
  const t = (name: string, run: () => Promise<Outcome>, says?: RegExp): Case => ({ name: `HTTP: ${name}`, run, says })
  // A team nobody has made yet, so a transport check that failed open would show as a write.
  let n = 0
  const valid = (): { nama: string } => ({ nama: `Teratai ${++n}` })
  const write = 'regu.tambah'
  return [
    t('no Authorization header', () => api(write, valid(), { token: null }), /Token/),
    t('wrong token', () => api(write, valid(), { token: 'salah' }), /Token/),
    t('token with one character more', () => api(write, valid(), { token: `${server.token}0` }), /Token/),
    t(
      'token of the right length, last digit changed',
      () => api(write, valid(), { token: server.token.slice(0, -1) + (server.token.endsWith('0') ? '1' : '0') }),
      /Token/,
    ),
    t('token in the Basic scheme', () => api(write, valid(), { authorization: `Basic ${server.token}` }), /Token/),
    t('token without a scheme', () => api(write, valid(), { authorization: server.token }), /Token/),
    t('"Bearer" with no token', () => api(write, valid(), { authorization: 'Bearer ' }), /Token/),
    t(
      'two tokens in one header',
      () => api(write, valid(), { authorization: `Bearer ${server.token} ${server.token}` }),
      /Token/,
    ),
    t(
      'token only in the query string',
      () => api(write, valid(), { token: null, path: `/api/${write}?token=${server.token}` }),
      /Token/,
    ),
    t('no user chosen (no session header)', () => api(write, valid(), { session: null }), /Pilih nama Anda/),
    t(
      'a session id the server never issued',
      () => api(write, valid(), { session: 'AAAAAAAAAAAAAAAAAAAAAAAA' }),
      /Sesi pengguna sudah berakhir/,
    ),
    t('a malformed session header', () => api(write, valid(), { session: '../../etc' }), /Pilih nama Anda/),
    t(
      'an operator closing a shift (koordinator action)',
      () => api('shift.tutup', { shiftId: 1 }, { session: sessions.operator }),
      /memerlukan koordinator/,
    ),
    t(
      'an operator adding a user (admin action)',
      () => api('pengguna.tambah', { nama: 'Penyusup', role: 'admin', pin: '918273' }, { session: sessions.operator }),
      /memerlukan admin/,
    ),
    t(
      'an operator restoring a backup (admin action)',
      () => api('cadangan.pulihkan', { file: join(root, 'korpus.sqlite') }, { session: sessions.operator }),
      /memerlukan admin/,
    ),
    t('GET instead of POST', () => api(write, undefined, { httpMethod: 'GET' }), /POST/),
    t('PUT instead of POST', () => api(write, valid(), { httpMethod: 'PUT' }), /POST/),
    t('DELETE instead of POST', () => api(write, undefined, { httpMethod: 'DELETE' }), /POST/),
    t('OPTIONS preflight', () => api(write, undefined, { httpMethod: 'OPTIONS', origin: 'http://evil.example' })),
    t('Content-Type text/plain', () => api(write, valid(), { contentType: 'text/plain' }), /application\/json/),
    t('no Content-Type', () => api(write, valid(), { contentType: null }), /application\/json/),
    t(
      'a cross-site form (application/x-www-form-urlencoded)',
      () =>
        api(write, undefined, {
          contentType: 'application/x-www-form-urlencoded',
          rawBody: `nama=${encodeURIComponent(valid().nama)}`,
        }),
      /application\/json/,
    ),
    t(
      'multipart/form-data',
      () =>
        api(write, undefined, {
          contentType: 'multipart/form-data; boundary=x',
          rawBody: `--x\r\nContent-Disposition: form-data; name="nama"\r\n\r\n${valid().nama}\r\n--x--\r\n`,
        }),
      /application\/json/,
    ),
    t('malformed JSON', () => api(write, undefined, { rawBody: '{"nama":' }), /JSON/),
    t(
      'JSON with a trailing comma',
      () => api(write, undefined, { rawBody: JSON.stringify(valid()).replace('}', ',}') }),
      /JSON/,
    ),
    t(
      'JSON with single quotes',
      () => api(write, undefined, { rawBody: JSON.stringify(valid()).replaceAll('"', "'") }),
      /JSON/,
    ),
    t('JSON preceded by a BOM', () => api(write, undefined, { rawBody: `\ufeff${JSON.stringify(valid())}` })),
    t('the literal NaN', () => api(write, undefined, { rawBody: 'NaN' }), /JSON/),
    t('a JSON array', () => api(write, [valid()])),
    t('a JSON number', () => api(write, 42)),
    t('JSON null', () => api(write, undefined, { rawBody: 'null' })),
    t('JSON true', () => api(write, true)),
    t('invalid UTF-8 inside a JSON string', () =>
      api(write, undefined, {
        rawBody: Buffer.concat([
          Buffer.from(`{"nama":"${valid().nama}`),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from('"}'),
        ]),
      }),
    ),
    t('a lone UTF-16 surrogate escaped in JSON', () =>
      api(write, undefined, { rawBody: `{"nama":"${valid().nama} \\ud800"}` }),
    ),
    t(
      'a body declared over the size limit',
      () => api(write, undefined, { rawBody: JSON.stringify(valid()), declaredLength: 90 * 1024 * 1024 }),
      /terlalu besar/,
    ),
    t(
      'a streamed body over the size limit (81 MB, chunked)',
      () => api(write, undefined, { stream: { chunk: Buffer.alloc(1024 * 1024, 0x20), count: 81 } }),
      /terlalu besar/,
    ),
    t(
      'a JSON body just over the size limit (80 MB + 1 byte)',
      () => {
        const head = JSON.stringify(valid()).slice(0, -1)
        const filler = 80 * 1024 * 1024 + 1 - `${head},"x":""}`.length
        return api(write, undefined, { rawBody: `${head},"x":"${'x'.repeat(filler)}"}` })
      },
      /terlalu besar/,
    ),
    t('Host of another site', () => api(write, valid(), { host: 'evil.example' }), /Alamat server/),
    t('Host 127.0.0.1 without the port', () => api(write, valid(), { host: '127.0.0.1' }), /Alamat server/),
    t(
      'Host "localhost.evil.example" with the port',
      () => api(write, valid(), { host: `localhost.evil.example:${server.port}` }),
      /Alamat server/,
    ),
    t('no Host header', () => api(write, valid(), { host: null })),
    t('Origin of another site', () => api(write, valid(), { origin: 'http://evil.example' }), /situs lain/),
    t('Origin "null" (sandboxed frame)', () => api(write, valid(), { origin: 'null' }), /situs lain/),
    t(
      'Origin of another port on 127.0.0.1',
      () => api(write, valid(), { origin: `http://127.0.0.1:${server.port + 1}` }),
      /situs lain/,
    ),
    t(
      'Origin with https on the right port',
      () => api(write, valid(), { origin: `https://127.0.0.1:${server.port}` }),
      /situs lain/,
    ),
    t('unknown method name', () => api('regu.hapusSemua', {}), /tidak dikenal/),
    t('empty method name', () => api('', {}), /tidak dikenal/),
    t('method "__proto__"', () => api('__proto__', {}), /tidak dikenal/),
    t('method "constructor"', () => api('constructor', {}), /tidak dikenal/),
    t('path traversal in the method name', () => api('../../etc/passwd', {}), /tidak dikenal/),
    t('encoded path traversal in the method name', () => api('%2e%2e%2f%2e%2e%2fetc%2fpasswd', {}), /tidak dikenal/),
    t('a method name with a broken %-escape', () => api('regu.tambah%E0%A4%A', valid()), /tidak sah/),
    t('a method name of 4.000 characters', () => api('x'.repeat(4000), {}), /tidak dikenal/),
    t('a header block over 16 KB', () => api(write, valid(), { headers: { 'X-Sampah': 'x'.repeat(20 * 1024) } })),
    // The UI's static files: every way out of its folder, and what is not a page.
    ...(
      [
        ['../ to a file beside the UI', 'GET', '/../rahasia.json', /tidak sah/],
        ['%2e%2e encoded traversal', 'GET', '/%2e%2e/rahasia.json', /tidak sah/],
        ['..%2f inside a folder', 'GET', '/assets/..%2f..%2frahasia.json', /tidak sah/],
        ['backslash traversal', 'GET', '/..%5crahasia.json', /tidak sah/],
        ['NUL byte in the path', 'GET', '/index.html%00.png', /tidak sah/],
        ['broken %-escape', 'GET', '/%E0%A4%A', /tidak sah/],
        ['POST to a page', 'POST', '/index.html', /tidak diizinkan/],
        ['a file that does not exist', 'GET', '/assets/tidak-ada.js', /Tidak ditemukan/],
      ] as const
    ).map(([name, httpMethod, path, says]) =>
      t(`static: ${name}`, () => api('', undefined, { httpMethod, path, token: null }), says),
    ),
  ]
}

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

function gudang(args: string[], input?: string): Promise<CliRun> {
  return new Promise((resolvePromise, rejectPromise) => {
    const child = spawn(process.execPath, [GUDANG, ...args], {
      cwd: REPO,
      // A stray default database must never be touched.
      env: { ...process.env, GUDANG_DB: join(root, 'default-tidak-dipakai.sqlite'), GUDANG_DATA_DIR: root },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('error', rejectPromise)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

function cliCases(): Case[] {
  const db = app.dbPath
  const cli = (name: string, args: () => string[], says?: RegExp, input?: string): Case => ({
    name: `CLI: ${name}`,
    says,
    run: async () => {
      const r = await gudang(args(), input)
      return {
        refused: r.code !== 0 && r.code !== null,
        code: `exit ${r.code}`,
        message: r.stderr.trim(),
        details: [r.stdout],
      }
    },
  })
  const file = (name: string, bytes: Bytes): string => {
    const path = join(root, 'cli', name)
    mkdirSync(join(root, 'cli'), { recursive: true })
    writeFileSync(path, bytes)
    return path
  }
  return [
    cli(
      'import-tps of a PNG renamed .csv',
      () => ['import-tps', '--db', db, file('gambar.csv', png()), '--yes'],
      /bukan teks CSV/,
    ),
    cli(
      'import-tps of a file with errors in every column',
      () => [
        'import-tps',
        '--db',
        db,
        file('galat.csv', tpsCsv(row({ dpt: '-5' }), row({ no: '0' }), row({ kec: '=SUM(A1)' }))),
        '--yes',
      ],
      /galat/,
    ),
    cli(
      'import-tps of a file that does not exist',
      () => ['import-tps', '--db', db, join(root, 'tidak-ada.csv'), '--yes'],
      /tidak ditemukan/,
    ),
    cli('call with malformed JSON', () => ['call', '--db', db, 'penerimaan.catat', '{"receivedAt":'], /bukan JSON/),
    cli(
      'call with a negative count from standard input',
      () => ['call', '--db', db, 'penerimaan.catat', '-'],
      /negatif|tidak sah/,
      JSON.stringify({
        receivedAt: '2024-11-07T09:00',
        penyedia: 'PT X',
        suratJalan: 'SJ-CLI',
        lines: [{ variantId: 1, countedQty: -5 }],
      }),
    ),
    cli('call of an unknown method', () => ['call', '--db', db, 'regu.hapusSemua'], /tidak dikenal/),
    cli('rekap of 2024-02-30', () => [
      'rekap',
      '--db',
      db,
      '--tanggal',
      '2024-02-30',
      '--out',
      join(root, 'rekap.xlsx'),
    ]),
    cli('init over an existing database', () => initBatuBara(db, 'pilkada')),
  ]
}

// --- the tests --------------------------------------------------------------------------------------

describe('bad-input corpus: every entry point refuses clearly and writes nothing', () => {
  describe('TPS imports (CSV and XLSX)', () => eachCase('impor TPS', named(tpsCases())))

  describe('dapil imports', () => eachCase('impor dapil', named(dapilCases())))

  describe('worker imports', () => eachCase('impor pekerja', named(workerCases())))

  it('every write method over HTTP', async () => {
    const cases = named([...writeCases(), ...genericWriteCases()])
    const writes = (Object.keys(contract) as string[]).filter((m) => contract[m as keyof typeof contract].writes)
    for (const m of writes)
      expect(
        cases.some((c) => c.name.startsWith(`${m}:`)),
        `metode tulis tanpa kasus: ${m}`,
      ).toBe(true)
    await runGroup('metode tulis (HTTP)', cases)
  })

  it('the HTTP transport', async () => {
    await runGroup('transport HTTP', named(transportCases()))
  })

  it('the gudang command', async () => {
    await runGroup('CLI gudang', named(cliCases()), { concurrent: true })
  })

  it('counts: at least 200 tried, every one refused except the listed bugs, none changed the database', () => {
    const total = [...stats.values()].reduce(
      (a, s) => ({
        tried: a.tried + s.tried,
        refused: a.refused + s.refused,
        changedDb: a.changedDb + s.changedDb,
        bugs: a.bugs + s.bugs,
      }),
      {
        tried: 0,
        refused: 0,
        changedDb: 0,
        bugs: 0,
      },
    )
    expect(stats.size).toBe(6)
    expect(total.tried).toBeGreaterThanOrEqual(200)
    expect(total.refused).toBe(total.tried - total.bugs)
    for (const name of Object.keys(expectedBugs))
      expect(allNames.has(name), `expectedBugs menyebut kasus yang tidak ada: ${name}`).toBe(true)
  })
})

afterAll(() => {
  const total = { tried: 0, refused: 0, changedDb: 0, bugs: 0 }
  const lines: string[] = []
  for (const [group, s] of stats) {
    total.tried += s.tried
    total.refused += s.refused
    total.changedDb += s.changedDb
    total.bugs += s.bugs
    lines.push(
      `  ${group}: ${s.tried} dicoba, ${s.refused} ditolak dengan benar, ${s.changedDb} mengubah basis data, ${s.bugs} bug tercatat`,
    )
  }
  const slowest = [...durations]
    .filter((d) => !d.name.startsWith('CLI'))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
    .map((d) => `${d.name} ${Math.round(d.ms)} ms`)
  lines.push(`  paling lama: ${slowest.join('; ')}`)
  const bugs = observedBugs.length ? ['Bug yang diketahui (expectedBugs):', ...observedBugs.map((b) => `  - ${b}`)] : []
  console.log(
    [
      `Korpus masukan buruk: ${total.tried} dicoba, ${total.refused} ditolak, ${total.changedDb} mengubah basis data, ${total.bugs} bug tercatat`,
      ...lines,
      ...bugs,
    ].join('\n'),
  )
})
