import { stringify } from 'csv-stringify/sync';
import { AGENCY_COLUMNS, LISTING_COLUMNS, SECTORS } from '../../src/content/jobs-schema.js';

const COUNTRIES = ['hk', 'tw', 'my', 'sg', 'jp', 'kr', 'sa', 'ae', 'qa', 'bn'];
const CURRENCY: Record<string, string> = {
  hk: 'HKD',
  tw: 'TWD',
  my: 'MYR',
  sg: 'SGD',
  jp: 'JPY',
  kr: 'KRW',
  sa: 'SAR',
  ae: 'AED',
  qa: 'QAR',
  bn: 'BND',
};
/** A typical monthly pay in each country's currency. */
const PAY: Record<string, number> = {
  hk: 5000,
  tw: 28_000,
  my: 1800,
  sg: 800,
  jp: 180_000,
  kr: 2_000_000,
  sa: 1500,
  ae: 1500,
  qa: 1500,
  bn: 600,
};
const TITLES = [
  ['Operator produksi pabrik', 'Factory production operator'],
  ['Perawat lansia di panti', 'Care home elderly carer'],
  ['Tukang las galangan kapal', 'Shipyard welder'],
  ['Pelayan restoran hotel', 'Hotel restaurant waiter'],
  ['Pemetik buah di perkebunan', 'Plantation fruit picker'],
  ['Perawat rumah sakit', 'Hospital nurse'],
];
const WORDS = [
  'Abadi',
  'Bina',
  'Cahaya',
  'Dharma',
  'Eka',
  'Fajar',
  'Gemilang',
  'Harapan',
  'Insan',
  'Jaya',
  'Karya',
  'Lestari',
  'Makmur',
  'Nusantara',
  'Prima',
  'Sentosa',
];

/** Generated agencies (test and bench data, never shipped), all active with valid licences. */
export function agencyRows(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `gen-agency-${i}`,
    name: `PT Uji ${WORDS[i % 16] ?? ''} ${WORDS[Math.floor(i / 16) % 16] ?? ''} ${i}`,
    aliases: `Uji ${i}`,
    licence_no: `UJI-SIP3MI-${i}`,
    licence_valid_until: '2028-12-31',
    status: 'active',
    head_office: `Jl. Uji No. ${i}, Jakarta`,
    head_office_area: '31.71',
    branch_areas: '35.07|33.01',
    phones: `021-0000-${String(1000 + (i % 9000)).padStart(4, '0')}`,
    email: '',
    source_title: 'Data uji',
    source_url: '',
    verified_at: '2026-11-20',
    example: 'true',
  }));
}

/** Generated listings spread over countries, sectors and the given number of agencies. */
export function listingRows(n: number, agencies: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => {
    // Country and kind of job vary independently, as in real data.
    const country = COUNTRIES[i % COUNTRIES.length] ?? 'tw';
    const kind = Math.floor(i / COUNTRIES.length) % TITLES.length;
    const title = TITLES[kind] ?? ['Operator', 'Operator'];
    const sector =
      (['manufacturing', 'care', 'construction', 'hospitality', 'agriculture', 'health'] as const)[kind] ??
      'manufacturing';
    return {
      id: `gen-listing-${i}`,
      title_id: `${title[0]} ${i}`,
      title_en: `${title[1]} ${i}`,
      country,
      city: '',
      sector: SECTORS.includes(sector) ? sector : 'other',
      employer_type: 'entity',
      // A realistic monthly pay in the country's currency, up to 50 % more (imports refuse absurd amounts).
      salary_amount: String(Math.round((PAY[country] ?? 1000) * (1 + (i % 500) / 1000))),
      salary_currency: CURRENCY[country] ?? 'USD',
      contract_months: '24',
      hours_per_day: '8',
      rest_days_per_month: '4',
      leave_days_per_year: '12',
      employer_pays: 'ticket_out|ticket_return|visa',
      worker_pays: sector === 'agriculture' ? '' : 'passport',
      age_min: '18',
      age_max: '40',
      education: 'smp',
      skills_id: '',
      skills_en: '',
      language_id: '',
      language_en: '',
      quota: '10',
      deadline: '',
      agency_id: `gen-agency-${i % agencies}`,
      source_ref: `UJI-JO-${i}`,
      source_url: '',
      verified_at: '2026-11-20',
      valid_until: '2027-06-30',
      example: 'true',
    };
  });
}

export const toCsv = (rows: Record<string, string>[], columns: readonly string[]): string =>
  stringify(rows, { header: true, columns: [...columns] });

export const agenciesCsv = (n: number) => toCsv(agencyRows(n), AGENCY_COLUMNS);
export const listingsCsv = (n: number, agencies: number) => toCsv(listingRows(n, agencies), LISTING_COLUMNS);
