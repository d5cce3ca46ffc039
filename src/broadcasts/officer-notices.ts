import type { ChannelName, Params } from '../core/message.js';
import type { Locale } from '../core/locale.js';
import type { MessageSender, Translator } from '../core/ports.js';
import { addressHash } from '../storage/keys.js';

/** What officers are told about warnings, by kind: the message key (locales/<lng>/warning.json). */
export const NOTICE_KEYS = {
  /** To the district's (or province's) officers: a village officer proposed a warning. */
  proposed: 'warning.proposedToYou',
  /** To the proposer: approved and sent. */
  approved: 'warning.approvedYours',
  /** To the proposer: rejected. */
  rejected: 'warning.rejectedYours',
} as const;
export type NoticeKind = keyof typeof NOTICE_KEYS;

/** One message to one officer about a warning, as queued (BullMQ job data). */
export interface OfficerNotice {
  /** Deterministic: the proposal, the kind and the hashed address (queued twice, sent once). */
  readonly id: string;
  /** The officer's chat address. */
  readonly to: string;
  readonly locale: Locale;
  readonly kind: NoticeKind;
  readonly params: Params;
}

export const officerNotice = (
  proposal: string,
  kind: NoticeKind,
  to: { readonly address: string; readonly locale: Locale },
  params: Params,
): OfficerNotice => ({
  id: `wn-${proposal}-${kind}-${addressHash('officer-notice', to.address)}`,
  to: to.address,
  locale: to.locale,
  kind,
  params,
});

/** The channel of a notice's address. */
export const noticeChannel = (n: OfficerNotice): ChannelName =>
  n.to.slice(0, n.to.indexOf(':')) as ChannelName;

/**
 * Hands one notice to its officer's channel, rendered in their language. Throws when it did not go
 * out (no sender here yet, the channel refused; `RecipientUnreachable` when no retry can reach them).
 */
export function createNoticeDelivery(
  senders: Partial<Record<ChannelName, MessageSender>>,
  translator: Translator,
) {
  return async (n: OfficerNotice): Promise<void> => {
    const sender = senders[noticeChannel(n)];
    if (!sender) throw new Error(`no sender for channel "${noticeChannel(n)}"`);
    const tr = (key: string) => translator.t(n.locale, key, n.params);
    await sender.send(n.to, [
      { title: tr('warning.noticeTitle'), body: tr(NOTICE_KEYS[n.kind]), choices: [] },
    ]);
  };
}
