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
        const visit = (name: string) => {
          const chunk = bundle[name]
          if (files.includes(name) || !chunk || chunk.type !== 'chunk') return
          files.push(name)
          chunk.imports.forEach(visit)
        }
        visit(first.fileName)
        // Its styles are left to the page's import, which asks for them before the first reads: a style
        // preloaded and unused (another page opened first) is a console warning.
        const tags: HtmlTagDescriptor[] = files
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
            injectTo: 'head',
          }))
        return { html, tags }
      },
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
      rollupOptions: { input: { index: resolve(__dirname, 'src/ui/index.html') } },
      // The first screen is what the browser must parse: minified, each page in its own chunk (App.tsx
      // React.lazy), AG Grid only with the pages that show a grid.
      minify: true,
    },
    plugins: [react(), preloadFirstPage('/src/ui/pages/beranda/Beranda.tsx')],
  },
})
