import type { Pemilihan } from '../../../api/contract'
import { PageHeader } from '../../components/Page'
import { href } from '../../router'
import { ItemsSection } from './PengaturanBarang'
import { DapilSection } from './PengaturanDapil'
import { KopSection } from './PengaturanKop'
import { SignersSection } from './PengaturanPenandaTangan'
import { ElectionForm } from './PengaturanPemilihan'
import { jumpTo, useArrivalAt } from './PengaturanShared'
import { STASIUN_SECTION_ID, StasiunSection } from '../stasiun/Stasiun'
import { UpahSection } from './PengaturanUpah'
import './pengaturan.css'

export function PengaturanPage({ election, params = [] }: { election: Pemilihan; params?: string[] }) {
  // '#/pengaturan/ttd' opens the page at its Penanda tangan section, '#/pengaturan/stasiun' at its stations.
  const section = TOC.find(([id]) => id === `pengaturan-${params[0]}`)?.[0]
  useArrivalAt(section)
  return (
    <>
      <PageHeader
        title="Pengaturan"
        lead="Data satker, aturan cadangan surat suara, kop surat, nomor dan penanda tangan dokumen, upah pekerja, barang logistik beserta aturan kebutuhannya, pemetaan kecamatan ke daerah pemilihan (dapil), dan stasiun LAN."
      />
      <nav className="page-toc" aria-label="Bagian halaman">
        {TOC.map(([id, label]) => (
          <a key={id} href={href('pengaturan', id.replace('pengaturan-', ''))} onClick={(e) => jumpTo(e, id)}>
            {label}
          </a>
        ))}
      </nav>
      <ElectionForm election={election} />
      <KopSection election={election} />
      <SignersSection election={election} />
      <UpahSection election={election} />
      <ItemsSection />
      <DapilSection />
      <StasiunSection />
    </>
  )
}

const TOC: [string, string][] = [
  ['pengaturan-pemilihan', 'Pemilihan dan satker'],
  ['pengaturan-kop', 'Kop surat dan dokumen'],
  ['pengaturan-ttd', 'Penanda tangan'],
  ['pengaturan-upah', 'Upah pekerja'],
  ['pengaturan-barang', 'Barang dan aturan kebutuhan'],
  ['pengaturan-dapil', 'Dapil per jenis surat suara'],
  [STASIUN_SECTION_ID, 'Stasiun LAN'],
]

/* ------------------------------------------------------------------ election */
