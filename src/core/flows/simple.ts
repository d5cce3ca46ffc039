import { goto, next, type Flow } from '../flow.js';
import { LOCALES, isLocale } from '../locale.js';
import { t } from '../message.js';

/** "bantuan" / "help": how to use the bot, then the menu. */
export const helpFlow: Flow = {
  id: 'help',
  start: () => goto('menu', { say: [{ title: t('help.title'), body: [t('help.body'), t('help.forget')] }] }),
  prompt: () => ({ body: [] }),
  handle: () => goto('menu'),
};

/** Language choice; the new language applies from the confirmation on. */
export const languageFlow: Flow = {
  id: 'language',
  start: () => next('choose'),
  prompt: () => ({
    title: t('language.title'),
    body: [t('language.intro')],
    choices: LOCALES.map((l) => ({ id: l, label: t(`language.name.${l}`) })),
  }),
  handle(_ctx, _state, input) {
    if (input.type === 'choice' && isLocale(input.id)) {
      return goto('menu', { locale: input.id, say: [{ body: [t('language.changed')] }] });
    }
    return { type: 'invalid', reason: t('engine.pickNumber') };
  },
};
