import type { Redis } from 'ioredis';
import type { Locale } from '../core/locale.js';
import type { WarningDecision } from '../core/warnings.js';
import type { BroadcastKeys } from '../storage/keys.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import type { Broadcast } from './broadcast.js';

const SCRIPTS = [readLuaScript(new URL('./lua/warning-step.lua', import.meta.url), 'warningStep')];

const DAY_MS = 86_400_000;
/** The audit stream keeps about this many entries. */
const AUDIT_MAX = 100_000;

interface Commands {
  warningStep(...args: string[]): Promise<string>;
}

/** One line of the warnings' audit log: who did what, for which area, with what outcome. */
export interface WarningAuditEntry {
  readonly at: string;
  /** `send`, `propose`, `approve`, `reject`, `plan`. */
  readonly action: string;
  /** The officer's id, or `-` when the address is no officer. */
  readonly officer: string;
  readonly role: string;
  readonly area: string;
  /** The broadcast or the proposal. */
  readonly id?: string;
  readonly recipients?: number;
  /** `sent`, `proposed`, `rejected`, or why it was refused (`limit`, `not-officer`, …). */
  readonly outcome: string;
}

/** A proposal as stored: who proposed it (their address, to tell them the decision) and for where. */
export interface StoredProposal {
  readonly id: string;
  readonly at: string;
  readonly text: string;
  readonly officer: string;
  readonly officerName: string;
  readonly address: string;
  readonly locale: Locale;
  readonly village: string;
  readonly villageName: string;
  readonly district: string;
  readonly districtName: string;
}

export interface ProposalState {
  readonly proposal: StoredProposal;
  readonly state: 'pending' | WarningDecision;
  /** Who decided it, when it is decided. */
  readonly by?: string;
}

/** The limits a warning is held to, over the last 24 hours. */
export interface WarningLimits {
  readonly perOfficer: number;
  readonly perArea: number;
}

type AuditFields = Omit<WarningAuditEntry, 'outcome'>;

const auditJson = (e: AuditFields): string =>
  JSON.stringify(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v)])));

/**
 * Officers' warnings on Redis, beside the broadcasts (tag `{bc}`): the proposals and the districts'
 * waiting lists, the last 24 hours' warnings per officer and per area (sorted sets by time), and the
 * audit stream. A warning is stored as a broadcast, counted and audited in one script, so two
 * confirmations at once cannot pass the limit together.
 */
export class RedisWarningStore {
  private readonly scripts: Commands;

  constructor(
    private readonly redis: Redis,
    private readonly keys: BroadcastKeys,
  ) {
    defineScripts(redis, SCRIPTS);
    this.scripts = redis as unknown as Commands;
  }

  /** The officer's and the area's warnings in the 24 hours before `now`. */
  async used(officer: string, area: string, now: Date): Promise<{ officer: number; area: number }> {
    const from = now.getTime() - DAY_MS;
    const [o, a] = await Promise.all([
      this.redis.zcount(this.keys.officerWarnings(officer), `(${String(from)}`, '+inf'),
      this.redis.zcount(this.keys.areaWarnings(area), `(${String(from)}`, '+inf'),
    ]);
    return { officer: o, area: a };
  }

  /** One step of warning-step.lua: its seven keys, then its arguments. */
  private step(
    step: 'send' | 'approve' | 'propose' | 'reject',
    where: { broadcast?: string; officer: string; area?: string; proposal?: StoredProposal },
    args: { id: string; at: number; doc: string; limits: WarningLimits; audit: AuditFields; by?: string },
  ): Promise<string> {
    const k = this.keys;
    return this.scripts.warningStep(
      k.broadcast(where.broadcast ?? '-'),
      k.byTime(),
      k.officerWarnings(where.officer),
      k.areaWarnings(where.area ?? '-'),
      k.warningAudit(),
      k.proposal(where.proposal?.id ?? '-'),
      k.pending(where.proposal?.district ?? '-'),
      step,
      args.id,
      String(args.at),
      args.doc,
      String(args.limits.perOfficer),
      String(args.limits.perArea),
      auditJson(args.audit),
      where.proposal?.id ?? '',
      args.by ?? '',
    );
  }

  /**
   * Stores the warning's broadcast and counts it, within the limits; approving, `proposal` must still
   * be waiting. `exists`: this broadcast was stored before.
   */
  send(
    b: Broadcast,
    area: string,
    limits: WarningLimits,
    audit: AuditFields,
    approving?: { proposal: StoredProposal; by: string },
  ): Promise<'sent' | 'exists' | 'limit' | 'decided'> {
    return this.step(
      approving ? 'approve' : 'send',
      {
        broadcast: b.id,
        officer: audit.officer,
        area,
        ...(approving ? { proposal: approving.proposal } : {}),
      },
      {
        id: b.id,
        at: Date.parse(b.createdAt),
        doc: JSON.stringify(b),
        limits,
        audit,
        ...(approving ? { by: approving.by } : {}),
      },
    ) as Promise<'sent' | 'exists' | 'limit' | 'decided'>;
  }

  /** Stores a proposal and lists it as waiting in its district, within the officer's limit. */
  propose(
    p: StoredProposal,
    limits: WarningLimits,
    audit: AuditFields,
  ): Promise<'proposed' | 'exists' | 'limit'> {
    return this.step(
      'propose',
      { officer: p.officer, proposal: p },
      { id: p.id, at: Date.parse(p.at), doc: JSON.stringify(p), limits, audit },
    ) as Promise<'proposed' | 'exists' | 'limit'>;
  }

  /** Rejects a waiting proposal. */
  reject(
    p: StoredProposal,
    by: string,
    now: Date,
    audit: AuditFields,
  ): Promise<'rejected' | 'decided' | 'not-found'> {
    return this.step(
      'reject',
      { officer: p.officer, proposal: p },
      { id: p.id, at: now.getTime(), doc: '', limits: { perOfficer: 0, perArea: 0 }, audit, by },
    ) as Promise<'rejected' | 'decided' | 'not-found'>;
  }

  async proposal(id: string): Promise<ProposalState | undefined> {
    const h = await this.redis.hgetall(this.keys.proposal(id));
    if (!h.def) return undefined;
    const state = h.state === 'approve' || h.state === 'reject' ? h.state : 'pending';
    return { proposal: JSON.parse(h.def) as StoredProposal, state, ...(h.by ? { by: h.by } : {}) };
  }

  /** The proposals waiting in these districts, oldest first. */
  async pending(districts: readonly string[]): Promise<StoredProposal[]> {
    const ids = (
      await Promise.all(districts.map((d) => this.redis.zrange(this.keys.pending(d), 0, 49)))
    ).flat();
    const found = await Promise.all(ids.map((id) => this.proposal(id)));
    return found
      .filter((p): p is ProposalState => p?.state === 'pending')
      .map((p) => p.proposal)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Appends a step that did not reach a script (not an officer, another area, an invalid text). */
  async audit(entry: WarningAuditEntry): Promise<void> {
    const fields = Object.entries(entry).flatMap(([k, v]) => [k, String(v)]);
    await this.redis.xadd(this.keys.warningAudit(), 'MAXLEN', '~', AUDIT_MAX, '*', ...fields);
  }

  /** The newest audit entries first. */
  async auditLog(count: number): Promise<WarningAuditEntry[]> {
    return entriesOf(await this.redis.xrevrange(this.keys.warningAudit(), '+', '-', 'COUNT', count));
  }

  /** The audit entries written between two times (ms, by Redis's clock: the stream's ids), oldest first. */
  async auditBetween(fromMs: number, toMs: number): Promise<WarningAuditEntry[]> {
    const from = String(Math.max(0, Math.floor(fromMs)));
    return entriesOf(await this.redis.xrange(this.keys.warningAudit(), from, String(Math.floor(toMs))));
  }
}

function entriesOf(rows: [id: string, fields: string[]][]): WarningAuditEntry[] {
  return rows.map(([, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] ?? ''] = fields[i + 1] ?? '';
    return {
      at: f.at ?? '',
      action: f.action ?? '',
      officer: f.officer ?? '',
      role: f.role ?? '',
      area: f.area ?? '',
      ...(f.id ? { id: f.id } : {}),
      ...(f.recipients ? { recipients: Number(f.recipients) } : {}),
      outcome: f.outcome ?? '',
    };
  });
}
