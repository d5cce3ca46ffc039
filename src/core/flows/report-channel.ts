import { MAX_ANSWER_WORDS, type ChoiceWords } from '../choice-words.js';
import { invalid, next, type Input, type Outcome } from '../flow.js';
import { t, type Choice, type Reply } from '../message.js';
import {
  CHAT_APPS,
  RECRUITMENT_METHODS,
  SOCIAL_APPS,
  type RecruitmentAnswer,
  type RecruitmentApp,
  type RecruitmentMethod,
} from '../report.js';
import type { FlowData } from '../session.js';
import { str } from './data.js';
import {
  MAX_FIELD_LENGTH,
  RECRUITMENT_KEYS,
  followUp,
  recruitmentData,
  stepAfter,
  without,
  type AnswerWords,
} from './report-draft.js';

/**
 * "How did the offer reach you?": the way (numbered choices, or words such as "lewat fb", "dari
 * tetangga"), then for social media or a chat app which one. Naming a platform answers both at once.
 */

const SKIP: Choice = { id: 'skip', label: t('report.skip') };
const METHOD_IDS = RECRUITMENT_METHODS.map((m) => `rm-${m}`);
const appsOf = (method: string | undefined): readonly RecruitmentApp[] =>
  method === 'social' ? SOCIAL_APPS : method === 'chat' ? CHAT_APPS : [];
const NAMED_APPS = [...SOCIAL_APPS, ...CHAT_APPS] as const;
const APP_IDS = NAMED_APPS.map((a) => `app-${a}`);
const appOf = (id: string | undefined): RecruitmentApp | undefined =>
  NAMED_APPS.find((a) => `app-${a}` === id);
/** Letters needed before a text is kept as a way the choices do not name ("brosur di pasar"). */
const MIN_DETAIL_LETTERS = 3;

const methodOfApp = (app: RecruitmentApp): RecruitmentMethod =>
  (SOCIAL_APPS as readonly string[]).includes(app) ? 'social' : 'chat';

/** The one platform a text names ("hubungi WA 0812…", "ditawari lewat fb"), read when a draft is prefilled. */
export function recruitmentIn(
  words: ChoiceWords,
  text: string,
  maxWords = Number.POSITIVE_INFINITY,
): RecruitmentAnswer | undefined {
  const app = appOf(words.named(text, APP_IDS, maxWords));
  return app ? { method: methodOfApp(app), app } : undefined;
}

export function channelPrompt(ask: (choices: readonly Choice[]) => Reply): Reply {
  return ask([...RECRUITMENT_METHODS.map((m) => ({ id: `rm-${m}`, label: t(`report.channel.${m}`) })), SKIP]);
}

export function channelAppPrompt(data: FlowData, title: Reply['title']): Reply {
  const method = str(data, 'rm') === 'chat' ? 'chat' : 'social';
  return {
    ...(title ? { title } : {}),
    body: [t(`report.ask.channelApp.${method}`)],
    choices: [
      ...appsOf(method).map((a) => ({ id: `app-${a}`, label: t(`report.app.${a}`) })),
      { id: 'app-other', label: t('report.app.otherChoice') },
      SKIP,
    ],
  };
}

/** Text with letters enough to be a way or a platform worth keeping. */
function detailOf(text: string): string | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters >= MIN_DETAIL_LETTERS ? text.trim() : undefined;
}

/** Goes on from the channel question with `answer` (or none: skipped), to the platform when it is still open. */
function answered(data: FlowData, answer: RecruitmentAnswer | undefined): Outcome {
  const updated = { ...without(data, RECRUITMENT_KEYS), ...(answer ? recruitmentData(answer) : {}) };
  return next(followUp('channel', updated) ?? stepAfter('channel', updated), updated);
}

export function answerChannel({ words, isYesNo }: AnswerWords, data: FlowData, input: Input): Outcome {
  if (input.type === 'choice') {
    if (input.id === 'skip') return answered(data, undefined);
    const method = RECRUITMENT_METHODS.find((m) => `rm-${m}` === input.id);
    return method ? answered(data, { method }) : invalid(t('engine.pickNumber'));
  }
  if (input.text.length > MAX_FIELD_LENGTH) return invalid(t('report.tooLong', { max: MAX_FIELD_LENGTH }));
  // "lewat fb", "grup WA": the platform says the way too.
  const app = recruitmentIn(words, input.text, MAX_ANSWER_WORDS);
  if (app) return answered(data, app);
  const id = words.named(input.text, [...METHOD_IDS, 'skip']);
  if (id === 'skip') return answered(data, undefined);
  const method = RECRUITMENT_METHODS.find((m) => `rm-${m}` === id);
  if (method) return answered(data, { method });
  // "ya", or only small words ("lewat", "dari"), say no way.
  const bare = isYesNo(input.text) || words.only(input.text, 'rm-other');
  const detail = bare ? undefined : detailOf(input.text);
  return detail ? answered(data, { method: 'other', detail }) : invalid(t('report.channelPick'));
}

export function answerChannelApp({ words }: AnswerWords, data: FlowData, input: Input): Outcome {
  const method = str(data, 'rm') === 'chat' ? 'chat' : 'social';
  const done = (app: RecruitmentApp | undefined, detail?: string): Outcome => {
    const updated = {
      ...without(data, ['ra', 'rd']),
      ...(app ? { ra: app } : { ra: null }),
      ...(detail ? { rd: detail } : {}),
    };
    return next(stepAfter('channel', updated), updated);
  };
  if (input.type === 'choice') {
    if (input.id === 'skip') return done(undefined);
    if (input.id === 'app-other') return done('other');
    const app = appsOf(method).find((a) => `app-${a}` === input.id);
    return app ? done(app) : invalid(t('engine.pickNumber'));
  }
  if (input.text.length > MAX_FIELD_LENGTH) return invalid(t('report.tooLong', { max: MAX_FIELD_LENGTH }));
  const id = words.named(input.text, [...APP_IDS, 'skip']);
  if (id === 'skip') return done(undefined);
  const app = appOf(id);
  // "fb" after "chat app": the platform says which way it was.
  if (app) return answered(data, { method: methodOfApp(app), app });
  const detail = words.only(input.text, 'app-other') ? undefined : detailOf(input.text);
  return detail ? done('other', detail) : invalid(t('report.appPick'));
}
