import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES } from '../../src/core/report.js';
import { createKeys, reporterId } from '../../src/storage/keys.js';

/** The part of a key Redis Cluster hashes to choose its slot: the first non-empty `{…}`, else the whole key. */
function hashTag(key: string): string | undefined {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : undefined;
}

const keys = createKeys('dm:');
const PHONE = 'whatsapp:6281234567890';
const TELEGRAM = 'telegram:7394018265';
const rid = reporterId(PHONE);

describe('the key map (src/storage/keys.ts)', () => {
  it('puts every key of the report side in one slot: reports, indexes, officers and invites', () => {
    const r = keys.reports;
    const report = [
      r.report('R-7KQ4MX'),
      r.reporter('R-7KQ4MX'),
      r.history('R-7KQ4MX'),
      r.audit('R-7KQ4MX'),
      ...REPORT_STATUSES.map((s) => r.byStatus(s)),
      // The update script builds status index names from this prefix inside Redis.
      `${r.statusPrefix()}routed`,
      r.byArea('35.07.12.2001'),
      r.byArea('35.07'),
      r.byReporter(rid),
      r.waiting(),
      r.draft(rid, 'd1'),
      r.phoneLink(rid, '+6281298765432'),
      r.daily(rid, '2026-11-29'),
      r.alert('alert-R-7KQ4MX-oabc-village-report'),
      keys.officers.officer('oabc23def'),
      keys.officers.all(),
      keys.officers.area('village', '35.07.12.2001'),
      keys.officers.address(PHONE),
      keys.invites.invite('hash'),
      keys.invites.failures(PHONE),
    ];
    expect(new Set(report.map(hashTag))).toEqual(new Set(['r']));
  });

  it('puts the keys of one WhatsApp number in one slot (its photos spread), and braces BullMQ’s prefix', () => {
    const wa = keys.whatsapp('main');
    const number = [
      wa.auth.creds,
      `${wa.auth.keysPrefix}session`,
      `${wa.auth.keysPrefix}pre-key`,
      wa.lease,
      wa.outbox.queue(PHONE),
      wa.outbox.ready,
      wa.outbox.pending,
      wa.outbox.dead,
      wa.contactable,
      wa.seen(`${PHONE.slice('whatsapp:'.length)}@s.whatsapp.net`, 'ABCD'),
    ];
    expect(new Set(number.map(hashTag))).toEqual(new Set(['wa:main']));
    expect(hashTag(keys.whatsapp('second').lease)).toBe('wa:second');
    expect([wa.media('2f1c'), wa.mediaBy(PHONE)].map(hashTag)).toEqual([undefined, undefined]);
    expect(hashTag(`${keys.bull}:route:wait`)).toBe('bull');
    // A session is one key per script: no tag, so sessions spread over a cluster.
    expect(hashTag(keys.session(PHONE))).toBeUndefined();
  });

  it('spells out no chat address or phone number, and hashes each kind of key apart', () => {
    const named = [
      keys.session(PHONE),
      keys.session(TELEGRAM),
      keys.officers.address(PHONE),
      keys.invites.failures(TELEGRAM),
      keys.reports.phoneLink(reporterId(TELEGRAM), '+6281298765432'),
      keys.reports.byReporter(reporterId(PHONE)),
      keys.whatsapp('main').outbox.queue(PHONE),
      keys.whatsapp('main').mediaBy(PHONE),
      keys.whatsapp('main').seen('6281234567890@s.whatsapp.net', 'ABCD'),
    ];
    for (const key of named) {
      expect(key).not.toMatch(/6281234567890|7394018265|81298765432/);
      expect(key.startsWith('dm:')).toBe(true);
    }
    const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
    expect(hashOf(keys.session(PHONE))).not.toBe(hashOf(keys.officers.address(PHONE)));
    expect(hashOf(keys.session(PHONE))).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(keys.session(PHONE)).toBe(createKeys('dm:').session(PHONE));
    expect(keys.session(PHONE)).not.toBe(keys.session(TELEGRAM));
  });
});
