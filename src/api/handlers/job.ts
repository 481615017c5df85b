import { AppError } from '../../core/errors'
import type { HandlerContext, NamespaceHandlers } from './context'

export function jobHandlers({ jobs }: HandlerContext): NamespaceHandlers<'job'> {
  const runner = () => {
    if (!jobs) throw new AppError('INTERNAL', 'Pekerjaan latar belakang tidak tersedia di sini')
    return jobs
  }
  return {
    // Answered by the dispatcher itself, which admits the method the job runs (src/api/dispatch.ts).
    'job.mulai': () => {
      throw new AppError('INTERNAL', 'job.mulai dijawab oleh dispatcher')
    },
    'job.lihat': (i) => runner().status(i.id),
    'job.daftar': () => runner().list(),
    'job.batal': (i) => runner().cancel(i.id),
  }
}
