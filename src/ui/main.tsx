// First, so the first screen's reads leave before React and the app are run (they travel meanwhile).
import './firstReads'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// Tokens, then the shell and shared pieces, then (through App) the components' and pages' own sheets: a page
// rule that overrides a shared one wins by coming later, not by being more specific.
import './tokens.css'
import './styles.css'
import { App } from './App'

const root = document.getElementById('root')
if (!root) throw new Error('Elemen #root tidak ditemukan')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
