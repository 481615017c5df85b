import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The long jobs' worker thread (src/api/jobs.ts finds it beside index.js).
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          jobWorker: resolve(__dirname, 'src/api/jobWorker.ts'),
        },
        external: ['better-sqlite3', 'exceljs', 'pdfkit', 'pdfmake'],
        // What the window's process and the job threads share: one chunk, named for what it is.
        output: { manualChunks: (id) => (id.includes('/src/') && !id.endsWith('jobWorker.ts') ? 'app' : undefined) },
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
    },
    plugins: [react()],
  },
})
