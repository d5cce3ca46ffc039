/** What "delete my data" (`hapus`, Telegram `/hapus`) did. */
export type ForgetResult =
  /** Everything the bot kept about the address outside the session is gone; `reports` lost their reporter. */
  | { readonly type: 'forgotten'; readonly reports: number }
  /** The address is a registered officer: nothing was deleted (an admin revokes officers). */
  | { readonly type: 'officer' };

/**
 * Deletes a user's data on their request (DESIGN §9). Implemented outside the core: the reports'
 * reporter data and index entries, the channel's traces of the address (WhatsApp contact book, photos).
 * The session is not its business: the engine deletes it at the end of the turn that asked, so the
 * turn cannot write it back.
 */
export interface ForgetDesk {
  /** Whether the address is a registered officer (they are told to ask an admin instead). */
  isOfficer(address: string): Promise<boolean>;
  /**
   * Removes the reporter's identity from every report they filed (the reports stay, for the officers)
   * and the channel's data about the address. Idempotent; refuses officers. Throws when storage is
   * unreachable (the user is told to try again; nothing is half-promised).
   */
  forget(address: string): Promise<ForgetResult>;
}

/**
 * For engines built without a forget desk (benchmarks, tests of other parts): deleting fails, so the
 * user is told to try again — never that data was deleted when it was not.
 */
export const unwiredForgetDesk: ForgetDesk = {
  isOfficer: () => Promise.resolve(false),
  forget: () => Promise.reject(new Error('no forget desk is wired into this engine')),
};
