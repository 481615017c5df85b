import { useId, useState } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { invoke } from '../../api'
import { useRun } from '../../components/useWrite'
import { Banner, ErrorBanner } from '../../components/Feedback'
import { StatusBadge } from '../../components/StatusBadge'
import { fmtWaktu } from '../../format'

export type HostStatus = MethodOutput<'stasiun.lihatHost'>

const DEFAULT_PORT = 8443

const onlyDigits = (text: string) => [...text].filter((c) => c >= '0' && c <= '9').join('')

/**
 * Host mode: the LAN listener switched on and off, and what a station's user must read off this screen
 * (the addresses, the port, the certificate's fingerprint). Witness alarms are shown first and loud.
 */
export function StasiunHost({ host, onChanged }: { host: HostStatus; onChanged(next: HostStatus): void }) {
  const [port, setPort] = useState(String(host.setelan.port || DEFAULT_PORT))
  const { running, error, run } = useRun<boolean>()
  const busy = running !== null
  const portId = useId()

  const atur = (aktif: boolean) =>
    run(aktif, async () => {
      const n = Number(port.trim())
      const next = await invoke('stasiun.aturHost', {
        aktif,
        ...(aktif && Number.isInteger(n) && port.trim() !== '' ? { port: n } : {}),
      })
      onChanged(next)
    })

  return (
    <div className="stasiun-host">
      {host.alarm.map((a) => (
        <Banner
          key={a.at + a.oleh}
          kind="error"
          title="Alarm saksi stasiun: buku besar tidak sama dengan yang pernah dilihat"
        >
          <p>
            {a.pesan} — {a.oleh}, {fmtWaktu(a.at)}.
          </p>
        </Banner>
      ))}
      <ErrorBanner error={error} title="Mode induk tidak dapat diubah" />
      {host.galat && (
        <Banner kind="error" title="Mode induk tidak berjalan">
          <p>{host.galat}</p>
        </Banner>
      )}
      <div className="stasiun-host-row">
        <div>
          <p className="stasiun-host-state">
            Mode induk{' '}
            {host.berjalan ? (
              <StatusBadge state="success" dot>
                Menyala
              </StatusBadge>
            ) : (
              <StatusBadge state="netral" dot>
                Mati
              </StatusBadge>
            )}
            {host.berjalan && (
              <span className="muted small"> · {host.tersambung} stasiun tersambung ke pembaruan langsung</span>
            )}
          </p>
          <p className="muted small stasiun-explain">
            Saat menyala, komputer ini melayani stasiun (PC lain dan tablet) di jaringan gudang lewat HTTPS dengan
            sertifikatnya sendiri. Basis data tetap satu, di komputer ini.
          </p>
        </div>
        <div className="stasiun-host-actions">
          {!host.berjalan && (
            <div className="field stasiun-port">
              <label htmlFor={portId}>Port</label>
              <input
                id={portId}
                inputMode="numeric"
                value={port}
                onChange={(e) => setPort(onlyDigits(e.target.value))}
                maxLength={5}
              />
            </div>
          )}
          {host.berjalan ? (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void atur(false)}>
              {busy ? 'Mematikan…' : 'Matikan mode induk'}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void atur(true)}>
              {busy ? 'Menyalakan…' : 'Nyalakan mode induk'}
            </button>
          )}
        </div>
      </div>
      {host.berjalan && (
        <dl className="stasiun-facts" data-testid="stasiun-host">
          <div>
            <dt>Alamat</dt>
            <dd>
              {host.alamat.length ? (
                <ul className="stasiun-addresses">
                  {host.alamat.map((a) => (
                    <li key={a} className="stasiun-mono">
                      https://{a.includes(':') ? `[${a}]` : a}:{host.port}/
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">
                  tidak ada alamat jaringan (sambungkan komputer ini ke switch atau hotspot)
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Port</dt>
            <dd className="stasiun-mono">
              {host.port}
              {host.portHttp !== null && <span className="muted"> (HTTP biasa: {host.portHttp})</span>}
            </dd>
          </div>
          <div>
            <dt>Sidik jari sertifikat (SHA-256)</dt>
            <dd className="stasiun-mono stasiun-fingerprint" data-testid="stasiun-sidik">
              <Sidik text={host.sidikJari ?? ''} />
            </dd>
          </div>
        </dl>
      )}
    </div>
  )
}

/** A fingerprint that wraps only between its pairs, so no pair is read split across two lines. */
export function Sidik({ text }: { text: string }) {
  const pairs = text.split(':')
  return (
    <>
      {pairs.map((p, i) => (
        <span key={i}>
          {p}
          {i < pairs.length - 1 && (
            <>
              :<wbr />
            </>
          )}
        </span>
      ))}
    </>
  )
}
