import { existsSync } from 'node:fs';
import type { Logger as PinoLogger } from 'pino';
import { ContentError, loadCatalog, readIntentLists, type ContentParts } from '../bootstrap.js';
import { loadConfig, type Config } from '../config/config.js';
import { formatProblem } from '../content/loader.js';
import { systemClock, type Translator } from '../core/ports.js';
import { createTranslator } from '../i18n/translator.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';

/** Node types `isTTY` as boolean, but it is undefined on pipes. */
export const isTerminal = (stream: { isTTY?: boolean }): boolean => stream.isTTY === true;

/** What every mode starts from: the configuration, logs and metrics, the content and the translations. */
export interface Startup {
  readonly config: Config;
  readonly consoleMode: boolean;
  readonly logger: PinoLogger;
  readonly metrics: Metrics;
  readonly content: ContentParts;
  readonly translator: Translator;
}

/**
 * Reads `.env` and the environment, then the content and the locales. A problem is one line per cause
 * on stderr and an exit code (2: configuration, 1: content), never a stack trace.
 */
export function start(): Startup | number {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = loadConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) process.stderr.write(`config error: ${line}\n`);
    process.stderr.write('See .env.example for every variable.\n');
    return 2;
  }
  const config = parsed.config;
  const consoleMode = config.mode === 'demo';
  // In an interactive console chat, log lines go to stderr in readable form unless LOG_FORMAT says otherwise.
  const format =
    consoleMode && isTerminal(process.stderr) && !process.env.LOG_FORMAT ? 'pretty' : config.log.format;
  const metrics = createMetrics({ processMetrics: !consoleMode });
  const logger = createLogger({
    level: config.log.level,
    format,
    fd: consoleMode ? 2 : 1,
    onError: metrics.logged,
  });

  let content: ContentParts;
  try {
    const loaded = loadCatalog(config.contentDir, systemClock.now());
    content = loaded;
    if (loaded.warnings.length > 0) {
      logger.warn(
        { warnings: loaded.warnings.length },
        'content needs attention: run `npm run content:check`',
      );
    }
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    for (const p of err.problems) process.stderr.write(`content error: ${formatProblem(p)}\n`);
    process.stderr.write('The bot does not start on invalid content. Run `npm run content:check`.\n');
    return 1;
  }

  let translator: Translator;
  try {
    translator = createTranslator(config.localesDir);
    readIntentLists(config.localesDir);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `config error: LOCALES_DIR: cannot read the translations in ${config.localesDir} (${reason})\n`,
    );
    return 2;
  }
  return { config, consoleMode, logger, metrics, content, translator };
}
