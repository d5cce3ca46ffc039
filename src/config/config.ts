import { z } from 'zod';
import { REDIS_ENV, redisSettings, type RedisSettings } from './redis-config.js';
import { BROADCAST_ENV, broadcastConfig, type BroadcastConfig } from './broadcast-config.js';
import { DESK_ENV, deskConfig, type DeskConfig } from './desk-config.js';
import { bool, int } from './env-values.js';

/**
 * The languages DEFAULT_LOCALE may name: the bot's (config imports nothing from the core, DESIGN §2;
 * src/core/locale.ts fails to compile when the two lists differ).
 */
const LOCALE_CODES = ['id', 'jv', 'su', 'mad', 'sas', 'en'] as const;

/**
 * Highest Redis database number accepted. A default server has 16 (0–15); a larger number must exist
 * on the server (`databases` in redis.conf), which the bot checks when it connects.
 */
export const MAX_REDIS_DB = 9999;

/**
 * The database number in a Redis URL's path (`/3` → 3; no path → 0); undefined when the path is not a
 * number from 0 to MAX_REDIS_DB (ioredis would send `SELECT NaN`, or use database 0 silently).
 */
export function redisDatabase(url: string): number | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (path === '' || path === '/') return 0;
  const m = /^\/(\d{1,4})$/.exec(path);
  return m?.[1] !== undefined && Number(m[1]) <= MAX_REDIS_DB ? Number(m[1]) : undefined;
}

/**
 * What one process runs (DESIGN §10). `all`: everything, as one process serving a district. `bot`: the
 * channels, the engine and the HTTP server; it only enqueues report jobs (no workers, no sweep or
 * escalation timer) and writes sessions through (several bot processes may share users). `worker`: the
 * report and broadcast workers, the sweep and the escalation timer, and the HTTP server for /metrics and
 * health; no channel takes messages.
 */
export const ROLES = ['all', 'bot', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** Every environment variable the bot reads. `.env.example` documents each one. */
const envSchema = z.object({
  ROLE: z.enum(ROLES, { error: 'expected all, bot or worker' }).default('all'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, { error: 'expected a URL like redis://127.0.0.1:6379', abort: true })
    .refine((url) => redisDatabase(url) !== undefined, {
      error: `expected a database number from 0 to ${MAX_REDIS_DB} after the address (redis://127.0.0.1:6379/0), or none`,
    })
    .optional(),
  ...REDIS_ENV,
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]{1,20}$/i, 'expected up to 20 letters, digits, ":", "_" or "-"')
    .default('dm:'),
  SESSION_IDLE_TTL_DAYS: int(1, 365).default(30),
  SESSION_CACHE_SIZE: int(0, 1_000_000).default(10_000),
  SESSION_WRITE_MODE: z.enum(['behind', 'through']).default('behind'),
  DEFAULT_LOCALE: z.enum(LOCALE_CODES).default('id'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  CONTENT_DIR: z.string().min(1).default('content'),
  LOCALES_DIR: z.string().min(1).default('locales'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, 'expected a token from @BotFather like 123456:ABC…')
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ error: 'expected the Bot API server address, e.g. http://127.0.0.1:8081' })
    .optional(),
  TELEGRAM_WEBHOOK_URL: z
    .url({ error: 'expected the public https address Telegram should post updates to' })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 letters, digits, "_" or "-"')
    .optional(),
  HTTP_PORT: int(1, 65_535).default(8080),
  WHATSAPP_ENABLED: bool.default(false),
  WHATSAPP_ACCOUNT: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/i, 'expected up to 32 letters, digits, "_" or "-"')
    .default('main'),
  WHATSAPP_PAIRING_PHONE: z
    .string()
    .regex(/^\+?[1-9]\d{7,14}$/, "expected the bot's number with country code, e.g. 6281234567890")
    .transform((v) => v.replace(/^\+/, ''))
    .optional(),
  WHATSAPP_SEND_INTERVAL_MS: int(100, 60_000).default(1000),
  WHATSAPP_SEND_JITTER_MS: int(0, 60_000).default(500),
  WHATSAPP_GROUPS: z
    .string()
    .regex(
      /^\d[\d-]*@g\.us(\s*,\s*\d[\d-]*@g\.us)*$/,
      'expected group ids like 120363012345678901@g.us, comma-separated',
    )
    .transform((v) => v.split(',').map((g) => g.trim()))
    .optional(),
  WHATSAPP_MEDIA_MAX_MB: int(1, 16).default(5),
  WHATSAPP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('error'),
  WHATSAPP_PROVIDER: z.enum(['baileys', 'cloud']).default('baileys'),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{5,30}$/, 'expected the phone number id (digits) from WhatsApp Manager')
    .optional(),
  WHATSAPP_CLOUD_ACCESS_TOKEN: z
    .string()
    .regex(/^\S{20,}$/, 'expected a system user access token')
    .optional(),
  WHATSAPP_CLOUD_APP_SECRET: z
    .string()
    .regex(/^\S{16,}$/, "expected the app's secret (App settings → Basic)")
    .optional(),
  WHATSAPP_CLOUD_VERIFY_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 letters, digits, "_" or "-"')
    .optional(),
  WHATSAPP_CLOUD_WEBHOOK_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]{1,100}$/, 'expected a path like /whatsapp/webhook')
    .default('/whatsapp/webhook'),
  WHATSAPP_CLOUD_TEMPLATES: z.string().min(1).optional(),
  WHATSAPP_CLOUD_CLAIM_MS: int(500, 600_000).default(15_000),
  GRAPH_API_ROOT: z
    .url({ error: 'expected the Graph API address, e.g. https://graph.facebook.com/v21.0' })
    .default('https://graph.facebook.com/v21.0'),
  REPORT_ESCALATE_AFTER_MINUTES: int(1, 10_080).default(480),
  REPORTS_PER_DAY: int(1, 100).default(5),
  REPORT_JOB_ATTEMPTS: int(1, 50).default(10),
  REPORT_RETRY_DELAY_MS: int(10, 600_000).default(2000),
  REPORT_WORKERS: bool.default(true),
  REPORT_WORKER_CONCURRENCY: int(1, 500).default(20),
  JOB_LOCK_MS: int(1000, 600_000).default(30_000),
  ALERTS_PER_SECOND_TELEGRAM: int(1, 30).default(20),
  ALERTS_PER_SECOND_WHATSAPP: int(1, 10).default(1),
  USER_MESSAGES_PER_MINUTE: int(1, 10_000).default(30),
  REGISTER_RETENTION_MONTHS: int(1, 120).default(24),
  LANGUAGE_LIST_FIRST: bool.default(true),
  ...DESK_ENV,
  ...BROADCAST_ENV,
  CONSOLE_USER: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/i, 'expected up to 32 letters, digits, "_" or "-"')
    .default('local'),
});

export type Env = z.infer<typeof envSchema>;

/** `demo`: no channel configured, console chat, Redis optional. `service`: a real channel, Redis required. */
export type Mode = 'demo' | 'service';

export interface Config {
  /** What this process runs (`ROLES`); it decides `reports.workers` and, for `bot`, `sessionWriteMode`. */
  readonly role: Role;
  readonly mode: Mode;
  readonly channels: { readonly telegram: boolean; readonly whatsapp: boolean };
  readonly telegram?: {
    readonly token: string;
    readonly apiRoot?: string;
    /** Webhook mode when set; long polling otherwise. */
    readonly webhook?: { readonly url: string; readonly secret: string };
  };
  /** Set when WHATSAPP_ENABLED is true with the Baileys provider (the default). */
  readonly whatsapp?: WhatsAppConfig;
  /** Set when WHATSAPP_ENABLED is true and WHATSAPP_PROVIDER is cloud. */
  readonly whatsappCloud?: WhatsAppCloudConfig;
  readonly httpPort: number;
  /** Where Redis is (REDIS_URL, or REDIS_SENTINELS, or REDIS_CLUSTER_NODES); unset: the demo in memory. */
  readonly redis?: RedisSettings;
  readonly redisKeyPrefix: string;
  readonly sessionIdleTtlMs: number;
  readonly sessionCacheSize: number;
  readonly sessionWriteMode: Env['SESSION_WRITE_MODE'];
  readonly defaultLocale: Env['DEFAULT_LOCALE'];
  readonly log: { readonly level: Env['LOG_LEVEL']; readonly format: Env['LOG_FORMAT'] };
  readonly contentDir: string;
  readonly localesDir: string;
  readonly consoleUser: string;
  /** Messages one user may send per minute; beyond it one "please slow down", then silence. */
  readonly userMessagesPerMinute: number;
  /** A new user's first screen is the language list (unless their first message asks for something). */
  readonly languageListFirst: boolean;
  readonly reports: ReportConfig;
  /** Departure/return entries are deleted this many months after the contract end or the return. */
  readonly registerRetentionMonths: number;
  /** The district desk on the HTTP server (src/desk/), when DESK_ENABLED is true. */
  readonly desk?: DeskConfig;
  /** Officers' warnings and broadcasts to subscribers. */
  readonly broadcasts: BroadcastConfig;
}

export interface ReportConfig {
  /** Not acknowledged after this long → the next level (district, province, admins) gets it. */
  readonly escalateAfterMs: number;
  /** Reports one reporter may file per day. */
  readonly perDay: number;
  /** Tries per report job before it goes to the dead letter (admins alerted); delay doubles from `retryDelayMs`. */
  readonly attempts: number;
  readonly retryDelayMs: number;
  /**
   * Run the report workers (and the sweep and escalation timer) in this process: REPORT_WORKERS with
   * ROLE=all, never with ROLE=bot, always with ROLE=worker.
   */
  readonly workers: boolean;
  readonly concurrency: number;
  /**
   * How long a worker holds a job it runs (BullMQ's lock) and how often the others look for jobs
   * whose worker died: a job of a killed worker runs again within about twice this.
   */
  readonly lockMs: number;
  readonly alertsPerSecond: { readonly telegram: number; readonly whatsapp: number };
}

export interface WhatsAppConfig {
  /** Names the auth state and the lease in Redis: one process owns one account (one number) at a time. */
  readonly account: string;
  /** Pair by a code typed on this phone (digits with country code) instead of scanning a QR code. */
  readonly pairingPhone?: string;
  /** Outbound pacing per number: at least `sendIntervalMs` between messages, plus up to `sendJitterMs`. */
  readonly sendIntervalMs: number;
  readonly sendJitterMs: number;
  /** Group chats the bot answers in; every other group is ignored. */
  readonly groups: readonly string[];
  /** Photos larger than this are not downloaded. */
  readonly mediaMaxBytes: number;
  /** Level of Baileys' own log lines (they may hold phone numbers: keep it at error in production). */
  readonly libLogLevel: Env['WHATSAPP_LOG_LEVEL'];
}

/** The official WhatsApp Business Cloud API (src/channels/whatsapp-cloud/). */
export interface WhatsAppCloudConfig {
  readonly phoneNumberId: string;
  readonly accessToken: string;
  /** Signs every webhook body (X-Hub-Signature-256). */
  readonly appSecret: string;
  /** Meta sends it back when the webhook is subscribed. */
  readonly verifyToken: string;
  /** Where the webhook is served on the bot's HTTP server. */
  readonly webhookPath: string;
  /** YAML of approved templates per message key; none → nothing is sent outside the 24-hour window. */
  readonly templatesFile?: string;
  readonly graphApiRoot: string;
  readonly mediaMaxBytes: number;
  /** A received event held this long by a silent process (crashed) is handled by another, or after a restart. */
  readonly claimMs: number;
}

export type ConfigResult =
  { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly errors: readonly string[] };

const DAY_MS = 86_400_000;

/**
 * Parses the environment. Pure: reads only `env`, never throws; every problem is one line that names
 * the variable. Empty values count as unset.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((k) => [k, env[k]?.trim()] as const)
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const where = redisSettings(e);
  if (!where.ok) return where;
  const redis = where.redis;
  const channels = { telegram: e.TELEGRAM_BOT_TOKEN !== undefined, whatsapp: e.WHATSAPP_ENABLED };
  // A worker takes no messages but serves /metrics and health, and needs Redis like any service.
  const mode: Mode = channels.telegram || channels.whatsapp || e.ROLE === 'worker' ? 'service' : 'demo';
  if (e.ROLE !== 'all' && !redis) {
    return { ok: false, errors: [`REDIS_URL: required with ROLE=${e.ROLE} (the processes share one Redis)`] };
  }
  if (mode === 'service' && !redis) {
    return { ok: false, errors: ['REDIS_URL: required when a channel (Telegram or WhatsApp) is configured'] };
  }
  if (e.ROLE === 'bot' && mode !== 'service') {
    return {
      ok: false,
      errors: ['ROLE: bot needs a channel (TELEGRAM_BOT_TOKEN or WHATSAPP_ENABLED=true)'],
    };
  }
  if (e.DESK_ENABLED && mode !== 'service') {
    return {
      ok: false,
      errors: [
        'DESK_ENABLED: the desk is served in service mode (a channel and REDIS_URL), which sends the codes',
      ],
    };
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    return {
      ok: false,
      errors: [
        'TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL (Telegram sends it back on every update)',
      ],
    };
  }
  const desk = deskConfig(e);
  const cloud = e.WHATSAPP_ENABLED && e.WHATSAPP_PROVIDER === 'cloud' ? cloudConfig(e) : undefined;
  if (cloud && !cloud.ok) return cloud;
  return {
    ok: true,
    config: {
      role: e.ROLE,
      mode,
      ...(cloud?.ok ? { whatsappCloud: cloud.config } : {}),
      channels,
      ...(redis ? { redis } : {}),
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
      sessionIdleTtlMs: e.SESSION_IDLE_TTL_DAYS * DAY_MS,
      sessionCacheSize: e.SESSION_CACHE_SIZE,
      // Bot processes may share users: each step is read from and written to Redis before the reply.
      sessionWriteMode: e.ROLE === 'bot' ? 'through' : e.SESSION_WRITE_MODE,
      defaultLocale: e.DEFAULT_LOCALE,
      log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
      contentDir: e.CONTENT_DIR,
      localesDir: e.LOCALES_DIR,
      consoleUser: e.CONSOLE_USER,
      userMessagesPerMinute: e.USER_MESSAGES_PER_MINUTE,
      languageListFirst: e.LANGUAGE_LIST_FIRST,
      registerRetentionMonths: e.REGISTER_RETENTION_MONTHS,
      ...(desk ? { desk } : {}),
      broadcasts: broadcastConfig(e),
      reports: {
        escalateAfterMs: e.REPORT_ESCALATE_AFTER_MINUTES * 60_000,
        perDay: e.REPORTS_PER_DAY,
        attempts: e.REPORT_JOB_ATTEMPTS,
        retryDelayMs: e.REPORT_RETRY_DELAY_MS,
        workers: e.ROLE === 'all' ? e.REPORT_WORKERS : e.ROLE === 'worker',
        concurrency: e.REPORT_WORKER_CONCURRENCY,
        lockMs: e.JOB_LOCK_MS,
        alertsPerSecond: { telegram: e.ALERTS_PER_SECOND_TELEGRAM, whatsapp: e.ALERTS_PER_SECOND_WHATSAPP },
      },
      httpPort: e.HTTP_PORT,
      ...(e.WHATSAPP_ENABLED && e.WHATSAPP_PROVIDER === 'baileys'
        ? {
            whatsapp: {
              account: e.WHATSAPP_ACCOUNT,
              ...(e.WHATSAPP_PAIRING_PHONE ? { pairingPhone: e.WHATSAPP_PAIRING_PHONE } : {}),
              sendIntervalMs: e.WHATSAPP_SEND_INTERVAL_MS,
              sendJitterMs: e.WHATSAPP_SEND_JITTER_MS,
              groups: e.WHATSAPP_GROUPS ?? [],
              mediaMaxBytes: e.WHATSAPP_MEDIA_MAX_MB * 1024 * 1024,
              libLogLevel: e.WHATSAPP_LOG_LEVEL,
            },
          }
        : {}),
      ...(e.TELEGRAM_BOT_TOKEN
        ? {
            telegram: {
              token: e.TELEGRAM_BOT_TOKEN,
              ...(e.TELEGRAM_API_ROOT ? { apiRoot: e.TELEGRAM_API_ROOT } : {}),
              ...(e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
                ? { webhook: { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } }
                : {}),
            },
          }
        : {}),
    },
  };
}

/** The Cloud settings, each missing one named. */
function cloudConfig(
  e: Env,
): { ok: true; config: WhatsAppCloudConfig } | { ok: false; errors: readonly string[] } {
  const required = {
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: e.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
    WHATSAPP_CLOUD_ACCESS_TOKEN: e.WHATSAPP_CLOUD_ACCESS_TOKEN,
    WHATSAPP_CLOUD_APP_SECRET: e.WHATSAPP_CLOUD_APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: e.WHATSAPP_CLOUD_VERIFY_TOKEN,
  };
  const missing = Object.entries(required).filter(([, v]) => v === undefined);
  if (
    missing.length > 0 ||
    !e.WHATSAPP_CLOUD_PHONE_NUMBER_ID ||
    !e.WHATSAPP_CLOUD_ACCESS_TOKEN ||
    !e.WHATSAPP_CLOUD_APP_SECRET ||
    !e.WHATSAPP_CLOUD_VERIFY_TOKEN
  ) {
    return { ok: false, errors: missing.map(([k]) => `${k}: required with WHATSAPP_PROVIDER=cloud`) };
  }
  return {
    ok: true,
    config: {
      phoneNumberId: e.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
      accessToken: e.WHATSAPP_CLOUD_ACCESS_TOKEN,
      appSecret: e.WHATSAPP_CLOUD_APP_SECRET,
      verifyToken: e.WHATSAPP_CLOUD_VERIFY_TOKEN,
      webhookPath: e.WHATSAPP_CLOUD_WEBHOOK_PATH,
      ...(e.WHATSAPP_CLOUD_TEMPLATES ? { templatesFile: e.WHATSAPP_CLOUD_TEMPLATES } : {}),
      graphApiRoot: e.GRAPH_API_ROOT.replace(/\/+$/, ''),
      mediaMaxBytes: e.WHATSAPP_MEDIA_MAX_MB * 1024 * 1024,
      claimMs: e.WHATSAPP_CLOUD_CLAIM_MS,
    },
  };
}
