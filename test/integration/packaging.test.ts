import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import type * as Asar from '@electron/asar'
import type * as Fuses from '@electron/fuses'
import type * as Builder from 'electron-builder'
import type * as Resedit from 'resedit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FONT_FAMILY, findFontsDir } from '../../src/reports/pdf/fonts'
import { renderPdf } from '../../src/reports/pdf/render'
import { ensureBuilt, ROOT } from '../support/build'

/**
 * What the installers must hold, checked on a real package. electron-builder packages this repository
 * for Windows and Linux (its `dir` target: the folder each installer then wraps) with
 * electron-builder.yml as it is, on a stand-in for the Electron binary, which cannot be downloaded
 * here: a file carrying Electron's fuse wire at Electron's own (insecure) defaults, for Windows inside a
 * real PE with a version resource. The rest is electron-builder's own work: the asar and what it
 * unpacks, the resources it copies, the fuses it flips and the asar integrity it embeds. The real
 * Electron binary is exercised by the release workflow (test/release/smoke.ts).
 */

// electron-builder's own libraries, as it resolves them.
const builderRequire = createRequire(join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'))
const builder = createRequire(join(ROOT, 'package.json'))('electron-builder') as typeof Builder
const asar = builderRequire('@electron/asar') as typeof Asar
const fuses = builderRequire('@electron/fuses') as typeof Fuses
const resedit = builderRequire('resedit') as typeof Resedit

/** @electron/fuses' marker in Electron's binary; the fuse wire follows it: version 1, length, one byte a fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const DISABLED = '0'.charCodeAt(0)
const ENABLED = '1'.charCodeAt(0)
/** Electron's defaults, RunAsNode first (FuseV1Options order): what a package would ship if nothing flipped them. */
const ELECTRON_DEFAULT_FUSES = '10110001'

/** The Electron security checklist's fuses, as the installed app must carry them. */
const REQUIRED_FUSES: Record<string, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
}

interface Target {
  name: 'linux' | 'win'
  /** The executable electron-builder names after the app. */
  exe: string
  /** better-sqlite3 prebuilds this platform loads (x64; musl for Alpine-like Linux). */
  prebuilds: string[]
  /** Files the app reads at process.resourcesPath on this platform only. */
  ownResources: string[]
}
const TARGETS: Target[] = [
  {
    name: 'linux',
    exe: 'gudang-pemilu',
    prebuilds: ['linux-x64.node', 'linuxmusl-x64.node'],
    ownResources: ['icon.png'],
  },
  { name: 'win', exe: 'Gudang Pemilu.exe', prebuilds: ['win32-x64.node'], ownResources: ['gudang.cmd'] },
]

let work: string
const dirOf = (t: Target) => join(work, 'out', t.name, `${t.name}-unpacked`)
const resourcesOf = (t: Target) => join(dirOf(t), 'resources')
const archiveOf = (t: Target) => join(resourcesOf(t), 'app.asar')

/** An executable Electron's way as far as packaging looks: the fuse wire, and for Windows a PE with version info. */
function standInElectron(windows: boolean): Buffer {
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES),
  ])
  if (!windows) return Buffer.concat([Buffer.from('stand-in for electron\n'), wire])
  const exe = resedit.NtExecutable.createEmpty(false, false)
  const res = resedit.NtExecutableResource.from(exe)
  resedit.Resource.VersionInfo.create(1033, {}, [
    { lang: 1033, codepage: 1200, values: { ProductName: 'Electron' } },
  ]).outputToResourceEntries(res.entries)
  res.outputResource(exe)
  return Buffer.concat([Buffer.from(exe.generate()), wire])
}

const packages = new Map<Target['name'], Promise<void>>()

/**
 * electron-builder packages one target per hook (each into its own folder), once for every describe that
 * reads it: both in one hook took over its 60 s on a busy machine.
 */
function packaged(t: Target): Promise<void> {
  let done = packages.get(t.name)
  if (!done) packages.set(t.name, (done = packageTarget(t)))
  return done
}

async function packageTarget(t: Target): Promise<void> {
  mkdirSync(join(work, 'electron', t.name), { recursive: true })
  writeFileSync(
    join(work, 'electron', t.name, t.name === 'win' ? 'electron.exe' : 'electron'),
    standInElectron(t.name === 'win'),
    { mode: 0o755 },
  )
  const { Platform, Arch } = builder
  await builder.build({
    projectDir: ROOT,
    targets: (t.name === 'win' ? Platform.WINDOWS : Platform.LINUX).createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      electronDist: join(work, 'electron', t.name),
      directories: { output: join(work, 'out', t.name) },
      // Setting the exe's icon and version info takes rcedit, a Windows program; the release builds it.
      win: { signAndEditExecutable: false },
    },
  })
}

beforeAll(() => {
  ensureBuilt()
  work = mkdtempSync(join(tmpdir(), 'gudang-package-'))
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe.each(TARGETS)('the $name package', (t) => {
  beforeAll(() => packaged(t))
  const files = () => asar.listPackage(archiveOf(t), { isPack: false }).map((f) => f.replaceAll('\\', '/'))
  const read = (file: string) => asar.extractFile(archiveOf(t), file.replace(/^\//, '')).toString('utf8')

  it('carries every fuse of the security checklist, flipped from Electron’s defaults', async () => {
    const wire = await fuses.getCurrentFuseWire(join(dirOf(t), t.exe))
    for (const [name, on] of Object.entries(REQUIRED_FUSES)) {
      const index = fuses.FuseV1Options[name as keyof typeof fuses.FuseV1Options]
      expect(wire[index], name).toBe(on ? ENABLED : DISABLED)
    }
  })

  it('packs the built app and none of the repository’s sources', () => {
    const top = [...new Set(files().map((f) => f.split('/')[1]))].sort()
    expect(top).toEqual(['node_modules', 'out', 'package.json'])
    const own = files().filter((f) => f.startsWith('/out/') && !f.endsWith('/'))
    for (const built of [
      '/out/main/index.js',
      '/out/main/jobWorker.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
    ])
      expect(own).toContain(built)
    expect(own.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(JSON.parse(read('package.json'))).toMatchObject({ main: pkg.main })
  })

  it('finds its job worker and every module its main process loads inside the package', () => {
    const all = new Set(files())
    const mainJs = files().filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'))
    expect(mainJs).toContain(`/${pkg.main}`)
    // electron/main/index.ts starts long jobs from join(__dirname, 'jobWorker.js').
    expect(read(pkg.main)).toMatch(/\(__dirname,\s*"jobWorker\.js"\)/)
    for (const file of mainJs) {
      for (const [, spec] of read(file).matchAll(/\brequire\("([^"]+)"\)/g)) {
        if (spec!.startsWith('node:') || spec === 'electron') continue
        if (spec!.startsWith('.')) {
          expect(all.has(posix.join(posix.dirname(file), spec!)), `${file} requires ${spec}`).toBe(true)
        } else {
          const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!
          expect(pkg.dependencies, `${file} requires ${name}: a production dependency`).toHaveProperty([name])
          expect(all.has(`/node_modules/${name}/package.json`), `${name} packaged`).toBe(true)
        }
      }
    }
  })

  it('unpacks every native module from the archive, with this platform’s better-sqlite3 binary only', () => {
    const native = files().filter((f) => f.endsWith('.node'))
    expect(native.length).toBeGreaterThan(0)
    for (const file of native) {
      expect(asar.statFile(archiveOf(t), file.slice(1)), file).toMatchObject({ unpacked: true })
      expect(existsSync(join(resourcesOf(t), 'app.asar.unpacked', file)), file).toBe(true)
    }
    const prebuilds = native.filter((f) => f.startsWith('/node_modules/better-sqlite3/')).map((f) => posix.basename(f))
    expect(prebuilds.sort()).toEqual([...t.prebuilds].sort())
  })

  it('ships the demo election and the PDF fonts beside the archive, where the app reads them', async () => {
    const resources = resourcesOf(t)
    // electron/main/index.ts: join(resourcesDir, 'demo', '<file>') at process.resourcesPath.
    const demo = /join\(resourcesDir,\s*'demo',\s*'([^']+)'\)/.exec(
      readFileSync(join(ROOT, 'electron/main/index.ts'), 'utf8'),
    )?.[1]
    expect(demo).toBeDefined()
    expect(readFileSync(join(resources, 'demo', demo!), 'utf8')).toMatch(/kecamatan/i)
    // The fonts as src/reports/pdf/fonts.ts finds them from inside app.asar, and a PDF set in all four.
    expect(findFontsDir([join(archiveOf(t), 'out', 'main')])).toBe(join(resources, 'fonts'))
    const pdf = await renderPdf(
      {
        pageSize: 'A4',
        pageMargins: [40, 40, 40, 40],
        defaultStyle: { font: FONT_FAMILY },
        content: [
          { text: 'Berita acara' },
          { text: 'tebal', bold: true },
          { text: 'miring', italics: true },
          { text: 'keduanya', bold: true, italics: true },
        ],
      },
      { resourcesDir: resources },
    )
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    for (const own of t.ownResources) expect(existsSync(join(resources, own)), own).toBe(true)
    const others = TARGETS.filter((o) => o !== t).flatMap((o) => o.ownResources)
    for (const other of others) expect(existsSync(join(resources, other)), other).toBe(false)
  })
})

describe('the Windows package', () => {
  const t = TARGETS.find((x) => x.name === 'win')!
  beforeAll(() => packaged(t))

  it('embeds the asar integrity the fuse checks, and gudang.cmd runs this executable', () => {
    const exe = resedit.NtExecutable.from(readFileSync(join(dirOf(t), t.exe)))
    const entry = resedit.NtExecutableResource.from(exe).entries.find((e) => e.type === 'INTEGRITY')
    expect(entry).toBeDefined()
    const header = asar.getRawHeader(archiveOf(t)).headerString
    expect(JSON.parse(Buffer.from(entry!.bin).toString('utf8'))).toEqual([
      { file: 'resources\\app.asar', alg: 'SHA256', value: createHash('sha256').update(header).digest('hex') },
    ])
    // resources\gudang.cmd starts "%~dp0..\<exe>": the executable one folder up.
    const cmd = readFileSync(join(resourcesOf(t), 'gudang.cmd'), 'utf8')
    const target = /"%~dp0\.\.\\([^"]+)" cli %\*/.exec(cmd)?.[1]
    expect(target).toBe(t.exe)
    expect(readdirSync(dirOf(t))).toContain(target)
  })
})
