import type { Redis } from 'ioredis';
import { isLocale } from '../core/locale.js';
import {
  CONTACT_CONSENTS,
  REPORT_STATUSES,
  type ContactConsent,
  type ReportDetails,
  type ReportStatus,
  type Reporter,
} from '../core/report.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import { reporterId, type ReportKeys } from './keys.js';
import { areaOf, type HistoryEntry, type ReportRecord } from './report-record.js';
import {
  ALERT_STATE_TTL_SECONDS,
  AUDIT_KEPT,
  DRAFT_TTL_SECONDS,
  LINK_TTL_SECONDS,
  dayOf,
  type ChangeResult,
  type CreateResult,
  type NewReport,
  type ReportChange,
  type ReportStore,
} from './report-store.js';

/** Every multi-key change of a report is one script (src/reports/lua/). */
const SCRIPTS = [
  readLuaScript(new URL('./lua/report-create.lua', import.meta.url), 'reportCreate'),
  readLuaScript(new URL('./lua/report-update.lua', import.meta.url), 'reportUpdate'),
  readLuaScript(new URL('./lua/report-remove-reporter.lua', import.meta.url), 'reportRemoveReporter'),
];

type Reply = [string, string];
type UpdateReply = [number, string];

interface ReportCommands {
  reportCreate(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  reportUpdate(...args: (string | number)[]): Promise<UpdateReply>;
  reportRemoveReporter(...args: string[]): Promise<number>;
}

/** What the create script answered. */
export function createResultOf(reply: unknown): CreateResult {
  const [type, code] = Array.isArray(reply) ? (reply as unknown[]).map(String) : [];
  switch (type) {
    case 'created':
    case 'existing':
    case 'linked':
      return { type, code: code ?? '' };
    case 'limit':
      return { type: 'limit' };
    case 'collision':
      return { type: 'collision' };
    default:
      throw new Error(`unexpected answer of the report create script: ${String(reply)}`);
  }
}

const isStatus = (v: unknown): v is ReportStatus => REPORT_STATUSES.includes(v as ReportStatus);
const isConsent = (v: unknown): v is ContactConsent => CONTACT_CONSENTS.includes(v as ContactConsent);

/** Reports in Redis: every multi-key change is one Lua script, so a crash never leaves half a report. */
export class RedisReportStore implements ReportStore {
  private readonly redis: Redis & ReportCommands;

  constructor(
    redis: Redis,
    private readonly keys: ReportKeys,
  ) {
    defineScripts(redis, SCRIPTS);
    this.redis = redis as Redis & ReportCommands;
  }

  async create(r: NewReport): Promise<CreateResult> {
    return createResultOf(await this.redis.reportCreate(...this.createArgs(r)));
  }

  /** The client the store writes on (a job queued along a create must go on the same one). */
  get client(): Redis {
    return this.redis;
  }

  /** The create script's keys (their number first) and arguments (src/reports/lua/report-create.lua). */
  private createArgs(r: NewReport): [number, ...(string | number)[]] {
    const k = this.keys;
    const who = reporterId(r.reporter.address);
    const at = r.createdAt.toISOString();
    const areas = (['village', 'district', 'province'] as const).map((l) =>
      k.byArea(areaOf(r.details.village, l)),
    );
    const phones = r.details.recruiter.phones.map((p) => k.phoneLink(who, p));
    const keys = [
      k.report(r.code),
      k.reporter(r.code),
      k.history(r.code),
      k.draft(who, r.draftKey),
      k.daily(who, dayOf(r.createdAt)),
      k.byStatus('submitted'),
      k.byReporter(who),
      k.revision(),
      k.changed(),
      ...areas,
      ...phones,
    ];
    const entry: HistoryEntry = { at, type: 'submitted' };
    return [
      keys.length,
      ...keys,
      r.code,
      JSON.stringify(r.details),
      at,
      r.createdAt.getTime(),
      'village',
      r.details.village,
      r.reporter.contact,
      r.reporter.address,
      r.reporter.locale,
      r.reporter.updates ? '1' : '0',
      JSON.stringify(entry),
      r.perDay,
      areas.length,
      LINK_TTL_SECONDS,
      DRAFT_TTL_SECONDS,
    ];
  }

  async get(code: string): Promise<ReportRecord | undefined> {
    return recordOf(code, await this.redis.hgetall(this.keys.report(code)));
  }

  async reporter(code: string): Promise<Reporter | undefined> {
    return reporterOf(await this.redis.hgetall(this.keys.reporter(code)));
  }

  async history(code: string): Promise<HistoryEntry[]> {
    const raw = await this.redis.lrange(this.keys.history(code), 0, -1);
    return raw.map((line) => JSON.parse(line) as HistoryEntry);
  }

  async update(code: string, change: ReportChange, entry: HistoryEntry): Promise<ChangeResult> {
    const [applied, before] = await this.redis.reportUpdate(...this.updateArgs(code, change, entry));
    return toChange(applied, before);
  }

  async audit(code: string, entry: HistoryEntry): Promise<void> {
    const key = this.keys.audit(code);
    await this.redis.multi().rpush(key, JSON.stringify(entry)).ltrim(key, -AUDIT_KEPT, -1).exec();
  }

  async auditLog(code: string): Promise<HistoryEntry[]> {
    const raw = await this.redis.lrange(this.keys.audit(code), 0, -1);
    return raw.map((line) => JSON.parse(line) as HistoryEntry);
  }

  async codesByStatus(status: ReportStatus, createdBefore?: Date): Promise<string[]> {
    const max = createdBefore ? String(createdBefore.getTime()) : '+inf';
    return this.redis.zrangebyscore(this.keys.byStatus(status), '-inf', max);
  }

  async codesByReporter(address: string): Promise<string[]> {
    return this.redis.zrange(this.keys.byReporter(reporterId(address)), 0, -1);
  }

  async codesByArea(area: string): Promise<string[]> {
    return this.redis.zrange(this.keys.byArea(area), 0, -1);
  }

  async removeReporter(code: string, entry: HistoryEntry): Promise<boolean> {
    const address = await this.redis.hget(this.keys.reporter(code), 'address');
    if (!address) return false;
    const k = this.keys;
    const removed = await this.redis.reportRemoveReporter(
      k.reporter(code),
      k.byReporter(reporterId(address)),
      k.history(code),
      k.report(code),
      k.revision(),
      k.changed(),
      address,
      code,
      JSON.stringify(entry),
      entry.at,
    );
    return removed === 1;
  }

  async waitingSince(before: Date): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.waiting(), '-inf', before.getTime());
  }

  async stopWaiting(code: string): Promise<void> {
    await this.redis.zrem(this.keys.waiting(), code);
  }

  async alertSent(alertId: string): Promise<boolean> {
    return (await this.redis.get(this.keys.alert(alertId))) === 'sent';
  }

  async completeAlert(
    alertId: string,
    code: string,
    sent: HistoryEntry,
    transition?: { readonly change: ReportChange; readonly entry: HistoryEntry },
  ): Promise<ChangeResult> {
    const args = this.updateArgs(code, transition?.change ?? {}, transition?.entry, {
      entry: sent,
      mark: this.keys.alert(alertId),
    });
    const [applied, before] = await this.redis.reportUpdate(...args);
    return toChange(applied, before);
  }

  private updateArgs(
    code: string,
    change: ReportChange,
    entry: HistoryEntry | undefined,
    always?: { readonly entry: HistoryEntry; readonly mark: string },
  ): (string | number)[] {
    const fields: string[] = [];
    if (change.level) fields.push(`level=${change.level}`);
    if (change.area !== undefined) fields.push(`area=${change.area}`);
    if (change.outcome !== undefined) fields.push(`outcome=${oneLine(change.outcome)}`);
    if (change.owner !== undefined) fields.push(`owner=${change.owner}`);
    const k = this.keys;
    const keys = [k.report(code), k.history(code), k.waiting(), k.revision(), k.changed()];
    if (always) keys.push(always.mark);
    const at = (entry ?? always?.entry)?.at ?? new Date().toISOString();
    return [
      keys.length,
      ...keys,
      change.from ? change.from.join(',') : '*',
      change.to ?? '',
      fields.join('\n'),
      entry ? JSON.stringify(entry) : '',
      at,
      code,
      always ? JSON.stringify(always.entry) : '',
      always ? ALERT_STATE_TTL_SECONDS : '',
      Date.parse(at),
      change.atLevel ?? '',
      k.statusPrefix(),
      change.openTo ?? '',
    ];
  }
}

/** A report from its hash; undefined when there is none (or it is not a report). */
export function recordOf(code: string, h: Record<string, string>): ReportRecord | undefined {
  if (!h.doc || !isStatus(h.status)) return undefined;
  return {
    code,
    status: h.status,
    level: (h.level ?? 'village') as ReportRecord['level'],
    area: h.area ?? '',
    createdAt: h.createdAt ?? '',
    updatedAt: h.updatedAt ?? '',
    details: JSON.parse(h.doc) as ReportDetails,
    contact: isConsent(h.contact) ? h.contact : 'none',
    updates: h.updates === '1',
    ...(h.outcome ? { outcome: h.outcome } : {}),
    ...(h.owner ? { owner: h.owner } : {}),
  };
}

/** A reporter from their hash; undefined once removed. */
export function reporterOf(h: Record<string, string>): Reporter | undefined {
  if (!h.address) return undefined;
  return {
    address: h.address,
    locale: isLocale(h.locale) ? h.locale : 'id',
    contact: isConsent(h.contact) ? h.contact : 'none',
    updates: h.updates === '1',
  };
}

/** Field values travel as "name=value" lines. */
const oneLine = (v: string): string => v.replace(/[\r\n]+/g, ' ');

function toChange(applied: number, before: string): ChangeResult {
  return { applied: applied === 1, ...(isStatus(before) ? { before } : {}) };
}
