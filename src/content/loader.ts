import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  contactsFileSchema,
  eligibilityFileSchema,
  topicsFileSchema,
  type Contact,
  type Topic,
} from './schema.js';
import { crossCheck } from './cross-check.js';
import { loadJobs, type JobsData } from './jobs-data.js';
import { answersFileSchema, lexiconFileSchema, type Answer, type LexiconFile } from './understanding-schema.js';
import { scanFileSchema, signsFileSchema, type ScanFile, type SignsFile } from './warnings-schema.js';
import { glossaryFileSchema, type GlossaryFile } from './glossary-schema.js';
import { factsIndexFileSchema, type FactsIndexFile } from './facts-sheet.js';

export interface ContentProblem {
  readonly file: string;
  /** Dotted path inside the file, e.g. `topics.2.title.en`. */
  readonly path: string;
  readonly message: string;
}

export interface Content {
  readonly topics: readonly Topic[];
  readonly contacts: readonly Contact[];
  readonly eligibility: z.infer<typeof eligibilityFileSchema>;
  readonly warnings: SignsFile;
  readonly scan: ScanFile;
  readonly jobs: JobsData;
  /** Word lists of the understanding pipeline, one per language. */
  readonly lexicons: readonly LexiconFile[];
  /** Direct answer cards. */
  readonly answers: readonly Answer[];
  /** Acronyms and official names explained in plain words. */
  readonly glossary: GlossaryFile;
  /** The fact sheet's ids and tags (checked-in copy of ../shared/domain/facts.md). */
  readonly factsIndex: FactsIndexFile;
}

export type LoadResult =
  | { readonly ok: true; readonly content: Content; readonly warnings: readonly ContentProblem[] }
  | { readonly ok: false; readonly errors: readonly ContentProblem[]; readonly warnings: readonly ContentProblem[] };

/** The files the bot reads, relative to the content folder. */
export const CONTENT_FILES = {
  guideDir: 'guide',
  contacts: 'contacts.yaml',
  eligibility: 'eligibility.yaml',
  signs: 'warnings/signs.yaml',
  scan: 'warnings/scan.yaml',
  understandingDir: 'understanding',
  answersDir: 'answers',
  glossary: 'glossary.yaml',
  factsIndex: 'facts-index.yaml',
} as const;

/** The YAML files of a content folder, sorted; a missing or empty folder is a content error. */
function yamlFiles(root: string, dir: string, errors: ContentProblem[]): string[] {
  const path = join(root, dir);
  const files = existsSync(path)
    ? readdirSync(path)
        .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
        .sort()
    : [];
  if (files.length === 0) errors.push({ file: dir, path: '', message: 'no YAML files' });
  return files.map((f) => join(path, f));
}

function parseFile<S extends z.ZodType>(
  root: string,
  file: string,
  schema: S,
  errors: ContentProblem[],
): z.infer<S> | undefined {
  const rel = relative(root, file) || file;
  if (!existsSync(file)) {
    errors.push({ file: rel, path: '', message: 'file is missing' });
    return undefined;
  }
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) errors.push({ file: rel, path: '', message: `YAML: ${e.message.split('\n')[0] ?? ''}` });
    return undefined;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ file: rel, path: issue.path.join('.'), message: issue.message });
    }
    return undefined;
  }
  return parsed.data;
}

/** Items whose `review_after` date has passed: shown with a "check with your officer" line. */
function staleWarnings(
  file: string,
  list: string,
  items: readonly { id: string; review_after: string }[],
  today: string,
): ContentProblem[] {
  return items.flatMap((item, i) =>
    item.review_after < today
      ? [
          {
            file,
            path: `${list}.${i}.review_after`,
            message: `item "${item.id}" is past its review date ${item.review_after}`,
          },
        ]
      : [],
  );
}

/**
 * Loads and validates every content file under `root`. Never throws for bad content:
 * every problem is returned as file + path + reason, so `content check` can list them all.
 */
export function loadContent(root: string, now: Date = new Date()): LoadResult {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const today = now.toISOString().slice(0, 10);
  const guideDir = join(root, CONTENT_FILES.guideDir);
  const guideFiles = existsSync(guideDir)
    ? readdirSync(guideDir)
        .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
        .sort()
    : [];
  if (guideFiles.length === 0) errors.push({ file: CONTENT_FILES.guideDir, path: '', message: 'no guide files' });

  const topics: Topic[] = [];
  for (const f of guideFiles) {
    const data = parseFile(root, join(guideDir, f), topicsFileSchema, errors);
    if (!data) continue;
    topics.push(...data.topics);
    warnings.push(...staleWarnings(`${CONTENT_FILES.guideDir}/${f}`, 'topics', data.topics, today));
  }
  const contacts = parseFile(root, join(root, CONTENT_FILES.contacts), contactsFileSchema, errors);
  if (contacts) warnings.push(...staleWarnings(CONTENT_FILES.contacts, 'contacts', contacts.contacts, today));
  const eligibility = parseFile(root, join(root, CONTENT_FILES.eligibility), eligibilityFileSchema, errors);
  if (eligibility) {
    for (const list of ['documents', 'verdicts'] as const) {
      warnings.push(...staleWarnings(CONTENT_FILES.eligibility, list, eligibility[list], today));
    }
  }
  const signs = parseFile(root, join(root, CONTENT_FILES.signs), signsFileSchema, errors);
  if (signs) {
    for (const list of ['signs', 'levels'] as const) {
      warnings.push(...staleWarnings(CONTENT_FILES.signs, list, signs[list], today));
    }
  }
  const lexicons = yamlFiles(root, CONTENT_FILES.understandingDir, errors).flatMap(
    (f) => parseFile(root, f, lexiconFileSchema, errors) ?? [],
  );
  const answers: Answer[] = [];
  for (const f of yamlFiles(root, CONTENT_FILES.answersDir, errors)) {
    const data = parseFile(root, f, answersFileSchema, errors);
    if (!data) continue;
    answers.push(...data.answers);
    warnings.push(...staleWarnings(relative(root, f), 'answers', data.answers, today));
  }
  const scan = parseFile(root, join(root, CONTENT_FILES.scan), scanFileSchema, errors);
  const countryIds = new Set(scan?.countries.map((c) => c.id) ?? []);
  const jobs = scan ? loadJobs(root, today, countryIds, errors, warnings) : undefined;
  const glossary = parseFile(root, join(root, CONTENT_FILES.glossary), glossaryFileSchema, errors);
  const factsIndex = parseFile(root, join(root, CONTENT_FILES.factsIndex), factsIndexFileSchema, errors);
  if (errors.length > 0 || !contacts || !eligibility || !signs || !scan || !jobs || !glossary || !factsIndex)
    return { ok: false, errors, warnings };

  const content: Content = {
    topics,
    contacts: contacts.contacts,
    eligibility,
    warnings: signs,
    scan,
    jobs,
    lexicons,
    answers,
    glossary,
    factsIndex,
  };
  errors.push(...crossCheck(content));
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, content, warnings };
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}
