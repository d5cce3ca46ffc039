import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import type { FakeGraphApi } from '../../helpers/fake-graph-api.js';
import { freePort } from '../../helpers/redis-server.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/signature.js';
import { APP_SECRET, httpCall, PATH, PHONE_ID, TOKEN, VERIFY_TOKEN } from './harness.js';

/** Waits until `check` holds, polling; the error names `what`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The environment of the bot in service mode with WHATSAPP_PROVIDER=cloud against the fake Graph API. */
export const cloudEnv = (graph: FakeGraphApi, prefix: string, port: number): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  REDIS_URL: inject('redisUrl'),
  REDIS_KEY_PREFIX: prefix,
  HTTP_PORT: String(port),
  LOG_LEVEL: 'warn',
  WHATSAPP_ENABLED: 'true',
  WHATSAPP_PROVIDER: 'cloud',
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
  WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
  WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
  WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
  GRAPH_API_ROOT: graph.root,
});

export interface BotProcess {
  readonly port: number;
  /** Everything the process wrote. */
  output(): string;
  /** Posts a body to the webhook, signed with the app secret (or `secret`). */
  post(body: string, secret?: string): Promise<{ status: number; text: string }>;
  /** Sends a signal; resolves to the exit code (null when killed). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Runs src/main.ts as in production and waits until its webhook answers the verification. */
export async function startBotProcess(
  graph: FakeGraphApi,
  prefix: string,
  extra: Record<string, string> = {},
): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...cloudEnv(graph, prefix, port), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const bot: BotProcess = {
    port,
    output: () => out,
    post: (body, secret = APP_SECRET) =>
      httpCall(port, 'POST', PATH, body, { 'x-hub-signature-256': signBody(body, secret) }),
    async stop(signal) {
      child.kill(signal);
      return exited;
    },
  };
  // /readyz answers before the channels have started; the webhook is mounted when WhatsApp is up.
  const verifyPath = `${PATH}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=77`;
  try {
    await until(
      async () => {
        const r = await httpCall(port, 'GET', verifyPath).catch(() => ({ status: 0, text: '' }));
        return r.status === 200 && r.text === '77';
      },
      // tsx compiles the bot at start: slow on a busy machine.
      90_000,
      () => `the webhook (${out})`,
    );
  } catch (err) {
    await bot.stop('SIGKILL');
    throw err;
  }
  return bot;
}
