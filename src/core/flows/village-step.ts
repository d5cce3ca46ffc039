import { invalid, next, type FlowContext, type Outcome } from '../flow.js';
import { t, type Choice } from '../message.js';
import { placeText } from '../report-summary.js';
import type { FlowData } from '../session.js';
import { strings } from './data.js';

/*
 * The village question as the report wizard and the departure/return register ask it: a typed code or
 * name is looked up, the matches are kept in the flow data under `q` and offered as `v0`, `v1`, … with
 * "type it again"; the picked code is what the flow stores.
 */

/** Matches offered for a typed name. */
const MAX_VILLAGE_MATCHES = 8;
/** "35.07.21.2004" or "3507212004". */
const VILLAGE_CODE = /^\s*(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})\s*$/;

/**
 * Looks the village up by code or by name (a name at most `maxLength` characters); the matches go to
 * the `villagePick` step.
 */
export function findVillage(ctx: FlowContext, data: FlowData, text: string, maxLength: number): Outcome {
  const code = VILLAGE_CODE.exec(text);
  if (code) {
    const place = ctx.villages.byCode(code.slice(1, 5).join('.'));
    if (!place) return invalid(t('report.villageCodeUnknown'));
    return next('villagePick', { ...data, q: [place.code] });
  }
  if (text.length > maxLength) return invalid(t('report.tooLong', { max: maxLength }));
  const found = ctx.villages.find(text, MAX_VILLAGE_MATCHES);
  if (found.length === 0) return invalid(t('report.villageNotFound'));
  return next('villagePick', { ...data, q: found.map((p) => p.code) });
}

/** The `villagePick` step's choices: the matches kept under `q`, then "type it again". */
export function villageChoices(ctx: FlowContext, data: FlowData): Choice[] {
  const places = strings(data, 'q').flatMap((code) => ctx.villages.byCode(code) ?? []);
  return [
    ...places.map((p, i) => ({ id: `v${String(i)}`, label: placeText(p) })),
    { id: 'again', label: t('report.villageAgain') },
  ];
}

/** The village code a `villagePick` choice id (`v2`) stands for, if it is one of the matches. */
export const pickedVillage = (data: FlowData, choiceId: string | undefined): string | undefined =>
  strings(data, 'q')[Number(choiceId?.slice(1))];
