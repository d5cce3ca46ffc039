import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { jidOfAddress } from '../../../src/channels/whatsapp/address.js';
import { classifyMessage } from '../../../src/channels/whatsapp/to-inbound.js';
import { USER, USER_JID, nextId, textFrom } from './fake-socket.js';

const GROUP = '120363012345678901@g.us';
const groups = new Set([GROUP]);
const withContent = (message: proto.IMessage, key: Partial<WAMessage['key']> = {}): WAMessage => ({
  key: { remoteJid: USER_JID, fromMe: false, id: nextId(), ...key },
  message,
});
const reason = (m: WAMessage) => {
  const c = classifyMessage(m, groups);
  return c.type === 'ignore' ? c.reason : 'answered';
};

describe('WhatsApp messages.upsert → what the bot answers', () => {
  it('reads plain text, extended text, replies and disappearing messages', () => {
    const plain = classifyMessage(textFrom(USER_JID, 'menu'), groups);
    expect(plain).toMatchObject({
      type: 'message',
      chatJid: USER_JID,
      address: `whatsapp:${USER}`,
      text: 'menu',
      privateChat: true,
    });
    const reply = withContent({
      extendedTextMessage: {
        text: '2',
        contextInfo: { stanzaId: 'X', quotedMessage: { conversation: 'Pilih nomor' } },
      },
    });
    expect(classifyMessage(reply, groups)).toMatchObject({ type: 'message', text: '2' });
    const ephemeral = withContent({ ephemeralMessage: { message: { conversation: 'lanjut' } } });
    expect(classifyMessage(ephemeral, groups)).toMatchObject({ type: 'message', text: 'lanjut' });
  });

  it('reads an image with its caption, also inside a view-once wrapper', () => {
    const image = { mimetype: 'image/jpeg', caption: 'bukti', fileLength: 1234, url: 'https://x' };
    expect(classifyMessage(withContent({ imageMessage: image }), groups)).toMatchObject({
      type: 'message',
      text: 'bukti',
      image: { mimetype: 'image/jpeg' },
    });
    const once = withContent({
      viewOnceMessageV2: { message: { imageMessage: { ...image, caption: null } } },
    });
    expect(classifyMessage(once, groups)).toMatchObject({ type: 'message', text: '' });
  });

  it('ignores own messages, status updates, broadcasts, channels, protocol messages, reactions and stickers', () => {
    expect(reason(textFrom(USER_JID, 'hi', { fromMe: true }))).toBe('own');
    expect(reason(textFrom('status@broadcast', 'story', { participant: USER_JID }))).toBe('status');
    expect(reason(textFrom('1234567@broadcast', 'promo', { participant: USER_JID }))).toBe('broadcast');
    expect(reason(textFrom('120363000000000000@newsletter', 'news'))).toBe('newsletter');
    const revoke = { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: 'X' } } };
    expect(reason(withContent(revoke))).toBe('protocol');
    const edit = { protocolMessage: { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT } };
    expect(reason(withContent(edit))).toBe('protocol');
    expect(reason(withContent({ reactionMessage: { text: '👍', key: { id: 'X' } } }))).toBe('reaction');
    expect(reason(withContent({ stickerMessage: { mimetype: 'image/webp' } }))).toBe('sticker');
    expect(
      reason({
        key: { remoteJid: USER_JID, fromMe: false, id: nextId() },
        messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT,
      }),
    ).toBe('stub');
    // A key distribution message alone carries nothing to read.
    expect(reason(withContent({ senderKeyDistributionMessage: { groupId: GROUP } }))).toBe('empty');
  });

  it('ignores groups unless configured; in a configured group each member is their own user', () => {
    expect(reason(textFrom('120363099999999999@g.us', 'halo', { participant: USER_JID }))).toBe('group');
    const inGroup = classifyMessage(
      textFrom(GROUP, 'menu', { participant: '111122223333@lid', participantAlt: USER_JID }),
      groups,
    );
    expect(inGroup).toMatchObject({
      type: 'message',
      chatJid: GROUP,
      address: `whatsapp:group:120363012345678901:${USER}`,
      privateChat: false,
    });
  });

  it('names a LID sender by the phone number WhatsApp gives with it, or by the LID while it is unknown', () => {
    const lid = '123456789012345@lid';
    expect(classifyMessage(textFrom(lid, 'halo', { remoteJidAlt: USER_JID }), groups)).toMatchObject({
      chatJid: lid,
      address: `whatsapp:${USER}`,
    });
    expect(classifyMessage(textFrom(lid, 'halo'), groups)).toMatchObject({
      chatJid: lid,
      address: 'whatsapp:lid:123456789012345',
      lid,
    });
    // Earlier Baileys 7 builds named the number `senderPn`.
    const legacy = textFrom(lid, 'halo');
    Object.assign(legacy.key, { senderPn: USER_JID });
    expect(classifyMessage(legacy, groups)).toMatchObject({ address: `whatsapp:${USER}` });
    // A device suffix is not part of the address.
    expect(classifyMessage(textFrom(`${USER}:12@s.whatsapp.net`, 'x'), groups)).toMatchObject({
      address: `whatsapp:${USER}`,
    });
  });

  it('takes a recorded voice note as a voice note (evidence), answers what it cannot read with a note, and ignores what has no sender', () => {
    const voice = classifyMessage(
      withContent({ audioMessage: { ptt: true, mimetype: 'audio/ogg; codecs=opus' } }),
      groups,
    );
    expect(voice).toMatchObject({ type: 'message', voice: { ptt: true }, text: '' });
    expect(voice).not.toHaveProperty('unsupported');
    // A forwarded audio file is not a voice note.
    expect(classifyMessage(withContent({ audioMessage: { ptt: false } }), groups)).toMatchObject({
      type: 'message',
      unsupported: 'audio',
      text: '',
    });
    expect(
      classifyMessage(
        withContent({ documentWithCaptionMessage: { message: { documentMessage: {} } } }),
        groups,
      ),
    ).toMatchObject({ unsupported: 'document' });
    expect(reason(withContent({ pollUpdateMessage: {} }))).toBe('other');
    expect(reason(withContent({ conversation: 'x' }, { remoteJid: 'weird@c.us' }))).toBe('no-address');
  });

  it('turns addresses back into JIDs for sending, never for groups', () => {
    expect(jidOfAddress(`whatsapp:${USER}`)).toBe(USER_JID);
    expect(jidOfAddress('whatsapp:lid:123456789012345')).toBe('123456789012345@lid');
    expect(jidOfAddress(`whatsapp:group:120363012345678901:${USER}`)).toBeUndefined();
    expect(jidOfAddress('telegram:123')).toBeUndefined();
  });
});
