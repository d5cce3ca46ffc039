import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { OutboundMessage } from '../../core/message.js';
import { splitAtBreaks } from '../../core/split-text.js';
import { escapeWhatsApp } from '../../core/whatsapp-markup.js';

/** Where a template parameter's text comes from in the message it stands in for. */
export type ParamSource = 'title' | 'body';

/** One approved template (its name and language as approved in WhatsApp Manager). */
export interface TemplateEntry {
  readonly name: string;
  readonly language: string;
  readonly params: readonly ParamSource[];
}

/**
 * Our message keys → approved templates: the only messages the Cloud API delivers more than 24 hours
 * after a user last wrote. Keys in use: `officer.alert` (a report alert, a message with actions),
 * `broadcast` (a warning or new jobs to subscribers) and `notice` (anything else: a status change to
 * a reporter).
 */
export type TemplateRegistry = ReadonlyMap<string, TemplateEntry>;

export const TEMPLATE_KEYS = ['officer.alert', 'broadcast', 'notice'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** The Cloud API's limit on a template's body with its parameters filled in, in characters. */
export const TEMPLATE_BODY_MAX = 1024;

/**
 * What the parameters of one template may hold together: the body's limit less room for the approved
 * template's own words around them (the registry cannot tell how many; 124 characters is ample for a
 * line such as "Laporan baru: {{1}}. Balas pesan ini untuk membaca selengkapnya.").
 */
export const PARAMS_MAX = 900;

/**
 * A parameter's text as the Cloud API takes it: no new lines, tabs or more than four spaces in a row
 * (all whitespace becomes one space), WhatsApp markup neutralised as in any other message, never empty.
 */
function flatParam(text: string): string {
  return escapeWhatsApp(text.replace(/\s+/g, ' ').trim()) || '-';
}

/**
 * `text` cut to at most `max` characters (UTF-16 units, which are never fewer than the characters the
 * Cloud API counts), ending in "…": at a word end when there is one in the second half, never inside a
 * web address, never between the two halves of a character outside the BMP (an emoji).
 */
export function cutParam(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 2) return '…';
  let head = splitAtBreaks(text, max - 1)[0] ?? '';
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}…`;
}

/**
 * Texts as one template's parameters, together within `budget` characters: a short one keeps all of
 * it, the longer ones share what is left evenly. `whole`: nothing was cut.
 */
export function fitParams(
  texts: readonly string[],
  budget: number = PARAMS_MAX,
): { readonly params: string[]; readonly whole: boolean } {
  const flat = texts.map(flatParam);
  const params = [...flat];
  const shortestFirst = flat.map((_, i) => i).sort((a, b) => (flat[a]?.length ?? 0) - (flat[b]?.length ?? 0));
  let left = budget;
  for (const [done, i] of shortestFirst.entries()) {
    const fitted = cutParam(flat[i] ?? '', Math.floor(left / (flat.length - done)));
    params[i] = fitted;
    left -= fitted.length;
  }
  return { params, whole: params.every((p, i) => p === flat[i]) };
}

/** One text as the only parameter of a template (within `PARAMS_MAX`). */
export const paramText = (text: string): string => fitParams([text]).params[0] ?? '-';

/** The key a message stands under: alerts carry actions (take, …), broadcasts say so, the rest is a notice. */
export function templateKeyOf(messages: readonly OutboundMessage[]): TemplateKey {
  if (messages.some((m) => (m.actions?.length ?? 0) > 0)) return 'officer.alert';
  return messages.some((m) => m.broadcast) ? 'broadcast' : 'notice';
}

/**
 * The template's parameters, filled from the first message and fitted together within the body's
 * limit (`fitParams`); `whole`: nothing of the title or body was cut.
 */
export function templateParams(
  entry: TemplateEntry,
  messages: readonly OutboundMessage[],
): { readonly params: string[]; readonly whole: boolean } {
  const first = messages[0];
  return fitParams(
    entry.params.map((p) => (p === 'title' ? (first?.title ?? first?.body ?? '') : (first?.body ?? ''))),
  );
}

/**
 * Reads the registry (YAML: `key: {name, language, params: [title|body]}`); every problem is one
 * line naming the key. No file → an empty registry: nothing is sent outside the window.
 */
export function parseTemplates(
  text: string,
): { ok: true; registry: TemplateRegistry } | { ok: false; errors: string[] } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return { ok: false, errors: [`not YAML: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const errors: string[] = [];
  const registry = new Map<string, TemplateEntry>();
  if (doc === null || doc === undefined) return { ok: true, registry };
  if (typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, errors: ['expected a map: message key → template'] };
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const params = Array.isArray(v.params) ? v.params : [];
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key))
      errors.push(`${key}: unknown message key (${TEMPLATE_KEYS.join(', ')})`);
    else if (typeof v.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(v.name))
      errors.push(`${key}.name: expected the approved template name (lower case, digits, _)`);
    else if (typeof v.language !== 'string' || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(v.language))
      errors.push(`${key}.language: expected a language code such as id or en_US`);
    else if (!params.every((p): p is ParamSource => p === 'title' || p === 'body'))
      errors.push(`${key}.params: expected a list of title or body`);
    else registry.set(key, { name: v.name, language: v.language, params });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, registry };
}

export async function loadTemplates(
  path: string,
): Promise<{ ok: true; registry: TemplateRegistry } | { ok: false; errors: string[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`${path}: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const parsed = parseTemplates(text);
  return parsed.ok ? parsed : { ok: false, errors: parsed.errors.map((e) => `${path}: ${e}`) };
}
