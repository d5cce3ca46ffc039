/**
 * Offer evaluation (`npm run eval`): runs the real offer scanner and verdict, with the real content, on the
 * labelled adverts of eval/offers/ and reports, per part, how many dangerous adverts are called high risk,
 * how many lawful ones are, and how many dangerous ones are called "looks procedural". The held-out part
 * is printed as numbers only: its texts are never shown, so nobody tunes a rule to them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadCatalog, type ContentParts } from '../src/bootstrap.js';
import { offerVerdict } from '../src/core/flows/offer-verdict.js';

export const OFFERS_DIR = join(import.meta.dirname, 'offers');
export const OFFER_PARTS = ['dev', 'heldout'] as const;
export type OfferPart = (typeof OFFER_PARTS)[number];

const caseSchema = z
  .object({
    text: z.string().min(1),
    lang: z.enum(['id', 'en', 'jv', 'su', 'mix']),
    label: z.enum(['high', 'verify', 'legit']),
    why: z.string().optional(),
  })
  .strict();
export type OfferCase = z.infer<typeof caseSchema>;

/** What the bot calls an advert: a verdict level, or that it reads as a notice or cannot be read. */
export type Called = 'high' | 'verify' | 'procedural' | 'unconfirmed' | 'notice' | 'unreadable';

export interface Classified {
  readonly called: Called;
  /** Sign ids behind the verdict, most serious first. */
  readonly signs: readonly string[];
}

/** The adverts of one part; undefined when its file does not exist. */
export function readOfferPart(part: OfferPart, dir = OFFERS_DIR): OfferCase[] | undefined {
  const file = join(dir, `${part}.yaml`);
  if (!existsSync(file)) return undefined;
  return z.array(caseSchema).parse(parse(readFileSync(file, 'utf8')));
}

/** Classifies a text as the bot does: the scanner, then the verdict over the catalog. */
export function offerClassifier(content: ContentParts, now: Date): (text: string) => Classified {
  return (text) => {
    const scan = content.scanner.scan(text);
    if (!scan.readable) return { called: 'unreadable', signs: [] };
    if (scan.notice) return { called: 'notice', signs: [] };
    const v = offerVerdict(content.catalog, scan, now);
    return { called: v.level, signs: v.signs.map((s) => s.id) };
  };
}

export interface PartScore {
  readonly total: number;
  readonly labels: Readonly<Record<OfferCase['label'], number>>;
  /** Adverts labelled high that were called high. */
  readonly highCaught: number;
  /** Lawful adverts called high. */
  readonly legitHigh: number;
  /** Dangerous (high or verify) adverts called "looks procedural". */
  readonly dangerousProcedural: number;
  readonly called: Readonly<Record<string, number>>;
  /** Adverts whose call does not fit the label: a missed high, a lawful one called high, danger called procedural. */
  readonly wrong: readonly { readonly item: OfferCase; readonly result: Classified }[];
}

export function scorePart(cases: readonly OfferCase[], classify: (text: string) => Classified): PartScore {
  const labels = { high: 0, verify: 0, legit: 0 };
  const called: Record<string, number> = {};
  const wrong: { item: OfferCase; result: Classified }[] = [];
  let highCaught = 0;
  let legitHigh = 0;
  let dangerousProcedural = 0;
  for (const item of cases) {
    const result = classify(item.text);
    labels[item.label]++;
    called[result.called] = (called[result.called] ?? 0) + 1;
    const isHigh = result.called === 'high';
    const procedural = result.called === 'procedural';
    if (item.label === 'high' && isHigh) highCaught++;
    if (item.label === 'legit' && isHigh) legitHigh++;
    if (item.label !== 'legit' && procedural) dangerousProcedural++;
    if (
      (item.label === 'high' && !isHigh) ||
      (item.label === 'legit' && isHigh) ||
      (item.label !== 'legit' && procedural)
    )
      wrong.push({ item, result });
  }
  return { total: cases.length, labels, highCaught, legitHigh, dangerousProcedural, called, wrong };
}

const pct = (n: number, of: number): string => (of === 0 ? 'n/a' : `${((100 * n) / of).toFixed(1)} %`);

/** Recall of high, lawful called high, and dangerous called procedural, as shares (0..1). */
export function rates(s: PartScore): { highRecall: number; legitHigh: number; dangerousProcedural: number } {
  return {
    highRecall: s.labels.high === 0 ? 1 : s.highCaught / s.labels.high,
    legitHigh: s.labels.legit === 0 ? 0 : s.legitHigh / s.labels.legit,
    dangerousProcedural: s.dangerousProcedural,
  };
}

function partText(part: OfferPart, s: PartScore, showTexts: boolean): string[] {
  const lines = [
    `offers/${part}: ${s.total} adverts (high ${s.labels.high}, verify ${s.labels.verify}, legit ${s.labels.legit})`,
    `  recall of high:                ${s.highCaught}/${s.labels.high} = ${pct(s.highCaught, s.labels.high)}`,
    `  legit called high:             ${s.legitHigh}/${s.labels.legit} = ${pct(s.legitHigh, s.labels.legit)}`,
    `  dangerous called procedural:   ${s.dangerousProcedural}/${s.labels.high + s.labels.verify}`,
    `  calls: ${Object.entries(s.called)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  if (showTexts) {
    lines.push(`  misclassified: ${s.wrong.length}`);
    for (const w of s.wrong) {
      const text = w.item.text.replace(/\s+/g, ' ').slice(0, 140);
      lines.push(`  - [${w.item.label} → ${w.result.called}] (${w.item.lang}) ${text}`);
      lines.push(
        `      signs: ${w.result.signs.join(', ') || '—'}${w.item.why ? ` · why: ${w.item.why}` : ''}`,
      );
    }
  }
  return lines;
}

/**
 * Scores of the parts asked for (both by default) with the real content; undefined for a part not asked
 * for or whose file does not exist. A part not asked for is never read.
 */
export function offerScores(
  now = new Date(),
  parts: readonly OfferPart[] = OFFER_PARTS,
): Record<OfferPart, PartScore | undefined> {
  const classify = offerClassifier(loadCatalog(join(import.meta.dirname, '..', 'content'), now), now);
  const score = (part: OfferPart) => {
    const cases = parts.includes(part) ? readOfferPart(part) : undefined;
    return cases ? scorePart(cases, classify) : undefined;
  };
  return { dev: score('dev'), heldout: score('heldout') };
}

/**
 * Printable report: the dev part with its misclassified adverts, the held-out part as numbers. With
 * `parts` = ['dev'] (`npm run eval -- --dev-only`) the held-out file is never opened.
 */
export function offersReport(parts: readonly OfferPart[] = OFFER_PARTS): Promise<string> {
  const scores = offerScores(new Date(), parts);
  const lines = ['Offer checker (issue 15)'];
  for (const part of parts) {
    const s = scores[part];
    lines.push(...(s ? partText(part, s, part === 'dev') : [`offers/${part}: no file yet`]));
  }
  return Promise.resolve(lines.join('\n'));
}
