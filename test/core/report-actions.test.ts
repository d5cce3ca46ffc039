import { describe, expect, it } from 'vitest';
import { REPORT_COMMANDS, type ReportCommandMatch } from '../../src/core/intents.js';
import {
  ACTION_DATA_LIMIT,
  ACTION_TEXT_LIMIT,
  actionOfCommand,
  decodeAction,
  encodeAction,
  flowOfAction,
  officerCommand,
} from '../../src/core/report-actions.js';

const CODE = 'R-7KQ4MX';

describe('report actions: one codec for button data', () => {
  it('round-trips every action kind, within 64 bytes (Telegram callback data), in the form already sent', () => {
    for (const type of REPORT_COMMANDS) {
      const data = encodeAction(type, CODE);
      expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(ACTION_DATA_LIMIT);
      const decoded = decodeAction(data);
      expect(decoded?.type).toBe('action');
      if (decoded?.type !== 'action') continue;
      expect(decoded.action).toMatchObject({ type, code: CODE });
      // Buttons never carry text: the flow asks for it.
      if ('text' in decoded.action) expect(decoded.action.text).toBe('');
      expect(flowOfAction(decoded.action)).toBe(type === 'answer' ? 'answer' : 'officer');
    }
    expect(encodeAction('ack', CODE)).toBe('@o:ack:R-7KQ4MX');
    expect(encodeAction('answer', CODE)).toBe('@r:answer:R-7KQ4MX');
  });

  it('never encodes a code the bot does not make', () => {
    expect(() => encodeAction('ack', 'R-7KQ4M')).toThrow(/not a report code/);
    expect(() => encodeAction('ack', 'R-7KQ4MX:x')).toThrow(/not a report code/);
    expect(() => encodeAction('show', '')).toThrow(/not a report code/);
  });

  it('leaves ordinary choice ids to the current question', () => {
    for (const id of ['menu', '1', 'yes', 'r0', 'ack', 'o:ack:R-7KQ4MX'])
      expect(decodeAction(id)).toBeUndefined();
  });

  it('refuses data over the limit, however it starts', () => {
    expect(decodeAction(`@o:ack:${CODE}${'x'.repeat(ACTION_DATA_LIMIT)}`)).toEqual({
      type: 'invalid',
      problem: 'too-long',
    });
    expect(decodeAction(`@${'o'.repeat(ACTION_DATA_LIMIT)}`)).toEqual({
      type: 'invalid',
      problem: 'too-long',
    });
    // Exactly at the limit is read (and refused for what it is, not for its length).
    expect(decodeAction(`@o:ack:${'R'.repeat(ACTION_DATA_LIMIT - 7)}`)).toEqual({
      type: 'invalid',
      problem: 'bad-code',
    });
  });

  it('refuses forged and damaged data: no shape, unknown kind, wrong side, a code the bot never makes', () => {
    const problem = (data: string) => {
      const d = decodeAction(data);
      return d?.type === 'invalid' ? d.problem : d?.type;
    };
    expect(problem('@')).toBe('malformed');
    expect(problem('@o:ack')).toBe('malformed');
    expect(problem('@o::R-7KQ4MX')).toBe('malformed');
    expect(problem('@O:ACK:R-7KQ4MX')).toBe('malformed');
    expect(problem('@o:drop-table:R-7KQ4MX')).toBe('unknown-kind');
    expect(problem('@x:ack:R-7KQ4MX')).toBe('unknown-kind');
    // Officers' actions from the reporter's side and the reporter's answer from an officer's.
    expect(problem('@r:ack:R-7KQ4MX')).toBe('unknown-kind');
    expect(problem('@o:answer:R-7KQ4MX')).toBe('unknown-kind');
    expect(problem('@o:ack:R-7KQ')).toBe('bad-code');
    expect(problem('@o:ack:R-7kq4mx')).toBe('bad-code');
    expect(problem('@o:ack:R-7KQ4MXA')).toBe('bad-code');
    expect(problem('@o:ack:R-7KQ4MX:')).toBe('bad-code');
    expect(problem('@o:ack:R-7KQ4MX\n')).toBe('bad-code');
    expect(problem('@o:ack:R-7KQ}MX')).toBe('bad-code');
  });
});

describe('report actions: typed commands', () => {
  const match = (command: ReportCommandMatch['command'], rest: string): ReportCommandMatch => ({
    command,
    code: CODE,
    rest,
  });

  it('carries the text of notes, questions and answers, cut to the limit; other kinds carry none', () => {
    expect(actionOfCommand(match('note', '  sudah didatangi  '))).toEqual({
      type: 'note',
      code: CODE,
      text: 'sudah didatangi',
    });
    expect(actionOfCommand(match('ack', 'apa saja'))).toEqual({ type: 'ack', code: CODE });
    const long = actionOfCommand(match('answer', 'a'.repeat(ACTION_TEXT_LIMIT + 50)));
    expect(long.type === 'answer' && long.text.length).toBe(ACTION_TEXT_LIMIT);
  });

  it('reads the officer command: join with an invite code, or the officer page', () => {
    expect(officerCommand('petugas K7QM-4XTA')).toEqual({ type: 'join', invite: 'K7QM-4XTA' });
    expect(officerCommand('/petugas@demimas_bot')).toEqual({ type: 'home' });
    expect(officerCommand('petugas desa saya belum datang ke rumah')).toBeUndefined();
    expect(officerCommand('halo')).toBeUndefined();
  });
});
