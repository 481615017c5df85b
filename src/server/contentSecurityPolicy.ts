/**
 * The Content-Security-Policy of every page of the app: the Electron window (app://) and the browser-mode and
 * LAN servers send this one policy, so the UI behaves identically in each. style-src needs 'unsafe-inline'
 * because AG Grid injects its theme as <style> elements at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
