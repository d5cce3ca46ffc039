import { goto, next, type Flow } from '../flow.js';
import { t, type Choice } from '../message.js';

/** Main menu entries, in order. Only areas that work are listed. */
const ENTRIES: readonly { id: string; flow: string; arg?: string }[] = [
  { id: 'guide', flow: 'guide' },
  { id: 'eligibility', flow: 'eligibility' },
  { id: 'countries', flow: 'guide', arg: 'countries' },
  { id: 'contacts', flow: 'contacts' },
  { id: 'language', flow: 'language' },
  { id: 'help', flow: 'help' },
];

const CHOICES: readonly Choice[] = ENTRIES.map((e) => ({ id: e.id, label: t(`menu.${e.id}`) }));

/** The intents free text can name; the same ids as the menu entries. */
export const MENU_INTENTS = ENTRIES.map((e) => e.id);

export function createMenuFlow(matchIntent: (text: string) => string | undefined): Flow {
  const open = (id: string) => {
    const entry = ENTRIES.find((e) => e.id === id);
    return entry ? goto(entry.flow, entry.arg === undefined ? {} : { arg: entry.arg }) : undefined;
  };
  const onText = (text: string) => {
    const intent = matchIntent(text);
    const opened = intent === undefined ? undefined : open(intent);
    return opened ?? goto('search', { arg: text });
  };
  return {
    id: 'menu',
    /** `arg` is free text typed on a screen without choices: it is read as if typed at the menu. */
    start: (_ctx, arg) => (arg ? onText(arg) : next('root')),
    prompt: () => ({ title: t('menu.title'), body: [t('menu.intro')], choices: CHOICES }),
    handle: (_ctx, _state, input) =>
      input.type === 'choice' ? (open(input.id) ?? next('root')) : onText(input.text),
  };
}
