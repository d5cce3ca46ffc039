import { CIVIL_DOCUMENTS, FAMILY_CONTACTS, SOS_CONTACTS, GUIDE_SECTIONS, REQUIRED_VERDICTS, SCHEME_TOPICS } from './ids.js';
import type { Content, ContentProblem } from './loader.js';
import { duplicates } from './duplicates.js';
import { checkWarnings } from './warnings-check.js';
import { checkFactCitations, citingItems } from './facts-check.js';

/** Checks between files: unique ids, and every id that code or another file refers to exists. */
export function crossCheck(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const topicIds = new Set(content.topics.map((t) => t.id));
  const el = content.eligibility;
  const need = (file: string, path: string, id: string, have: ReadonlySet<string>, what: string) => {
    if (!have.has(id)) problems.push({ file, path, message: `${what} "${id}" does not exist` });
  };
  for (const id of duplicates(content.topics.map((t) => t.id))) {
    problems.push({ file: 'guide', path: '', message: `topic id "${id}" is used twice` });
  }
  for (const id of duplicates(content.contacts.map((c) => c.id))) {
    problems.push({ file: 'contacts.yaml', path: '', message: `contact id "${id}" is used twice` });
  }
  for (const [list, items] of Object.entries({
    documents: el.documents,
    jobs: el.jobs,
    destinations: el.destinations,
    verdicts: el.verdicts,
  })) {
    for (const id of duplicates(items.map((i) => i.id))) {
      problems.push({ file: 'eligibility.yaml', path: list, message: `id "${id}" is used twice` });
    }
  }
  for (const [section, ids] of Object.entries(GUIDE_SECTIONS)) {
    for (const id of ids) need('guide', section, id, topicIds, 'guide topic');
  }
  for (const id of Object.values(SCHEME_TOPICS)) need('guide', 'schemes', id, topicIds, 'scheme topic');
  for (const id of duplicates(content.answers.map((a) => a.id))) {
    problems.push({ file: 'answers', path: '', message: `answer id "${id}" is used twice` });
  }
  content.answers.forEach((a, i) => {
    if (a.more !== undefined) need('answers', `answers.${i}.more`, a.more, topicIds, 'guide topic');
  });
  if (!content.lexicons.some((l) => l.locale === 'id'))
    problems.push({ file: 'understanding', path: '', message: 'no word lists for Indonesian (locale: id)' });
  const contactIds = new Set(content.contacts.map((c) => c.id));
  for (const id of FAMILY_CONTACTS) need('contacts.yaml', 'contacts', id, contactIds, 'contact');
  for (const id of new Set(Object.values(SOS_CONTACTS).flat()))
    need('contacts.yaml', 'contacts', id, contactIds, 'contact');
  const verdictIds = new Set(el.verdicts.map((v) => v.id));
  for (const id of REQUIRED_VERDICTS) need('eligibility.yaml', 'verdicts', id, verdictIds, 'verdict');
  const docIds = new Set(el.documents.map((d) => d.id));
  for (const id of CIVIL_DOCUMENTS) need('eligibility.yaml', 'documents', id, docIds, 'document');
  const destIds = new Set(el.destinations.map((d) => d.id));
  el.destinations.forEach((d, i) => {
    if (d.topic) need('eligibility.yaml', `destinations.${i}.topic`, d.topic, topicIds, 'country topic');
  });
  el.jobs.forEach((j, i) => {
    j.g2g.forEach((dest, k) => need('eligibility.yaml', `jobs.${i}.g2g.${k}`, dest, destIds, 'destination'));
  });
  content.contacts.forEach((c, i) => {
    if (c.scope === 'indonesia' && c.country) {
      problems.push({ file: 'contacts.yaml', path: `contacts.${i}.country`, message: 'only contacts abroad have a country' });
    }
    if (c.country) need('contacts.yaml', `contacts.${i}.country`, c.country, destIds, 'destination');
  });
  problems.push(...checkWarnings(content.warnings, content.scan));
  problems.push(...checkFactCitations(citingItems(content), content.factsIndex));
  for (const id of duplicates(content.glossary.terms.map((g) => g.term))) {
    problems.push({ file: 'glossary.yaml', path: 'terms', message: `term "${id}" is listed twice` });
  }
  return problems;
}
