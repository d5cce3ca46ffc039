import { describe, expect, it } from 'vitest';
import { addEvidence, evidencePrompt } from '../../src/core/flows/report-evidence.js';
import { MAX_VOICE_NOTES, mediaOf } from '../../src/core/flows/report-draft.js';
import type { MediaRef } from '../../src/core/message.js';
import type { FlowData } from '../../src/core/session.js';
import { makeEngine, chat } from '../helpers/engine.js';

const voice = (n: number, extra: Partial<MediaRef> = {}): MediaRef => ({
  kind: 'voice',
  ref: `store:v${n}`,
  mime: 'audio/ogg; codecs=opus',
  size: 20_000,
  ...extra,
});
const photo: MediaRef = { kind: 'photo', ref: 'store:p1', mime: 'image/jpeg', size: 30_000 };
const keys = (o: { type: string; say?: readonly { body: readonly unknown[] }[] }) =>
  JSON.stringify(o.say ?? []);

describe('voice notes as report evidence', () => {
  it('keeps voice notes with photos, kind kept through the draft, up to the limit, and says how many', () => {
    let data: FlowData = {};
    const outcome = addEvidence(data, { type: 'text', text: '', media: [photo, voice(1)] }, 'contact');
    if (outcome.type !== 'next') throw new Error(outcome.type);
    data = outcome.state.data;
    expect(mediaOf(data).map((m) => m.kind)).toEqual(['photo', 'voice']);
    const prompt = evidencePrompt(data, { body: [] });
    expect(JSON.stringify(prompt.body)).toContain('report.evidenceVoices');
    const more = Array.from({ length: MAX_VOICE_NOTES }, (_, i) => voice(i + 2));
    const full = addEvidence(data, { type: 'text', text: '', media: more }, 'contact');
    if (full.type !== 'next') throw new Error(full.type);
    expect(mediaOf(full.state.data).filter((m) => m.kind === 'voice')).toHaveLength(MAX_VOICE_NOTES);
    expect(keys(full)).toContain('report.voiceLimit');
  });

  it('refuses a voice note of another type or too large, with the reason', () => {
    const refused = addEvidence(
      {},
      { type: 'text', text: '', media: [voice(1, { mime: 'video/mp4' }), voice(2, { size: 50_000_000 })] },
      'contact',
    );
    if (refused.type !== 'next') throw new Error(refused.type);
    expect(mediaOf(refused.state.data)).toEqual([]);
    expect(keys(refused)).toContain('report.voiceType');
    expect(keys(refused)).toContain('report.voiceSize');
  });

  it('outside a report, a voice note is answered: please type, or call 0800-1000 (facts H-01)', async () => {
    const user = chat(makeEngine().engine);
    await user.say('menu');
    const replies = await user.send({ text: '', media: [voice(1)] });
    expect(user.text(replies)).toContain(
      'Maaf, pesan suara belum bisa kami baca. Silakan ketik pesan Anda, atau telepon 0800-1000.',
    );
    const photoReplies = await user.send({ text: '', media: [photo] });
    expect(user.text(photoReplies)).not.toContain('pesan suara');
  });
});
