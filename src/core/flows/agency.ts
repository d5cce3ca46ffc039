import type { AgencyMatch } from '../../content/agency-matcher.js';
import type { Agency } from '../../content/jobs-schema.js';
import { goto, invalid, next, type Flow, type FlowContext } from '../flow.js';
import { formatDate, isoDay } from '../format.js';
import { t, type Reply, type Text } from '../message.js';

/** Licence, status, offices and contacts of an agency, with a warning when it may not place workers. */
export function agencyReply(ctx: FlowContext, agency: Agency): Reply {
  const today = isoDay(ctx.now);
  const valid = ctx.catalog.listings.agencyIsValid(agency, today);
  const area = (code: string) => ctx.catalog.areas.name(code) ?? code;
  const status: Text = valid
    ? t('agency.statusActive', { until: formatDate(agency.licence_valid_until, ctx.locale) })
    : agency.status === 'active'
      ? t('agency.statusExpired', { until: formatDate(agency.licence_valid_until, ctx.locale) })
      : t(`agency.status.${agency.status}`);
  const body: Text[] = [
    ...(agency.example ? [t('jobs.exampleData')] : []),
    status,
    t('agency.licence', { number: agency.licence_no }),
    t('agency.headOffice', { address: agency.head_office, area: area(agency.head_office_area) }),
    ...(agency.branch_areas.length > 0
      ? [t('agency.branches', { areas: agency.branch_areas.map(area).join(', ') })]
      : []),
    ...(agency.phones.length > 0
      ? [t(agency.example ? 'agency.phonesExample' : 'agency.phones', { phones: agency.phones.join(', ') })]
      : []),
    valid ? t('agency.stillVerify') : t('agency.doNotDeal'),
    t('agency.checked', { date: formatDate(agency.verified_at, ctx.locale), source: agency.source_title }),
  ];
  return { title: t(valid ? 'agency.licensedTitle' : 'agency.warningTitle', { name: agency.name }), body };
}

function matchReplies(ctx: FlowContext, match: Exclude<AgencyMatch, { type: 'empty' }>): Reply[] {
  switch (match.type) {
    case 'found':
      return [agencyReply(ctx, match.agency)];
    case 'near':
      return [
        {
          title: t('agency.nearTitle'),
          body: [
            t('agency.near', { asked: match.asked, name: match.agency.name }),
            t('agency.nearWhy'),
            t('agency.verify'),
          ],
        },
      ];
    case 'none':
      return [
        {
          title: t('agency.noneTitle'),
          body: [
            t(match.by === 'phone' ? 'agency.nonePhone' : 'agency.none', { asked: match.asked }),
            t('agency.verify'),
          ],
        },
      ];
  }
}

/** Outcome of checking a name or number: the result, then the choices to check another or report. */
function checked(ctx: FlowContext, text: string) {
  const match = ctx.catalog.agencies.check(text);
  if (match.type === 'empty') return invalid(t('agency.ask'));
  return next('done', {}, matchReplies(ctx, match));
}

/**
 * "Is this company licensed?": a name (PT/CV and spelling variants tolerated) or a phone number →
 * licensed with licence and offices, suspended or revoked, a look-alike of a licensed name, or not found.
 */
export const agencyFlow: Flow = {
  id: 'agency',
  start: (ctx, arg) => (arg ? checked(ctx, arg) : next('ask')),
  prompt(_ctx, state) {
    if (state.step === 'done') {
      return {
        title: t('check.nextTitle'),
        body: [t('agency.after')],
        choices: [
          { id: 'again', label: t('agency.again') },
          // The bot's own report form first: it reaches the village officer (review §1 #8).
          { id: 'report', label: t('check.reportHere') },
          { id: 'numbers', label: t('check.report') },
        ],
      };
    }
    return { title: t('agency.title'), body: [t('agency.intro'), t('agency.ask')] };
  },
  handle(ctx, state, input) {
    if (state.step === 'ask' || input.type === 'text') {
      return input.type === 'text' ? checked(ctx, input.text) : invalid(t('agency.ask'));
    }
    if (input.id === 'again') return next('ask');
    return input.id === 'report' ? goto('report') : goto('contacts', { arg: 'report' });
  },
};
