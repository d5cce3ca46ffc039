import { createHmac, randomBytes } from 'node:crypto';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

/**
 * Fields that may hold personal data, redacted wherever they appear (top level or one level down).
 * User keys carry phone numbers (`whatsapp:62812…`); texts carry what people typed.
 */
export const REDACT_FIELDS = [
  'userKey',
  'text',
  'phone',
  'phones',
  'name',
  'reporter',
  'contact',
  'address',
  'age',
  'body',
  'caption',
] as const;

export const REDACT_PATHS = REDACT_FIELDS.flatMap((f) => [f, `*.${f}`]);

export interface LoggerOptions {
  readonly level: string;
  readonly format: 'json' | 'pretty';
  /** Defaults to stdout; the console channel logs to stderr so the chat stays readable. */
  readonly destination?: DestinationStream;
  readonly fd?: 1 | 2;
  /** Called with the level of every line at error level or above (metrics count them). */
  readonly onError?: (level: 'error' | 'fatal') => void;
}

/**
 * Errors as logged: name, message, code and stack only. Client libraries attach what they sent
 * (ioredis puts the command and its arguments — a user key, a session — on `err.command`), so the
 * error object itself is never logged.
 */
export function safeError(err: unknown): object {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: err.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(err.stack ? { stack: err.stack } : {}),
  };
}

/** pino logger with PII redaction; JSON by default, `pretty` for reading in a terminal. */
export function createLogger(opts: LoggerOptions): PinoLogger {
  const base = {
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'demimas-bot' },
    serializers: { err: safeError },
    ...(opts.onError ? { hooks: { logMethod: errorHook(opts.onError) } } : {}),
  };
  if (opts.destination) return pino(base, opts.destination);
  if (opts.format === 'pretty') {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: opts.fd ?? 1, colorize: true } },
    });
  }
  return pino(base, pino.destination({ fd: opts.fd ?? 1, sync: false }));
}

const ERROR_LEVEL = 50;
const FATAL_LEVEL = 60;

/** A pino `logMethod` hook that reports lines at error level or above, then logs them as usual. */
function errorHook(onError: (level: 'error' | 'fatal') => void) {
  return function (
    this: PinoLogger,
    args: Parameters<PinoLogger['info']>,
    method: (...a: Parameters<PinoLogger['info']>) => void,
    level: number,
  ): void {
    if (level >= ERROR_LEVEL) onError(level >= FATAL_LEVEL ? 'fatal' : 'error');
    method.apply(this, args);
  };
}

/**
 * A per-process pseudonym for a user key, so log lines of one user can be followed without
 * revealing who it is. The key is random per process: pseudonyms cannot be reversed or joined later.
 */
export function createPseudonymizer(): (userKey: string) => string {
  const secret = randomBytes(32);
  return (userKey) => createHmac('sha256', secret).update(userKey).digest('base64url').slice(0, 12);
}
