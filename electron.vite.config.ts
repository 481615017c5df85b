import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

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

export default defineConfig({
  main: {
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
    plugins: [react()],
  },
})
