import type { Locale } from '../core/locale.js';
import {
  lines,
  literal,
  t,
  type Choice,
  type OutboundMessage,
  type Reply,
  type Text,
} from '../core/message.js';
import { encodeAction } from '../core/report-actions.js';
import type { Translator } from '../core/ports.js';
import { MENU_CHOICE_ID, renderReplies } from '../core/render.js';
import type { Reporter, VillagePlace } from '../core/report.js';
import { detailLines, statusLines } from '../core/report-summary.js';
import type { Officer } from '../officers/officer.js';
import type { AlertKind, MessageJob } from './jobs.js';
import type { ReportRecord } from './report-record.js';

export interface AlertInput {
  readonly report: ReportRecord;
  readonly officer: Officer;
  readonly kind: AlertKind;
  readonly village: VillagePlace | undefined;
  /** A previous attempt may have delivered it already: say so. */
  readonly resent: boolean;
  /** Only when the reporter agreed to be contacted directly. */
  readonly reporter?: Reporter;
}

/** How an officer can reach a reporter who agreed to direct contact, per channel. */
function contactText(address: string): Text {
  const [channel = '', id = ''] = address.split(/:(.*)/s);
  if (channel === 'whatsapp')
    return t('report.alert.contactWhatsapp', { number: `+${id.replace(/@.*/, '')}` });
  if (channel === 'telegram') return t('report.alert.contactTelegram', { id });
  return t('report.alert.contactOther', { address });
}

function reporterLine(input: AlertInput): Text {
  if (input.report.contact === 'direct' && input.reporter) return contactText(input.reporter.address);
  return t(`report.alert.reporter.${input.report.contact}`);
}

/** Buttons under an alert (Telegram); other channels use the typed commands the alert spells out. */
function officerActions(r: ReportRecord): Choice[] {
  const actions: Choice[] = [
    { id: encodeAction('ack', r.code), label: t('officer.action.ack') },
    { id: encodeAction('resolve', r.code), label: t('officer.action.resolve') },
    { id: encodeAction('note', r.code), label: t('officer.action.note') },
  ];
  if (r.contact !== 'none') actions.push({ id: encodeAction('ask', r.code), label: t('officer.action.ask') });
  actions.push({ id: encodeAction('show', r.code), label: t('officer.action.show') });
  return actions;
}

/** Renders what workers send: alerts to officers and status notices to reporters. */
export function createReportMessages(translator: Translator) {
  const render = (locale: Locale, replies: readonly Reply[]): OutboundMessage[] =>
    renderReplies(translator, locale, replies);
  return {
    alert(input: AlertInput): OutboundMessage[] {
      const r = input.report;
      const title = t(`report.alert.title.${input.kind}`, { code: r.code });
      const body: Text[] = [];
      if (input.resent) body.push(t('report.alert.resent'));
      if (input.kind === 'failure') {
        body.push(t('report.alert.failure', { code: r.code, status: r.status }));
      } else {
        if (input.kind === 'escalated')
          body.push(t('report.alert.escalatedWhy', { level: t(`report.level.${r.level}`) }));
        body.push(
          lines(detailLines(r.details, input.village)),
          reporterLine(input),
          t('report.alert.privacy'),
        );
      }
      body.push(t(r.contact === 'none' ? 'officer.commandsNoAsk' : 'officer.commands', { code: r.code }));
      const media = input.kind === 'failure' ? [] : r.details.media;
      return render(input.officer.locale, [{ title, body, actions: officerActions(r), media }]);
    },
    /** `resent`: a previous attempt may have delivered it already (its worker died): say so. */
    message(job: MessageJob, report: ReportRecord, locale: Locale, resent = false): OutboundMessage[] {
      return render(locale, [markResent(messageReply(job, report), resent)]);
    },
    /** `resent` as for `message`. */
    notice(report: ReportRecord, reporter: Reporter, resent = false): OutboundMessage[] {
      return render(reporter.locale, [
        markResent(
          {
            title: t('report.noticeTitle', { code: report.code }),
            body: [
              ...statusLines(viewOf(report), reporter.locale),
              t('report.checkAgain', { code: report.code }),
            ],
            choices: [{ id: MENU_CHOICE_ID, label: t('common.menu') }],
          },
          resent,
        ),
      ]);
    },
  };
}

/** The "you may have had this before" line first, when a previous attempt may have delivered it. */
function markResent(reply: Reply, resent: boolean): Reply {
  return resent ? { ...reply, body: [t('report.alert.resent'), ...reply.body] } : reply;
}

/** One short message about a report (a relay, "taken by", "escalated"). */
function messageReply(job: MessageJob, report: ReportRecord): Reply {
  const code = report.code;
  const text = job.text ?? '';
  switch (job.kind) {
    case 'taken':
      return {
        title: t('officer.msg.takenTitle', { code }),
        body: [t('officer.msg.taken', { code, name: text })],
      };
    case 'escalated-away':
      return {
        title: t('officer.msg.escalatedTitle', { code }),
        body: [t('officer.msg.escalated', { code, level: t(`report.level.${report.level}`) })],
        actions: officerActions(report),
      };
    case 'question':
      return {
        title: t('officer.msg.questionTitle', { code }),
        body: [literal(text), t('officer.msg.questionHow', { code })],
        actions: [{ id: encodeAction('answer', code), label: t('officer.answerChoice') }],
        choices: [{ id: MENU_CHOICE_ID, label: t('common.menu') }],
      };
    case 'other-note':
    case 'other-ask':
      return {
        title: t('officer.msg.otherTitle', { code }),
        body: [t(`officer.msg.${job.kind}`, { code, name: text })],
        actions: [{ id: encodeAction('show', code), label: t('officer.action.show') }],
      };
    case 'answer':
      return {
        title: t('officer.msg.answerTitle', { code }),
        body: [literal(text), t('officer.msg.answerHow', { code })],
        actions: officerActions(report),
      };
  }
}

export type ReportMessages = ReturnType<typeof createReportMessages>;

/** The reporter's view of a record. */
export function viewOf(r: ReportRecord) {
  return {
    code: r.code,
    status: r.status,
    level: r.level,
    village: r.details.village,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.outcome ? { outcome: r.outcome } : {}),
  };
}
