import { invalid, next, type FlowContext, type Input, type Outcome } from '../flow.js';
import { t, type Choice, type Reply, type Text } from '../message.js';
import { PAYEES, type Payee, type PaymentAnswer } from '../report.js';
import type { FlowData } from '../session.js';
import { str } from './data.js';
import {
  MAX_FIELD_LENGTH,
  PAYMENT_KEYS,
  followUp,
  stepAfter,
  without,
  type AnswerWords,
} from './report-draft.js';

/**
 * "Money already paid": how much (typed freely: "5jt", "Rp 5.000.000", "lima juta"), or nothing yet, or
 * paid but the sum is forgotten; then to whom (the recruiter, an agency or company, an LPK, someone else,
 * with a name when it is not the recruiter) and whether a receipt or proof of transfer was kept.
 */

const SKIP: Choice = { id: 'skip', label: t('report.skip') };
const PAYEE_IDS = PAYEES.map((p) => `to-${p}`);
const payeeOf = (id: string | undefined): Payee | undefined => PAYEES.find((p) => `to-${p}` === id);
/** More than anyone pays a recruiter (Rp 10 billion, or as many units of another currency): a typo or a joke. */
export const MAX_PAID_AMOUNT = 10_000_000_000;
/** Letters a name needs ("Bu Sri", "LPK X"); emoji and dashes are none. */
const MIN_NAME_LETTERS = 2;

/** Money a message says was paid ("sudah bayar 30jt ke sponsor"), with its amount; read when a draft is prefilled. */
export function paymentIn(ctx: FlowContext, { words }: AnswerWords, text: string): PaymentAnswer | undefined {
  if (ctx.understanding.understand(text).intent !== 'paid') return undefined;
  const money = ctx.scanner.money(text);
  if (!money || money.amount > MAX_PAID_AMOUNT) return undefined;
  const to = payeeOf(words.named(text, PAYEE_IDS, Number.POSITIVE_INFINITY));
  const toName = to === 'agency' ? ctx.scanner.companies(text)[0] : undefined;
  return {
    paid: true,
    amount: money.amount,
    currency: money.currency,
    ...(to ? { to } : {}),
    ...(toName ? { toName } : {}),
  };
}

export function paidPrompt(ask: (choices: readonly Choice[]) => Reply): Reply {
  return ask([
    { id: 'none', label: t('report.paid.none'), means: 'no' },
    { id: 'paid-unknown', label: t('report.paid.unknown'), means: 'yes' },
    SKIP,
  ]);
}

export function paidFollowUpPrompt(step: string, data: FlowData, title: Text): Reply {
  switch (step) {
    case 'paidTo':
      return {
        title,
        body: [t('report.ask.paidTo')],
        choices: [...PAYEES.map((p) => ({ id: `to-${p}`, label: t(`report.payee.${p}`) })), SKIP],
      };
    case 'paidToName':
      return { title, body: [t(`report.ask.paidToName.${str(data, 'mt') ?? 'other'}`)], choices: [SKIP] };
    default:
      return {
        title,
        body: [t('report.ask.paidProof')],
        choices: [
          { id: 'kept', label: t('report.proof.kept'), means: 'yes' },
          { id: 'lost', label: t('report.proof.lost'), means: 'no' },
          SKIP,
        ],
      };
  }
}

/** On to what the payment still leaves open, or the next question. */
const onward = (data: FlowData, say?: Text): Outcome =>
  next(followUp('paid', data) ?? stepAfter('paid', data), data, say ? [{ body: [say] }] : undefined);

const tooLong = (text: string): Outcome | undefined =>
  text.length > MAX_FIELD_LENGTH ? invalid(t('report.tooLong', { max: MAX_FIELD_LENGTH })) : undefined;

const lettersIn = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

export function answerPaid(ctx: FlowContext, { words }: AnswerWords, data: FlowData, input: Input): Outcome {
  const rest = without(data, ['mp', 'ma', 'mc']);
  const choose = (id: string | undefined): Outcome | undefined => {
    if (id === 'skip')
      return next(stepAfter('paid', without(data, PAYMENT_KEYS)), without(data, PAYMENT_KEYS));
    if (id === 'none') {
      const updated = { ...without(data, PAYMENT_KEYS), mp: false };
      return next(stepAfter('paid', updated), updated);
    }
    if (id === 'paid-unknown') return onward({ ...rest, mp: true });
    return undefined;
  };
  if (input.type === 'choice') return choose(input.id) ?? invalid(t('engine.pickNumber'));
  const long = tooLong(input.text);
  if (long) return long;
  const money = ctx.scanner.money(input.text, true);
  if (money) {
    if (money.amount > MAX_PAID_AMOUNT) return invalid(t('report.paidTooLarge'));
    // "30jt ke sponsor": whom it went to, said in the same answer.
    const to = 'mt' in data ? undefined : payeeOf(words.named(input.text, PAYEE_IDS));
    const name = to === 'agency' ? ctx.scanner.companies(input.text)[0] : undefined;
    const updated = { ...rest, mp: true, ma: money.amount, mc: money.currency };
    return to ? toPayee(updated, to, name) : onward(updated);
  }
  return (
    choose(words.named(input.text, ['none', 'paid-unknown', 'skip'])) ?? invalid(t('report.paidUnreadable'))
  );
}

/** Paid to `payee`: on to its name when it has none yet (the recruiter's the report already has). */
function toPayee(data: FlowData, payee: Payee | null, name?: string): Outcome {
  const updated = { ...without(data, ['mt', 'mn']), mt: payee, ...(name ? { mn: name } : {}) };
  if (payee !== null && payee !== 'recruiter' && !name) return next('paidToName', updated);
  return onward(updated);
}

export function answerPaidTo({ words, isYesNo }: AnswerWords, data: FlowData, input: Input): Outcome {
  const chosen = (payee: Payee | null, name?: string): Outcome => toPayee(data, payee, name);
  if (input.type === 'choice') {
    if (input.id === 'skip') return chosen(null);
    const payee = payeeOf(input.id);
    return payee ? chosen(payee) : invalid(t('engine.pickNumber'));
  }
  const long = tooLong(input.text);
  if (long) return long;
  const id = words.named(input.text, [...PAYEE_IDS, 'skip']);
  if (id === 'skip') return chosen(null);
  const payee = payeeOf(id);
  if (payee) return chosen(payee, words.only(input.text, id ?? '') ? undefined : words.nameIn(input.text));
  const bare = isYesNo(input.text) || words.only(input.text, 'to-other'); // "ya", or only "ke", "kepada"
  if (lettersIn(input.text) < MIN_NAME_LETTERS || bare) return invalid(t('report.paidToPick'));
  // A name alone: the recruiter's own name is the recruiter; any other is someone else.
  const name = words.nameIn(input.text);
  const recruiter = str(data, 'n');
  const same = recruiter !== undefined && name.toLowerCase() === recruiter.trim().toLowerCase();
  return same ? chosen('recruiter') : chosen('other', name);
}

export function answerPaidToName({ words }: AnswerWords, data: FlowData, input: Input): Outcome {
  if (input.type === 'choice') return onward(without(data, ['mn']));
  const long = tooLong(input.text);
  if (long) return long;
  if (words.named(input.text, ['skip']) !== undefined) return onward(without(data, ['mn']));
  if (lettersIn(input.text) < MIN_NAME_LETTERS) return invalid(t('report.paidNamePick'));
  return onward({ ...data, mn: words.nameIn(input.text) });
}

export function answerPaidProof({ words }: AnswerWords, data: FlowData, input: Input): Outcome {
  const id = input.type === 'choice' ? input.id : words.named(input.text, ['kept', 'lost', 'skip']);
  if (id === undefined || !['kept', 'lost', 'skip'].includes(id)) return invalid(t('report.proofPick'));
  const updated = { ...data, mr: id === 'skip' ? null : id === 'kept' };
  // The photo of the receipt can go with the evidence, a few questions on (not when only this was changed).
  const tip = id === 'kept' && str(data, 'r') !== 'review' ? t('report.proofTip') : undefined;
  return onward(updated, tip);
}
