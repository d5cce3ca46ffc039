import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { copyContent } from '../helpers/content-copy.js';
import { replyTo, runMain } from '../helpers/run-main.js';

describe('console chat (npm start, script on stdin)', () => {
  it('walks the guide and the eligibility check in Indonesian', async () => {
    const run = await runMain([
      '1', // the language list comes first for a new user: Bahasa Indonesia
      '1',
      '1',
      '2',
      'lanjut',
      'lanjut',
      'sebelumnya',
      '0',
      '2',
      '24',
      '1',
      '1',
      'ya',
      'ya',
      'belum',
      'ya',
      'tidak',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Demo mode');
    // A new user: the welcome and the languages, each named in itself; then the menu in Indonesian.
    expect(run.stdout.startsWith('*Pilih bahasa*')).toBe(true);
    expect(run.stdout).toContain('Halo!');
    expect(run.stdout).toContain('2. Basa Jawa');
    expect(replyTo(run.stdout, '1')).toContain('1. Cara kerja ke luar negeri secara resmi');
    expect(replyTo(run.stdout, '2')).toContain('[1/');
    expect(replyTo(run.stdout, 'lanjut', 1)).toContain('[3/');
    expect(replyTo(run.stdout, 'sebelumnya')).toContain('[2/');
    expect(replyTo(run.stdout, '24')).toContain('Ke negara mana');
    const result = replyTo(run.stdout, 'tidak');
    expect(result).toContain('*Hasil cek Anda*');
    expect(result).toContain('*Dokumen yang belum Anda punya*');
    expect(result).toContain('*Langkah berikutnya*');
    expect(result).toContain('0. Menu utama');
  });

  it('switches to English and walks the guide and the check', async () => {
    const run = await runMain([
      '6', // English, from the language list a new user sees first
      '1',
      '1',
      '4',
      'next',
      '0',
      'check me',
      '40',
      'South Korea',
      'factory',
      'no',
      'yes',
      'yes',
      'yes',
      'yes',
      'yes',
    ]);
    expect(run.code).toBe(0);
    expect(replyTo(run.stdout, '6')).toContain('*Main menu*');
    expect(replyTo(run.stdout, '4')).toContain('Japan');
    expect(replyTo(run.stdout, '40')).toContain('which country');
    const last = run.stdout.slice(run.stdout.lastIndexOf('> yes'));
    expect(last).toContain('*Your result*');
    expect(last).toContain('Your basic documents are complete.');
    expect(last).toContain('*Next step*');
  });

  it('checks a pasted offer and runs the yes/no check', async () => {
    const offer = 'Lowongan admin online di Kamboja, gaji 15jt, tanpa pengalaman. Hub WA 0812-3456-7890';
    // The result offers 1 report, 2 why and what to check; then 2 is the yes/no questions.
    const run = await runMain([offer, '2', '2', 'mungkin', 'ya', '1', '0', '7', '3', 'tidak', 'ya', '1']);
    expect(run.code).toBe(0);
    const scan = replyTo(run.stdout, offer);
    expect(scan).toContain('*Risiko tinggi*');
    expect(replyTo(run.stdout, '2')).toContain('+62 812 3456 7890');
    expect(replyTo(run.stdout, 'mungkin')).toContain('Jawab ya atau tidak');
    expect(replyTo(run.stdout, 'ya')).toContain('*Tanda bahaya serius*');
    expect(replyTo(run.stdout, '1')).toContain('*Risiko tinggi*');
    const family = run.stdout.slice(run.stdout.lastIndexOf('> 1'));
    expect(family).toContain('+60 17-668 8032');
  });

  it('never crashes on odd input', async () => {
    const run = await runMain([
      '',
      '   ',
      '\u0007\u0000',
      '99',
      '😀😀😀',
      'x'.repeat(20_000),
      'tolong',
      'stop',
    ]);
    expect(run.code).toBe(0);
    expect(replyTo(run.stdout, '99')).toContain('Nomor itu tidak ada');
    expect(replyTo(run.stdout, 'tolong')).toContain('0800-1000');
    expect(run.stdout).toContain('sangat panjang');
  });

  it('keeps the session in Redis between runs when REDIS_URL is set', async () => {
    const env = {
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `t${randomUUID().slice(0, 6)}:`,
      CONSOLE_USER: 'persist',
    };
    const first = await runMain(['6'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('Demo mode');
    const second = await runMain(['1'], env);
    expect(second.stdout).toContain('Hello!');
    expect(replyTo(second.stdout, '1')).toContain('How to work abroad legally');
  });
});

describe('start-up refusals', () => {
  it('names every bad variable on its own line', async () => {
    const run = await runMain([], { SESSION_IDLE_TTL_DAYS: 'abc', DEFAULT_LOCALE: 'xx' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('config error: SESSION_IDLE_TTL_DAYS: expected a whole number');
    expect(run.stderr).toContain('config error: DEFAULT_LOCALE:');
  });

  it('refuses service mode without a reachable Redis', async () => {
    const run = await runMain([], { WHATSAPP_ENABLED: 'true', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
  });

  it('refuses service mode with no REDIS_URL at all', async () => {
    const run = await runMain([], { WHATSAPP_ENABLED: 'true' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('REDIS_URL: required');
  });

  it('does not start on invalid content and lists the errors', async () => {
    const copy = copyContent();
    try {
      copy.write('contacts.yaml', 'contacts:\n  - id: BAD ID\n');
      const run = await runMain(['1'], { CONTENT_DIR: copy.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/content error: contacts\.yaml contacts\.0\.id: /);
      expect(run.stdout).toBe('');
    } finally {
      copy.remove();
    }
  });
});
