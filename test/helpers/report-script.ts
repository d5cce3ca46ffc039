import type { Officer } from '../../src/officers/officer.js';

/** Ternyang, Kec. Sumberpucung, Kabupaten Malang (Jawa Timur) and two neighbours in idn-area-data. */
export const TERNYANG = '35.07.12.2001';
export const SUMBERPUCUNG = '35.07.12.2006';
export const MALANG = '35.07';

export function officer(id: string, role: Officer['role'], area: string, address = `console:${id}`): Officer {
  return {
    id,
    role,
    area,
    address,
    name: `Officer ${id}`,
    locale: 'id',
    active: true,
    joinedAt: '2026-11-01T00:00:00.000Z',
  };
}

export interface ReportAnswers {
  readonly name?: string;
  readonly phones?: string;
  readonly company?: string;
  /** How the offer came, one line per question asked ("wa" names the app and the way at once). */
  readonly channel?: readonly string[];
  /** Money already paid, one line per question asked ("belum": nothing yet, no more questions). */
  readonly paid?: readonly string[];
  readonly village?: string;
  /** Number of the village in the list of matches. */
  readonly pick?: string;
  readonly evidence?: readonly string[];
  /** 1 anonymous, 2 relay, 3 direct. */
  readonly contact?: string;
  /** 1 yes, 2 no. */
  readonly updates?: string;
  /** 1 village, 2 district. */
  readonly bypass?: string;
}

/** What a villager types to file a report, from the menu to the evidence question. */
export function reportLinesToEvidence(a: ReportAnswers = {}): string[] {
  return [
    'lapor',
    a.name ?? 'Pak Darto',
    a.phones ?? '0812-3456-7890',
    a.company ?? 'PT Maju Sejahtera',
    ...(a.channel ?? ['wa']),
    '1',
    'pabrik',
    '25 juta sebulan',
    'minta 15 juta untuk medical',
    ...(a.paid ?? ['belum']),
    'paspor ditahan',
    'di rumah saya, Senin 23 November',
    a.village ?? 'Ternyang Sumberpucung',
    a.pick ?? '1',
  ];
}

/** What a villager types to file a report, from the menu to the review screen (not sending yet). */
export function reportLines(a: ReportAnswers = {}): string[] {
  return [
    ...reportLinesToEvidence(a),
    ...(a.evidence ?? ['Dia bilang bisa berangkat tanpa pelatihan']),
    'selesai',
    a.contact ?? '1',
    a.updates ?? '1',
    a.bypass ?? '1',
  ];
}
