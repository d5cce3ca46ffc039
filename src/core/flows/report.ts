import {
  goto,
  invalid,
  next,
  type Flow,
  type FlowContext,
  type FlowState,
  type Input,
  type Outcome,
} from '../flow.js';
import type { ChoiceWords } from '../choice-words.js';
import { pick } from '../locale.js';
import { literal, t, type Choice, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import { YES_NO } from './check-flow.js';
import { bool, str } from './data.js';
import {
  MAX_FIELD_LENGTH,
  MAX_PHONES,
  NONE_ANSWER,
  STEPS,
  TEXT_FIELDS,
  identifiesRecruiter,
  isExpired,
  isTextStep,
  newDraft,
  stepAfter,
  type PhoneListReader,
  type ReportFlowDeps,
  type Step,
} from './report-draft.js';
import { answerChannel, answerChannelApp, channelAppPrompt, channelPrompt } from './report-channel.js';
import { addEvidence, evidencePrompt } from './report-evidence.js';
import { freshDraft } from './report-prefill.js';
import {
  answerPaid,
  answerPaidProof,
  answerPaidTo,
  answerPaidToName,
  paidFollowUpPrompt,
  paidPrompt,
} from './report-payment.js';
import { reviewPrompt, submitDraft } from './report-submit.js';
import { findVillage, pickedVillage, villageChoices } from './village-step.js';

const SKIP: Choice = { id: 'skip', label: t('report.skip') };
const NONE: Choice = { id: 'none', label: t('report.noneChoice') };

const EDITABLE: readonly Step[] = STEPS;

/** "Laporkan perekrut (4/16)": a step's title; follow-up questions carry the number of their step. */
const stepTitle = (step: Step): Text =>
  t('report.title', { n: STEPS.indexOf(step) + 1, total: STEPS.length });

function question(ctx: FlowContext, step: string, data: FlowData): Reply {
  const n = STEPS.indexOf(step as Step) + 1;
  const title = t('report.title', { n, total: STEPS.length });
  const ask = (choices: readonly Choice[] = [SKIP]): Reply => ({
    title,
    body: [...(n === 1 && str(data, 'r') === undefined ? [t('report.intro')] : []), t(`report.ask.${step}`)],
    choices,
  });
  switch (step) {
    case 'country':
      return ask([
        ...ctx.catalog.destinations.map((d) => ({
          id: `c-${d.id}`,
          label: literal(pick(d.label, ctx.locale)),
        })),
        SKIP,
      ]);
    case 'channel':
      return channelPrompt(ask);
    case 'paid':
      return paidPrompt(ask);
    case 'fees':
    case 'documents':
      return ask([NONE, SKIP]);
    case 'village':
      return ask([]);
    case 'contact':
      return ask([
        { id: 'none', label: t('report.contact.none') },
        { id: 'relay', label: t('report.contact.relay') },
        { id: 'direct', label: t('report.contact.direct') },
      ]);
    case 'updates':
      return ask(YES_NO);
    case 'bypass':
      return ask([
        { id: 'village', label: t('report.bypass.village') },
        { id: 'district', label: t('report.bypass.district') },
      ]);
    default:
      return ask();
  }
}

function villagePick(ctx: FlowContext, data: FlowData): Reply {
  return {
    title: t('report.title', { n: STEPS.indexOf('village') + 1, total: STEPS.length }),
    body: [t('report.villagePick')],
    choices: villageChoices(ctx, data),
  };
}

function answerText(ctx: FlowContext, step: Step, data: FlowData, input: Input): Outcome {
  if (!isTextStep(step)) return invalid(t('engine.pickNumber'));
  const key = TEXT_FIELDS[step];
  let value: string;
  if (input.type === 'choice') {
    if (input.id === 'skip') value = '';
    else if (input.id === 'none') value = NONE_ANSWER;
    else
      value = pick(
        ctx.catalog.destinations.find((d) => `c-${d.id}` === input.id)?.label ?? { id: '' },
        ctx.locale,
      );
  } else {
    if (input.text.length > MAX_FIELD_LENGTH) return invalid(t('report.tooLong', { max: MAX_FIELD_LENGTH }));
    value = input.text;
  }
  const updated = { ...data, [key]: value };
  if (step === 'company' && !identifiesRecruiter(updated))
    return next('name', updated, [{ body: [t('report.needRecruiter')] }]);
  return next(stepAfter(step, updated), updated);
}

function answerPhones(readPhones: PhoneListReader, data: FlowData, input: Input): Outcome {
  if (input.type === 'choice') return next(stepAfter('phones', { ...data, p: [] }), { ...data, p: [] });
  if (input.text.length > MAX_FIELD_LENGTH) return invalid(t('report.tooLong', { max: MAX_FIELD_LENGTH }));
  const phones = readPhones(input.text, MAX_PHONES);
  if (phones.length === 0) return invalid(t('report.phoneUnreadable'));
  const updated = { ...data, p: [...phones] };
  return next(stepAfter('phones', updated), updated);
}

/**
 * The chat words of the consent and routing choices (`locales/<lng>/intents.json` `choices`): "rahasia",
 * "lewat layanan", "langsung"; "desa", "kabupaten" — as a regional user types them, beside the number.
 */
const STEP_WORDS: Partial<Record<Step, Readonly<Record<string, string>>>> = {
  contact: { 'contact-none': 'none', 'contact-relay': 'relay', 'contact-direct': 'direct' },
  bypass: { 'bypass-village': 'village', 'bypass-district': 'district' },
};

function chosenId(words: ChoiceWords, step: Step, input: Input): string | undefined {
  if (input.type === 'choice') return input.id;
  const byWords = STEP_WORDS[step];
  const named = byWords ? words.named(input.text, Object.keys(byWords)) : undefined;
  return named === undefined ? undefined : byWords?.[named];
}

function answerChoice(words: ChoiceWords, step: Step, data: FlowData, input: Input): Outcome {
  const id = chosenId(words, step, input);
  if (id === undefined) return invalid(t(step === 'updates' ? 'engine.pickYesNo' : 'engine.pickNumber'));
  const value: Partial<Record<Step, FlowData>> = {
    contact: { ct: id },
    updates: { u: id === 'yes' },
    bypass: { b: id === 'district' },
  };
  const updated = { ...data, ...value[step] };
  return next(stepAfter(step, updated), updated);
}

const withoutKey = (data: FlowData, key: string): FlowData =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));

const restart = (ctx: FlowContext, say: Text): Outcome => next('name', newDraft(ctx.now), [{ body: [say] }]);

/**
 * Report wizard: the recruiter, the offer, where and when, the village (among all villages of
 * Indonesia), evidence, consent and routing → review → submit. Leaving keeps the draft for a day;
 * "batal" drops it. The draft is sent only on "send" from the review, and kept if sending fails.
 */
export const createReportFlow = (deps: ReportFlowDeps): Flow => ({
  id: 'report',
  start(ctx, arg, saved) {
    // A draft left earlier is offered back first; it is never overwritten by a new advert's details.
    if (!saved) return freshDraft(ctx, deps, arg);
    if (isExpired(saved.data, ctx.now)) return restart(ctx, t('report.expired'));
    return saved.step === 'resume'
      ? next('resume', saved.data)
      : next('resume', { ...saved.data, rs: saved.step });
  },
  // Only a draft with at least one answer of the user's is worth offering back: one still at its first
  // question holds at most what the bot filled in from a message (a pasted advert read as a request to
  // report, say), and offering that back would meet the answers of the next report with "continue?".
  keepsProgress: (state) => {
    const at = state.step === 'resume' ? str(state.data, 'rs') : state.step;
    if (at === 'done' || (at === STEPS[0] && str(state.data, TEXT_FIELDS.name) === undefined)) return false;
    return Object.keys(state.data).some((k) => k !== 't' && k !== 'rs');
  },
  acceptsMedia: (state) => state.step === 'evidence',
  // "paspor ditahan" is the answer to "which documents did they keep?", not a cry for help.
  expectedDistress: (state) => (state.step === 'documents' ? ['documents'] : []),
  prompt(ctx, state: FlowState): Reply {
    const data = state.data;
    switch (state.step) {
      case 'resume':
        return {
          title: t('report.titlePlain'),
          body: [t('report.resumeAsk')],
          choices: [
            { id: 'continue', label: t('check.continue') },
            { id: 'restart', label: t('check.restart') },
          ],
        };
      case 'villagePick':
        return villagePick(ctx, data);
      case 'channelApp':
        return channelAppPrompt(data, stepTitle('channel'));
      case 'paidTo':
      case 'paidToName':
      case 'paidProof':
        return paidFollowUpPrompt(state.step, data, stepTitle('paid'));
      case 'evidence':
        return evidencePrompt(data, question(ctx, 'evidence', data));
      case 'review':
        return reviewPrompt(ctx, data);
      case 'edit':
        return {
          title: t('report.editTitle'),
          body: [t('report.editAsk')],
          choices: EDITABLE.map((s) => ({ id: s, label: t(`report.edit.${s}`) })),
        };
      case 'done':
        return {
          title: t(bool(data, 'l') ? 'report.linkedTitle' : 'report.receivedTitle'),
          body: [
            t(bool(data, 'l') ? 'report.linked' : 'report.received', { code: str(data, 'code') ?? '' }),
            t('report.checkAgain', { code: str(data, 'code') ?? '' }),
          ],
          choices: [{ id: 'status', label: t('report.statusChoice') }],
        };
      default:
        return question(ctx, state.step, data);
    }
  },
  async handle(ctx, state, input) {
    const data = state.data;
    if (state.step === 'done') {
      if (input.type === 'choice') return goto('status', { arg: str(data, 'code') ?? '' });
      return goto('menu', { arg: input.text });
    }
    if (isExpired(data, ctx.now)) return restart(ctx, t('report.expired'));
    switch (state.step) {
      case 'resume': {
        if (input.type !== 'choice') return invalid(t('engine.pickNumber'));
        if (input.id === 'restart') return next('name', newDraft(ctx.now));
        const rs = str(data, 'rs');
        return next(rs !== undefined && rs !== 'resume' ? rs : 'name', withoutKey(data, 'rs'));
      }
      case 'phones':
        return answerPhones(deps.readPhones, data, input);
      case 'channel':
        return answerChannel(deps, data, input);
      case 'channelApp':
        return answerChannelApp(deps, data, input);
      case 'paid':
        return answerPaid(ctx, deps, data, input);
      case 'paidTo':
        return answerPaidTo(deps, data, input);
      case 'paidToName':
        return answerPaidToName(deps, data, input);
      case 'paidProof':
        return answerPaidProof(deps, data, input);
      case 'village':
        return input.type === 'text'
          ? findVillage(ctx, data, input.text, MAX_FIELD_LENGTH)
          : invalid(t('report.villageAsk'));
      case 'villagePick': {
        if (input.type === 'text') return findVillage(ctx, data, input.text, MAX_FIELD_LENGTH);
        if (input.id === 'again') return next('village', data);
        const code = pickedVillage(data, input.id);
        if (code === undefined) return invalid(t('engine.pickNumber'));
        const updated = { ...withoutKey(data, 'q'), v: code };
        return next(stepAfter('village', updated), updated);
      }
      case 'evidence':
        return addEvidence(data, input, stepAfter('evidence', data));
      case 'contact':
      case 'updates':
      case 'bypass':
        return answerChoice(deps.words, state.step, data, input);
      case 'review':
        if (input.type !== 'choice') return invalid(t('engine.pickNumber'));
        if (input.id === 'edit') return next('edit', data);
        return submitDraft(ctx, data);
      case 'edit':
        return input.type === 'choice'
          ? next(input.id, { ...data, r: 'review' })
          : invalid(t('engine.pickNumber'));
      default:
        if ((STEPS as readonly string[]).includes(state.step))
          return answerText(ctx, state.step as Step, data, input);
        return next('name', newDraft(ctx.now));
    }
  },
});
