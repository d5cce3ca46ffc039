import { z } from 'zod';
import { TEXT_LOCALES } from './locales.js';
import { FAMILY_LEVELS, RISK_LEVELS, SIGN_GROUPS } from './ids.js';
import { checkDates, factIdSchema, localizedSchema, metaShape } from './schema.js';

export { FAMILY_LEVELS, RISK_LEVELS, SIGN_GROUPS, type FamilyLevel, type RiskLevel, type SignGroup } from './ids.js';

/**
 * What a pasted advert can be called: a risk level, or `unconfirmed` — no warning sign in its words and no
 * positive evidence (a licensed agency, a job order, an official channel) either.
 */
export const OFFER_RESULTS = [...RISK_LEVELS, 'unconfirmed'] as const;
export type OfferResult = (typeof OFFER_RESULTS)[number];

/** Languages of the phrase lists: every language a content text may have. */
export const SCAN_LANGUAGES = TEXT_LOCALES;

/**
 * A warning sign of non-procedural placement or trafficking (facts §3), with its yes/no question
 * (facts Q-01..Q-46: "yes" means risk) and its weight (3 critical, 2 serious, 1 caution). A sign without a
 * question is read from an advert's words only (the offer scan) and never asked.
 */
export const signSchema = z
  .object({
    ...metaShape,
    group: z.enum(SIGN_GROUPS),
    /** Who is asked: someone with an offer, or the family of someone already abroad. */
    audience: z.enum(['offer', 'family']),
    /** The question id of the fact sheet, e.g. Q-01; absent for a sign only the offer scan shows. */
    question_id: z
      .string()
      .regex(/^Q-\d{2}$/, 'expected a question id such as Q-01')
      .optional(),
    question: localizedSchema.optional(),
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** Always gives high risk on its own (under 18; a fee for a zero-cost job). */
    always_high: z.boolean().default(false),
    /** The sign in plain words, shown as a reason. */
    title: localizedSchema,
    /**
     * The sign as read in an advert, when `title` speaks to the person answering the questions ("You are
     * asked to pay…"): a reason about the advert's words never states something about the user.
     */
    scan_title: localizedSchema.optional(),
    why: localizedSchema,
    instead: localizedSchema,
  })
  .strict()
  .superRefine(checkDates)
  .superRefine((s, ctx) => {
    if ((s.question_id === undefined) !== (s.question === undefined))
      ctx.addIssue({ code: 'custom', path: ['question'], message: 'question and question_id go together' });
  });


/** What a result level means and the concrete next steps for it. */
export const levelSchema = z
  .object({
    ...metaShape,
    id: z.enum([...OFFER_RESULTS, ...FAMILY_LEVELS]),
    title: localizedSchema,
    text: localizedSchema,
    steps: localizedSchema,
    /** Offer levels: the level in one sentence and three actions, for the short result of a pasted advert. */
    short: localizedSchema.optional(),
    actions: z.array(localizedSchema).max(3).optional(),
  })
  .strict()
  .superRefine(checkDates);

export const signsFileSchema = z
  .object({
    groups: z.array(z.object({ id: z.enum(SIGN_GROUPS), title: localizedSchema }).strict()).min(1),
    signs: z.array(signSchema).min(1),
    levels: z.array(levelSchema).min(1),
  })
  .strict();

const phrasesSchema = z
  .object(Object.fromEntries(SCAN_LANGUAGES.map((l) => [l, z.array(z.string().trim().min(2)).default([])])))
  .strict();

/** Markers that turn a sign or combo off ("a fee" is not shown when "a fee for a zero-cost job" is). */
const unlessSchema = z.array(z.string()).default([]);

/**
 * What must come with a phrase for it to count: `amount` — a sum of money that is not pay, within a few
 * words after it ("biaya 25 juta", "DP 1jt"); `minor-age` — an age below 18 after it ("usia 16-25", "min
 * 17 th"); `minor-range` — an age range starting below 18 just before it ("16-25 tahun"); `birth-year` — a
 * birth year, or the youngest of a range, of someone under 18 this year after it ("kelahiran 2008-2010").
 */
export const SCAN_NEAR = ['amount', 'minor-age', 'minor-range', 'birth-year'] as const;

/** Words and phrases found in pasted offers, per language; every language's list is matched. */
export const scanRuleSchema = z
  .object({
    id: metaShape.id,
    /** The sign this phrase shows; without a sign the rule is a marker used only by combos. */
    sign: z.string().optional(),
    /** Weaker evidence than a "yes" answer can carry a lower weight than the sign's. */
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    near: z.enum(SCAN_NEAR).optional(),
    /**
     * Words of which one must stand within `within` words of the phrase, before or after it, and not be
     * negated ("paspor … disimpan", "kapal … malam", "visa … turis"): a family of phrases written once.
     */
    with: z.array(z.string().trim().min(2)).optional(),
    /** Words that, within `within` words of the phrase, make it something else ("housekeeper hotel", "paspor dipegang sendiri"). */
    without: z.array(z.string().trim().min(2)).optional(),
    within: z.number().int().min(1).max(12).default(4),
    /** The phrase counts only when negated: "tanpa paspor", "ora usah paspor", "no need for a work permit". */
    negated_only: z.boolean().default(false),
    unless: unlessSchema,
    /** Positive evidence of a procedural offer (a job order, SISKOP2MI, G to G), not a warning sign. */
    positive: z.boolean().default(false),
    phrases: phrasesSchema,
  })
  .strict();

/** A sign shown only when all the markers occur in one text (e.g. an office job + Cambodia). */
export const comboSchema = z
  .object({
    id: metaShape.id,
    /** The sign shown; absent for a combo that is positive evidence (`positive`). */
    sign: z.string().optional(),
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    /**
     * Rule ids, country markers (e.g. `scam-hotspot`), or the built-in markers `salary`, `phone`, `company`;
     * an item may name alternatives, one of which is enough: `free-travel|free-costs`.
     */
    all: z.array(z.string()).min(1),
    unless: unlessSchema,
    /** Positive evidence of a procedural offer when all the markers occur (a job order with the company named). */
    positive: z.boolean().default(false),
  })
  .strict()
  .refine((c) => (c.sign === undefined) === c.positive, {
    error: 'a combo shows a sign or is positive evidence, not both',
  });

/** Destination names as people write them, to list the countries an offer mentions. */
export const scanCountrySchema = z
  .object({
    id: metaShape.id,
    name: localizedSchema,
    words: z.array(z.string().trim().min(2)).min(1),
    /** Markers this country sets for combos, e.g. `scam-hotspot`, `middle-east`. */
    markers: z.array(z.string()).default([]),
  })
  .strict();

export const scanFileSchema = z
  .object({
    rules: z.array(scanRuleSchema).min(1),
    combos: z.array(comboSchema).default([]),
    countries: z.array(scanCountrySchema).min(1),
    /** What to verify about any offer, whatever it shows. */
    verify: z.array(z.object({ text: localizedSchema, facts: z.array(factIdSchema).min(1) }).strict()).min(1),
  })
  .strict();

export type Sign = z.infer<typeof signSchema>;
export type Level = z.infer<typeof levelSchema>;
export type ScanRule = z.infer<typeof scanRuleSchema>;
export type Combo = z.infer<typeof comboSchema>;
export type ScanCountry = z.infer<typeof scanCountrySchema>;
export type ScanFile = z.infer<typeof scanFileSchema>;
export type SignsFile = z.infer<typeof signsFileSchema>;
