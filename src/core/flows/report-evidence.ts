import { invalid, next, type Input, type Outcome } from '../flow.js';
import { t, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import { strings } from './data.js';
import {
  MAX_NOTE_LENGTH,
  MAX_NOTES,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  PHOTO_TYPES,
  mediaOf,
  storedMedia,
} from './report-draft.js';

/** The evidence question with what was collected so far and "done". */
export function evidencePrompt(data: FlowData, question: Reply): Reply {
  const notes = strings(data, 'e').length;
  const photos = mediaOf(data).length;
  const have = notes + photos > 0 ? [t('report.evidenceHave', { notes, photos })] : [];
  return {
    ...question,
    body: [...question.body, ...have],
    choices: [
      { id: 'done', label: t('report.evidenceDone') },
      ...(notes + photos > 0 ? [] : [{ id: 'skip', label: t('report.skip') }]),
    ],
  };
}

/**
 * Adds a note or photos (as many messages as the user likes, within limits) and stays on the step
 * until "done". Photos of another type or too large are refused with the reason.
 */
export function addEvidence(data: FlowData, input: Input, after: string): Outcome {
  if (input.type === 'choice') return next(after, data);
  const notes = strings(data, 'e');
  const photos = mediaOf(data);
  const said: Text[] = [];
  let updated = data;
  for (const m of input.media ?? []) {
    if (m.mime !== undefined && !PHOTO_TYPES.includes(m.mime)) said.push(t('report.photoType'));
    else if (m.size !== undefined && m.size > MAX_PHOTO_BYTES)
      said.push(t('report.photoSize', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }));
    else if (photos.length >= MAX_PHOTOS) said.push(t('report.photoLimit', { max: MAX_PHOTOS }));
    else photos.push(m);
  }
  updated = { ...updated, m: photos.map(storedMedia) };
  const text = input.text.trim();
  if (text !== '') {
    if (text.length > MAX_NOTE_LENGTH) return invalid(t('report.tooLong', { max: MAX_NOTE_LENGTH }));
    if (notes.length >= MAX_NOTES) said.push(t('report.noteLimit', { max: MAX_NOTES }));
    else updated = { ...updated, e: [...notes, text] };
  }
  if (said.length === 0) said.push(t('report.evidenceSaved'));
  return next('evidence', updated, [{ body: said }]);
}
