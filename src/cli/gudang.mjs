#!/usr/bin/env node
// The `gudang` command. Plain JavaScript so that any Node can at least explain what it needs; the
// command itself is the build of src/cli/main.ts (out/main/cli.js, made by `npm run build`), loaded
// into this same process: no second Node, no TypeScript compiled at run time, any current folder.
import { existsSync } from 'node:fs'
import { enableCompileCache } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (!(major >= 22)) {
  process.stderr.write(
    'Perintah gudang membutuhkan Node.js 22 atau lebih baru; yang terpasang v' +
      process.versions.node +
      '.\n' +
      'Pasang Node.js 22 LTS dari https://nodejs.org lalu ulangi, atau jalankan `npm start` di folder aplikasi:\n' +
      'perintah itu menyiapkan Node.js 22 sendiri tanpa mengubah Node bawaan komputer ini.\n',
  )
  process.exit(1)
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const cli = join(repo, 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write(
    'Perintah gudang belum dibangun (tidak ditemukan: ' +
      cli +
      ').\nJalankan `npm run build` di ' +
      repo +
      ' lalu ulangi.\n',
  )
  process.exit(1)
}

// V8 keeps the compiled bundle on disk (in the system's temp folder): every start after the first skips
// compiling half a megabyte of JavaScript, about a third of the time `gudang --version` takes.
enableCompileCache()
// out/main/cli.js reads process.argv itself and exits with the command's code.
await import(pathToFileURL(cli).href)
