import type { GlobalWord } from '../intents.js';
import { t } from '../message.js';
import type { Session } from '../session.js';
import { MENU, type EngineParts, type Turn } from './parts.js';
import { handOver, startFlow } from './settle.js';

/** Global words win over the running flow: menu, help, language, SOS, cancel and stop. */
export async function onGlobal(
  parts: EngineParts,
  user: string,
  session: Session,
  word: GlobalWord,
): Promise<Turn> {
  switch (word) {
    case 'menu':
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
      return { session: stopped, replies: [{ body: [t('engine.stopped')] }] };
    }
  }
}
