// The installed app's menu. Only type imports from 'electron': unit tests load this under plain Node.
import type { MenuItemConstructorOptions } from 'electron'

/**
 * Editing and zoom, in Indonesian. Electron's default menu would offer every operator Reload (losing a
 * half-typed form) and Toggle Developer Tools (a console on the app's own API); neither belongs in a
 * warehouse. `npm start` (unpackaged) keeps Electron's default menu for developers.
 */
export function appMenuTemplate(): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Sunting',
      submenu: [
        { role: 'undo', label: 'Urungkan' },
        { role: 'redo', label: 'Ulangi' },
        { type: 'separator' },
        { role: 'cut', label: 'Potong' },
        { role: 'copy', label: 'Salin' },
        { role: 'paste', label: 'Tempel' },
        { role: 'selectAll', label: 'Pilih semua' },
      ],
    },
    {
      label: 'Tampilan',
      submenu: [
        { role: 'resetZoom', label: 'Ukuran asli' },
        { role: 'zoomIn', label: 'Perbesar' },
        { role: 'zoomOut', label: 'Perkecil' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Layar penuh' },
      ],
    },
  ]
}
