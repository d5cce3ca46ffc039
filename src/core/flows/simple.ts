import { goto, next, type Flow } from '../flow.js';
import { LOCALES, isLocale, isRegional } from '../locale.js';
import { t } from '../message.js';

/** "bantuan" / "help": how to use the bot, then the menu. */
export const helpFlow: Flow = {
  id: 'help',
  start: () => goto('menu', { say: [{ title: t('help.title'), body: [t('help.body'), t('help.forget')] }] }),
  prompt: () => ({ body: [] }),
  handle: () => goto('menu'),
};

/** Argument that opens the language list as the first screen a new user sees. */
export const FIRST_CONTACT = 'first';

/**
 * Language choice, each language named in itself; the new language applies from the confirmation on.
 * On first contact it follows the welcome; a regional language adds a line saying that some texts
 * are still in Indonesian.
 */
export const languageFlow: Flow = {
  id: 'language',
  start: (_ctx, arg) => next('choose', arg === FIRST_CONTACT ? { first: 1 } : {}),
  prompt: (_ctx, state) => ({
    title: t('language.title'),
    body: state.data.first ? [t('engine.welcome'), t('language.intro')] : [t('language.intro')],
    choices: LOCALES.map((l) => ({ id: l, label: t(`language.name.${l}`) })),
  }),
  handle(_ctx, _state, input) {
    if (input.type === 'choice' && isLocale(input.id)) {
      const body = isRegional(input.id)
        ? [t('language.changed'), t('language.partial')]
        : [t('language.changed')];
      return goto('menu', { locale: input.id, say: [{ body }] });
    }
    // Words instead of a number ("lapor", a question): read at the menu, in the language in use.
    if (input.type === 'text') return goto('menu', { arg: input.text });
    return { type: 'invalid', reason: t('engine.pickNumber') };
  },
};
