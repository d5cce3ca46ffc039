import type { AnnouncedJob, Broadcast } from '../../src/broadcasts/broadcast.js';

/** One example listing in Taiwan, as `broadcasts jobs` announces it. */
export const TAIWAN_CARE_JOB: AnnouncedJob = {
  id: 'j1',
  country: 'tw',
  sector: 'care',
  title: { id: 'Perawat lansia', en: 'Elderly carer' },
  place: 'Taipei, Taiwan',
  pay: '27470 TWD',
  agency: 'PT Contoh',
  example: true,
};

/** A broadcast of new listings (the Taiwan one by default) to their countries' subscribers. */
export const jobsBroadcast = (
  id: string,
  jobs: readonly AnnouncedJob[] = [TAIWAN_CARE_JOB],
  createdAt = new Date().toISOString(),
): Broadcast => ({
  id,
  createdAt,
  by: 'jobs-import',
  audience: { type: 'jobs', countries: [...new Set(jobs.map((j) => j.country))] },
  body: { kind: 'jobs', jobs },
});
