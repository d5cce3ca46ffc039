import { REPORT_COMMANDS, type ReportCommand, type ReportCommandMatch } from './intents.js';
import { REPORT_CODE_LENGTH } from './report.js';

/**
 * What an officer or a reporter asks to do with one report, whether they pressed a button under an
 * alert or typed a command ("catatan R-7KQ4MX sudah didatangi"). One typed model from the button to
 * the desk: channels carry the encoded form untouched, the engine decodes it once, the flow of the
 * action completes it (asks for the outcome or the text), and the desk authorises it on the server.
 *
 * `text` is what a typed command wrote after the code; empty means "ask for it". Buttons never carry
 * text.
 */
export type ReportAction =
  | { readonly type: 'ack'; readonly code: string }
  | { readonly type: 'show'; readonly code: string }
  | { readonly type: 'resolve'; readonly code: string }
  | { readonly type: 'note'; readonly code: string; readonly text: string }
  | { readonly type: 'ask'; readonly code: string; readonly text: string }
  /** The reporter answers an officer's question (the only reporter action). */
  | { readonly type: 'answer'; readonly code: string; readonly text: string };

export type ReportActionType = ReportCommand;

/**
 * Everything that opens the officer or the answer flow from any step: a report action, joining with
 * an invite code ("petugas K7QM-4XTA"), or the officer's own page ("petugas").
 */
export type StandingAction =
  ReportAction | { readonly type: 'join'; readonly invite: string } | { readonly type: 'home' };

/** The flow that takes a standing action: the reporter's answer, or the officer flow for the rest. */
export const flowOfAction = (a: StandingAction): 'answer' | 'officer' =>
  a.type === 'answer' ? 'answer' : 'officer';

/** The longest note, question, resolution note or answer (a typed command's text is cut to it). */
export const ACTION_TEXT_LIMIT = 500;

/**
 * Button data of an action, at most this many bytes: Telegram's callback data allows 1–64 bytes, the
 * WhatsApp Cloud API more (list rows 200, reply buttons 256); the smallest limit holds for every channel.
 */
export const ACTION_DATA_LIMIT = 64;

/** Button data of actions starts with this; no ordinary choice id does. */
export const ACTION_PREFIX = '@';

/** Actions a button may carry, and which side may press it: `o` officers, `r` the reporter. */
const SIDE: Readonly<Record<ReportActionType, 'o' | 'r'>> = {
  ack: 'o',
  resolve: 'o',
  note: 'o',
  ask: 'o',
  show: 'o',
  answer: 'r',
};

/**
 * The shape of a report code: `R-` and six capitals or digits. New codes use REPORT_CODE_ALPHABET only;
 * the shape is wider so a code typed with a look-alike still reaches the desk, which says it does not
 * exist, and anything else (separators, key-name characters) never does.
 */
const CODE = new RegExp(`^R-[A-Z0-9]{${String(REPORT_CODE_LENGTH)}}$`);
const DATA = /^@([a-z]):([a-z-]{1,16}):(.*)$/s;

/** A string in the shape of a report code (see CODE). */
export const isReportCode = (code: string): boolean => CODE.test(code);

/**
 * The button data of an action on a report: `@o:ack:R-7KQ4MX`, `@r:answer:R-7KQ4MX` (the form the
 * buttons already sent carry, so they keep working). Throws on a code the bot never makes: a button
 * must not go out with data that cannot come back.
 */
export function encodeAction(type: ReportActionType, code: string): string {
  if (!isReportCode(code)) throw new Error(`not a report code: ${JSON.stringify(code)}`);
  const data = `${ACTION_PREFIX}${SIDE[type]}:${type}:${code}`;
  if (data.length > ACTION_DATA_LIMIT) throw new Error(`button data over ${String(ACTION_DATA_LIMIT)} bytes`);
  return data;
}

/** Why button data was not taken; the user is told the button no longer works either way. */
export type ActionDataProblem = 'too-long' | 'malformed' | 'unknown-kind' | 'bad-code';

export type DecodedAction =
  | { readonly type: 'action'; readonly action: ReportAction }
  | { readonly type: 'invalid'; readonly problem: ActionDataProblem };

/**
 * Reads button data. `undefined` when it is no action at all (an ordinary choice id, checked against
 * the current question); `invalid` when it claims to be one but is forged, damaged or of an unknown
 * kind. A well-formed action is still only a request: the desk checks the officer and the report.
 */
export function decodeAction(data: string): DecodedAction | undefined {
  if (!data.startsWith(ACTION_PREFIX)) return undefined;
  // Valid data is ASCII, so a longer string is over the limit in bytes as well.
  if (data.length > ACTION_DATA_LIMIT) return { type: 'invalid', problem: 'too-long' };
  const m = DATA.exec(data);
  if (!m) return { type: 'invalid', problem: 'malformed' };
  const [, side = '', kind = '', code = ''] = m;
  const type = REPORT_COMMANDS.find((c) => c === kind);
  if (!type || SIDE[type] !== side) return { type: 'invalid', problem: 'unknown-kind' };
  if (!isReportCode(code)) return { type: 'invalid', problem: 'bad-code' };
  return { type: 'action', action: actionOf(type, code, '') };
}

/** A typed command ("terima R-7KQ4MX", "jawab R-7KQ4MX Jumat depan") as an action; text is cut to the limit. */
export function actionOfCommand(match: ReportCommandMatch): ReportAction {
  return actionOf(match.command, match.code, match.rest.trim().slice(0, ACTION_TEXT_LIMIT));
}

function actionOf(type: ReportActionType, code: string, text: string): ReportAction {
  switch (type) {
    case 'ack':
    case 'show':
    case 'resolve':
      return { type, code };
    case 'note':
    case 'ask':
    case 'answer':
      return { type, code, text };
  }
}

/** "petugas K7QM-4XTA" (Telegram "/petugas …"): join as an officer; "petugas" alone: the officer's page. */
const OFFICER_COMMAND = /^\s*\/?(?:petugas|officer)(?:@\w+)?(?:\s+([a-z0-9][a-z0-9 -]{5,14}))?\s*$/i;

/** The officer flow's action for an officer command, or undefined when `text` is not one. */
export function officerCommand(text: string): StandingAction | undefined {
  const m = OFFICER_COMMAND.exec(text);
  if (!m) return undefined;
  return m[1] ? { type: 'join', invite: m[1] } : { type: 'home' };
}
