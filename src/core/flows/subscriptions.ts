import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { isoDay } from '../format.js';
import { pick } from '../locale.js';
import { t, type Choice, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import type { Subscriber, Topics } from '../subscriptions.js';
import { str } from './data.js';
import { countryName } from './job-detail.js';

/**
 * `langganan`: the user's opt-in alerts — new verified jobs for a country and sector, warnings for
 * their district. Nothing is on by default; each opt-in shows the exact wording and records it once
 * the user says yes. `resume` (after STOP, when the user types `mulai`) offers back what STOP ended.
 */
const ANY = 'any';
/** The daily digest instead of a message each time listings are announced. */
const DAILY = 'daily';
const BACK: Choice = { id: 'back', label: t('guide.back') };
const YES_NO: readonly Choice[] = [
  { id: 'yes', label: t('subs.yes'), means: 'yes' },
  { id: 'no', label: t('subs.no'), means: 'no' },
];

function sectorName(ctx: FlowContext, id: string): Text {
  const info = ctx.catalog.listings.sectors.find((s) => s.id === id);
  return info ? { literal: pick(info.label, ctx.locale) } : { literal: id };
}

/** The jobs opt-in's words: what will be sent, how often, and how to stop. */
const jobsWording = (ctx: FlowContext, data: FlowData): Text => {
  const c = str(data, 'c') ?? ANY;
  const s = str(data, 's') ?? ANY;
  return t(str(data, 'o') === DAILY ? 'subs.jobsConsentDaily' : 'subs.jobsConsent', {
    country: c === ANY ? t('subs.anyCountry') : countryName(ctx, c),
    sector: s === ANY ? t('subs.anySector') : sectorName(ctx, s),
  });
};

const warningsWording = (data: FlowData): Text =>
  t('subs.warnConsent', { district: str(data, 'n') ?? str(data, 'd') ?? '' });

const resumeWording = (): Text => t('subs.resumeConsent');

/** One line per topic: what it is, or that it is off. */
function statusLines(ctx: FlowContext, topics: Topics | undefined): Text[] {
  const jobs = topics?.jobs;
  const warn = topics?.warnings;
  const place = (codes: readonly string[]) =>
    codes.length === 0 ? t('subs.anyCountry') : { literal: codes.map((c) => countryName(ctx, c)).join(', ') };
  const sectors = (ids: readonly string[]) =>
    ids.length === 0
      ? t('subs.anySector')
      : {
          literal: ids
            .map((id) =>
              pick(ctx.catalog.listings.sectors.find((s) => s.id === id)?.label ?? { id }, ctx.locale),
            )
            .join(', '),
        };
  return [
    jobs
      ? t(jobs.digest === DAILY ? 'subs.jobsOnDaily' : 'subs.jobsOn', {
          country: place(jobs.countries),
          sector: sectors(jobs.sectors),
        })
      : t('subs.jobsOff'),
    warn ? t('subs.warnOn', { district: warn.name }) : t('subs.warnOff'),
  ];
}

function rootPrompt(ctx: FlowContext, s: Subscriber | undefined): Reply {
  const topics = s?.topics;
  return {
    title: t('subs.title'),
    body: [...statusLines(ctx, topics), t('subs.intro')],
    choices: [
      topics?.jobs
        ? { id: 'jobs-off', label: t('subs.jobsStop') }
        : { id: 'jobs', label: t('subs.jobsStart') },
      ...(topics?.jobs ? [{ id: 'jobs', label: t('subs.jobsChange') }] : []),
      topics?.warnings
        ? { id: 'warn-off', label: t('subs.warnStop') }
        : { id: 'warn', label: t('subs.warnStart') },
    ],
  };
}

const confirmReply = (wording: Text): Reply => ({
  title: t('subs.title'),
  body: [wording, t('subs.askAgree')],
  choices: YES_NO,
});

export const subscriptionsFlow: Flow = {
  id: 'subscriptions',
  async start(ctx, arg) {
    if (arg === 'resume') {
      const s = await ctx.subscriptions.get(ctx.user);
      if (s?.stopped) return next('resume');
    }
    return next('root');
  },
  async prompt(ctx, state) {
    const today = isoDay(ctx.now);
    switch (state.step) {
      case 'jobs-country':
        return {
          title: t('subs.title'),
          body: [t('subs.pickCountry')],
          choices: [
            { id: ANY, label: t('subs.anyCountry') },
            ...ctx.catalog.listings
              .countries(today)
              .map((c) => ({ id: c.id, label: { literal: countryName(ctx, c.id) } })),
            BACK,
          ],
        };
      case 'jobs-sector':
        return {
          title: t('subs.title'),
          body: [t('subs.pickSector')],
          choices: [
            { id: ANY, label: t('subs.anySector') },
            ...ctx.catalog.listings.sectors.map((s) => ({ id: s.id, label: sectorName(ctx, s.id) })),
            BACK,
          ],
        };
      case 'jobs-often':
        return {
          title: t('subs.title'),
          body: [t('subs.pickOften')],
          choices: [
            { id: 'now', label: t('subs.oftenNow') },
            { id: DAILY, label: t('subs.oftenDaily') },
            BACK,
          ],
        };
      case 'jobs-confirm':
        return confirmReply(jobsWording(ctx, state.data));
      case 'warn-place':
        return { title: t('subs.title'), body: [t('subs.askVillage')], choices: [BACK] };
      case 'warn-pick': {
        const found = ctx.villages.find(str(state.data, 'q') ?? '', 5);
        return {
          title: t('subs.title'),
          body: [t('subs.pickVillage')],
          choices: [
            ...found.map((v) => ({
              id: v.code,
              label: { literal: `${v.name}, ${v.district}, ${v.regency}` },
            })),
            BACK,
          ],
        };
      }
      case 'warn-confirm':
        return confirmReply(warningsWording(state.data));
      case 'resume': {
        const s = await ctx.subscriptions.get(ctx.user);
        return {
          title: t('subs.title'),
          body: [
            t('subs.resumeIntro'),
            ...statusLines(ctx, s?.stopped?.topics),
            resumeWording(),
            t('subs.askAgree'),
          ],
          choices: YES_NO,
        };
      }
      default:
        return rootPrompt(ctx, await ctx.subscriptions.get(ctx.user));
    }
  },
  async handle(ctx, state, input): Promise<Outcome> {
    const choice = input.type === 'choice' ? input.id : undefined;
    if (choice === 'back') return next('root');
    switch (state.step) {
      case 'jobs-country':
        return choice ? next('jobs-sector', { c: choice }) : invalid(t('subs.pickOne'));
      case 'jobs-sector':
        return choice ? next('jobs-often', { ...state.data, s: choice }) : invalid(t('subs.pickOne'));
      case 'jobs-often':
        return choice ? next('jobs-confirm', { ...state.data, o: choice }) : invalid(t('subs.pickOne'));
      case 'jobs-confirm': {
        if (choice !== 'yes') return next('root', {}, [{ body: [t('subs.notChanged')] }]);
        const c = str(state.data, 'c') ?? ANY;
        const s = str(state.data, 's') ?? ANY;
        await ctx.subscriptions.subscribe(
          ctx.user,
          ctx.locale,
          {
            kind: 'jobs',
            countries: c === ANY ? [] : [c],
            sectors: s === ANY ? [] : [s],
            ...(str(state.data, 'o') === DAILY ? { digest: DAILY } : {}),
          },
          jobsWording(ctx, state.data),
        );
        return next('root', {}, [{ body: [t('subs.saved')] }]);
      }
      case 'warn-place':
        if (input.type !== 'text' || input.text.trim().length < 3) return invalid(t('subs.askVillage'));
        return ctx.villages.find(input.text, 5).length > 0
          ? next('warn-pick', { q: input.text.trim() })
          : invalid(t('subs.noVillage'));
      case 'warn-pick': {
        const village = choice ? ctx.villages.byCode(choice) : undefined;
        if (!village) return invalid(t('subs.pickOne'));
        return next('warn-confirm', { d: village.code.slice(0, 5), n: village.regency });
      }
      case 'warn-confirm': {
        if (choice !== 'yes') return next('root', {}, [{ body: [t('subs.notChanged')] }]);
        const district = str(state.data, 'd') ?? '';
        await ctx.subscriptions.subscribe(
          ctx.user,
          ctx.locale,
          { kind: 'warnings', district, name: str(state.data, 'n') ?? district },
          warningsWording(state.data),
        );
        return next('root', {}, [{ body: [t('subs.saved')] }]);
      }
      case 'resume': {
        if (choice !== 'yes') {
          await ctx.subscriptions.dropStopped(ctx.user);
          return goto('menu', { say: [{ body: [t('subs.notResumed')] }] });
        }
        const n = await ctx.subscriptions.resume(ctx.user, ctx.locale, resumeWording());
        return next('root', {}, [{ body: [t('subs.resumed', { count: n })] }]);
      }
      default:
        switch (choice) {
          case 'jobs':
            return next('jobs-country');
          case 'warn':
            return next('warn-place');
          case 'jobs-off':
          case 'warn-off':
            await ctx.subscriptions.unsubscribe(ctx.user, choice === 'jobs-off' ? 'jobs' : 'warnings');
            return next('root', {}, [{ body: [t('subs.ended')] }]);
          default:
            return invalid(t('subs.pickOne'));
        }
    }
  },
};
