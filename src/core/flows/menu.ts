import { goto, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { countWords } from '../input.js';
import { t, type Choice } from '../message.js';
import type { Understood } from '../understanding/understand.js';
import type { Intent } from '../understanding/lexicon.js';
import { situationOf } from './sos.js';
import { answerCard } from './answer-card.js';

/** Main menu entries, in order. Only areas that work are listed. */
const ENTRIES: readonly { id: string; flow: string; arg?: string }[] = [
  { id: 'guide', flow: 'guide' },
  { id: 'eligibility', flow: 'eligibility' },
  { id: 'jobs', flow: 'jobs' },
  { id: 'agency', flow: 'agency' },
  { id: 'offer', flow: 'offer' },
  { id: 'signs', flow: 'signs' },
  { id: 'family', flow: 'family' },
  { id: 'report', flow: 'report' },
  { id: 'status', flow: 'status' },
  { id: 'contacts', flow: 'contacts' },
  { id: 'language', flow: 'language' },
  { id: 'help', flow: 'help' },
  { id: 'register', flow: 'register' },
];

const CHOICES: readonly Choice[] = ENTRIES.map((e) => ({ id: e.id, label: t(`menu.${e.id}`) }));

/** Menu words of the old keyword lists that the understanding pipeline has no intent for. */
const EXTRA_INTENTS: Readonly<Partial<Record<string, { flow: string; arg?: string; say?: string }>>> = {
  guide: { flow: 'guide' },
  eligibility: { flow: 'eligibility' },
  countries: { flow: 'guide', arg: 'countries' },
  contacts: { flow: 'contacts' },
  forget: { flow: 'forget' },
  subscriptions: { flow: 'subscriptions' },
};

/** A message of at most this many words that is a menu word opens that screen. */
const MENU_WORDS = 2;
/** A command ("hapus data saya") of at most this many words. */
const COMMAND_WORDS = 5;

/** The screen of a menu entry or menu word id ("report", "countries"). */
function menuEntry(id: string): Outcome | undefined {
  const link = ENTRIES.find((e) => e.id === id) ?? EXTRA_INTENTS[id];
  return link ? goto(link.flow, link.arg === undefined ? {} : { arg: link.arg }) : undefined;
}

/** Digits that may be a phone number: a short text that has one is scanned as an offer. */
const PHONE_LIKE = /\d[\d\s().-]{6,}\d/;

/** An answer card this close comes before the flow a question also asks for (report, paid, offer, agency). */
const ANSWER_WITH_FLOW = 0.75;

/**
 * The answer card shown before the flow a question opens ("cara lapor calo gimana?" → how to complain,
 * then the report form; "bayar 20 juta wajar ga?" → costs, then the offer check). None for a pasted
 * text: it is scanned, not answered.
 */
export function cardBeforeFlow(text: string, u: Understood): string | undefined {
  if (!u.asked || !u.answer || u.answer.score < ANSWER_WITH_FLOW) return undefined;
  if (u.intent === 'report' || u.intent === 'paid' || u.intent === 'agency') return u.answer.id;
  const scanned = u.by === 'advert' || text.length >= OFFER_TEXT || PHONE_LIKE.test(text);
  return u.intent === 'offer' && !scanned ? u.answer.id : undefined;
}

/**
 * The answer card shown after the emergency numbers: the card of what the message asks or was read
 * as ("ditangkap polisi di malaysia"), else the card for the one kind of distress it tells of
 * ("gaji adik 5 bulan tidak dibayar majikan" → unpaid wages). The safety net's reading is unchanged.
 */
function sosCard(ctx: FlowContext, u: Understood): string | undefined {
  if (u.answer) return u.answer.id;
  const cards = new Set(
    (u.distress?.kinds ?? []).filter((k) => k !== 'cry').map((k) => ctx.catalog.ids.distressCards[k]),
  );
  const [only] = cards;
  return cards.size === 1 && only !== undefined ? only : undefined;
}

/** A short "check this offer" question has nothing to scan: the offer screen asks for the text. */
const OFFER_TEXT = 80;

/** Where an understood message leads, with what it named applied (DESIGN §11.3). */
function route(ctx: FlowContext, text: string, u: Understood, keyword: string | undefined): Outcome {
  const intent: Intent | undefined = u.intent;
  const cardId = cardBeforeFlow(text, u);
  const card = cardId ? answerCard(ctx, cardId) : undefined;
  const say = card ? { say: [card] } : {};
  switch (intent) {
    case 'report':
      // "mau lapor calo Budi 0812 3456 7890 dari PT Maju, lewat WA": the wizard starts with what it names.
      return goto('report', { ...say, arg: text });
    case 'paid':
      // "sy sdh bayar 30jt ke sponsor": the report it offers starts with the money paid.
      return goto('paid', { ...say, arg: text });
    case 'offer':
      return u.by === 'advert' || text.length >= OFFER_TEXT || PHONE_LIKE.test(text)
        ? goto('offer', { arg: text })
        : goto('offer', say);
    case 'agency':
      return goto('agency', { ...say, arg: text });
    case 'jobs': {
      const { country, sector } = u.entities;
      const filter = [country ? `c=${country}` : '', sector ? `s=${sector}` : ''].filter(Boolean).join('&');
      return goto('jobs', filter ? { arg: filter } : {});
    }
    case 'question':
      if (u.answer) return goto('card', { arg: u.answer.id });
      break;
    case 'family':
      return goto('family', u.entities.country ? { arg: u.entities.country } : {});
    case 'status':
      return goto('status', { arg: text });
    case 'help':
      return goto('help');
    case 'language':
      return goto('language');
    case 'greeting':
      return next('root', {}, [{ body: [t(keyword === 'thanks' ? 'menu.thanks' : 'menu.greeting')] }]);
    case undefined:
      break;
  }
  const extra = keyword === undefined ? undefined : EXTRA_INTENTS[keyword];
  if (extra) return goto(extra.flow, extra.arg === undefined ? {} : { arg: extra.arg });
  return goto('search', { arg: text });
}

/**
 * The main menu. Free text typed here goes through the understanding pipeline (DESIGN §11): the
 * safety net first, then the intent with what the message names, an answer card, an offer scan, and
 * the guide search last. `keyword` is the old keyword matcher, kept for menu words with no intent.
 */
export function createMenuFlow(keyword: (text: string) => string | undefined): Flow {
  const open = (id: string): Outcome => {
    const entry = ENTRIES.find((e) => e.id === id);
    return entry ? goto(entry.flow, entry.arg === undefined ? {} : { arg: entry.arg }) : next('root');
  };
  const onText = (ctx: FlowContext, text: string): Outcome => {
    const u = ctx.understanding.understand(text);
    if (u.distress && !ctx.safetyNetShown) {
      const cardId = sosCard(ctx, u);
      return goto('sos', { arg: `${situationOf(u.distress)}${cardId ? `;${cardId}` : ''}` });
    }
    // A menu word alone ("negara", "kontak", "loker") opens its screen.
    const word = keyword(text);
    const words = countWords(text);
    // "hapus data saya" / "delete my data" is a command, whatever else the words suggest.
    if (word === 'forget' && words <= COMMAND_WORDS) return goto('forget');
    const entry = word !== undefined && words <= MENU_WORDS ? menuEntry(word) : undefined;
    if (entry) return entry;
    if ((word === 'greeting' || word === 'thanks') && words <= MENU_WORDS && u.intent === undefined)
      return route(ctx, text, { ...u, intent: 'greeting' }, word);
    return route(ctx, text, u, word);
  };
  return {
    id: 'menu',
    /**
     * `arg` is free text typed on a screen without choices, read as if typed at the menu; a deep link's
     * payload (Telegram "/start countries") that names a menu entry opens it directly.
     */
    start: (ctx, arg) => {
      if (!arg) return next('root');
      return menuEntry(arg) ?? onText(ctx, arg);
    },
    prompt: () => ({ title: t('menu.title'), body: [t('menu.intro')], choices: CHOICES }),
    handle: (ctx, _state, input) => (input.type === 'choice' ? open(input.id) : onText(ctx, input.text)),
  };
}
