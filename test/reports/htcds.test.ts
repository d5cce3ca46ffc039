import { describe, expect, it } from 'vitest';
import { CHAT_APPS, RECRUITMENT_METHODS, SOCIAL_APPS } from '../../src/core/report.js';
import { htcdsMethodOfRecruitment, htcdsRecruitmentApp } from '../../src/reports/htcds.js';

/** Picklist values of HTCDS 2.0 (UNMigration/HTCDS, "HTCDS Field Standards 2.0.ods"). */
const METHODS = [
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
];
const APPS =
  'Facebook Instagram WhatsApp Telegram FacebookMessenger Viber SnapChat Line 4Sale WeChat QQ QZone TikTok Twitter Other'.split(
    ' ',
  );

describe('HTCDS terms of "how did the offer reach you?"', () => {
  it('maps every way and platform to a value of the standard', () => {
    for (const method of RECRUITMENT_METHODS) expect(METHODS).toContain(htcdsMethodOfRecruitment({ method }));
    for (const app of [...SOCIAL_APPS, ...CHAT_APPS, 'other' as const])
      expect(APPS).toContain(htcdsRecruitmentApp({ method: 'social', app }));
  });

  it('maps family, friends and online ways to their values, the rest to Other, nothing to empty', () => {
    expect(htcdsMethodOfRecruitment({ method: 'family' })).toBe('ThroughFamilyOrFamilyEvents');
    expect(htcdsMethodOfRecruitment({ method: 'friends' })).toBe('ThroughFriendsOrSocialEvents');
    expect(htcdsMethodOfRecruitment({ method: 'chat', app: 'whatsapp' })).toBe('ThroughOnlineSocialNetworks');
    expect(htcdsMethodOfRecruitment({ method: 'in-person' })).toBe('Other');
    expect(htcdsRecruitmentApp({ method: 'chat', app: 'messenger' })).toBe('FacebookMessenger');
    expect(htcdsRecruitmentApp({ method: 'family' })).toBe('');
    expect(htcdsMethodOfRecruitment(undefined)).toBe('');
    expect(htcdsRecruitmentApp(undefined)).toBe('');
  });
});
