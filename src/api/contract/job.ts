import { z } from 'zod'
import { list, read } from './define'
import { Issue } from './common'

export const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'Nomor pekerjaan tidak sah')

export const JobState = z.enum(['menunggu', 'berjalan', 'selesai', 'gagal', 'dibatalkan'])

export type JobState = z.infer<typeof JobState>

export const JobStatus = z.object({
  id: JobId,
  method: z.string(),
  /** What the job does, in words (the method's description). */
  label: z.string(),
  state: JobState,
  done: z.number(),
  total: z.number(),
  unit: z.string(),
  current: z.string(),
  startedAt: z.string(),
  elapsedMs: z.number(),
  /** Time left, from the pace so far; null until there is a pace to go by. */
  etaMs: z.number().nullable(),
  /** The method's own answer, once selesai. */
  result: z.unknown().nullable(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.array(Issue).optional(), need: z.string().optional() })
    .nullable(),
  /** For a job that wrote a file: where the window downloads it (same origin, a key of its own). */
  download: z.object({ url: z.string(), fileName: z.string(), bytes: z.number().int() }).nullable(),
})

export type JobStatus = z.infer<typeof JobStatus>

export const jobMethods = {
  // The method it starts is authorized as if it were called itself.
  'job.mulai': read(
    z.object({ method: z.string().min(1, 'Metode wajib diisi').max(80), input: z.unknown().optional() }).strict(),
    z.object({ id: JobId }),
    'Memulai pekerjaan panjang (cetak satu kabupaten, pemeriksaan rantai, cadangan, ekspor) di latar belakang; kemajuannya dibaca dengan job.lihat',
    'semua',
  ),
  'job.lihat': read(
    z.object({ id: JobId }).strict(),
    JobStatus,
    'Kemajuan, sisa waktu dan hasil satu pekerjaan panjang',
  ),
  'job.daftar': list(JobStatus, 'Pekerjaan panjang yang berjalan dan yang baru selesai'),
  'job.batal': read(
    z.object({ id: JobId }).strict(),
    JobStatus,
    'Membatalkan pekerjaan panjang; berkas yang setengah ditulis dihapus',
    'operator',
  ),
}
