import type { Election } from '../../api/contract'
import { PageHeader } from '../components/Page'

export function KemasPage({ election, params }: { election: Election; params: string[] }) {
  void election
  void params
  return <PageHeader title="Pengemasan" />
}
