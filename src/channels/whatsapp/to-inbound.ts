import {
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  isLidUser,
  normalizeMessageContent,
  type proto,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { addressOfGroupMember, addressOfUserJid } from './address.js';

/** Why a message is not answered; logged (never its text or sender). */
export type IgnoreReason =
  | 'own'
  | 'status'
  | 'broadcast'
  | 'newsletter'
  | 'group'
  | 'protocol'
  | 'reaction'
  | 'sticker'
  | 'stub'
  | 'empty'
  | 'other'
  | 'no-address';

/** Content the bot cannot read yet: the user is told so. */
export type UnsupportedKind = 'audio' | 'video' | 'document' | 'location' | 'contact';

export interface IncomingMessage {
  readonly type: 'message';
  readonly id: string;
  /** The chat to answer in, as received (a LID JID stays a LID JID). */
  readonly chatJid: string;
  /** The user key: `whatsapp:<number>`, or `whatsapp:lid:<lid>` while the number is not known. */
  readonly address: string;
  /** Set when `address` is a LID address: the LID JID to look a phone number up for. */
  readonly lid?: string;
  /** False in groups: a group member has not written to the bot in private. */
  readonly privateChat: boolean;
  readonly text: string;
  readonly image?: proto.Message.IImageMessage;
  /** A recorded voice note (push-to-talk); a forwarded audio file stays unsupported. */
  readonly voice?: proto.Message.IAudioMessage;
  readonly unsupported?: UnsupportedKind;
}

export type Classified = IncomingMessage | { readonly type: 'ignore'; readonly reason: IgnoreReason };

const UNSUPPORTED: Partial<Record<keyof proto.IMessage, UnsupportedKind>> = {
  audioMessage: 'audio',
  videoMessage: 'video',
  ptvMessage: 'video',
  documentMessage: 'document',
  locationMessage: 'location',
  liveLocationMessage: 'location',
  contactMessage: 'contact',
  contactsArrayMessage: 'contact',
};

const ignore = (reason: IgnoreReason): Classified => ({ type: 'ignore', reason });

/**
 * Reads one received message (`messages.upsert` of type notify): who wrote, in which chat, and what.
 * Own messages, status updates, broadcasts, channels, protocol messages (edits, deletions, key
 * exchanges), reactions and stickers are ignored, and so are groups not in `groups`.
 * Wrappers (disappearing, view-once, document with caption) are unwrapped by Baileys' normaliser.
 */
export function classifyMessage(msg: WAMessage, groups: ReadonlySet<string>): Classified {
  const key = msg.key;
  const chatJid = key.remoteJid;
  if (!chatJid || !key.id) return ignore('other');
  if (key.fromMe) return ignore('own');
  if (isJidStatusBroadcast(chatJid)) return ignore('status');
  if (isJidBroadcast(chatJid)) return ignore('broadcast');
  if (isJidNewsletter(chatJid)) return ignore('newsletter');
  const group = isJidGroup(chatJid) === true;
  if (group && !groups.has(chatJid)) return ignore('group');

  const content = normalizeMessageContent(msg.message);
  if (!content) return ignore(msg.messageStubType ? 'stub' : 'empty');
  const kind = getContentType(content);
  if (kind === undefined) return ignore('empty');
  if (kind === 'protocolMessage') return ignore('protocol');
  if (kind === 'reactionMessage' || kind === 'encReactionMessage') return ignore('reaction');
  if (kind === 'stickerMessage' || kind === 'lottieStickerMessage') return ignore('sticker');

  let text: string | undefined;
  let image: proto.Message.IImageMessage | undefined;
  let voice: proto.Message.IAudioMessage | undefined;
  if (kind === 'audioMessage' && content.audioMessage?.ptt === true) {
    voice = content.audioMessage;
    text = '';
  } else if (kind === 'conversation') text = content.conversation ?? '';
  else if (kind === 'extendedTextMessage') text = content.extendedTextMessage?.text ?? '';
  else if (kind === 'imageMessage' && content.imageMessage) {
    image = content.imageMessage;
    text = image.caption ?? '';
  }
  const unsupported = voice ? undefined : UNSUPPORTED[kind];
  if (text === undefined && unsupported === undefined) return ignore('other');

  const who = sender(msg, group);
  if (!who) return ignore('no-address');
  return {
    type: 'message',
    id: key.id,
    chatJid,
    address: who.address,
    ...(who.lid ? { lid: who.lid } : {}),
    privateChat: !group,
    text: text ?? '',
    ...(image ? { image } : {}),
    ...(voice ? { voice } : {}),
    ...(unsupported ? { unsupported } : {}),
  };
}

/**
 * The sender's address. WhatsApp may address a user by LID (`…@lid`) and give the phone number as the
 * alternate JID (`remoteJidAlt` / `participantAlt` in Baileys 7; `senderPn` in its earlier builds).
 */
function sender(msg: WAMessage, group: boolean): { address: string; lid?: string } | undefined {
  const key = msg.key;
  const chatJid = key.remoteJid ?? '';
  if (group) {
    const member = [key.participantAlt, key.participant].find((j) => j && !isLidUser(j)) ?? key.participant;
    const address = member ? addressOfGroupMember(chatJid, member) : undefined;
    return address ? { address } : undefined;
  }
  const legacyPn = (key as { senderPn?: unknown }).senderPn;
  const alternatives = [key.remoteJidAlt, typeof legacyPn === 'string' ? legacyPn : undefined];
  if (isLidUser(chatJid)) {
    const pn = alternatives.map(addressOfUserJid).find((a) => a && !a.startsWith('whatsapp:lid:'));
    if (pn) return { address: pn };
  }
  const address = addressOfUserJid(chatJid);
  if (!address) return undefined;
  return isLidUser(chatJid) ? { address, lid: chatJid } : { address };
}
