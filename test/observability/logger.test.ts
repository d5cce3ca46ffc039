import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, createPseudonymizer } from '../../src/observability/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes JSON and redacts personal data at the top level and one level down', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'debug', format: 'json', destination });
    log.info(
      {
        userKey: 'whatsapp:6281234567890',
        text: 'Pak Budi 0812-3456-7890',
        msg: { text: 'secret' },
        report: { phone: '0812999' },
      },
      'inbound',
    );
    const out = lines.join('');
    expect(() => JSON.parse(out) as unknown).not.toThrow();
    for (const secret of ['6281234567890', 'Pak Budi', 'secret', '0812999'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('logs errors without what a client library attached to them', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', format: 'json', destination });
    const err = Object.assign(new Error('OOM command not allowed'), {
      code: 'ERR',
      command: { name: 'evalsha', args: ['dm:s:whatsapp:6281234567890', '{"q":"saya Siti dari Indramayu"}'] },
    });
    log.warn({ err }, 'session write failed');
    const out = lines.join('');
    expect(out).toContain('OOM command not allowed');
    expect(out).not.toContain('6281234567890');
    expect(out).not.toContain('Siti');
  });

  it('gives stable, non-reversible pseudonyms within a process', () => {
    const p = createPseudonymizer();
    expect(p('telegram:1')).toBe(p('telegram:1'));
    expect(p('telegram:1')).not.toBe(p('telegram:2'));
    expect(p('telegram:1')).not.toContain('telegram');
    expect(createPseudonymizer()('telegram:1')).not.toBe(p('telegram:1'));
  });
});
