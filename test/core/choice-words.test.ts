import { describe, expect, it } from 'vitest';
import { readIntentLists } from '../../src/bootstrap.js';
import { createChoiceWords } from '../../src/core/choice-words.js';
import { recruitmentIn } from '../../src/core/flows/report-channel.js';
import { createIntentMatcher } from '../../src/core/intents.js';

/** The lists of locales/<lng>/intents.json, as the bot reads them. */
const words = createIntentMatcher(readIntentLists('locales')).choices;
const choiceNamed = words.named.bind(words);
const nameIn = words.nameIn.bind(words);
const onlyChoiceWords = words.only.bind(words);

const WAYS = ['rm-in-person', 'rm-family', 'rm-friends', 'rm-social', 'rm-chat', 'rm-other', 'skip'];
const APPS = ['app-facebook', 'app-tiktok', 'app-instagram', 'app-whatsapp', 'app-telegram', 'app-messenger'];
const PAYEES = ['to-recruiter', 'to-agency', 'to-lpk', 'to-other', 'skip'];

describe('choice words: the choice a short answer names in chat words', () => {
  it('reads platforms as people write them', () => {
    const cases: [string, string][] = [
      ['fb', 'app-facebook'],
      ['FB.', 'app-facebook'],
      ['lewat fesbuk', 'app-facebook'],
      ['di grup Facebook', 'app-facebook'],
      ['tiktok', 'app-tiktok'],
      ['tik tok', 'app-tiktok'],
      ['IG', 'app-instagram'],
      ['wa', 'app-whatsapp'],
      ['via W.A', 'app-whatsapp'],
      ['grup wa', 'app-whatsapp'],
      ['whatsapppp', 'app-whatsapp'],
      ['tele', 'app-telegram'],
      ['fb messenger', 'app-messenger'],
    ];
    for (const [text, id] of cases) expect(choiceNamed(text, APPS), text).toBe(id);
  });

  it('reads ways, "don\'t know" and whom money went to', () => {
    expect(choiceNamed('dari tetangga', WAYS)).toBe('rm-friends');
    expect(choiceNamed('temen sekolah', WAYS)).toBe('rm-friends');
    expect(choiceNamed('lewat sodara', WAYS)).toBe('rm-family');
    expect(choiceNamed('my uncle', WAYS)).toBe('rm-family');
    expect(choiceNamed('dia datang ke rumah', WAYS)).toBe('rm-in-person');
    expect(choiceNamed('ga tau', WAYS)).toBe('skip');
    expect(choiceNamed('gatau', WAYS)).toBe('skip');
    expect(choiceNamed("I don't know", WAYS)).toBe('skip');
    expect(choiceNamed('ke sponsor', PAYEES)).toBe('to-recruiter');
    expect(choiceNamed('PT Maju Jaya', PAYEES)).toBe('to-agency');
    expect(choiceNamed('LPK Sakura', PAYEES)).toBe('to-lpk');
    expect(choiceNamed('orang lain', PAYEES)).toBe('to-other');
  });

  it('lets a longer phrase win over a word inside it, and names nothing when two choices are named', () => {
    expect(choiceNamed('gak ada', ['kept', 'lost'])).toBe('lost');
    expect(choiceNamed('masih ada', ['kept', 'lost'])).toBe('kept');
    expect(choiceNamed('teman di facebook', WAYS)).toBe('rm-friends');
    expect(choiceNamed('fb atau wa', APPS)).toBeUndefined();
    expect(choiceNamed('keluarga dan tetangga', WAYS)).toBeUndefined();
  });

  it('names nothing in empty, emoji, punctuation, unknown or long text', () => {
    for (const text of ['', '   ', '😀😀', '-', '...', 'asdf qwer', 'wafer', 'fbi'])
      expect(choiceNamed(text, [...WAYS, ...APPS]), text).toBeUndefined();
    expect(choiceNamed(`${'kata '.repeat(20)}fb`, APPS)).toBeUndefined();
    expect(choiceNamed(`${'kata '.repeat(20)}fb`, APPS, Number.POSITIVE_INFINITY)).toBe('app-facebook');
  });
});

describe('recruitmentIn: the one platform a message or an advert names', () => {
  it('fills in the way with the platform', () => {
    expect(recruitmentIn(words, 'Hubungi WA 0812-9876-5432 sekarang')).toEqual({
      method: 'chat',
      app: 'whatsapp',
    });
    expect(recruitmentIn(words, 'lihat iklan di tiktok')).toEqual({ method: 'social', app: 'tiktok' });
    expect(recruitmentIn(words, 'info di FB, daftar lewat WA')).toBeUndefined();
    expect(recruitmentIn(words, 'mau lapor calo')).toBeUndefined();
  });
});

describe('names typed after a choice word', () => {
  it('keeps the name without the small words before it', () => {
    expect(nameIn('ke PT Maju Jaya')).toBe('PT Maju Jaya');
    expect(nameIn('  kepada Bu Sri ')).toBe('Bu Sri');
    expect(nameIn('ke')).toBe('ke');
    expect(onlyChoiceWords('ke sponsor', 'to-recruiter')).toBe(true);
    expect(onlyChoiceWords('ke PT Maju', 'to-agency')).toBe(false);
    expect(onlyChoiceWords('PT', 'to-agency')).toBe(true);
  });
});

describe('createChoiceWords', () => {
  it('merges the lists of every locale and ignores empty words', () => {
    const merged = createChoiceWords([
      { choices: { a: ['satu', ''], b: ['dua'] }, fillers: { words: ['ke'] } },
      { choices: { a: ['one'] } },
      {},
    ]);
    expect(merged.named('one', ['a', 'b'])).toBe('a');
    expect(merged.named('ke satu', ['a', 'b'])).toBe('a');
    expect(merged.named('satu dua', ['a', 'b'])).toBeUndefined();
    expect(merged.named('', ['a'])).toBeUndefined();
    expect(merged.only('ke dua', 'b')).toBe(true);
    expect(merged.nameIn('ke Pak Budi')).toBe('Pak Budi');
  });
});
