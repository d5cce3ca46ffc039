import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecruitmentAnswer, PaymentAnswer, ContactConsent } from '../../src/core/report.js';
import { chat, makeEngine } from '../helpers/engine.js';

/** What a regional user types at each choice step of the report wizard, and what the report must hold. */
interface RegionalScript {
  readonly locale: string;
  /** The words that switch the language. */
  readonly language: string;
  readonly channel: readonly string[];
  readonly paid: readonly string[];
  readonly done: string;
  readonly contact: string;
  readonly updates: string;
  readonly bypass: string;
  readonly send: string;
  readonly expected: {
    readonly recruitment: RecruitmentAnswer;
    readonly payment: PaymentAnswer;
    readonly contact: ContactConsent;
    readonly updates: boolean;
    readonly bypassVillage: boolean;
  };
}

// Drafts by the development team (locales/REVIEW.md: no native review yet); each line is a short answer
// as a villager would type it, not the label of the choice nor its number.
const SCRIPTS: readonly RegionalScript[] = [
  {
    locale: 'jv',
    language: 'basa jawa',
    channel: ['saka sedulur kula'],
    paid: ['5 juta', 'menyang sponsore', 'isih ana'],
    done: 'rampung',
    contact: 'lewat layanan',
    updates: 'nggih',
    bypass: 'kabupaten',
    send: 'kirim',
    expected: {
      recruitment: { method: 'family' },
      payment: { paid: true, amount: 5_000_000, currency: 'IDR', to: 'recruiter', proof: true },
      contact: 'relay',
      updates: true,
      bypassVillage: true,
    },
  },
  {
    locale: 'su',
    language: 'basa sunda',
    channel: ['ti tatangga'],
    paid: ['2 juta', 'ka jalma éta', 'leungit'],
    done: 'réngsé',
    contact: 'rusiah',
    updates: 'muhun',
    bypass: 'ka desa',
    send: 'kirim',
    expected: {
      recruitment: { method: 'friends' },
      payment: { paid: true, amount: 2_000_000, currency: 'IDR', to: 'recruiter', proof: false },
      contact: 'none',
      updates: true,
      bypassVillage: false,
    },
  },
  {
    locale: 'mad',
    language: 'basa madura',
    channel: ['dhari bhala'],
    paid: ["ghi' ta' majar"],
    done: 'mare',
    contact: 'langsung',
    updates: 'engghi',
    bypass: 'kabupaten',
    send: 'kerem',
    expected: {
      recruitment: { method: 'family' },
      payment: { paid: false },
      contact: 'direct',
      updates: true,
      bypassVillage: true,
    },
  },
  {
    locale: 'sas',
    language: 'base sasak',
    channel: ['semeton tiang'],
    paid: ['3 juta', 'jok perusahaanne', 'PT Maju Sejahtera', 'ilang'],
    done: 'selesai',
    contact: 'ndeq perlu',
    updates: 'nggih',
    bypass: 'langsung jok kabupaten',
    send: 'kirim',
    expected: {
      recruitment: { method: 'family' },
      payment: {
        paid: true,
        amount: 3_000_000,
        currency: 'IDR',
        to: 'agency',
        toName: 'PT Maju Sejahtera',
        proof: false,
      },
      contact: 'none',
      updates: true,
      bypassVillage: true,
    },
  },
];

/** The texts a wizard step answers with when it could not read the answer, in the user's language. */
function reaskTexts(locale: string): string[] {
  const read = (file: string) =>
    JSON.parse(readFileSync(`locales/${locale}/${file}`, 'utf8')) as Record<string, unknown>;
  const engine = read('engine.json');
  const report = read('report.json');
  return [engine.pickNumber, engine.pickYesNo, report.paidUnreadable].filter(
    (t): t is string => typeof t === 'string',
  );
}

describe('report wizard in a regional language (issue 16)', () => {
  it.each(SCRIPTS)('files a report typing $locale words at every choice step', async (s) => {
    const { engine, reports } = makeEngine();
    const c = chat(engine, `console:regional-${s.locale}`);
    await c.say(s.language);
    const lines = [
      'lapor',
      'Pak Darto',
      '0812-3456-7890',
      'PT Maju Sejahtera',
      ...s.channel,
      'Malaysia',
      'pabrik',
      '8 juta',
      '15 juta',
      ...s.paid,
      'paspor',
      'Senin 23 November',
      'Ternyang Sumberpucung',
      '1',
      'brosur',
      s.done,
      s.contact,
      s.updates,
      s.bypass,
    ];
    const asksAgain = reaskTexts(s.locale);
    for (const line of lines) {
      const out = c.text(await c.say(line));
      // Every answer moved the wizard on: none was met with "pick a number" or "answer yes or no".
      for (const again of asksAgain) expect(out, `after "${line}"`).not.toContain(again);
    }
    const review = c.text(c.history.at(-1) ?? []);
    const done = c.text(await c.say(s.send));
    const code = /R-[A-Z0-9]{6}/.exec(done)?.[0];
    expect(code, `review:\n${review}\nafter send:\n${done}`).toBeDefined();
    const record = await reports.store.get(code ?? '');
    expect(record?.contact).toBe(s.expected.contact);
    expect(record?.updates).toBe(s.expected.updates);
    expect(record?.details.bypassVillage).toBe(s.expected.bypassVillage);
    expect(record?.details.recruitment).toEqual(s.expected.recruitment);
    expect(record?.details.payment).toEqual(s.expected.payment);
  });
});
