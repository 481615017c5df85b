#!/usr/bin/env node
// The `gudang` command. Plain JavaScript so that any Node can at least explain what it needs;
// the real work is src/cli/main.ts, run through the repo's own tsx.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
const tsx = join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const main = join(repo, 'src', 'cli', 'main.ts')
if (!existsSync(tsx)) {
  process.stderr.write(
    'Paket pendukung belum terpasang (tidak ditemukan: ' +
      tsx +
      ').\nJalankan `npm install` di ' +
      repo +
      ' lalu ulangi.\n',
  )
  process.exit(1)
}

const child = spawn(process.execPath, [tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' })

// Ctrl+C reaches the child directly (same process group); the wrapper only waits for its exit code.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => child.kill('SIGTERM'))

child.on('error', (err) => {
  process.stderr.write('Gagal menjalankan ' + main + ': ' + err.message + '\n')
  process.exit(1)
})
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal so a calling shell sees what happened; exit as a fallback if it is ignored.
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
    setTimeout(() => process.exit(1), 100)
    return
  }
  process.exit(code ?? 1)
})
