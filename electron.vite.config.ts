import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { HtmlTagDescriptor, Plugin } from 'vite'
import { LATEST_SCHEMA_VERSION } from './src/db/migrations'
import { schemaOfVersion } from './src/db/schemaCheck'

/**
 * The Node-side entry points, built side by side into out/main/: the Electron main process, the long
 * jobs' worker thread (every entry passes out/main/jobWorker.js to openApp) and the `gudang` command
 * (out/main/cli.js, run by plain Node through src/cli/gudang.mjs), so nothing needs tsx at run time.
 */
const MAIN_ENTRIES = {
  index: resolve(__dirname, 'electron/main/index.ts'),
  jobWorker: resolve(__dirname, 'src/api/jobWorker.ts'),
  cli: resolve(__dirname, 'src/cli/entry.ts'),
}
const entryFiles = new Set(Object.values(MAIN_ENTRIES).map((f) => f.replaceAll('\\', '/')))

/**
 * index.html asks for the first page's chunk, and the chunks it imports, beside the entry: the app opens on
 * Beranda, and without this its chunk was only asked for once the entry had been parsed and run, and its
 * small shared chunks then queued behind the first screen's API reads (six connections per host, one held
 * by the live-update feed). Another page opened first only fetches these few kilobytes for nothing.
 */
function preloadFirstPage(page: string): Plugin {
  return {
    name: 'gudang-preload-first-page',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        const first = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith(page))
        if (!first || first.type !== 'chunk') throw new Error(`preloadFirstPage: no chunk for ${page}`)
        const files: string[] = []
        /** The chunks' styles, each after those of the chunks it imports, as Vite's import helper links them. */
        const styles: string[] = []
        const visit = (name: string) => {
          const chunk = bundle[name]
          if (files.includes(name) || !chunk || chunk.type !== 'chunk') return
          files.push(name)
          chunk.imports.forEach(visit)
          styles.push(...(chunk.viteMetadata?.importedCss ?? []))
        }
        visit(first.fileName)
        const tags: HtmlTagDescriptor[] = files
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
            injectTo: 'head',
          }))
        // Its styles are linked as the shell's are (their rules are all under the page's and the charts' own
        // classes), after them. Left to the page's import they were asked for only once the entry ran, behind
        // the first reads, and the page waited for them (Vite's import helper waits for a page's styles unless
        // they are already linked): they arrived after the data. A style preloaded and unused (another page
        // opened first) would be a console warning; a stylesheet is not.
        for (const css of new Set(styles)) {
          if (html.includes(`/${css}"`)) continue
          tags.push({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${css}` },
            injectTo: 'head',
          })
        }
        return { html, tags }
      },
    },
  }
}

/**
 * The app's small modules shared by pages (core rules, formats, the charts' kit), which pull in no library
 * but React: filled by sharedLight() once the module graph is known, read by the renderer's chunk groups.
 */
const light = new Set<string>()
const APP_MODULE = /[\\/]src[\\/]/
const REACT = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/

/**
 * Left to itself, Rolldown gave each set of pages sharing a module its own chunk: the first screen fetched
 * sixteen files, three rounds of six connections before the entry could run. A module in `light` goes to one
 * shared chunk instead; one that reaches AG Grid or another library never does, or every page importing the
 * shared chunk would load that library.
 */
function sharedLight(): Plugin {
  return {
    name: 'gudang-shared-light',
    buildEnd() {
      const known = new Map<string, boolean>()
      const isLight = (id: string, path: Set<string>): boolean => {
        if (!APP_MODULE.test(id) || id.includes('node_modules')) return REACT.test(id) || id.endsWith('.css')
        const seen = known.get(id)
        if (seen !== undefined) return seen
        if (path.has(id)) return true // a cycle: decided where it started
        path.add(id)
        const ok = (this.getModuleInfo(id)?.importedIds ?? []).every((d) => isLight(d, path))
        path.delete(id)
        known.set(id, ok)
        return ok
      }
      light.clear()
      for (const id of this.getModuleIds()) if (APP_MODULE.test(id) && isLight(id, new Set())) light.add(id)
    },
  }
}

/**
 * The latest schema, made by running the migrations in memory now rather than at every start of the built
 * app (src/db/schemaCheck.ts compares a file against it; about 100 ms of each `gudang` call).
 */
function latestSchema(): string {
  return JSON.stringify({ version: LATEST_SCHEMA_VERSION, entries: schemaOfVersion(LATEST_SCHEMA_VERSION) })
}

export default defineConfig({
  main: {
    define: { __GUDANG_SKEMA__: latestSchema() },
    build: {
      rollupOptions: {
        input: MAIN_ENTRIES,
        external: ['better-sqlite3', 'exceljs', 'pdfkit', 'pdfmake'],
        // What the entries share (the whole app below the transports): one chunk, named for what it is.
        output: {
          manualChunks: (id) => (id.includes('/src/') && !entryFiles.has(id.replaceAll('\\', '/')) ? 'app' : undefined),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/ui'),
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/ui/index.html') },
        output: {
          codeSplitting: {
            groups: [
              // Everything the entry imports, in its chunk: Form, DateField, Feedback and the like were chunks
              // of their own, because pages share them.
              { name: 'shell', tags: ['$initial'], priority: 1 },
              {
                name: 'shared',
                test: (id) => light.has(id),
                minShareCount: 2,
                maxModuleSize: 8 * 1024,
                includeDependenciesRecursively: false,
              },
            ],
          },
        },
      },
      // The first screen is what the browser must parse: minified, each page in its own chunk (App.tsx
      // React.lazy), AG Grid only with the pages that show a grid.
      minify: true,
    },
    plugins: [react(), sharedLight(), preloadFirstPage('/src/ui/pages/beranda/Beranda.tsx')],
  },
})
