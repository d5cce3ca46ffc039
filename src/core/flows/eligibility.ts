import type { Catalog } from '../catalog.js';
import { goto, invalid, next, type Flow, type FlowContext, type FlowState, type Outcome } from '../flow.js';
import { pick } from '../locale.js';
import { literal, t, type Choice, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import { bool, num, str, strings } from './data.js';
import { asksForOffer, assessEligibility, type EligibilityAnswers } from './eligibility-assess.js';

const YES_NO: readonly Choice[] = [
  { id: 'yes', label: t('common.yes') },
  { id: 'no', label: t('common.no') },
];
const MIN_PLAUSIBLE_AGE = 10;
const MAX_PLAUSIBLE_AGE = 80;

/** Stored answers: a = age, d = destination, j = job, o = written offer, h = documents held, i = document asked. */
function answers(data: FlowData): EligibilityAnswers {
  const offer = bool(data, 'o');
  return {
    age: num(data, 'a') ?? 0,
    ...(str(data, 'd') === undefined ? {} : { destination: str(data, 'd') }),
    ...(str(data, 'j') === undefined ? {} : { job: str(data, 'j') }),
    ...(offer === undefined ? {} : { offer }),
    documentsHeld: strings(data, 'h'),
  };
}

/** Reads an age from "25", "25 tahun", "umur saya 25": exactly one number in the message. */
export function parseAge(text: string): number | undefined {
  const numbers = text.match(/\d+/g);
  const only = numbers?.length === 1 ? numbers[0] : undefined;
  return only !== undefined && only.length <= 3 ? Number(only) : undefined;
}

/**
 * Shows the result and keeps only what its choices need (scheme, destination, next step): the age and
 * the documents answered are not stored past the result.
 */
function toResult(ctx: FlowContext, data: FlowData): Outcome {
  const result = assessEligibility(ctx.catalog, answers(data));
  const destination = str(data, 'd');
  const kept = {
    ...(result.schemeTopic ? { r: result.schemeTopic } : {}),
    ...(destination ? { d: destination } : {}),
    ...(result.next ? { x: result.next } : {}),
  };
  return next('result', kept, resultReplies(ctx, data));
}

function afterJob(catalog: Catalog, data: FlowData): Outcome {
  return asksForOffer(catalog, answers(data)) ? next('offer', data) : next('doc', { ...data, i: 0 });
}

function resultReplies(ctx: FlowContext, data: FlowData): Reply[] {
  const result = assessEligibility(ctx.catalog, answers(data));
  const verdictText = (id: string): Text[] => {
    const v = ctx.catalog.verdict(id);
    return v ? [literal(pick(v.text, ctx.locale))] : [];
  };
  const replies: Reply[] = [{ title: t('elig.resultTitle'), body: result.verdicts.flatMap(verdictText) }];
  if (result.missing.length > 0) {
    replies.push({
      title: t('elig.missingTitle'),
      body: result.missing.map((d) =>
        t('elig.missingLine', { name: pick(d.name, ctx.locale), how: pick(d.how_to_get, ctx.locale) }),
      ),
    });
  } else if (result.verdicts[0] !== 'under-18') {
    replies.push({ body: [t('elig.allDocuments')] });
  }
  return replies;
}

/**
 * Eligibility check: age, destination, kind of job, (a direct offer), documents held →
 * a personal checklist, the scheme that fits and the next concrete step.
 */
export const eligibilityFlow: Flow = {
  id: 'eligibility',
  start: () => next('age'),
  prompt(ctx, state: FlowState) {
    const c = ctx.catalog;
    switch (state.step) {
      case 'dest':
        return {
          title: t('elig.title'),
          body: [t('elig.askDestination')],
          choices: c.destinations.map((d) => ({ id: d.id, label: literal(pick(d.label, ctx.locale)) })),
        };
      case 'job':
        return {
          title: t('elig.title'),
          body: [t('elig.askJob')],
          choices: c.jobs.map((j) => ({ id: j.id, label: literal(pick(j.label, ctx.locale)) })),
        };
      case 'offer':
        return { title: t('elig.title'), body: [t('elig.askOffer')], choices: YES_NO };
      case 'doc': {
        const i = num(state.data, 'i') ?? 0;
        const doc = c.documents[i];
        return {
          title: t('elig.docTitle', { n: i + 1, total: c.documents.length }),
          body: [t('elig.askDocument', { name: doc ? pick(doc.name, ctx.locale) : '' })],
          choices: YES_NO,
        };
      }
      case 'result': {
        const topic = c.topic(str(state.data, 'r') ?? '');
        const dest = c.destinations.find((d) => d.id === str(state.data, 'd'));
        const nextText = c.verdict(str(state.data, 'x') ?? '');
        const choices: Choice[] = [];
        if (topic)
          choices.push({
            id: 'scheme',
            label: t('elig.readScheme', { title: pick(topic.title, ctx.locale) }),
          });
        if (dest?.topic)
          choices.push({
            id: 'country',
            label: t('elig.readCountry', { country: pick(dest.label, ctx.locale) }),
          });
        choices.push({ id: 'again', label: t('elig.again') });
        return {
          title: t('elig.nextTitle'),
          body: [...(nextText ? [literal(pick(nextText.text, ctx.locale))] : []), t('guide.checkOfficer')],
          choices,
        };
      }
      default:
        return { title: t('elig.title'), body: [t('elig.intro'), t('elig.askAge')] };
    }
  },
  handle(ctx, state, input) {
    const data = state.data;
    switch (state.step) {
      case 'age': {
        const age = input.type === 'text' ? parseAge(input.text) : undefined;
        if (age === undefined) return invalid(t('elig.ageNotNumber'));
        if (age < MIN_PLAUSIBLE_AGE || age > MAX_PLAUSIBLE_AGE) return invalid(t('elig.ageRange'));
        const withAge = { a: age };
        return age < 18 ? toResult(ctx, withAge) : next('dest', withAge);
      }
      case 'dest':
        return input.type === 'choice'
          ? next('job', { ...data, d: input.id })
          : invalid(t('engine.pickNumber'));
      case 'job':
        return input.type === 'choice'
          ? afterJob(ctx.catalog, { ...data, j: input.id })
          : invalid(t('engine.pickNumber'));
      case 'offer':
        if (input.type !== 'choice') return invalid(t('engine.pickYesNo'));
        return next('doc', { ...data, o: input.id === 'yes', i: 0 });
      case 'doc': {
        if (input.type !== 'choice') return invalid(t('engine.pickYesNo'));
        const i = num(data, 'i') ?? 0;
        const doc = ctx.catalog.documents[i];
        const held = doc && input.id === 'yes' ? [...strings(data, 'h'), doc.id] : strings(data, 'h');
        const updated = { ...data, h: held, i: i + 1 };
        return i + 1 < ctx.catalog.documents.length ? next('doc', updated) : toResult(ctx, updated);
      }
      case 'result':
        if (input.type !== 'choice') return goto('menu', { arg: input.text });
        if (input.id === 'again') return next('age');
        if (input.id === 'scheme') {
          const topic = str(data, 'r');
          return goto('guide', topic ? { arg: `topic:${topic}` } : {});
        }
        return goto('guide', {
          arg: `topic:${ctx.catalog.destinations.find((d) => d.id === str(data, 'd'))?.topic ?? ''}`,
        });
      default:
        return next('age');
    }
  },
};
