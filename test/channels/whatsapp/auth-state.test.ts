import { randomBytes } from 'node:crypto';
import { initAuthCreds, proto } from '@whiskeysockets/baileys';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRedisAuthState } from '../../../src/channels/whatsapp/auth-state.js';
import { whatsAppKeys } from '../../../src/storage/keys.js';
import { scanKeys } from '../../../src/storage/scan.js';
import { testRedis } from '../../helpers/redis.js';
import { deleteMatching } from '../../../src/storage/scan.js';

describe('WhatsApp auth state in Redis', () => {
  const ctx = testRedis();
  afterAll(() => ctx.cleanup());
  // The key map's names: one account's keys share a hash tag, as a Cluster needs.
  const keysFor = (name: string) => whatsAppKeys(ctx.prefix, name).auth;

  it('starts new credentials when none are stored, and reads back what was saved (Buffers included)', async () => {
    const keys = keysFor('a');
    const first = await loadRedisAuthState(ctx.redis, keys, deleteMatching);
    expect(first.state.creds.registered).toBe(false);
    const fresh = initAuthCreds();
    expect(first.state.creds.noiseKey.public).toHaveLength(fresh.noiseKey.public.length);
    // Baileys mutates the creds object in place, then emits creds.update.
    const creds = first.state.creds as { me?: { id: string }; routingInfo: Buffer | undefined };
    creds.me = { id: '6281234567890:1@s.whatsapp.net' };
    creds.routingInfo = Buffer.from([1, 2, 3, 255]);
    await first.saveCreds();

    const again = await loadRedisAuthState(ctx.redis, keys, deleteMatching);
    expect(again.state.creds.me?.id).toBe('6281234567890:1@s.whatsapp.net');
    expect(Buffer.isBuffer(again.state.creds.routingInfo)).toBe(true);
    expect([...(again.state.creds.routingInfo ?? [])]).toEqual([1, 2, 3, 255]);
    expect(Buffer.from(again.state.creds.noiseKey.private)).toEqual(
      Buffer.from(first.state.creds.noiseKey.private),
    );
    expect(again.state.creds.signedPreKey.keyId).toBe(first.state.creds.signedPreKey.keyId);
  });

  it('keeps the newest credentials when saves overlap', async () => {
    const keys = keysFor('b');
    const auth = await loadRedisAuthState(ctx.redis, keys, deleteMatching);
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 20; i++) {
      auth.state.creds.nextPreKeyId = i;
      saves.push(auth.saveCreds());
    }
    await Promise.all(saves);
    expect((await loadRedisAuthState(ctx.redis, keys, deleteMatching)).state.creds.nextPreKeyId).toBe(20);
  });

  it('stores, reads and deletes signal keys of every kind', async () => {
    const keys = keysFor('c');
    const { state } = await loadRedisAuthState(ctx.redis, keys, deleteMatching);
    const preKey = { public: randomBytes(32), private: randomBytes(32) };
    const session = randomBytes(64);
    const syncKey = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: randomBytes(32),
      timestamp: 1_700_000_000,
    });
    await state.keys.set({
      'pre-key': { '1': preKey, '2': { public: randomBytes(32), private: randomBytes(32) } },
      session: { '6281234567890.0': session },
      'app-state-sync-key': { AAAA: syncKey },
      'lid-mapping': { '6281234567890': '123456789012345' },
      'sender-key-memory': { 'group@g.us': { 'a@s.whatsapp.net': true } },
    });

    const reread = await loadRedisAuthState(ctx.redis, keys, deleteMatching);
    const pre = await reread.state.keys.get('pre-key', ['1', '3']);
    expect(Object.keys(pre)).toEqual(['1']);
    expect(Buffer.from(pre['1']!.private)).toEqual(preKey.private);
    const sessions = await reread.state.keys.get('session', ['6281234567890.0']);
    expect(Buffer.from(sessions['6281234567890.0']!)).toEqual(session);
    const sync = await reread.state.keys.get('app-state-sync-key', ['AAAA']);
    expect(sync.AAAA).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync.AAAA!.keyData!)).toEqual(Buffer.from(syncKey.keyData!));
    expect(await reread.state.keys.get('lid-mapping', ['6281234567890'])).toEqual({
      '6281234567890': '123456789012345',
    });
    expect(await reread.state.keys.get('sender-key-memory', ['group@g.us'])).toEqual({
      'group@g.us': { 'a@s.whatsapp.net': true },
    });
    expect(await reread.state.keys.get('session', [])).toEqual({});

    await reread.state.keys.set({ 'pre-key': { '1': null } });
    expect(await reread.state.keys.get('pre-key', ['1', '2'])).toHaveProperty('2');
    expect(await reread.state.keys.get('pre-key', ['1'])).toEqual({});
  });

  it('forgets everything on clear (after a logout) and leaves other accounts alone', async () => {
    const mine = keysFor('d');
    const other = keysFor('e');
    const a = await loadRedisAuthState(ctx.redis, mine, deleteMatching);
    const b = await loadRedisAuthState(ctx.redis, other, deleteMatching);
    await Promise.all([a.saveCreds(), b.saveCreds()]);
    await a.state.keys.set({
      session: { x: randomBytes(8) },
      'pre-key': { '1': { public: randomBytes(32), private: randomBytes(32) } },
    });
    await b.state.keys.set({ session: { x: randomBytes(8) } });

    await a.clear();
    const left: string[] = [];
    await scanKeys(ctx.redis, `${ctx.prefix}{wa:d}:*`, (keys) => Promise.resolve(void left.push(...keys)));
    expect(left).toEqual([]);
    expect(await ctx.redis.exists(other.creds, `${other.keysPrefix}session`)).toBe(2);
    const fresh = await loadRedisAuthState(ctx.redis, mine, deleteMatching);
    expect(fresh.state.creds.noiseKey.public).not.toEqual(a.state.creds.noiseKey.public);
  });
});
