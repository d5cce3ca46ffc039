import type { FlowContext } from '../flow.js';
import { pick } from '../locale.js';
import { lines, literal, t, type Choice, type Reply, type Text } from '../message.js';
import type { OfferScanResult } from '../ports.js';
import type { FlowData } from '../session.js';
import { str, strings } from './data.js';
import type { OfferVerdict } from './offer-verdict.js';

/** Reasons listed one line each in the short result; the rest are counted ("and N more"). */
const TOP_REASONS = 3;
/** Words quoted after a reason, and their length, so a reason stays one line on a phone. */
const QUOTED_WORDS = 2;
const QUOTE_MAX = 28;
/** The most characters the short result takes on any channel, choices included (issue 15). */
export const SHORT_RESULT_MAX = 900;

/**
 * What the result screens need, kept in the flow data (a few hundred bytes; the pasted text is not kept):
 * lv = level, s = sign ids (most serious first), e = quoted words per sign (parallel to s), p = phones,
 * c = companies, k = country ids, m = salaries, a = the one platform the advert names ("hubungi WA").
 */
export function resultData(scan: OfferScanResult, verdict: OfferVerdict, platform?: string): FlowData {
  return {
    ...(platform ? { a: platform } : {}),
    lv: verdict.level,
    s: verdict.signs.map((s) => s.id),
    e: verdict.signs.map((s) =>
      (verdict.evidence.get(s.id) ?? [])
        .filter((w) => w.length <= QUOTE_MAX)
        .slice(0, QUOTED_WORDS)
        .map((w) => `"${w}"`)
        .join(', '),
    ),
    p: [...scan.phones],
    c: [...scan.companies],
    k: [...scan.countries],
    m: [...scan.salaries],
  };
}

/** The stored level; an unknown one (an old or edited session) finds no level and shows a plain title. */
const levelOf = (data: FlowData): string => str(data, 'lv') ?? 'unconfirmed';

/** The choices under a result: report this recruiter (pre-filled), why and what to check, questions, another text. */
export function resultChoices(withDetails: boolean): Choice[] {
  return [
    { id: 'report', label: t('offer.reportThis') },
    ...(withDetails ? [{ id: 'details', label: t('offer.details') }] : []),
    { id: 'questions', label: t('offer.questions') },
    { id: 'paste', label: t('offer.another') },
  ];
}

/**
 * How much of the short result is shown: the reasons listed (the rest are counted), how many of them
 * keep the advert's words quoted, and whether each reason is cut to its first clause.
 */
interface Shape {
  readonly listed: number;
  readonly quoted: number;
  readonly cut: boolean;
}

/**
 * The shapes tried in turn until the result fits in SHORT_RESULT_MAX: the advert's quoted words go
 * first (from the last reason up), then each reason is cut to its first clause, then fewer reasons
 * are listed. The level, at least one reason, the three actions and the choices always stay.
 */
const SHAPES: readonly Shape[] = [
  { listed: TOP_REASONS, quoted: 3, cut: false },
  { listed: TOP_REASONS, quoted: 2, cut: false },
  { listed: TOP_REASONS, quoted: 1, cut: false },
  { listed: TOP_REASONS, quoted: 0, cut: false },
  { listed: TOP_REASONS, quoted: 0, cut: true },
  { listed: 2, quoted: 0, cut: true },
  { listed: 1, quoted: 0, cut: true },
];

/**
 * A reason cut to its first clause, without the examples in brackets: "Iklan meminta bayaran.
 * Cocokkan dengan …" → "Iklan meminta bayaran"; "… dilewati (Disnaker, tes, …)" → "… dilewati".
 */
export function cutReason(reason: string): string {
  const first = reason.split(/[.;:](?:\s|$)/)[0] ?? reason;
  const plain = first.replace(/\s*\([^()]*\)/g, '').trim();
  return plain === '' ? reason : plain;
}

/** The short result of a scanned advert (≤ SHORT_RESULT_MAX characters): level, top three reasons, three actions. */
export function shortResult(ctx: FlowContext, data: FlowData): Reply {
  let reply = resultReply(ctx, data, SHAPES[0] ?? { listed: TOP_REASONS, quoted: 0, cut: true });
  for (const shape of SHAPES.slice(1)) {
    if (ctx.measure(ctx.locale, reply) <= SHORT_RESULT_MAX) return reply;
    reply = resultReply(ctx, data, shape);
  }
  return reply;
}

/** The short result in one shape. */
function resultReply(ctx: FlowContext, data: FlowData, shape: Shape): Reply {
  const level = ctx.catalog.level(levelOf(data));
  const quotes = strings(data, 'e');
  // Sign ids an edited catalog no longer knows are left out, and not counted.
  const signs = strings(data, 's').flatMap((id, i) => {
    const sign = ctx.catalog.sign(id);
    return sign ? [{ sign, words: quotes[i] ?? '' }] : [];
  });
  const reasons: Text[] = signs.slice(0, shape.listed).map(({ sign, words }, i) => {
    const title = pick(sign.scan_title ?? sign.title, ctx.locale);
    const reason = shape.cut ? cutReason(title) : title;
    return words && i < shape.quoted
      ? t('offer.reasonWords', { reason, words })
      : t('check.reason', { reason });
  });
  if (signs.length > shape.listed)
    reasons.push(t('offer.moreReasons', { count: signs.length - shape.listed }));
  const actions = (level?.actions ?? []).map((a, i) =>
    t('offer.action', { n: i + 1, action: pick(a, ctx.locale) }),
  );
  return {
    title: level ? literal(pick(level.title, ctx.locale)) : t('check.resultTitle'),
    body: [
      ...(level?.short ? [literal(pick(level.short, ctx.locale))] : []),
      ...(reasons.length > 0 ? [t('check.reasonsTitle'), ...reasons] : []),
      ...(actions.length > 0 ? [t('offer.actionsTitle'), ...actions] : []),
    ],
    choices: resultChoices(true),
    // Sent alone, so the emergency numbers shown before it never take it past SHORT_RESULT_MAX.
    separate: true,
  };
}

/** "Why, and what to check": what the text names, why the main signs matter, and what to verify. */
export function detailsReply(ctx: FlowContext, data: FlowData): Reply {
  const found: Text[] = [];
  const add = (key: string, items: readonly string[]) => {
    if (items.length > 0) found.push(t(`offer.found.${key}`, { items: items.join(', ') }));
  };
  add('phones', strings(data, 'p'));
  add('companies', strings(data, 'c'));
  add(
    'countries',
    strings(data, 'k').map((id) => {
      const c = ctx.catalog.country(id);
      return c ? pick(c.name, ctx.locale) : id;
    }),
  );
  add('salaries', strings(data, 'm'));
  // The strongest sign only, so the screen stays phone-sized: the result listed every sign already.
  const why = strings(data, 's')
    .slice(0, 1)
    .flatMap((id) => {
      const sign = ctx.catalog.sign(id);
      return sign ? [literal(pick(sign.why, ctx.locale)), literal(pick(sign.instead, ctx.locale))] : [];
    });
  return {
    title: t('offer.verifyTitle'),
    body: [
      ...(found.length > 0 ? [lines([t('offer.foundTitle'), ...found])] : []),
      ...why,
      // With a sign explained, the first tip only; all are on the "check an offer" screen.
      lines(
        ctx.catalog.verifyTips
          .slice(0, why.length > 0 ? 1 : undefined)
          .map((tip) => t('offer.verifyLine', { tip: pick(tip, ctx.locale) })),
      ),
      t('offer.textOnly'),
    ],
    choices: resultChoices(false),
  };
}

/**
 * What the report wizard is started with: the advert's companies, phone numbers and platform, one a
 * line, which the wizard reads back into its draft (see report.ts). Empty when the advert named none.
 */
export const reportArg = (data: FlowData): string =>
  [...strings(data, 'c'), ...strings(data, 'p'), ...(str(data, 'a') ? [str(data, 'a') ?? ''] : [])].join(
    '\n',
  );
