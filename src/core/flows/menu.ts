import { goto, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { t, type Choice } from '../message.js';

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
];

const CHOICES: readonly Choice[] = ENTRIES.map((e) => ({ id: e.id, label: t(`menu.${e.id}`) }));

/** Intents that open a flow other than a menu entry. */
const EXTRA_INTENTS: Readonly<Partial<Record<string, { flow: string; arg?: string; say?: string }>>> = {
  countries: { flow: 'guide', arg: 'countries' },
  greeting: { flow: 'menu', say: 'menu.greeting' },
  thanks: { flow: 'menu', say: 'menu.thanks' },
  forget: { flow: 'forget' },
};

/** "cek PT Maju Jaya", "PT Maju Jaya resmi?", or a bare phone number: an agency check (short texts only). */
const AGENCY_QUESTION_WORDS = 8;
const AGENCY_QUESTION = /^\s*(?:(?:cek|check|apakah)\s+)?(?:pt|cv)\b\.?\s+\S|^\s*\+?[\d\s().-]{8,20}\s*$/i;

/** "cek R-7KQ4MX", "status r7kq4mx" or a bare "R-7KQ4MX": a report's status. */
const STATUS_QUESTION = /^\s*(?:(?:cek|check|status|lacak)\s*:?\s*)?r\s*[-–.]?\s*[a-z0-9]{6}\s*$/i;

/** A report request is a short message ("lapor", "mau laporkan calo"); longer text may be an offer. */
const REPORT_REQUEST_WORDS = 5;

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
    const entry: { flow: string; arg?: string; say?: string } | undefined =
      ENTRIES.find((e) => e.id === id) ?? EXTRA_INTENTS[id];
    if (!entry) return undefined;
    if (entry.flow === 'menu') return next('root', {}, entry.say ? [{ body: [t(entry.say)] }] : []);
    return goto(entry.flow, entry.arg === undefined ? {} : { arg: entry.arg });
  };
  const onText = (ctx: FlowContext, text: string): Outcome => {
    if (STATUS_QUESTION.test(text)) return goto('status', { arg: text });
    // "laporkan calo" names a warning word, but it asks to report, not to check an offer.
    if (text.split(/\s+/).length <= REPORT_REQUEST_WORDS && matchIntent(text) === 'report')
      return goto('report');
    // A forwarded offer is checked even when it says "lowongan", names a company or a country.
    if (looksLikeOffer(ctx, text)) return goto('offer', { arg: text });
    if (AGENCY_QUESTION.test(text) && text.split(/\s+/).length <= AGENCY_QUESTION_WORDS)
      return goto('agency', { arg: text });
    const intent = matchIntent(text);
    const opened = intent === undefined ? undefined : open(intent);
    return opened ?? goto('search', { arg: text });
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
