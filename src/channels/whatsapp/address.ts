import { isJidGroup, isLidUser, isPnUser, jidDecode } from '@whiskeysockets/baileys';

/*
 * Addresses are how the rest of the bot names a WhatsApp chat (user keys, officer addresses):
 *   whatsapp:6281234567890        a phone number (international digits, no +)
 *   whatsapp:lid:123456789012345  a user WhatsApp shows only by a LID (hidden number), when no number is known
 *   whatsapp:group:<group>:<user> one member of a group the bot is configured to answer in
 * A JID is Baileys' name for the same chat (`6281234567890@s.whatsapp.net`, `1234…@lid`).
 */

export const ADDRESS_PREFIX = 'whatsapp:';

/** The address of a phone-number or LID user JID (device suffix dropped); undefined for anything else. */
export function addressOfUserJid(jid: string | null | undefined): string | undefined {
  if (!jid) return undefined;
  const decoded = jidDecode(jid);
  if (!decoded?.user) return undefined;
  if (isPnUser(jid) && /^\d{5,20}$/.test(decoded.user)) return `${ADDRESS_PREFIX}${decoded.user}`;
  if (isLidUser(jid) && /^\d{5,25}$/.test(decoded.user)) return `${ADDRESS_PREFIX}lid:${decoded.user}`;
  return undefined;
}

/** The address of one member of a group chat. */
export function addressOfGroupMember(groupJid: string, member: string): string | undefined {
  const group = jidDecode(groupJid)?.user;
  const user = addressOfUserJid(member)?.slice(ADDRESS_PREFIX.length);
  return isJidGroup(groupJid) && group && user ? `${ADDRESS_PREFIX}group:${group}:${user}` : undefined;
}

/** The JID to send to for a person's address; undefined for groups and what is not a WhatsApp address. */
export function jidOfAddress(address: string): string | undefined {
  if (!address.startsWith(ADDRESS_PREFIX)) return undefined;
  const rest = address.slice(ADDRESS_PREFIX.length);
  if (/^\d{5,20}$/.test(rest)) return `${rest}@s.whatsapp.net`;
  const lid = /^lid:(\d{5,25})$/.exec(rest);
  return lid ? `${lid[1] ?? ''}@lid` : undefined;
}
