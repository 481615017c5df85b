import { X509Certificate, createPrivateKey, randomBytes, webcrypto } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'
import { join } from 'node:path'

/**
 * The host's TLS certificate: self-signed, ECDSA P-256, made on first use with @peculiar/x509 (node's
 * crypto makes keys but not certificates) and kept in the stasiun/ folder beside the election file —
 * never inside it: a backup carried to another PC must not carry this PC's key. Stations pin its
 * fingerprint (SHA-256 of the DER) from the pairing code, so an address change (DHCP) needs no new
 * certificate; the subject names only help a tablet's browser show whose certificate it is.
 */
export interface Sertifikat {
  cert: string
  key: string
  /** SHA-256 of the certificate's DER, 64 lower-case hex digits. */
  sidikJari: string
}

const CERT_FILE = 'sertifikat.pem'
const KEY_FILE = 'kunci.pem'
const TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000

export const sidikJariOf = (certPem: string): string =>
  new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase()

/** The IPv4 and IPv6 addresses of this PC's network cards, loopback last. */
export function lanAddresses(): string[] {
  const out: string[] = []
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (!a.internal && !a.address.startsWith('fe80:')) out.push(a.address)
  return out
}

/** Reads the certificate in `dir`, or makes one (and the folder, the key readable by this user only). */
export async function muatAtauBuatSertifikat(dir: string, extraAddresses: readonly string[] = []): Promise<Sertifikat> {
  const certPath = join(dir, CERT_FILE)
  const keyPath = join(dir, KEY_FILE)
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8')
    const key = readFileSync(keyPath, 'utf8')
    return { cert, key, sidikJari: sidikJariOf(cert) }
  }
  const made = await buatSertifikat([...new Set([...lanAddresses(), ...extraAddresses, '127.0.0.1'])])
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  // Written under temporary names and renamed: a half-written pair is never taken for a certificate.
  writeFileSync(`${keyPath}.baru`, made.key, { mode: 0o600 })
  chmodSync(`${keyPath}.baru`, 0o600)
  writeFileSync(`${certPath}.baru`, made.cert)
  renameSync(`${keyPath}.baru`, keyPath)
  renameSync(`${certPath}.baru`, certPath)
  return made
}

export async function buatSertifikat(addresses: readonly string[]): Promise<Sertifikat> {
  // Loaded only when a certificate is made: the library needs the reflect-metadata polyfill, which
  // nothing else in the app should carry.
  await import('reflect-metadata')
  const x509 = await import('@peculiar/x509')
  x509.cryptoProvider.set(webcrypto as unknown as Crypto)
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair
  const host = hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'gudang-pemilu'
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16)
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=Gudang Pemilu ${host}, O=Gudang Pemilu`,
    notBefore: new Date(now - 24 * 60 * 60 * 1000),
    notAfter: new Date(now + TEN_YEARS_MS),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: host },
        { type: 'dns', value: 'localhost' },
        ...addresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString()
  const pem = cert.toString('pem')
  return { cert: pem, key, sidikJari: sidikJariOf(pem) }
}
