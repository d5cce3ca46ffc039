import type { RecruitmentAnswer, RecruitmentApp, RecruitmentMethod, ReportStatus } from '../core/report.js';

/**
 * The wizard's "how did the offer reach you?" in the terms of the IOM Human Trafficking Case Data
 * Standard (HTCDS), so exports line up with case systems that use it. Source: UNMigration/HTCDS,
 * "HTCDS Field Standards 2.0.ods" (github.com/UNMigration/HTCDS), table Person Victim Context:
 *
 * - `vic_MethodOfRecruitment` (multiselect picklist): AtAPlaceOfBusiness, AtAnEducationalInstitution,
 *   AtWork, ThroughOnlineSocialNetworks, ThroughAnOnlineAdvertisement, ThroughATelevisionAdvert,
 *   ThroughANewspaperAdvert, ThroughFamilyOrFamilyEvents, ThroughFriendsOrSocialEvents, Other.
 * - `vic_RecruitmentWebsitesAndApps` (multiselect picklist): Facebook, Instagram, WhatsApp, Telegram,
 *   FacebookMessenger, Viber, SnapChat, Line, 4Sale, WeChat, QQ, QZone, TikTok, Twitter, Other.
 *
 * A recruiter who came to the house has no value of its own there (the list names places, not the
 * door), so it is `Other`; chat apps are online social networks in that list (WhatsApp and Telegram
 * are among its platforms). The standard has no field for money paid to a recruiter (its nearest,
 * `vic_MethodsOfControl` = DebtBondage, is being forced to work off a debt, which a payment alone does
 * not show): the export keeps the payment in its own columns.
 */
const METHOD: Readonly<Record<RecruitmentMethod, string>> = {
  'in-person': 'Other',
  family: 'ThroughFamilyOrFamilyEvents',
  friends: 'ThroughFriendsOrSocialEvents',
  social: 'ThroughOnlineSocialNetworks',
  chat: 'ThroughOnlineSocialNetworks',
  other: 'Other',
};

const APP: Readonly<Record<RecruitmentApp, string>> = {
  facebook: 'Facebook',
  tiktok: 'TikTok',
  instagram: 'Instagram',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  messenger: 'FacebookMessenger',
  other: 'Other',
};

/** `vic_MethodOfRecruitment` of an answer; empty when it was not given. */
export const htcdsMethodOfRecruitment = (r: RecruitmentAnswer | undefined): string =>
  r ? METHOD[r.method] : '';

/** `vic_RecruitmentWebsitesAndApps` of an answer; empty when no platform was named. */
export const htcdsRecruitmentApp = (r: RecruitmentAnswer | undefined): string => (r?.app ? APP[r.app] : '');

/**
 * The columns of the `htcds` export: HTCDS 2.0 field names (with their table prefix, as the standard's
 * "Field Name including Prefix"), one row per report, after our own report code. Only the fields a
 * report can fill are here; the README's reports section lists which map and which do not. Victim
 * identity (`prs_…`) is never exported: the reporter is not necessarily the person recruited, and
 * their consent to be contacted by an officer is not consent to share their identity with a case
 * system.
 */
export const HTCDS_COLUMNS = [
  /** Not HTCDS: the bot's report number, to find the report again. */
  'demimas_ReportCode',
  'cas_Status',
  'cas_ReasonForCaseClosure',
  'cas_CaseOwner',
  'hte_Type',
  'hte_Country',
  'hte_State',
  'hte_City',
  'hte_Description',
  'vic_MethodOfRecruitment',
  'vic_RecruitmentWebsitesAndApps',
  'per_RoleInProcess',
  'per_RoleDetails',
  'cco_CaseComment',
] as const;
export type HtcdsColumn = (typeof HTCDS_COLUMNS)[number];

/**
 * `cas_Status` (picklist Active, FollowUp, Closed, ClosedReferred): a resolved report is `Closed`;
 * every other one still needs someone (a failed delivery too: admins are alerted), so `Active`.
 */
export const htcdsCaseStatus = (status: ReportStatus): string =>
  status === 'resolved' ? 'Closed' : 'Active';

/** `hte_Type` (Recruitment, Transit, Exploitation): a report is about the recruitment. */
export const HTCDS_EVENT_TYPE = 'Recruitment';

/** `per_RoleInProcess`: the person reported is a recruiter or intermediary. */
export const HTCDS_PERPETRATOR_ROLE = 'RecruiterOrIntermediary';
