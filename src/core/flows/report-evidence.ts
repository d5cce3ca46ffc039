import { invalid, next, type Input, type Outcome } from '../flow.js';
import { t, type MediaRef, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import { strings } from './data.js';
import {
  MAX_NOTE_LENGTH,
  MAX_NOTES,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  MAX_VOICE_BYTES,
  MAX_VOICE_NOTES,
  PHOTO_TYPES,
  VOICE_TYPES,
  mediaOf,
  storedMedia,
} from './report-draft.js';

const isVoice = (m: MediaRef) => m.kind === 'voice';
/** The type without parameters (`audio/ogg; codecs=opus` → `audio/ogg`). */
const baseType = (mime: string) => mime.split(';')[0]?.trim().toLowerCase() ?? '';

/** The evidence question with what was collected so far and "done". */
export function evidencePrompt(data: FlowData, question: Reply): Reply {
  const notes = strings(data, 'e').length;
  const media = mediaOf(data);
  const voices = media.filter(isVoice).length;
  const photos = media.length - voices;
  const have = notes + media.length > 0 ? [t('report.evidenceHave', { notes, photos })] : [];
  if (voices > 0) have.push(t('report.evidenceVoices', { n: voices }));
  return {
    ...question,
    body: [...question.body, ...have],
    choices: [
      { id: 'done', label: t('report.evidenceDone') },
      ...(notes + media.length > 0 ? [] : [{ id: 'skip', label: t('report.skip') }]),
    ],
  };
}

/** Why a received medium is not kept, or undefined when it is. */
function refusal(m: MediaRef, kept: readonly MediaRef[]): Text | undefined {
  if (isVoice(m)) {
    if (m.mime !== undefined && !VOICE_TYPES.includes(baseType(m.mime))) return t('report.voiceType');
    if (m.size !== undefined && m.size > MAX_VOICE_BYTES)
      return t('report.voiceSize', { mb: MAX_VOICE_BYTES / 1024 / 1024 });
    if (kept.filter(isVoice).length >= MAX_VOICE_NOTES)
      return t('report.voiceLimit', { max: MAX_VOICE_NOTES });
    return undefined;
  }
  if (m.mime !== undefined && !PHOTO_TYPES.includes(m.mime)) return t('report.photoType');
  if (m.size !== undefined && m.size > MAX_PHOTO_BYTES)
    return t('report.photoSize', { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
  if (kept.filter((k) => !isVoice(k)).length >= MAX_PHOTOS)
    return t('report.photoLimit', { max: MAX_PHOTOS });
  return undefined;
}

/**
 * Adds a note, photos or voice notes (as many messages as the user likes, within limits) and stays on
 * the step until "done". A medium of another type or too large is refused with the reason. Voice
 * notes are kept for the officer to listen to; the bot does not transcribe them.
 */
export function addEvidence(data: FlowData, input: Input, after: string): Outcome {
  if (input.type === 'choice') return next(after, data);
  const notes = strings(data, 'e');
  const kept = mediaOf(data);
  const said: Text[] = [];
  let updated = data;
  for (const m of input.media ?? []) {
    const no = refusal(m, kept);
    if (no) said.push(no);
    else kept.push(m);
  }
  updated = { ...updated, m: kept.map(storedMedia) };
  const text = input.text.trim();
  if (text !== '') {
    if (text.length > MAX_NOTE_LENGTH) return invalid(t('report.tooLong', { max: MAX_NOTE_LENGTH }));
    if (notes.length >= MAX_NOTES) said.push(t('report.noteLimit', { max: MAX_NOTES }));
    else updated = { ...updated, e: [...notes, text] };
  }
  if (said.length === 0) said.push(t('report.evidenceSaved'));
  return next('evidence', updated, [{ body: said }]);
}
