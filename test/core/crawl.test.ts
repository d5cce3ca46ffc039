import { describe, expect, it } from 'vitest';
import { GUIDE_SECTIONS } from '../../src/content/ids.js';
import { LOCALES } from '../../src/core/locale.js';
import type { OutboundMessage } from '../../src/core/message.js';
import { chat, last, makeEngine, realCatalog } from '../helpers/engine.js';

const RAW_KEY = /\b(common|engine|menu|search|help|sos|language|contacts|guide|elig)\.[a-zA-Z]+/;
/** Longest message we send: fits one phone screen scroll and far below Telegram's 4,096. */
const MAX_MESSAGE = 1600;

function checkMessages(where: string, messages: readonly OutboundMessage[]) {
  for (const m of messages) {
    const all = [m.title ?? '', m.body, ...m.choices.map((c) => c.label)].join('\n');
    expect(all, where).not.toMatch(RAW_KEY);
    expect(all, where).not.toContain('{{');
    expect(all, where).not.toContain('undefined');
    expect(m.body.length + (m.title?.length ?? 0), where).toBeLessThanOrEqual(MAX_MESSAGE);
  }
}

describe.each(LOCALES)('every screen in %s', (locale) => {
  const setLocale = async (c: ReturnType<typeof chat>) => {
    await c.say('bahasa');
    await c.send({ choiceId: locale });
  };

  it('renders every guide topic page and country note', async () => {
    const c = chat(makeEngine().engine);
    await setLocale(c);
    let pages = 0;
    for (const [section, ids] of Object.entries(GUIDE_SECTIONS)) {
      for (const id of ids) {
        await c.send({ choiceId: 'menu' });
        await c.say('1');
        await c.send({ choiceId: section });
        let out = await c.send({ choiceId: id });
        checkMessages(`${section}/${id}`, out);
        pages++;
        while (last(out).choices.some((x) => x.id === 'next')) {
          out = await c.send({ choiceId: 'next' });
          checkMessages(`${section}/${id}`, out);
          pages++;
        }
        expect(c.text(out)).toMatch(/https?:\/\//);
      }
    }
    for (const country of realCatalog().topicsOf('country')) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'guide' });
      await c.send({ choiceId: 'countries' });
      checkMessages(country.id, await c.send({ choiceId: country.id }));
    }
    expect(pages).toBeGreaterThan(40);
  });

  it('renders the eligibility result for every destination and job', async () => {
    const cat = realCatalog();
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const dest of cat.destinations) {
      for (const job of cat.jobs) {
        await c.send({ choiceId: 'menu' });
        await c.say('2');
        await c.say('30');
        await c.send({ choiceId: dest.id });
        let out = await c.send({ choiceId: job.id });
        for (
          let i = 0;
          i < 6 && last(out).title !== (locale === 'id' ? 'Langkah berikutnya' : 'Next step');
          i++
        ) {
          out = await c.send({ choiceId: i % 2 === 0 ? 'yes' : 'no' });
        }
        checkMessages(`${dest.id}/${job.id}`, out);
        expect(
          last(out).choices.some((x) => x.id === 'again'),
          `${dest.id}/${job.id}`,
        ).toBe(true);
      }
    }
  });

  it('renders every warning sign page and every check result', async () => {
    const cat = realCatalog();
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const group of cat.signGroups) {
      for (const sign of [...cat.signsFor('offer'), ...cat.signsFor('family')].filter(
        (s) => s.group === group.id,
      )) {
        await c.send({ choiceId: 'menu' });
        await c.send({ choiceId: 'signs' });
        await c.send({ choiceId: group.id });
        checkMessages(sign.id, await c.send({ choiceId: sign.id }));
      }
    }
    for (const answer of ['yes', 'no']) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'offer' });
      let out = await c.send({ choiceId: 'questions' });
      while (!last(out).choices.some((x) => x.id === 'again')) {
        const ids = last(out).choices.map((x) => x.id);
        out = await c.send({ choiceId: ids.includes('continue') ? 'continue' : answer });
        checkMessages(`offer-check ${answer}`, out);
      }
    }
    for (const dest of cat.destinations) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'family' });
      let out = await c.send({ choiceId: dest.id });
      while (!last(out).choices.some((x) => x.id === 'again')) {
        const ids = last(out).choices.map((x) => x.id);
        out = await c.send({ choiceId: ids.includes('result') ? 'result' : 'yes' });
      }
      checkMessages(`family ${dest.id}`, out);
    }
  });

  it('renders every shown job listing and every agency', async () => {
    const cat = realCatalog();
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const country of cat.listings.countries('2026-11-29')) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'jobs' });
      await c.send({ choiceId: 'country' });
      const list = await c.send({ choiceId: country.id });
      checkMessages(country.id, list);
      for (const choice of last(list).choices.filter((x) => x.id.startsWith('contoh-'))) {
        checkMessages(choice.id, await c.send({ choiceId: choice.id }));
        await c.send({ choiceId: 'back' });
      }
    }
    for (const name of [
      'PT Contoh Maju Jaya',
      'PT Contoh Anugerah Buana',
      'PT Contoh Lestari Makmur',
      'PT Maju Jaya',
      'PT Tidak Ada',
    ]) {
      await c.send({ choiceId: 'menu' });
      checkMessages(name, await c.say(`cek ${name}`));
    }
  });

  it('renders the menu, help, contacts and SOS screens', async () => {
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const text of ['0', '10', '2', '1', '3', '1', '0', '12', 'darurat', 'bahasa', 'xyz'])
      checkMessages(text, await c.say(text));
  });
});
