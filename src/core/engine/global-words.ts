import type { GlobalWord } from '../intents.js';
import { t } from '../message.js';
import type { Session } from '../session.js';
import { MENU, type EngineParts, type Turn } from './parts.js';
import { handOver, startFlow } from './settle.js';

/**
 * Global words win over the running flow: menu, help, language, SOS, cancel and stop. STOP also ends
 * every opt-in alert at once (DESIGN §12); the first menu word after it (`mulai`) offers them back,
 * and only a yes restarts them.
 */
export async function onGlobal(
  parts: EngineParts,
  user: string,
  session: Session,
  word: GlobalWord,
): Promise<Turn> {
  switch (word) {
    case 'menu': {
      const desk = parts.deps.subscriptions;
      const stopped = desk ? (await desk.get(user))?.stopped : undefined;
      return startFlow(
        parts,
        user,
        session,
        stopped ? 'subscriptions' : 'menu',
        [],
        stopped ? 'resume' : undefined,
      );
    }
    case 'help':
    case 'language':
    case 'sos':
      return startFlow(parts, user, session, word);
    case 'cancel': {
      // Cancelling also forgets the progress of the flow being cancelled.
      const rest = Object.entries(session.saved ?? {}).filter(([flow]) => flow !== session.flow);
      const cancelled: Session = {
        locale: session.locale,
        flow: 'menu',
        ...MENU,
        ...(rest.length > 0 ? { saved: Object.fromEntries(rest) } : {}),
      };
      return startFlow(parts, user, cancelled, 'menu', [
        { body: [t(session.flow === 'menu' ? 'engine.nothingToCancel' : 'engine.cancelled')] },
      ]);
    }
    case 'stop': {
      const { saved } = handOver(parts, session, 'menu');
      const stopped: Session = {
        locale: session.locale,
        flow: 'menu',
        ...MENU,
        ...(saved ? { saved } : {}),
      };
      const ended = (await parts.deps.subscriptions?.stopAll(user)) ?? 0;
      const said =
        ended > 0 ? [t('engine.stopped'), t('subs.stoppedAll', { count: ended })] : [t('engine.stopped')];
      return { session: stopped, replies: [{ body: said }] };
    }
  }
}
