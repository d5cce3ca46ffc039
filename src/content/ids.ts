/**
 * Content ids that code relies on. `content check` fails when one is missing, so a content edit
 * can never silently break a flow.
 */
export const REQUIRED_VERDICTS = [
  'under-18',
  'scheme-p2p',
  'household-only-p2p',
  'scheme-g2g-korea',
  'korea-over-age',
  'scheme-g2g-japan',
  'japan-over-age',
  'scheme-independent',
  'me-household',
  'zero-cost',
  'costs-other',
  'always-required',
  'next-civil',
  'next-register',
  'next-korea',
  'next-japan',
] as const;
export type VerdictId = (typeof REQUIRED_VERDICTS)[number];

/** Documents whose absence means the civil-registration step comes first. */
export const CIVIL_DOCUMENTS = ['ktp', 'kk', 'akta'] as const;

/** Scheme topics the eligibility check links to. */
export const SCHEME_TOPICS = {
  p2p: 'scheme-p2p',
  korea: 'scheme-g2g-korea',
  japan: 'scheme-g2g-japan',
  independent: 'scheme-independent',
} as const;

/** Guide sections shown in the guide menu, in order, with the topics each lists. */
export const GUIDE_SECTIONS = {
  schemes: ['schemes-overview', 'scheme-p2p', 'scheme-g2g-korea', 'scheme-g2g-japan', 'scheme-independent'],
  start: ['first-steps', 'requirements', 'documents'],
  money: ['zero-cost', 'costs', 'kur', 'bpjs'],
  places: ['where-to-go', 'departure'],
} as const;
export type GuideSection = keyof typeof GUIDE_SECTIONS;
