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
  'household-no-route',
  'next-under-18',
  'next-ask-bp3mi',
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
  /** Problems of a worker already abroad, for the family (facts K-, issue 18). */
  abroad: [
    'abroad-wages',
    'abroad-go-home',
    'abroad-contract',
    'abroad-lost-contact',
    'abroad-sick',
    'abroad-death',
    'abroad-arrested',
    'abroad-complaint',
  ],
  /** Sending money home (Demimas pillar 5, facts F-). */
  remittance: ['remittance'],
  /** After coming home (pillars 6-9, facts U-, C-). */
  return: ['return-services', 'return-business', 'return-cooperative', 'return-victims', 'return-children'],
} as const;
export type GuideSection = keyof typeof GUIDE_SECTIONS;

/** The guide section the family check links to: what to do about the most common problems abroad. */
export const FAMILY_PROBLEMS_SECTION: GuideSection = 'abroad';

/**
 * The answer card shown after the emergency numbers when the safety net heard only this kind of
 * distress and the message asked no question of its own ("gaji adik 5 bulan tidak dibayar"): the
 * numbers first, then what to do. Kinds with no card here (locked up, beaten, trafficked, …) get the
 * numbers and the next steps only.
 */
export const DISTRESS_CARDS: Readonly<Record<string, string>> = {
  unpaid: 'unpaid-wages',
  death: 'body-repatriation',
  unreachable: 'missing-family',
};

/** Contacts the family check always lists (facts H-01, H-02, H-08, H-10), besides the mission of the country. */
export const FAMILY_CONTACTS = [
  'kemlu-hotline',
  'kp2mi-call-centre-abroad',
  'kp2mi-call-centre',
  'sapa-129',
  'sapa-129-whatsapp',
] as const;

/** The KP2MI call centre: the number texts name through `{{callCentre}}`, never typed into a translation. */
export const CALL_CENTRE = 'kp2mi-call-centre';

/**
 * The safety net's first reply (facts H-01, H-08, H-09, H-10): numbers for someone in danger abroad
 * (the mission of the country goes between the first and the others) and in Indonesia.
 */
export const SOS_CONTACTS = {
  abroad: ['kemlu-hotline', 'kp2mi-call-centre'],
  home: ['police-110', 'sapa-129', 'kp2mi-call-centre'],
  unknown: ['kemlu-hotline', 'kp2mi-call-centre', 'police-110', 'sapa-129'],
} as const;

/** Groups of warning signs (facts §3c A–E). */
export const SIGN_GROUPS = ['recruiter', 'money', 'documents', 'route', 'control'] as const;
export type SignGroup = (typeof SIGN_GROUPS)[number];

/** Result levels of the offer check and of the family check. */
export const RISK_LEVELS = ['high', 'verify', 'procedural'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const FAMILY_LEVELS = ['urgent', 'concern', 'calm'] as const;
export type FamilyLevel = (typeof FAMILY_LEVELS)[number];

/** Sectors of job listings. */
export const SECTORS = [
  'domestic',
  'care',
  'manufacturing',
  'construction',
  'agriculture',
  'fishing',
  'hospitality',
  'health',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * The ten occupations freed from placement costs (facts L-41): work for a household (housekeeper, cook,
 * family driver, gardener, carer of children or the elderly) and farm, plantation or fishing-crew work.
 * Care in a hospital or care home is not among them.
 */
export function isZeroCostJob(row: { sector: Sector; employer_type: 'household' | 'entity' }): boolean {
  if (row.sector === 'agriculture' || row.sector === 'fishing') return true;
  return (row.sector === 'domestic' || row.sector === 'care') && row.employer_type === 'household';
}

/** Scan rule whose phrases mark an official warning or public notice, not an offer. */
export const NOTICE_RULE = 'warning-notice';

/**
 * The ids above that the core works with, handed to it in the catalog (`catalog.ids`): the core imports
 * only types from content/ (DESIGN §2), so its flows read these values from the catalog they are given.
 */
export const CONTENT_IDS = {
  sosContacts: SOS_CONTACTS,
  familyContacts: FAMILY_CONTACTS,
  familyProblemsSection: FAMILY_PROBLEMS_SECTION,
  callCentre: CALL_CENTRE,
  signGroups: SIGN_GROUPS,
  sectors: SECTORS,
  guideSections: GUIDE_SECTIONS,
  civilDocuments: CIVIL_DOCUMENTS,
  schemeTopics: SCHEME_TOPICS,
  distressCards: DISTRESS_CARDS,
  isZeroCostJob,
} as const;
export type ContentIds = typeof CONTENT_IDS;
