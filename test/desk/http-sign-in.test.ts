import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_MAX_MS } from '../../src/desk/desk-session.js';
import { deskKeys } from '../../src/storage/keys.js';
import { browser, signIn, startDeskServer, type DeskServer } from '../helpers/desk-server.js';
import { officer, MALANG } from '../helpers/report-script.js';

const PHONE = 'whatsapp:6281234567001';
const district = { ...officer('okabmalng1', 'district', MALANG, PHONE), name: 'Bu Rina' };

let servers: DeskServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function deskWith(opts: Parameters<typeof startDeskServer>[0] = {}) {
  const desk = await startDeskServer(opts);
  servers.push(desk);
  await desk.addOfficer(district);
  return desk;
}

/** Asks for a code for `who` and returns the browser on the code page with its form token. */
async function ask(desk: DeskServer, who: string, client?: string) {
  const b = browser(desk.base, client);
  const form = await b.get('/desk/sign-in');
  const asked = await b.post('/desk/sign-in', { who, _csrf: b.csrfIn(form.text) });
  const page = await b.get('/desk/code');
  return { b, asked, csrf: b.csrfIn(page.text) };
}

describe('desk sign-in over HTTP (real Redis)', () => {
  it('sends every page to sign-in without a session cookie', async () => {
    const desk = await deskWith();
    const b = browser(desk.base);
    for (const path of [
      '/desk',
      '/desk/reports',
      '/desk/reports/R-AAAAAA',
      '/desk/register',
      '/desk/nothing',
    ]) {
      const res = await b.get(path);
      expect([path, res.status, res.location]).toEqual([path, 303, '/desk/sign-in']);
    }
    const page = await b.get('/desk/sign-in');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Masuk ke meja petugas');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('signs in with a one-time code sent to the chat: HttpOnly, SameSite=Strict session, then the overview', async () => {
    const desk = await deskWith();
    const { b, asked, csrf } = await ask(desk, '0812-3456-7001');
    expect(asked.status).toBe(303);
    expect(asked.location).toBe('/desk/code?n=sent');
    const code = desk.codeFor(PHONE);
    expect(code).toMatch(/^\d{6}$/);
    // The code is kept only hashed: no value or key under the desk's prefix holds it.
    const keys = await desk.redis.keys(`${desk.prefix}desk:*`);
    for (const k of keys) {
      expect(k).not.toContain(code);
      if ((await desk.redis.type(k)) === 'hash')
        expect(JSON.stringify(await desk.redis.hgetall(k))).not.toContain(code);
    }
    const res = await b.post('/desk/code', { code: code ?? '', _csrf: csrf });
    expect(res.location).toBe('/desk');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('desk_s='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const home = await b.get('/desk');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Bu Rina');
    expect(home.text).toContain('Kabupaten Malang');
    // The waiting code's cookie is cleared once used.
    expect(b.jar.has('desk_c')).toBe(false);
  });

  it('answers an unknown id exactly as a known one, and no code opens it', async () => {
    const desk = await deskWith();
    const known = await ask(desk, district.id);
    const unknown = await ask(desk, '0899-0000-0000');
    expect(unknown.asked.status).toBe(known.asked.status);
    expect(unknown.asked.location).toBe(known.asked.location);
    expect(desk.delivered.map((d) => d.address)).toEqual([PHONE]);
    const res = await unknown.b.post('/desk/code', { code: desk.codeFor(PHONE) ?? '', _csrf: unknown.csrf });
    expect(res.location).toBe('/desk/code?n=wrong');
  });

  it('refuses a code used twice and a code past its time', async () => {
    const desk = await deskWith({ config: { codeMs: 400 } });
    const first = await ask(desk, district.id);
    const code = desk.codeFor(PHONE) ?? '';
    const challenge = first.b.jar.get('desk_c') ?? '';
    expect((await first.b.post('/desk/code', { code, _csrf: first.csrf })).location).toBe('/desk');
    const replay = browser(desk.base);
    const form = await replay.get('/desk/sign-in');
    replay.jar.set('desk_c', challenge);
    const res = await replay.post('/desk/code', { code, _csrf: replay.csrfIn(form.text) });
    expect(res.location).toBe('/desk/sign-in?n=gone');

    const late = await ask(desk, district.id);
    await new Promise((r) => setTimeout(r, 600));
    const tooLate = await late.b.post('/desk/code', { code: desk.codeFor(PHONE) ?? '', _csrf: late.csrf });
    expect(tooLate.location).toBe('/desk/sign-in?n=gone');
  });

  it('limits code guessing: 5 wrong tries end a code; 10 wrong from one address or for one officer lock sign-in', async () => {
    const desk = await deskWith();
    const wrong = (c: string) => (c === '000000' ? '000001' : '000000');
    // Per code: the sixth try, even the right code, finds nothing.
    const one = await ask(desk, district.id, '198.51.100.1');
    const code = desk.codeFor(PHONE) ?? '';
    for (let i = 0; i < 5; i++)
      expect((await one.b.post('/desk/code', { code: wrong(code), _csrf: one.csrf })).location).toBe(
        '/desk/code?n=wrong',
      );
    expect((await one.b.post('/desk/code', { code, _csrf: one.csrf })).location).toBe('/desk/sign-in?n=gone');

    // Per officer, from many addresses: after 10 wrong codes the right one is refused for the hour.
    const two = await ask(desk, district.id, '198.51.100.2');
    for (let i = 0; i < 4; i++)
      await two.b.post('/desk/code', { code: wrong(desk.codeFor(PHONE) ?? ''), _csrf: two.csrf });
    const three = await ask(desk, district.id, '198.51.100.3');
    const right = desk.codeFor(PHONE) ?? '';
    await three.b.post('/desk/code', { code: wrong(right), _csrf: three.csrf });
    expect((await three.b.post('/desk/code', { code: right, _csrf: three.csrf })).location).toBe(
      '/desk/code?n=limited',
    );
    expect(await desk.redis.exists(deskKeys(desk.prefix).attempts('wrong-officer', district.id))).toBe(1);
  });

  it('limits sign-in requests and wrong codes per client address', async () => {
    const desk = await deskWith();
    const b = browser(desk.base, '192.0.2.50');
    const csrf = b.csrfIn((await b.get('/desk/sign-in')).text);
    const answers: string[] = [];
    for (let i = 0; i < 11; i++)
      answers.push((await b.post('/desk/sign-in', { who: `08123450${i}`, _csrf: csrf })).location);
    expect(answers.slice(0, 10).every((a) => a === '/desk/code?n=sent')).toBe(true);
    expect(answers[10]).toBe('/desk/sign-in?n=limited');
    // Wrong codes from one address, over several of its codes: the eleventh attempt is refused unread.
    const other = browser(desk.base, '192.0.2.51');
    const token = other.csrfIn((await other.get('/desk/sign-in')).text);
    const results: string[] = [];
    for (let round = 0; round < 3; round++) {
      await other.post('/desk/sign-in', { who: '0899-1111-2222', _csrf: token });
      for (let i = 0; i < 4; i++)
        results.push((await other.post('/desk/code', { code: '123456', _csrf: token })).location);
    }
    expect(results.filter((r) => r === '/desk/code?n=wrong')).toHaveLength(10);
    expect(results.slice(10)).toEqual(['/desk/code?n=limited', '/desk/code?n=limited']);
  });

  it('refuses a sign-in form without its token (403) and sends nothing', async () => {
    const desk = await deskWith();
    const b = browser(desk.base);
    await b.get('/desk/sign-in');
    const res = await b.post('/desk/sign-in', { who: district.id });
    expect(res.status).toBe(403);
    expect((await b.post('/desk/sign-in', { who: district.id, _csrf: 'forged' })).status).toBe(403);
    expect(desk.delivered).toEqual([]);
  });

  it('ends a session after the idle time, and after 12 hours however active', async () => {
    let now = Date.now();
    const desk = await deskWith({ config: { sessionIdleMs: 500 }, clock: { now: () => new Date(now) } });
    const b = browser(desk.base);
    await signIn(desk, b, district.id, PHONE);
    expect((await b.get('/desk')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    const idle = await b.get('/desk');
    expect([idle.status, idle.location]).toEqual([303, '/desk/sign-in?n=expired']);

    const c = browser(desk.base);
    const active = await startDeskSession(desk, c);
    expect(active).toBe(200);
    now += SESSION_MAX_MS + 1;
    const old = await c.get('/desk/reports');
    expect([old.status, old.location]).toEqual([303, '/desk/sign-in?n=expired']);
  });

  it('signs out: the session is deleted in Redis and its cookie no longer works', async () => {
    const desk = await deskWith();
    const b = browser(desk.base);
    await signIn(desk, b, district.id, PHONE);
    const token = b.jar.get('desk_s') ?? '';
    const home = await b.get('/desk');
    const out = await b.post('/desk/sign-out', { _csrf: b.csrfIn(home.text) });
    expect(out.location).toBe('/desk/sign-in?n=signed-out');
    expect(await desk.redis.exists(deskKeys(desk.prefix).session(token))).toBe(0);
    const stolen = browser(desk.base);
    stolen.jar.set('desk_s', token);
    expect((await stolen.get('/desk')).location).toBe('/desk/sign-in?n=expired');
  });

  it('ends the session of an officer revoked meanwhile', async () => {
    const desk = await deskWith();
    const b = browser(desk.base);
    await signIn(desk, b, district.id, PHONE);
    await desk.addOfficer({ ...district, active: false });
    expect((await b.get('/desk')).location).toBe('/desk/sign-in?n=expired');
  });

  it('marks cookies Secure with the __Host- prefix behind HTTPS', async () => {
    const desk = await deskWith({ config: { secureCookie: true } });
    const b = browser(desk.base);
    const page = await b.get('/desk/sign-in');
    const set = page.headers.getSetCookie();
    expect(set[0]).toMatch(/^__Host-desk_t=[^;]+; Path=\/; SameSite=Strict; HttpOnly; Secure$/);
  });

  it('switches the language and comes back to a desk page only', async () => {
    const desk = await deskWith();
    const b = browser(desk.base);
    const res = await b.get('/desk/lang?to=en&back=%2Fdesk%2Fsign-in');
    expect(res.location).toBe('/desk/sign-in');
    expect((await b.get('/desk/sign-in')).text).toContain('Sign in to the officers');
    expect((await b.get('/desk/lang?to=id&back=https%3A%2F%2Fevil.example')).location).toBe('/desk');
    expect((await b.get('/desk/lang?to=id&back=%2F%2Fevil.example%2Fdesk')).location).toBe('/desk');
  });
});

/** Signs in as the district officer and loads the overview; returns its status. */
async function startDeskSession(desk: DeskServer, b: ReturnType<typeof browser>): Promise<number> {
  await signIn(desk, b, district.id, PHONE);
  return (await b.get('/desk')).status;
}
