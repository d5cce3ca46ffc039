import type { ContentProblem } from './loader.js';
import { NOTICE_RULE } from './ids.js';
import { duplicates } from './duplicates.js';
import { FAMILY_LEVELS, OFFER_RESULTS, SIGN_GROUPS, type ScanFile, type SignsFile } from './warnings-schema.js';

/** Markers the offer scanner sets by itself, from what it extracts. */
export const BUILT_IN_MARKERS = ['salary', 'phone', 'company'] as const;

const SIGNS = 'warnings/signs.yaml';
const SCAN = 'warnings/scan.yaml';

/** Checks inside and between the warning-sign files: every referenced sign, group and marker exists. */
export function checkWarnings(signs: SignsFile, scan: ScanFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (file: string, path: string, message: string) => problems.push({ file, path, message });
  for (const id of duplicates(signs.signs.map((s) => s.id))) add(SIGNS, 'signs', `sign id "${id}" is used twice`);
  for (const id of duplicates(signs.signs.flatMap((s) => s.question_id ?? []))) add(SIGNS, 'signs', `question ${id} is used twice`);
  const groups = new Set(signs.groups.map((g) => g.id));
  for (const g of SIGN_GROUPS) if (!groups.has(g)) add(SIGNS, 'groups', `group "${g}" has no title`);
  const levels = new Set(signs.levels.map((l) => l.id));
  for (const l of [...OFFER_RESULTS, ...FAMILY_LEVELS]) if (!levels.has(l)) add(SIGNS, 'levels', `level "${l}" is missing`);
  for (const audience of ['offer', 'family'] as const) {
    if (!signs.signs.some((s) => s.audience === audience && s.question !== undefined)) add(SIGNS, 'signs', `no question for the ${audience} check`);
  }

  const signIds = new Set(signs.signs.map((s) => s.id));
  const ruleIds = scan.rules.map((r) => r.id);
  const comboIds = scan.combos.map((c) => c.id);
  for (const id of duplicates([...ruleIds, ...comboIds])) add(SCAN, 'rules', `rule or combo id "${id}" is used twice`);
  for (const id of duplicates(scan.countries.map((c) => c.id))) add(SCAN, 'countries', `country id "${id}" is used twice`);
  if (!ruleIds.includes(NOTICE_RULE)) add(SCAN, 'rules', `rule "${NOTICE_RULE}" is missing`);
  scan.rules.forEach((r, i) => {
    if (r.sign !== undefined && !signIds.has(r.sign)) add(SCAN, `rules.${i}.sign`, `sign "${r.sign}" does not exist`);
    if (Object.values(r.phrases).every((list) => list.length === 0)) add(SCAN, `rules.${i}.phrases`, 'no phrases');
  });
  const markers = new Set<string>([
    ...BUILT_IN_MARKERS,
    ...scan.rules.map((r) => r.id),
    ...scan.countries.flatMap((c) => [c.id, ...c.markers]),
    // A combo that fires is a marker for the combos and rules after it.
    ...scan.combos.map((c) => c.id),
  ]);
  const checkMarkers = (path: string, list: readonly string[]) =>
    list.forEach((m, k) => {
      if (!markers.has(m)) add(SCAN, `${path}.${k}`, `marker "${m}" is not a rule, country or built-in marker`);
    });
  scan.combos.forEach((c, i) => {
    if (c.sign !== undefined && !signIds.has(c.sign)) add(SCAN, `combos.${i}.sign`, `sign "${c.sign}" does not exist`);
    checkMarkers(`combos.${i}.all`, c.all.flatMap((m) => m.split('|')));
    checkMarkers(`combos.${i}.unless`, c.unless);
  });
  scan.rules.forEach((r, i) => {
    checkMarkers(`rules.${i}.unless`, r.unless);
    if (r.positive && r.sign !== undefined) add(SCAN, `rules.${i}.sign`, 'positive evidence shows no warning sign');
  });
  for (const l of signs.levels.filter((l) => (OFFER_RESULTS as readonly string[]).includes(l.id))) {
    if (!l.short || l.actions?.length !== 3) add(SIGNS, `levels.${l.id}`, 'an offer level needs `short` and three `actions`');
  }
  return problems;
}
