import { goto, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { t, type Choice } from '../message.js';

/** Main menu entries, in order. Only areas that work are listed. */
const ENTRIES: readonly { id: string; flow: string; arg?: string }[] = [
  { id: 'guide', flow: 'guide' },
  { id: 'eligibility', flow: 'eligibility' },
  { id: 'offer', flow: 'offer' },
  { id: 'signs', flow: 'signs' },
  { id: 'family', flow: 'family' },
  { id: 'countries', flow: 'guide', arg: 'countries' },
  { id: 'contacts', flow: 'contacts' },
  { id: 'language', flow: 'language' },
  { id: 'help', flow: 'help' },
];

const CHOICES: readonly Choice[] = ENTRIES.map((e) => ({ id: e.id, label: t(`menu.${e.id}`) }));

/** Text this long typed at the menu is most likely a forwarded offer or chat. */
const OFFER_LENGTH = 120;

/** Free text that reads like a job offer: long, or showing a warning sign, or a number plus a salary or country. */
function looksLikeOffer(ctx: FlowContext, text: string): boolean {
  if (text.length >= OFFER_LENGTH) return true;
  const r = ctx.scanner.scan(text);
  return r.findings.length > 0 || (r.phones.length > 0 && (r.salaries.length > 0 || r.countries.length > 0));
}

export function createMenuFlow(matchIntent: (text: string) => string | undefined): Flow {
  const open = (id: string): Outcome | undefined => {
    const entry = ENTRIES.find((e) => e.id === id);
    return entry ? goto(entry.flow, entry.arg === undefined ? {} : { arg: entry.arg }) : undefined;
  };
  const onText = (ctx: FlowContext, text: string): Outcome => {
    const intent = matchIntent(text);
    const opened = intent === undefined ? undefined : open(intent);
    if (opened) return opened;
    return looksLikeOffer(ctx, text) ? goto('offer', { arg: text }) : goto('search', { arg: text });
  };
  return {
    id: 'menu',
    /** `arg` is free text typed on a screen without choices: it is read as if typed at the menu. */
    start: (ctx, arg) => (arg ? onText(ctx, arg) : next('root')),
    prompt: () => ({ title: t('menu.title'), body: [t('menu.intro')], choices: CHOICES }),
    handle: (ctx, _state, input) =>
      input.type === 'choice' ? (open(input.id) ?? next('root')) : onText(ctx, input.text),
  };
}
