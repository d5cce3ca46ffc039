import { html, type Html } from '../html.js';
import { page, type PageContext } from './layout.js';

const problem = (ctx: PageContext, key: string, back = '/desk'): Html =>
  page(
    ctx,
    ctx.t(`desk.error.${key}.title`),
    html`<p>${ctx.t(`desk.error.${key}.text`)}</p>
      <p><a href="${back}">${ctx.t('desk.error.back')}</a></p>`,
  );

/** No such page, or a report of another area (the same answer: it does not say it exists). */
export const notFoundPage = (ctx: PageContext): Html => problem(ctx, 'notFound');

/** A form without the right token (another site's, or an old page): nothing was done. */
export const forbiddenPage = (ctx: PageContext): Html => problem(ctx, 'forbidden');

/** A form the desk cannot read (too large, another type, a value out of range). */
export const badRequestPage = (ctx: PageContext): Html => problem(ctx, 'badRequest');
