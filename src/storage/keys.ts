import { createHash } from 'node:crypto';
import type { AreaLevel, ReportStatus } from '../core/report.js';

/*
 * Every Redis key name of the bot, in one place (DESIGN §5, §10). All keys start with one prefix
 * (REDIS_KEY_PREFIX, `dm:` by default; tests pass a unique one). `P` below is that prefix.
 *
 *   P key-layout                      the layout version of the keys below ("2"); see key-migration.ts
 *   P s:<h>                           one user's session (h: a hash of the chat address)
 *   P{r}:r:<code>                     a report (hash); :who its reporter, :log its history, :audit refusals
 *   P{r}:ri:status:<status>           report indexes (sorted sets): by status, :area:<code> by area,
 *   P{r}:ri:who:<reporter id>           by reporter (hashed), :waiting waiting for an officer
 *   P{r}:ri:rev, P{r}:ri:changed      the report side's change counter and each report's last change at
 *                                       it (sorted set): readers re-read only what changed
 *   P{r}:rd: rp: rl: ra:              submitted drafts, recruiter-phone links (phone hashed), daily counts,
 *                                       alert "sent" marks
 *   P{r}:o:<id>, P{r}:oi:…            officers, their indexes (all, per area, by hashed chat address)
 *   P{r}:oinv:<hash>, P{r}:ojf:<h>    officer invites (by the code's hash), wrong codes per hashed chat
 *   P{g}:g:<id>                       a departure/return register entry (JSON); P{g}:gi:area:<code> by
 *   P{g}:gi:…                           village, district, province (and :all), :who:<h> by who told
 *                                       (hashed), :anchor by the month retention counts from
 *   P{wa:<account>}:…                 one WhatsApp number: auth state, lease, outbox (queue per hashed
 *                                       chat), who may be messaged, handled message ids (hashed chat)
 *   P{wac:<phone id>}:…               one WhatsApp Cloud API number: handled message ids, last inbound time
 *                                       (the 24-hour window), delivery statuses, unreachable and contactable
 *                                       (all hashed), the inbox stream of received webhook events and how
 *                                       far each one's handling got, messages held for who got a template
 *                                       (hashed); P wac:<phone id>:media:… its media
 *   P wa:<account>:media:<id>         received photos (the key is the MediaRef.ref kept in drafts and
 *   P wa:<account>:media-by:<h>         reports), and the list of one sender's photos (hashed sender)
 *   P{bc}:u:<h>                       one subscriber of alerts (JSON; h: the hashed chat address);
 *   P{bc}:si:…                          indexes: :all, :jobs:<country or *>, :warn:<district>
 *   P{bc}:b:<id>, :b:<id>:m           a broadcast (hash: what, counts) and each recipient's mark (hashed)
 *   P{bc}:bi, P{bc}:announced         broadcasts by time; job listings already announced
 *   P{bc}:w:<id>, P{bc}:wp:<district>   officers' warnings: a proposal, the proposals waiting in a district,
 *   P{bc}:wn:o:<id>, :wn:a:<area>         the last 24 hours' warnings per officer and per area, and the
 *   P{bc}:waudit                          audit stream of every step
 *   P{bc}:dg:<hour>:u:<h>, :who, dg:due daily digests: the listings kept for one subscriber (hashed), who
 *                                       has some, and the digests waiting by due time
 *   P{bc}:day:<channel>:<day>          broadcast messages handed to a channel that day (its daily cap)
 *   P{bull}:<queue>:…                 BullMQ's keys of the report and broadcast queues
 *   P tg:<bot id>:u:<update id>       a Telegram update one bot process has taken (expires): a second
 *                                       delivery to any process is dropped
 *   P desk:s:<h>, P desk:c:<h>        the web desk: a signed-in session, a sign-in code waiting (both by a
 *   P desk:n:<kind>:<h>                 hash of the random token in the browser's cookie; expire), attempt
 *   P desk:audit                        counters (officer id or client address hashed; expire), and the
 *                                       stream of every view, action and export
 *
 * Key names never spell out a person: a chat address (a phone number, a Telegram id) or a recruiter's
 * phone appears in a key name only as a namespaced SHA-256 (`addressHash`), so a key listing, a
 * `MONITOR` or a dump's key names show no one. Values may hold addresses (a report's reporter, a
 * session's data); "delete my data" and retention remove those.
 *
 * Hash tags (`{…}`): the keys one Lua script or transaction uses together share a tag, so they sit in
 * one slot under Redis Cluster. The report side is one tag, `{r}`, because its scripts touch a report
 * together with indexes shared by all reports (and the alert script reads an officer too); each
 * WhatsApp number is one tag; BullMQ's prefix is braced, as BullMQ asks for Cluster. A session is
 * written alone (one key per script), so sessions carry no tag and spread over the cluster. Media keys
 * keep the names they had before tags (they are stored in reports) and are written without a
 * multi-key transaction. Tags are the same for every prefix: two bots sharing a Cluster share the slots.
 */

/** The version of this layout, kept under `P key-layout` once a Redis is on it. */
export const KEY_LAYOUT_VERSION = '2';

/**
 * A chat address or phone number as it appears in a key name: SHA-256 of a namespace and the value,
 * 22 base64url characters (132 bits). Not keyed with a secret: someone holding the Redis data and a
 * number can test whether it is there (docs/security.md). Never contains ':' or braces.
 */
export function addressHash(namespace: string, value: string): string {
  return createHash('sha256').update(`demimas-${namespace}\u0000${value}`).digest('base64url').slice(0, 22);
}

/**
 * A reporter's index id: a hash of the chat address, so index key names do not spell out who
 * reported (a key listing or a Redis dump shows no phone numbers).
 */
export const reporterId = (address: string): string => addressHash('reporter', address);

/** The tag of the report side: reports, officers and invites share one slot. */
const REPORT_TAG = '{r}';

/** Every Redis key of reports (DESIGN §5). Reports have no TTL; retention is an admin action. */
export function reportKeys(prefix: string) {
  const base = `${prefix}${REPORT_TAG}:`;
  return {
    /** Hash: doc (details JSON), status, level, area, timestamps, outcome, owner. */
    report: (code: string) => `${base}r:${code}`,
    /** Hash: the reporter's address, locale and consents; deleted on "delete my data". */
    reporter: (code: string) => `${base}r:${code}:who`,
    /** List of history entries (JSON), oldest first. */
    history: (code: string) => `${base}r:${code}:log`,
    /**
     * List of refused actions on the report (JSON entries, oldest first, capped): kept apart from the
     * history so refusals can never push the report's real events out of an officer's sight.
     */
    audit: (code: string) => `${base}r:${code}:audit`,
    /** Sorted sets of codes by creation time. */
    byStatus: (status: ReportStatus) => `${base}ri:status:${status}`,
    /** What `byStatus` puts before the status (the update script builds the key from it). */
    statusPrefix: () => `${base}ri:status:`,
    byArea: (area: string) => `${base}ri:area:${area}`,
    byReporter: (reporterId: string) => `${base}ri:who:${reporterId}`,
    /** Reports waiting for an officer, by when they reached their level (escalation looks here). */
    waiting: () => `${base}ri:waiting`,
    /** String: counts every change of a report's record, history or indexes (the report scripts INCR it). */
    revision: () => `${base}ri:rev`,
    /** Sorted set: each report's code scored by `revision` at its last change (one member per report). */
    changed: () => `${base}ri:changed`,
    /** Draft key → code: submitting one draft twice gives one report. */
    draft: (reporterId: string, draftKey: string) => `${base}rd:${reporterId}:${draftKey}`,
    /** Recruiter phone reported by this reporter today → code (the phone hashed). */
    phoneLink: (reporterId: string, phone: string) =>
      `${base}rp:${reporterId}:${addressHash('phone', phone)}`,
    /** Pattern of every phone link of one reporter ("delete my data"). */
    phoneLinks: (reporterId: string) => `${base}rp:${reporterId}:*`,
    /** Pattern of every submitted-draft key of one reporter ("delete my data"). */
    drafts: (reporterId: string) => `${base}rd:${reporterId}:*`,
    /** Reports filed by this reporter on one day (UTC). */
    daily: (reporterId: string, day: string) => `${base}rl:${reporterId}:${day}`,
    /** `sent` once an alert, notice or message was handed to its channel. */
    alert: (alertId: string) => `${base}ra:${alertId}`,
  };
}

export type ReportKeys = ReturnType<typeof reportKeys>;

/** Every Redis key of the officer directory (in the report side's slot: alerts read officers). */
export function officerKeys(prefix: string) {
  const base = `${prefix}${REPORT_TAG}:`;
  return {
    /** String: the officer record (JSON). */
    officer: (id: string) => `${base}o:${id}`,
    /** Set of every officer id. */
    all: () => `${base}oi:all`,
    /** Hash: officer id → record, for the active officers of one area (one round trip per route). */
    area: (role: AreaLevel, area: string) => `${base}oi:${role}:${area}`,
    /** String: the id of the active officer at a chat address (hashed). */
    address: (address: string) => `${base}oi:addr:${addressHash('officer', address)}`,
  };
}

export type OfficerKeys = ReturnType<typeof officerKeys>;

/** Officer invites: stored under the code's hash; wrong codes counted per hashed chat. */
export function inviteKeys(prefix: string) {
  const base = `${prefix}${REPORT_TAG}:`;
  return {
    invite: (codeHash: string) => `${base}oinv:${codeHash}`,
    failures: (address: string) => `${base}ojf:${addressHash('join', address)}`,
  };
}

export type InviteKeys = ReturnType<typeof inviteKeys>;

/** The tag of the departure/return register: an entry and its indexes change together (one MULTI). */
const REGISTER_TAG = '{g}';

/**
 * Who told the village of a register entry: a hash of the chat address (never the address itself),
 * so "delete my data" finds their entries and a key listing names no one.
 */
export const registerRecorderId = (address: string): string => addressHash('register', address);

/** Every Redis key of the departure/return register (no TTL: retention purges by the anchor index). */
export function registerKeys(prefix: string) {
  const base = `${prefix}${REGISTER_TAG}:`;
  return {
    /** String: the entry (JSON). */
    entry: (id: string) => `${base}g:${id}`,
    /** Sorted sets of entry ids by creation time, per village, district or province code. */
    byArea: (area: string) => `${base}gi:area:${area}`,
    /** Sorted set of every entry id by creation time (admins). */
    all: () => `${base}gi:all`,
    /** Set of the entry ids one chat told (the recorder id, hashed). */
    byRecorder: (recorderId: string) => `${base}gi:who:${recorderId}`,
    /** Sorted set: entry id → its retention anchor month as YYYYMM. */
    anchor: () => `${base}gi:anchor`,
  };
}

export type RegisterKeys = ReturnType<typeof registerKeys>;

/** Every Redis key of one WhatsApp account (the names src/channels/whatsapp/keys.ts describes). */
export function whatsAppKeys(prefix: string, account: string) {
  const base = `${prefix}{wa:${account}}:`;
  // Media keys are stored in drafts and reports (MediaRef.ref): they keep their untagged names.
  const media = `${prefix}wa:${account}:`;
  const hashed = (value: string) => addressHash('wa', value);
  return {
    auth: { creds: `${base}auth:creds`, keysPrefix: `${base}auth:k:` },
    lease: `${base}lease`,
    outbox: {
      queue: (address: string) => `${base}out:q:${hashed(address)}`,
      ready: `${base}out:ready`,
      pending: `${base}out:pending`,
      dead: `${base}out:dead`,
    },
    contactable: `${base}contactable`,
    seen: (chatJid: string, messageId: string) => `${base}seen:${hashed(chatJid)}:${messageId}`,
    media: (id: string) => `${media}media:${id}`,
    mediaBy: (address: string) => `${media}media-by:${hashed(address)}`,
    mediaPattern: `${media}media:*`,
  };
}

/** Keys of one WhatsApp Cloud API number (the names src/channels/whatsapp-cloud/keys.ts describes). */
export function whatsAppCloudKeys(prefix: string, phoneNumberId: string) {
  const base = `${prefix}{wac:${phoneNumberId}}:`;
  const media = `${prefix}wac:${phoneNumberId}:`;
  const hashed = (value: string) => addressHash('wac', value);
  return {
    seen: (messageId: string) => `${base}seen:${addressHash('wac-id', messageId)}`,
    lastInbound: (address: string) => `${base}in:${hashed(address)}`,
    status: (messageId: string) => `${base}st:${addressHash('wac-id', messageId)}`,
    unreachable: `${base}unreachable`,
    contactable: `${base}contactable`,
    media: (id: string) => `${media}media:${id}`,
    mediaBy: (address: string) => `${media}media-by:${hashed(address)}`,
    inbox: `${base}inbox`,
    inboxProgress: (entryId: string) => `${base}inbox:p:${entryId}`,
    held: (address: string) => `${base}held:${hashed(address)}`,
    addressId: hashed,
  };
}

/** The tag of subscriptions and broadcasts: a subscriber and the indexes change together (one MULTI). */
const BROADCAST_TAG = '{bc}';

/** Every Redis key of subscriptions and broadcasts (DESIGN §12). Index members are chat addresses. */
export function broadcastKeys(prefix: string) {
  const base = `${prefix}${BROADCAST_TAG}:`;
  return {
    /** String: the subscriber record (JSON), by hashed chat address; deleted by `hapus`. */
    subscriber: (address: string) => `${base}u:${addressHash('subscriber', address)}`,
    /** Set of every subscribed address (admin counts). */
    all: () => `${base}si:all`,
    /** Set of the addresses subscribed to new jobs in a country (`*`: any country). */
    jobs: (country: string) => `${base}si:jobs:${country}`,
    /** Set of the addresses subscribed to warnings for a district (`PP.KK`). */
    warnings: (district: string) => `${base}si:warn:${district}`,
    /** Hash: a broadcast's definition (JSON) and its counters. */
    broadcast: (id: string) => `${base}b:${id}`,
    /** Hash: hashed recipient → `sending`, `sent`, `blocked`, `skipped`; one mark per recipient. */
    marks: (id: string) => `${base}b:${id}:m`,
    /** The mark's field for one recipient (hashed). */
    markField: (address: string) => addressHash('recipient', address),
    /** Sorted set of broadcast ids by creation time. */
    byTime: () => `${base}bi`,
    /** Set of job listing ids already announced to subscribers. */
    announced: () => `${base}announced`,
    /** Hash: a village officer's warning proposal (JSON) and its decision. */
    proposal: (id: string) => `${base}w:${id}`,
    /** Sorted set of the proposals waiting in a district, by time. */
    pending: (district: string) => `${base}wp:${district}`,
    /** Sorted set of the warnings (and proposals) of one officer in the last 24 hours, by time. */
    officerWarnings: (officerId: string) => `${base}wn:o:${officerId}`,
    /** Sorted set of the warnings sent to one area in the last 24 hours, by time. */
    areaWarnings: (area: string) => `${base}wn:a:${area}`,
    /** Stream: every warning step and refusal (officer id, what, which area and broadcast). */
    warningAudit: () => `${base}waudit`,
    /** Hash: listing id → listing (JSON) kept for one subscriber's daily digest (hashed address); expires. */
    digest: (bucket: string, address: string) => `${base}dg:${bucket}:u:${addressHash('digest', address)}`,
    /** Set of the addresses with listings kept for one digest; expires. */
    digestWho: (bucket: string) => `${base}dg:${bucket}:who`,
    /** Sorted set of the digests waiting to go out, by when they are due. */
    digestDue: () => `${base}dg:due`,
    /** String: broadcast messages handed to one channel on one day (`YYYYMMDD`, UTC), for its cap; expires. */
    daySent: (channel: string, day: string) => `${base}day:${channel}:${day}`,
  };
}

export type BroadcastKeys = ReturnType<typeof broadcastKeys>;

/**
 * Every Redis key of the officers' web desk (src/desk/). Each is written alone (no tag): tokens from
 * cookies and client addresses appear only hashed, so a key listing neither names anyone nor gives a
 * token that would open a session.
 */
export function deskKeys(prefix: string) {
  const base = `${prefix}desk:`;
  return {
    /** Hash: a signed-in officer's session (officer id, CSRF token, times); idle expiry. */
    session: (token: string) => `${base}s:${addressHash('desk-session', token)}`,
    /** Hash: a sign-in code waiting (the code hashed, the officer id or '', wrong tries); expires. */
    challenge: (token: string) => `${base}c:${addressHash('desk-challenge', token)}`,
    /** Counter of one kind of attempt by one officer or client address in the current window. */
    attempts: (kind: string, subject: string) => `${base}n:${kind}:${addressHash('desk-attempt', subject)}`,
    /** Stream: every view, action and export on the desk (officer id, what, which report; no names). */
    audit: () => `${base}audit`,
  };
}

export type DeskKeys = ReturnType<typeof deskKeys>;

/** Every Redis key name of the bot, under one prefix. */
export interface Keys {
  /** Session of one user: `<prefix>s:<hash of the user key>`. */
  session(userKey: string): string;
  /** Pattern matching every session key, for scans. */
  readonly sessionPattern: string;
  readonly reports: ReportKeys;
  readonly officers: OfficerKeys;
  readonly invites: InviteKeys;
  readonly register: RegisterKeys;
  readonly broadcasts: BroadcastKeys;
  readonly desk: DeskKeys;
  whatsapp(account: string): ReturnType<typeof whatsAppKeys>;
  whatsappCloud(phoneNumberId: string): ReturnType<typeof whatsAppCloudKeys>;
  /** Marker of a Telegram update taken by one of the bot's processes (expires); no personal data. */
  telegramUpdate(botId: number, updateId: number): string;
  /** BullMQ's prefix for the report queues (its keys are `<bull>:<queue>:…`). */
  readonly bull: string;
  /** String: the key layout version (`KEY_LAYOUT_VERSION`) once this Redis uses it. */
  readonly layout: string;
}

export function createKeys(prefix: string): Keys {
  return {
    session: (userKey) => `${prefix}s:${addressHash('session', userKey)}`,
    sessionPattern: `${prefix}s:*`,
    reports: reportKeys(prefix),
    officers: officerKeys(prefix),
    invites: inviteKeys(prefix),
    register: registerKeys(prefix),
    broadcasts: broadcastKeys(prefix),
    desk: deskKeys(prefix),
    whatsapp: (account) => whatsAppKeys(prefix, account),
    whatsappCloud: (phoneNumberId) => whatsAppCloudKeys(prefix, phoneNumberId),
    telegramUpdate: (botId, updateId) => `${prefix}tg:${botId}:u:${updateId}`,
    bull: `${prefix}{bull}`,
    layout: `${prefix}key-layout`,
  };
}
