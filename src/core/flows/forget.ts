import { goto, invalid, next, type Flow } from '../flow.js';
import { t } from '../message.js';

/**
 * "hapus" / "delete my data" (Telegram `/hapus`): says what will be deleted and what stays, asks
 * yes/no, then deletes through the forget desk. Officers are sent to an admin instead. After the
 * deletion the engine stores no session for the user (`forgotten`), so nothing of them is written back.
 */
export const forgetFlow: Flow = {
  id: 'forget',
  async start(ctx) {
    if (await ctx.forget.isOfficer(ctx.user)) return goto('menu', { say: [{ body: [t('forget.officer')] }] });
    return next('confirm');
  },
  prompt: () => ({
    title: t('forget.title'),
    body: [t('forget.what'), t('forget.kept'), t('forget.ask')],
    choices: [
      { id: 'yes', label: t('forget.yes') },
      { id: 'no', label: t('forget.no') },
    ],
  }),
  async handle(ctx, _state, input) {
    if (input.type !== 'choice') return invalid(t('engine.pickYesNo'));
    if (input.id !== 'yes') return goto('menu', { say: [{ body: [t('forget.cancelled')] }] });
    const result = await ctx.forget.forget(ctx.user);
    if (result.type === 'officer') return goto('menu', { say: [{ body: [t('forget.officer')] }] });
    const body =
      result.reports > 0
        ? [t('forget.done'), t('forget.doneReports', { count: result.reports })]
        : [t('forget.done')];
    return goto('menu', { say: [{ body }], forgotten: true });
  },
};
