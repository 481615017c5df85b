import type { Download } from '../../api/contract'

/** Reads a chosen file as base64: uploads travel inside the JSON contract, for IPC and HTTP alike. */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(new Error(`Berkas "${file.name}" tidak dapat dibaca`))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      const comma = url.indexOf(',')
      resolve(comma >= 0 ? url.slice(comma + 1) : '')
    }
    reader.readAsDataURL(file)
  })
}

/** Saves an API download through an <a download> click, which works in Electron and in the browser. */
export function saveDownload(d: Download): void {
  const binary = atob(d.contentBase64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: d.mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = d.fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The browser has taken the blob by the time the click handler returns; a delay keeps slow PCs safe.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
