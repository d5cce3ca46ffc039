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

/**
 * Creates a report with everything that must exist together: record, reporter, first history entry,
 * indexes, the draft and phone links, the daily count. Checks the draft, links, limit and code first.
 * KEYS: report, who, log, draft, daily, status index, reporter index, area indexes…, phone links…
 */
const CREATE = `
local existing = redis.call('GET', KEYS[4])
if existing then return {'existing', existing} end
local firstPhone = 8 + tonumber(ARGV[13])
for i = firstPhone, #KEYS do
  local linked = redis.call('GET', KEYS[i])
  if linked then return {'linked', linked} end
end
if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[12]) then return {'limit', ''} end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'collision', ''} end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'status', 'submitted', 'level', ARGV[5], 'area', ARGV[6],
  'createdAt', ARGV[3], 'updatedAt', ARGV[3], 'contact', ARGV[7], 'updates', ARGV[10])
redis.call('HSET', KEYS[2], 'address', ARGV[8], 'locale', ARGV[9], 'contact', ARGV[7], 'updates', ARGV[10])
redis.call('RPUSH', KEYS[3], ARGV[11])
redis.call('SET', KEYS[4], ARGV[1], 'EX', ARGV[15])
redis.call('INCR', KEYS[5])
redis.call('EXPIRE', KEYS[5], 172800)
for i = 6, firstPhone - 1 do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1]) end
for i = firstPhone, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'EX', ARGV[14]) end
return {'created', ARGV[1]}
`;

/**
 * Guarded change. KEYS: report, log, waiting index, [mark key]. ARGV: allowed statuses ('*' or comma
 * list), new status ('' = same), fields as "name=value" lines, entry (appended when the change
 * applies), now ISO, code, entry appended in any case (''), mark TTL ('' = no mark), now ms, level the
 * report must be at (''), status index key prefix (the status is appended, as BullMQ builds its keys),
 * officer the report must be open to ('' = anyone; else it must have no owner or this one).
 * Reports waiting for an officer (routed, escalated) are in the waiting index from the time they
 * reached their level; taking, resolving or failing a report takes it out.
 * Returns {1 applied | 0 not, status before ('' = no report)}.
 */
const UPDATE = `
local state = redis.call('HMGET', KEYS[1], 'status', 'level', 'owner')
local cur = state[1]
if not cur then return {0, ''} end
if ARGV[8] ~= '' then redis.call('SET', KEYS[4], 'sent', 'EX', ARGV[8]) end
if ARGV[7] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[7]) end
local allowed = ARGV[1] == '*' or string.find(',' .. ARGV[1] .. ',', ',' .. cur .. ',', 1, true)
local owner = state[3]
local open = ARGV[12] == '' or not owner or owner == '' or owner == ARGV[12]
if ARGV[4] == '' or not allowed or not open or (ARGV[10] ~= '' and state[2] ~= ARGV[10]) then
  if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'updatedAt', ARGV[5]) end
  return {0, cur}
end
local to = ARGV[2]
local set = {'updatedAt', ARGV[5]}
if to ~= '' and to ~= cur then
  local from, into = ARGV[11] .. cur, ARGV[11] .. to
  local score = redis.call('ZSCORE', from, ARGV[6]) or 0
  redis.call('ZREM', from, ARGV[6])
  redis.call('ZADD', into, score, ARGV[6])
  set[#set + 1] = 'status'
  set[#set + 1] = to
  if to == 'routed' or to == 'escalated' then
    redis.call('ZADD', KEYS[3], ARGV[9], ARGV[6])
  elseif to == 'acknowledged' or to == 'resolved' or to == 'failed' then
    redis.call('ZREM', KEYS[3], ARGV[6])
  end
end
for line in string.gmatch(ARGV[3], '[^\\n]+') do
  local eq = string.find(line, '=', 1, true)
  set[#set + 1] = string.sub(line, 1, eq - 1)
  set[#set + 1] = string.sub(line, eq + 1)
end
redis.call('HSET', KEYS[1], unpack(set))
redis.call('RPUSH', KEYS[2], ARGV[4])
return {1, cur}
`;

/**
 * Removes a reporter's contact data when it is still the one read. KEYS: who, reporter index, log,
 * report. ARGV: address, code, entry, now. Returns 1 when removed, 0 when already gone or changed.
 */
const REMOVE_REPORTER = `
if redis.call('HGET', KEYS[1], 'address') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[3])
redis.call('HSET', KEYS[4], 'updatedAt', ARGV[4])
return 1
`;

type Reply = [string, string];
type UpdateReply = [number, string];

interface ReportCommands {
  reportCreate(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  reportUpdate(...args: (string | number)[]): Promise<UpdateReply>;
  reportRemoveReporter(...args: string[]): Promise<number>;
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
    if (!('reportCreate' in redis)) {
      redis.defineCommand('reportCreate', { lua: CREATE });
      redis.defineCommand('reportUpdate', { lua: UPDATE });
      redis.defineCommand('reportRemoveReporter', { lua: REMOVE_REPORTER, numberOfKeys: 4 });
    }
    this.redis = redis as Redis & ReportCommands;
  }

  async create(r: NewReport): Promise<CreateResult> {
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
      ...areas,
      ...phones,
    ];
    const entry: HistoryEntry = { at, type: 'submitted' };
    const [type, code] = await this.redis.reportCreate(
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
    );
    switch (type) {
      case 'created':
      case 'existing':
      case 'linked':
        return { type, code };
      case 'limit':
        return { type: 'limit' };
      default:
        return { type: 'collision' };
    }
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
    const keys = always
      ? [k.report(code), k.history(code), k.waiting(), always.mark]
      : [k.report(code), k.history(code), k.waiting()];
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
