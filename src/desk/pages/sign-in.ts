import { html, type Html } from '../html.js';
import { csrfField, notice, page, type PageContext } from './layout.js';

/** Messages the sign-in pages may show above their form. */
export type SignInNotice = 'signed-out' | 'expired' | 'wrong' | 'gone' | 'limited' | 'sent';

const noticeOf = (ctx: PageContext, n: SignInNotice | undefined, minutes: number): Html | '' => {
  switch (n) {
    case undefined:
      return '';
    case 'signed-out':
      return notice(ctx.t('desk.signIn.signedOut'));
    case 'expired':
      return notice(ctx.t('desk.signIn.expired'), true);
    case 'sent':
      return notice(ctx.t('desk.code.sent', { minutes }));
    case 'wrong':
      return notice(ctx.t('desk.code.wrong'), true);
    case 'gone':
      return notice(ctx.t('desk.code.gone'), true);
    case 'limited':
      return notice(ctx.t('desk.signIn.limited'), true);
  }
};

/** Step 1: who are you? The bot sends a code to the chat registered for that officer. */
export function signInPage(ctx: PageContext, formToken: string, n?: SignInNotice): Html {
  const t = ctx.t;
  return page(
    ctx,
    t('desk.signIn.title'),
    html`${noticeOf(ctx, n, 0)}
      <p>${t('desk.signIn.intro')}</p>
      <form method="post" action="/desk/sign-in" class="box">
        ${csrfField(formToken)}
        <label for="who">${t('desk.signIn.label')}</label>
        <input id="who" name="who" type="text" required maxlength="100" autocomplete="username" />
        <button type="submit">${t('desk.signIn.send')}</button>
      </form>
      <p class="muted">${t('desk.signIn.noPassword')}</p>`,
  );
}

/** Step 2: the code from the chat. */
export function codePage(
  ctx: PageContext,
  formToken: string,
  opts: { readonly minutes: number; readonly digits: number; readonly notice?: SignInNotice },
): Html {
  const t = ctx.t;
  return page(
    ctx,
    t('desk.code.title'),
    html`${noticeOf(ctx, opts.notice, opts.minutes)}
      <p>${t('desk.code.intro', { digits: opts.digits, minutes: opts.minutes })}</p>
      <form method="post" action="/desk/code" class="box">
        ${csrfField(formToken)}
        <label for="code">${t('desk.code.label')}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputmode="numeric"
          pattern="[0-9 ]*"
          autocomplete="one-time-code"
          required
          maxlength="12"
        />
        <button type="submit">${t('desk.code.submit')}</button>
      </form>
      <p><a href="/desk/sign-in">${t('desk.code.again')}</a></p>`,
  );
}
