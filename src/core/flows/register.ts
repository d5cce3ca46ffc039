import { goto, invalid, next, type Flow, type FlowContext, type Input, type Outcome } from '../flow.js';
import { pick } from '../locale.js';
import { literal, t, type Choice, type Reply, type Text } from '../message.js';
import {
  RETURN_NEEDS,
  RETURN_ROUTES,
  monthOf,
  parseMonth,
  type NewEntry,
  type RegisterDesk,
  type Relation,
  type ReturnNeed,
} from '../register.js';
import type { FlowData } from '../session.js';
import { num, str, strings } from './data.js';
import type { PhoneListReader } from './report-draft.js';
import { findVillage, pickedVillage, villageChoices } from './village-step.js';

/** Names are first names or initials only: a longer answer is probably more than that. */
export const MAX_WHO = 30;
const MAX_TEXT = 80;

/** The guide answer each kind of help links to (shown only while the catalog has it). */
export const NEED_CARDS: Readonly<Record<ReturnNeed, readonly string[]>> = {
  reintegration: ['reintegration', 'returnee-empowerment'],
  wages: ['unpaid-wages'],
  health: ['jkk-claim', 'jkk-benefits'],
};

const UNKNOWN: Choice = { id: 'unknown', label: t('register.unknown') };
const THIS_MONTH: Choice = { id: 'now', label: t('register.thisMonth') };

/*
 * Session data: k kind (d departure, r return), t time of the consent (the entry's draft key), rel,
 * w who, v village, q village matches, c country, a agency, dm departed, ce contract end, rm returned,
 * rt route, n needs, ct contact, e own entry id.
 */
const isReturn = (d: FlowData) => str(d, 'k') === 'r';
const title = (d: FlowData): Text => t(isReturn(d) ? 'register.title.return' : 'register.title.departure');
const ask = (d: FlowData, key: string, choices: readonly Choice[] = [], params = {}): Reply => ({
  title: title(d),
  body: [t(`register.ask.${key}`, params)],
  choices,
});

function consentPrompt(ctx: FlowContext, d: FlowData, months: number): Reply {
  return {
    title: title(d),
    body: [
      t('register.consent.what'),
      t('register.consent.who'),
      t('register.consent.keep', { months }),
      t('register.consent.ask'),
    ],
    choices: [
      { id: 'yes', label: t('register.consent.yes') },
      { id: 'no', label: t('register.consent.no') },
    ],
  };
}

const villagePick = (ctx: FlowContext, d: FlowData): Reply => ({
  title: title(d),
  body: [t('report.villagePick')],
  choices: villageChoices(ctx, d),
});

const needsPrompt = (d: FlowData): Reply => {
  const chosen = strings(d, 'n');
  return {
    title: title(d),
    body: [t('register.ask.needs')],
    choices: [
      ...RETURN_NEEDS.map((n) => ({
        id: n,
        label: t(chosen.includes(n) ? 'register.needPicked' : 'register.needOpen', {
          need: t(`register.need.${n}`),
        }),
      })),
      { id: 'done', label: t(chosen.length > 0 ? 'register.needsDone' : 'register.needsNone') },
    ],
  };
};

/** Reads a month answer: a typed month, "this month" or (where allowed) "not known" (''); undefined when unreadable. */
function month(input: Input, now: Date, unknownAllowed: boolean): string | undefined {
  if (input.type === 'choice') {
    if (input.id === 'now') return monthOf(now);
    return input.id === 'unknown' && unknownAllowed ? '' : undefined;
  }
  return parseMonth(input.text);
}

/** The step after who/village for a new entry, by kind. */
const afterPlace = (d: FlowData): string => (isReturn(d) ? 'returned' : 'country');

const relationOf = (d: FlowData): Relation => (str(d, 'rel') === 'self' ? 'self' : 'family');

/** What is stored: only the fields of the kind being told. */
function entryOf(d: FlowData): NewEntry {
  const contact = str(d, 'ct') ?? '';
  const base = {
    who: str(d, 'w') ?? '',
    village: str(d, 'v') ?? '',
    relation: relationOf(d),
    ...(contact ? { contact } : {}),
  };
  if (isReturn(d)) return { ...base, return: returnOf(d) };
  return {
    ...base,
    departure: {
      country: str(d, 'c') ?? '',
      agency: str(d, 'a') ?? '',
      departed: str(d, 'dm') ?? '',
      contractEnd: str(d, 'ce') ?? '',
    },
  };
}

const returnOf = (d: FlowData) => ({
  returned: str(d, 'rm') ?? '',
  route: RETURN_ROUTES.find((r) => r === str(d, 'rt')) ?? 'unknown',
  needs: RETURN_NEEDS.filter((n) => strings(d, 'n').includes(n)),
});

/** Saves the entry (or the return of an own entry) and says what was recorded, with guide links. */
async function save(ctx: FlowContext, desk: RegisterDesk, d: FlowData): Promise<Outcome> {
  const own = str(d, 'e');
  if (own) {
    if ((await desk.recordReturn(ctx.user, own, returnOf(d))) !== 'done')
      return goto('menu', { say: [{ body: [t('register.gone')] }] });
  } else {
    const started = num(d, 't');
    await desk.record(ctx.user, entryOf(d), started === undefined ? undefined : String(started));
  }
  return next('done', { k: str(d, 'k') ?? 'd', w: str(d, 'w') ?? '', n: strings(d, 'n') });
}

/** The first guide answer of each chosen need that the catalog holds. */
function needLinks(ctx: FlowContext, d: FlowData): Choice[] {
  return RETURN_NEEDS.filter((n) => strings(d, 'n').includes(n)).flatMap((n) => {
    const id = NEED_CARDS[n].find((c) => ctx.catalog.answers.card(c) !== undefined);
    return id
      ? [{ id: `card:${id}`, label: t('register.readAbout', { need: t(`register.need.${n}`) }) }]
      : [];
  });
}

function donePrompt(ctx: FlowContext, d: FlowData): Reply {
  const links = needLinks(ctx, d);
  return {
    title: title(d),
    body: [
      t(isReturn(d) ? 'register.done.return' : 'register.done.departure', { who: str(d, 'w') ?? '' }),
      ...(links.length > 0 ? [t('register.done.links')] : []),
      t('register.done.forget'),
    ],
    choices: links,
  };
}

/**
 * "Tell the village": a departure (who, village, destination, agency, months, contact) or a return
 * (when, how, what help is needed) — only after a yes on the consent screen, which says who sees it
 * and how long it is kept. A return can complete an entry the same chat recorded before.
 */
export function createRegisterFlow(desk: RegisterDesk, readPhones: PhoneListReader): Flow {
  return {
    id: 'register',
    async start(ctx, arg) {
      if (arg === 'departure' || arg === 'return')
        return next('consent', { k: arg === 'return' ? 'r' : 'd' });
      return next('kind', { o: (await ctx.officers.whoAmI(ctx.user)) ? 1 : 0 });
    },
    async prompt(ctx, state) {
      const d = state.data;
      switch (state.step) {
        case 'kind':
          return {
            title: t('register.title.start'),
            body: [t('register.ask.kind')],
            choices: [
              { id: 'departure', label: t('register.kind.departure') },
              { id: 'return', label: t('register.kind.return') },
              ...(d.o === 1 ? [{ id: 'list', label: t('register.kind.list') }] : []),
            ],
          };
        case 'consent':
          return consentPrompt(ctx, d, desk.retentionMonths);
        case 'pick': {
          const own = (await desk.mine(ctx.user)).filter((e) => !e.returned);
          return ask(d, 'pick', [
            ...own.map((e, i): Choice => ({
              id: `e${String(i)}`,
              label: literal(e.country ? `${e.who} · ${e.country}` : e.who),
              typed: true,
            })),
            { id: 'other', label: t('register.pickOther') },
          ]);
        }
        case 'relation':
          return ask(d, isReturn(d) ? 'relationReturn' : 'relation', [
            { id: 'self', label: t('register.relation.self') },
            { id: 'family', label: t('register.relation.family') },
          ]);
        case 'villagePick':
          return villagePick(ctx, d);
        case 'country':
          return ask(d, 'country', [
            ...ctx.catalog.destinations.map((c) => ({
              id: `c-${c.id}`,
              label: literal(pick(c.label, ctx.locale)),
            })),
          ]);
        case 'agency':
          return ask(d, 'agency', [UNKNOWN]);
        case 'departed':
        case 'returned':
          return ask(d, state.step, [THIS_MONTH]);
        case 'contractEnd':
          return ask(d, 'contractEnd', [UNKNOWN]);
        case 'route':
          return ask(
            d,
            'route',
            RETURN_ROUTES.map((r) => ({ id: r, label: t(`register.route.${r}`) })),
          );
        case 'needs':
          return needsPrompt(d);
        case 'contact':
          return ask(d, 'contact', [
            { id: 'no', label: t('register.contact.no') },
            { id: 'chat', label: t('register.contact.chat') },
            { id: 'phone', label: t('register.contact.phone') },
          ]);
        case 'done':
          return donePrompt(ctx, d);
        default:
          // who, village, phone: typed answers.
          return ask(d, state.step, [], { max: MAX_WHO });
      }
    },
    async handle(ctx, state, input) {
      const d = state.data;
      const choice = input.type === 'choice' ? input.id : undefined;
      const text = input.type === 'text' ? input.text.trim() : '';
      switch (state.step) {
        case 'kind':
          if (choice === 'list') return goto('register-list');
          if (choice === 'departure' || choice === 'return')
            return next('consent', { k: choice === 'return' ? 'r' : 'd' });
          return input.type === 'text' ? goto('menu', { arg: input.text }) : invalid(t('engine.pickNumber'));
        case 'consent': {
          if (choice === undefined) return invalid(t('engine.pickYesNo'));
          if (choice !== 'yes') return goto('menu', { say: [{ body: [t('register.consent.declined')] }] });
          // The telling's key: a turn that runs again records it once (see RegisterDesk.record).
          const told = { ...d, t: ctx.now.getTime() };
          if (isReturn(d) && (await desk.mine(ctx.user)).some((e) => !e.returned)) return next('pick', told);
          return next('relation', told);
        }
        case 'pick': {
          if (choice === 'other') return next('relation', d);
          const own = (await desk.mine(ctx.user)).filter((e) => !e.returned);
          const picked = choice ? own[Number(choice.slice(1))] : undefined;
          if (!picked) return invalid(t('engine.pickNumber'));
          return next('returned', { ...d, e: picked.id, w: picked.who });
        }
        case 'relation':
          if (choice !== 'self' && choice !== 'family') return invalid(t('engine.pickNumber'));
          return next('who', { ...d, rel: choice });
        case 'who':
          if (!text) return invalid(t('register.ask.who', { max: MAX_WHO }));
          if (text.length > MAX_WHO || text.split(/\s+/).length > 3)
            return invalid(t('register.whoTooLong', { max: MAX_WHO }));
          return next('village', { ...d, w: text });
        case 'village':
          return text ? findVillage(ctx, d, text, MAX_TEXT) : invalid(t('report.villageAsk'));
        case 'villagePick': {
          if (input.type === 'text') return findVillage(ctx, d, text, MAX_TEXT);
          if (choice === 'again') return next('village', d);
          const code = pickedVillage(d, choice);
          if (code === undefined) return invalid(t('engine.pickNumber'));
          const rest = Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'q'));
          return next(afterPlace(d), { ...rest, v: code });
        }
        case 'country': {
          const dest = ctx.catalog.destinations.find((c) => `c-${c.id}` === choice);
          const country = dest ? pick(dest.label, ctx.locale) : text;
          if (!country) return invalid(t('register.ask.country'));
          if (country.length > MAX_TEXT) return invalid(t('report.tooLong', { max: MAX_TEXT }));
          return next('agency', { ...d, c: country });
        }
        case 'agency':
          if (text.length > MAX_TEXT) return invalid(t('report.tooLong', { max: MAX_TEXT }));
          return next('departed', { ...d, a: choice === 'unknown' ? '' : text });
        case 'departed': {
          const m = month(input, ctx.now, false);
          if (m === undefined) return invalid(t('register.badMonth'));
          return next('contractEnd', { ...d, dm: m });
        }
        case 'contractEnd': {
          const m = month(input, ctx.now, true);
          if (m === undefined) return invalid(t('register.badMonth'));
          if (m !== '' && m <= (str(d, 'dm') ?? '')) return invalid(t('register.endBeforeStart'));
          return next('contact', { ...d, ce: m });
        }
        case 'returned': {
          const m = month(input, ctx.now, false);
          if (m === undefined) return invalid(t('register.badMonth'));
          if (m > monthOf(ctx.now)) return invalid(t('register.returnInFuture'));
          return next('route', { ...d, rm: m });
        }
        case 'route':
          if (!RETURN_ROUTES.some((r) => r === choice)) return invalid(t('engine.pickNumber'));
          return next('needs', { ...d, rt: choice ?? 'unknown' });
        case 'needs': {
          if (choice === 'done') return str(d, 'e') ? save(ctx, desk, d) : next('contact', d);
          if (!RETURN_NEEDS.some((n) => n === choice)) return invalid(t('engine.pickNumber'));
          const chosen = strings(d, 'n');
          const toggled = chosen.includes(choice ?? '')
            ? chosen.filter((n) => n !== choice)
            : [...chosen, choice ?? ''];
          return next('needs', { ...d, n: toggled });
        }
        case 'contact':
          if (choice === 'no') return save(ctx, desk, { ...d, ct: '' });
          if (choice === 'chat') return save(ctx, desk, { ...d, ct: ctx.user });
          if (choice === 'phone') return next('phone', d);
          return invalid(t('engine.pickNumber'));
        case 'phone': {
          const phone = text.length <= MAX_TEXT ? readPhones(text, 1)[0] : undefined;
          if (!phone) return invalid(t('report.phoneUnreadable'));
          return save(ctx, desk, { ...d, ct: phone });
        }
        case 'done': {
          const id = choice?.startsWith('card:') ? choice.slice('card:'.length) : undefined;
          if (id) return goto('card', { arg: id });
          return goto('menu', input.type === 'text' ? { arg: input.text } : {});
        }
        default:
          return goto('register');
      }
    },
  };
}
