import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { OutboundMessage } from '../../core/message.js';
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

/**
 * Template parameters may not hold new lines, tabs or more than four spaces in a row; WhatsApp markup
 * in them is neutralised as in any other message.
 */
const PARAM_MAX = 900;
export function paramText(text: string): string {
  const flat = escapeWhatsApp(text.replace(/\s+/g, ' ').trim());
  return flat.length > PARAM_MAX ? `${flat.slice(0, PARAM_MAX - 1)}…` : flat || '-';
}

/** The key a message stands under: alerts carry actions (take, …), broadcasts say so, the rest is a notice. */
export function templateKeyOf(messages: readonly OutboundMessage[]): TemplateKey {
  if (messages.some((m) => (m.actions?.length ?? 0) > 0)) return 'officer.alert';
  return messages.some((m) => m.broadcast) ? 'broadcast' : 'notice';
}

/** The template's parameters, filled from the first message. */
export function templateParams(entry: TemplateEntry, messages: readonly OutboundMessage[]): string[] {
  const first = messages[0];
  return entry.params.map((p) =>
    paramText(p === 'title' ? (first?.title ?? first?.body ?? '') : (first?.body ?? '')),
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
