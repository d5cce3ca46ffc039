import { z } from 'zod';
import { LOCALES } from '../core/locale.js';
import { FAMILY_LEVELS, RISK_LEVELS, SIGN_GROUPS } from './ids.js';
import { checkDates, factIdSchema, localizedSchema, metaShape } from './schema.js';

export { FAMILY_LEVELS, RISK_LEVELS, SIGN_GROUPS, type FamilyLevel, type RiskLevel, type SignGroup } from './ids.js';


/**
 * A warning sign of non-procedural placement or trafficking (facts §3), with its yes/no question
 * (facts Q-01..Q-46: "yes" means risk) and its weight (3 critical, 2 serious, 1 caution).
 */
export const signSchema = z
  .object({
    ...metaShape,
    group: z.enum(SIGN_GROUPS),
    /** Who is asked: someone with an offer, or the family of someone already abroad. */
    audience: z.enum(['offer', 'family']),
    /** The question id of the fact sheet, e.g. Q-01. */
    question_id: z.string().regex(/^Q-\d{2}$/, 'expected a question id such as Q-01'),
    question: localizedSchema,
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** Always gives high risk on its own (under 18; a fee for a zero-cost job). */
    always_high: z.boolean().default(false),
    /** The sign in plain words, shown as a reason. */
    title: localizedSchema,
    why: localizedSchema,
    instead: localizedSchema,
  })
  .strict()
  .superRefine(checkDates);


/** What a result level means and the concrete next steps for it. */
export const levelSchema = z
  .object({ ...metaShape, id: z.enum([...RISK_LEVELS, ...FAMILY_LEVELS]), title: localizedSchema, text: localizedSchema, steps: localizedSchema })
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
  .object(Object.fromEntries(LOCALES.map((l) => [l, z.array(z.string().trim().min(2)).default([])])))
  .strict();

/** Words and phrases found in pasted offers, per locale; every locale's list is matched. */
export const scanRuleSchema = z
  .object({
    id: metaShape.id,
    /** The sign this phrase shows; without a sign the rule is a marker used only by combos. */
    sign: z.string().optional(),
    /** Weaker evidence than a "yes" answer can carry a lower weight than the sign's. */
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    phrases: phrasesSchema,
  })
  .strict();

/** A sign shown only when all the markers occur in one text (e.g. an online job + Cambodia). */
export const comboSchema = z
  .object({
    id: metaShape.id,
    sign: z.string(),
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    /** Rule ids, country markers (e.g. `scam-hotspot`), or the built-in markers `salary`, `phone`, `company`. */
    all: z.array(z.string()).min(1),
  })
  .strict();

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
