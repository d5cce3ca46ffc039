import type { RecruitmentAnswer, RecruitmentApp, RecruitmentMethod } from '../core/report.js';

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
