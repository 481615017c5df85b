import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The Windows installer opens the firewall for LAN stations on private networks only, for the app's own
 * executable, and the uninstaller closes it again (issue 16). NSIS cannot run here; what it is given can
 * be read.
 */
const ROOT = resolve(__dirname, '../..')
// js-yaml comes with electron-builder and has no type declarations of its own.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

describe('the installer firewall rule', () => {
  const yml = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { nsis: { include?: string } }
  const script = readFileSync(join(ROOT, yml.nsis.include ?? 'missing'), 'utf8')
  const lines = (macro: string) =>
    script
      .split(`!macro ${macro}`)[1]!
      .split('!macroend')[0]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith(';'))

  it('adds an inbound rule for the app on private networks only, replacing an older one', () => {
    const install = lines('customInstall')
    expect(install[0]).toMatch(/firewall delete rule name="\$\{GUDANG_FIREWALL_RULE\}"/)
    const add = install.find((l) => l.includes('add rule'))!
    expect(add).toMatch(/dir=in action=allow/)
    expect(add).toMatch(/program="\$INSTDIR\\\$\{APP_EXECUTABLE_FILENAME\}"/)
    expect(add).toMatch(/profile=private /)
    expect(add).not.toMatch(/public|domain|any/)
  })

  it('removes the rule on uninstall', () => {
    expect(lines('customUnInstall')).toEqual([
      `nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="\${GUDANG_FIREWALL_RULE}"'`,
    ])
  })
})
