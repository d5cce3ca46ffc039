import type { OfferScanner, OfferScanResult } from '../ports.js';
import { findEntities, type Entities } from './entities.js';
import {
  INTENTS,
  type CompiledLexicon,
  type DistressKind,
  type Flag,
  type Intent,
  type Reading,
} from './lexicon.js';
import { tokensOf } from './tokens.js';
import { isCodeShaped } from '../intents.js';
import { countWords } from '../input.js';

/** Someone is in danger: the safety net's reading of a message. */
export interface Distress {
  readonly kinds: readonly DistressKind[];
  /** Where the person in danger is, when the message says: it chooses the numbers shown first. */
  readonly where: 'abroad' | 'home' | 'unknown';
  /** The country the message names, when abroad. */
  readonly country?: string;
}

/** A direct answer card that fits a question. */
export interface AnswerMatch {
  readonly id: string;
  readonly score: number;
}

/** Finds the answer card for a question (content's index over the cards' example questions). */
export interface AnswerFinder {
  /** `words`: the message's words as the pipeline read them (saves reading it again). */
  match(text: string, words?: readonly string[]): AnswerMatch | undefined;
}

export interface Understood {
  readonly distress?: Distress;
  /** What the message asks for; undefined when nothing fits (search, then the helpful fallback). */
  readonly intent?: Intent;
  /** How the intent was found; `weak` is a single loose word, a guess at best. */
  readonly by: 'rule' | 'weak' | 'advert' | 'answer' | 'none';
  /** The answer card, when the message asks something a card answers (or is routed to one). */
  readonly answer?: AnswerMatch;
  readonly entities: Entities;
  /** The message asks something (a question mark, or the wording of a question). */
  readonly asked: boolean;
}

export interface Understanding {
  understand(text: string): Understood;
  /** The safety net alone (at wizard steps, where the text is an answer unless someone is in danger). */
  distress(text: string): Distress | undefined;
}

export interface UnderstandingDeps {
  readonly lexicon: CompiledLexicon;
  readonly scanner: OfferScanner;
  readonly answers: AnswerFinder;
}

/**
 * "cek PT Maju Jaya", "PT Maju Jaya resmi?", or a bare phone number: an agency check (short texts
 * only). "PT nya minta uang jaminan", "PT itu …" name no company.
 */
const AGENCY_QUESTION =
  /^\s*(?:(?:tolong|mohon|pls|please)\s+)?(?:(?:cek|check|dicek|cekin|periksa|apakah|apa|is)\s+)?(?:pt|cv|lpk)\b\.?\s+(?!(?:nya|itu|ini|tsb|tersebut|yg|yang|resmi|legal|terdaftar|berizin)\b)\S|^\s*\+?[\d\s().-]{8,20}\s*$/i;
const AGENCY_QUESTION_WORDS = 12;
/** Words of a status question around a report code. */
const STATUS_WORDS = 8;

/** The first report code in a text, in its real shape ("R-7KQ4MX", "r7kq4mx"; not "rumahku"). */
export function findReportCode(text: string): string | undefined {
  REPORT_CODE.lastIndex = 0;
  for (let m = REPORT_CODE.exec(text); m !== null; m = REPORT_CODE.exec(text)) {
    if (m[1] && m[3] && isCodeShaped(m[1], m[2] ?? '', m[3])) return `R-${m[3].toUpperCase()}`;
  }
  return undefined;
}

/** "R-7KQ4MX", "r7kq4mx" after a non-letter: the R, what separates it, and the six characters. */
const REPORT_CODE = /(?:^|[^\p{L}\p{N}])(r)(\s*[-\u2013.]\s*|\s?)([a-z0-9]{6})(?![\p{L}\p{N}])/giu;

/** A rule score this high settles the intent; below it, an answer card may do better. */
const SETTLED = 3;
const LIKELY = 2;
/** Advert words needed to read a text as an advert. */
const ADVERT_WORDS = 2;
/** Kinds of distress an advert does not speak of in the first person. */
const GRAVE: ReadonlySet<DistressKind> = new Set([
  'confined',
  'abuse',
  'trafficked',
  'scam',
  'death',
  'unpaid',
]);
/** Words of a message read for an answer card. */
const CARD_WORDS = 80;
/** Adult age from which a recruiter taking someone is not by itself distress (facts L-14). */
const ADULT = 18;
/** Text shorter than this is never read as an advert. */
const SHORT_TEXT = 60;
/** Text this long is a forwarded advert or chat when it also shows a sign or a phone number. */
const LONG_TEXT = 120;
/** An answer card this close to a question naming nobody close wins over a family rule. */
const FAIR_ANSWER = 0.5;
/** An answer card this close to the message wins over the intents in YIELDS. */
const CLOSE_ANSWER = 0.75;
const YIELDS: ReadonlySet<Intent> = new Set(['greeting', 'language', 'help']);
/** Last words that make a sentence a question ("masih dilarang ga", "bisa kah", "udah dibuka belum"). */
const TAG_QUESTION: ReadonlySet<string> = new Set([
  'tidak',
  'belum',
  'kah',
  'apa',
  'bukan',
  'gimana',
  'mana',
  'berapa',
  'dimana',
  'kemana',
  'kapan',
  'siapa',
]);
/** Words that ask with "gak" right after, anywhere in a sentence ("bisa gak berangkat sendiri tanpa pt"). */
const ASKS_WITH_NOT: ReadonlySet<string> = new Set([
  'bisa',
  'boleh',
  'perlu',
  'harus',
  'wajib',
  'ada',
  'aman',
  'bener',
  'benar',
  'resmi',
  'legal',
]);
/** First words that make an English sentence a question ("what papers do I need to apply"). */
const QUESTION_STARTS: ReadonlySet<string> = new Set([
  'what',
  'how',
  'where',
  'when',
  'who',
  'which',
  'why',
  'can',
  'could',
  'is',
  'are',
  'do',
  'does',
  'should',
  'must',
]);
/** Question words that, with a soft last word ("lapornya kemana ya"), make a sentence a question. */
const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'kemana',
  'dimana',
  'gimana',
  'kapan',
  'siapa',
  'berapa',
  'apakah',
  'kenapa',
]);
const SOFT_ENDS: ReadonlySet<string> = new Set([
  'ya',
  'sih',
  'nih',
  'dong',
  'kak',
  'min',
  'pak',
  'bu',
  'gan',
]);
/** Intents a question with its card wins over when the question wording is at least as strong. */
const ASKED_OVER: ReadonlySet<Intent> = new Set(['jobs', 'help', 'greeting', 'language']);
/** Intents a strong rule settles even in a long text that reads like an advert. */
const STICKY: ReadonlySet<Intent> = new Set(['paid', 'status', 'report']);

/**
 * The understanding pipeline of DESIGN §11 for one message: the safety net, then the intent from
 * rules, an advert or an answer card, with the entities the message names. (A trained classifier was
 * measured against these rules and lost on the held-out corpus: README "Understanding".)
 * Pure: no I/O, no state between messages.
 */
export function createUnderstanding(deps: UnderstandingDeps): Understanding {
  const { lexicon } = deps;

  function safetyNet(
    reading: Reading,
    advert: boolean,
    scores: ReadonlyMap<Intent, number>,
    asked: boolean,
    age?: number,
  ): Distress | undefined {
    const paid = settledIn(scores, 'paid');
    const kinds = new Set<DistressKind>(reading.distress);
    const flags = reading.flags;
    // A child taken or sent by a recruiter (facts Q-22, L-62).
    if (((age !== undefined && age < ADULT) || flags.has('minor')) && flags.has('taken'))
      kinds.add('trafficked');
    if (kinds.size === 0) return undefined;
    // "tolong jelaskan …" asks politely; a cry alone is not distress then. Nor is a cry about something
    // that is no emergency ("gaji lancar, cuma kangen", "motor mogok"), a cry that asks to report
    // someone ("tolong, mau sy laporin calo itu"), or one in an offer or report naming nobody's harm
    // ("emergency recruitment … aman gk?").
    const cryOnly = kinds.size === 1 && kinds.has('cry');
    const aboutOthers = (settledIn(scores, 'offer') || settledIn(scores, 'report')) && !flags.has('self');
    if (
      cryOnly &&
      (flags.has('politeRequest') || flags.has('notUrgent') || flags.has('wantsReport') || aboutOthers)
    )
      return undefined;
    // "misalnya nanti sy dipukul majikan, telp nomor apa? buat jaga2": harm imagined ahead, asked about.
    if (flags.has('future') && asked && !kinds.has('cry')) return undefined;
    // "temen sy dulu dikurung, alhamdulillah udh dipulangin … masih bisa dituntut?": a case told as over,
    // asked about. Still in it ("masih ditahan", "dikurung lagi") or a cry, it is not over.
    // Told as over with thanks ("alhamdulillah adik sy yg dulu disekap udh pulang, makasih"), the same.
    const thanked = settledIn(scores, 'greeting');
    if (flags.has('resolved') && !flags.has('stillNow') && (asked || thanked) && !kinds.has('cry'))
      return undefined;
    // "suami udh pulang dgn selamat, tp gaji 6 bln terakhir ditahan agen … mau ngadu": the wages or papers
    // of someone already home, to be reported — the report form, not the emergency numbers.
    const owedOnly = [...kinds].every((k) => k === 'unpaid' || k === 'documents');
    if (flags.has('resolved') && !flags.has('stillNow') && flags.has('wantsReport') && owedOnly)
      return undefined;
    // "2 minggu gak telp, … gak ada sinyal, biasanya juga gitu": silence with its reason told.
    if (flags.has('explained') && !flags.has('stillNow') && [...kinds].every((k) => k === 'unreachable'))
      return undefined;
    const country = reading.countries[0];
    const away = country !== undefined || flags.has('abroad');
    // "ada lowongan ke jepang? soalnya sy skrg di jepang … disuruh bayar utang": already there, the
    // offer or the question is about the sender's own situation.
    // An advert, or a general question about a case, is not distress unless it tells of the sender or
    // someone close to them; a grave sign in the first person ("saya disekap") is no advert's wording.
    // A question about the signs of a crime in general ("apa saja tanda TPPO, biar saya tidak
    // ketipu") speaks in the first person of no harm done.
    // A question about signs in general names people only loosely ("anak muda desa"): told of someone
    // close only when the sender speaks of themself too.
    const there = flags.has('there') && away;
    const told =
      there ||
      (flags.has('self') && (!flags.has('topic') || flags.has('me'))) ||
      (flags.has('me') && !flags.has('topic') && [...kinds].some((k) => GRAVE.has(k)));
    // "if she tries to leave they will hurt her family": a threat or a lock told with an "if", asking
    // nothing, is no general question.
    const threat = !asked && (kinds.has('abuse') || kinds.has('confined'));
    if ((advert || (flags.has('hypothetical') && !threat) || flags.has('topic')) && !told) return undefined;
    // "8 bulan nunggu tidak ada kabar", "paspor masih dipegang sponsor, belum berangkat": someone who has
    // not left is waiting on a recruiter, not in danger (the offer check and the report take it from there).
    if ([...kinds].every((k) => k === 'unreachable' || k === 'documents') && flags.has('waiting'))
      return undefined;
    // "uang saya dibawa kabur sponsor, sekarang nomornya tidak aktif": money lost to a recruiter who is out
    // of reach, nobody close named — the "already paid" help, not the emergency numbers. Papers the
    // recruiter took along with the money, the sender still at home ("uang sama paspor dibawa kabur calo,
    // saya masih di rumah"), are the same loss (facts Q-20), not someone held abroad.
    const papersAtHome = flags.has('keptByRecruiter') && !away;
    const aboutRecruiter = [...kinds].every(
      (k) => k === 'unreachable' || k === 'cry' || (k === 'documents' && papersAtHome),
    );
    const someoneClose = reading.relations.some((r) => r !== 'self');
    if (paid && aboutRecruiter && !someoneClose) return undefined;
    // "sponsor bilang paspor disimpan dia dulu, bener?": papers kept by a recruiter at home, asked about
    // or reported, nobody close named, are a warning sign of the offer (facts Q-20), not an emergency.
    const talkedOver =
      asked || flags.has('waiting') || settledIn(scores, 'report') || settledIn(scores, 'offer');
    const papersOnly = kinds.size === 1 && kinds.has('documents');
    if (papersOnly && flags.has('keptByRecruiter') && talkedOver && !away && !someoneClose) return undefined;
    if (away) {
      return { kinds: [...kinds], where: 'abroad', ...(country ? { country } : {}) };
    }
    return { kinds: [...kinds], where: flags.has('home') ? 'home' : 'unknown' };
  }

  /** Each intent's strongest matching rule (several weak words do not add up to a strong one). */
  function ruleScores(reading: Reading, entities: Entities): Map<Intent, number> {
    const scores = new Map<Intent, number>();
    for (const r of reading.intents) {
      if (r.weight > (scores.get(r.intent) ?? 0)) scores.set(r.intent, r.weight);
    }
    // Someone close, in a named country: most likely about a relative abroad.
    if (
      entities.relation &&
      entities.relation !== 'self' &&
      entities.country &&
      (scores.get('family') ?? 0) < LIKELY
    )
      scores.set('family', LIKELY);
    breakTies(scores, reading, entities);
    return scores;
  }

  /** True for a pasted advert. `scan` is the offer scan, run only when the words leave it open. */
  const isAdvert = (
    reading: Reading,
    text: string,
    scan: () => OfferScanResult,
    question: number,
  ): boolean => {
    // A short question ("call center gratis ga?") is no advert, whatever words it shares with one;
    // nor is a question of a line or two that shares only a couple ("what number can I call for free").
    if (text.length < SHORT_TEXT) return false;
    if (text.length < LONG_TEXT && question >= SETTLED && reading.adverts <= ADVERT_WORDS) return false;
    if (reading.adverts >= ADVERT_WORDS) return true;
    return (
      text.length >= LONG_TEXT &&
      reading.adverts > 0 &&
      (scan().findings.length > 0 || scan().phones.length > 0)
    );
  };

  /** The offer scan of one text, done at most once and only when needed (it is the slowest part). */
  const lazyScan = (text: string): (() => OfferScanResult) => {
    let result: OfferScanResult | undefined;
    return () => (result ??= deps.scanner.scan(text));
  };

  /** What both the safety net and the full pipeline need: the words, what the lists find, the guards. */
  function read(text: string) {
    const tokens = tokensOf(text, lexicon.spellings);
    const scan = lazyScan(text);
    const reading = lexicon.read(tokens);
    const entities = findEntities(reading, tokens, text);
    const scores = ruleScores(reading, entities);
    const advert = isAdvert(reading, text, scan, scores.get('question') ?? 0);
    const asked = asks(text, tokens, scores);
    // News, training material or a role play: its own sentences tell of nobody's harm now.
    const heard = reading.flags.has('framed') ? unframed(text, reading) : reading;
    const distress = safetyNet(heard, advert, scores, asked, entities.age);
    return { tokens, scan, reading, advert, entities, scores, distress, asked };
  }

  /**
   * The reading's signs of distress without the sentences that frame news, training material or a
   * role play ("Berita hari ini: \"… disekap …\"", "materi sosialisasi: 1. paspor ditahan …"), unless
   * such a sentence names someone of the sender's ("berita dari grup: adik saya disekap").
   */
  function unframed(text: string, reading: Reading): Reading {
    const kept = sentencesOf(text).filter((sentence) => {
      const r = lexicon.read(tokensOf(sentence, lexicon.spellings));
      return !r.flags.has('framed') || (r.flags.has('me') && r.relations.some((rel) => rel !== 'self'));
    });
    const rest = lexicon.read(tokensOf(kept.join(' '), lexicon.spellings));
    return { ...reading, distress: rest.distress };
  }

  return {
    distress: (text) => read(text).distress,
    understand(text) {
      const { tokens, scan, reading, advert, entities, scores, distress, asked } = read(text);
      // The card is looked for when a decision needs it: at once for a question (it travels with any
      // intent, and the safety net shows it after the numbers); for other texts, only if no rule settles them.
      const card = new CardOf(deps.answers, text, tokens);
      const answer = asked ? card.get() : undefined;
      const base: Base = { entities, asked, distress, answer };
      const [best, bestScore] = top(scores);
      const words = countWords(text);
      // A report's code in a short text, or in a longer one that asks ("any update on R-…? nobody called").
      const coded = words <= STATUS_WORDS || asked || scoreIn(scores, 'status') > 0;
      if (coded && findReportCode(text)) return understood(base, 'status', 'rule');
      // "sapa 129 itu apa, bisa buat lapor?", "kalau mau ngadu, bawa dokumen apa": a question about how
      // reporting works, naming nobody to report and nothing the sender saw, gets its card.
      const aboutReporting =
        !reading.flags.has('recruiter') && (!reading.flags.has('me') || reading.flags.has('hypothetical'));
      if (best === 'report' && asked && answer && aboutReporting)
        return understood(base, 'question', 'answer', answer);
      if (best && bestScore >= SETTLED && STICKY.has(best)) return understood(base, best, 'rule');
      // "anak sy udh sampe di taiwan dgn selamat, makasih infonya": a safe arrival told with thanks, asking
      // nothing, is a thank-you.
      const thanks =
        reading.flags.has('arrived') &&
        !text.includes('?') &&
        !TAG_QUESTION.has(tokens[tokens.length - 1] ?? '') &&
        scoreIn(scores, 'greeting') >= SETTLED &&
        (best === 'family' || best === 'question');
      if (thanks) return understood(base, 'greeting', 'rule');
      // "caregiver … ditanggung majikan kan?": a question with its card, naming nobody close, is no
      // family help request.
      const nobodyClose = !reading.relations.some((r) => r !== 'self');
      if (best === 'family' && asked && answer && answer.score >= FAIR_ANSWER && nobodyClose)
        return understood(base, 'question', 'answer', answer);
      if (words <= AGENCY_QUESTION_WORDS && AGENCY_QUESTION.test(text))
        return understood(base, 'agency', 'rule');
      // "how do I use this?": a question with its card, though it names help or jobs.
      const questionFirst =
        asked &&
        answer !== undefined &&
        best !== undefined &&
        ASKED_OVER.has(best) &&
        (scores.get('question') ?? 0) >= bestScore;
      if (questionFirst) return understood(base, 'question', 'answer', answer);
      // A text showing warning signs is an offer to check, unless it clearly asks something else.
      // … and a short question that an answer card fits is a question.
      // A short job search ("any job for welder in korea") is no advert, whatever the scan finds.
      const shortSearch = best === 'jobs' && bestScore >= SETTLED && text.length < SHORT_TEXT;
      // … nor is a long story about someone close at work abroad, whatever the scan finds ("agency potong gaji").
      const familyStory =
        best === 'family' &&
        bestScore >= SETTLED &&
        reading.flags.has('employed') &&
        reading.relations.some((r) => r !== 'self');
      // News, training material, or a case told as over, then a question ("… udh pulang sehat. kalo ada
      // kejadian kayak gitu lapornya ke nomor apa"): about the rules, not an advert to scan. Material
      // asked about ("slide \"tanda bahaya calo\" … bener gk") is no offer either, unless it names an
      // offer to someone close ("liat berita … anak sy ditawarin kerja ke thailand, sama gk modusnya?").
      const framed = reading.flags.has('framed');
      const toldOf = asked && (framed || isOver(reading.flags));
      if (toldOf && (bestScore < SETTLED || (framed && best === 'offer' && nobodyClose)))
        return understood(base, 'question', 'answer', card.get());
      const mayBeOffer =
        !toldOf &&
        !familyStory &&
        (text.length >= LONG_TEXT ||
          ((best === undefined || best === 'jobs') && !(asked && answer) && !shortSearch));
      if ((advert && !toldOf) || (mayBeOffer && scan().findings.length > 0))
        return understood(base, 'offer', 'advert');
      // A close answer card beats an intent that a few loose words suggested ("korea pake tes bahasa
      // apa" names a language, but asks about the Korean test).
      const cardWins =
        best !== undefined &&
        YIELDS.has(best) &&
        tokens.length > 2 &&
        (card.get()?.score ?? 0) >= CLOSE_ANSWER;
      // "tolong cariin kucing sy", "jadwal bola malam ini apa": an everyday matter, naming nothing the bot
      // does but in loose words, is off-topic, not a card that shares a word with it.
      const offTopic =
        reading.flags.has('offTopic') && (bestScore < LIKELY || (best !== undefined && YIELDS.has(best)));
      if (offTopic && (card.get()?.score ?? 0) < CLOSE_ANSWER) return understood(base, undefined, 'none');
      const matched = best === 'question' ? card.get() : undefined;
      if (matched) return understood(base, 'question', 'answer', matched);
      if (best && bestScore >= SETTLED && !cardWins) return understood(base, best, 'rule');
      // "kalau kerja online di kamboja ternyata penipuan, itu termasuk TPPO?": a question about a case in
      // general, with its card, over loose words of an intent.
      const general = asked && reading.flags.has('hypothetical') && bestScore < SETTLED;
      const last = card.get();
      // "istri mau kerja ke luar negeri perlu izin suami gak": a question its card fits closely, over an
      // intent that no rule settled (a flow with its own help, paid or report, keeps it).
      const closeCard =
        asked && (last?.score ?? 0) >= CLOSE_ANSWER && bestScore < SETTLED && !(best && STICKY.has(best));
      if (last && (best === undefined || bestScore < LIKELY || cardWins || general || closeCard))
        return understood(base, 'question', 'answer', last);
      if (best && bestScore >= LIKELY) return understood(base, best, 'rule');
      if (best) return understood(base, best, 'weak');
      return understood(base, undefined, 'none');
    },
  };
}

/** The answer card for a message, looked for once and only when asked for (the index is costly). */
class CardOf {
  #looked = false;
  #card: AnswerMatch | undefined;

  constructor(
    private readonly answers: AnswerFinder,
    private readonly text: string,
    private readonly words: readonly string[],
  ) {}

  get(): AnswerMatch | undefined {
    if (!this.#looked) {
      this.#looked = true;
      // A question is said early: the card is looked for in the first words.
      this.#card = this.answers.match(this.text, this.words.slice(0, CARD_WORDS));
      // … or last, after a story ("… udh pulang sehat. kalo ada kejadian lapornya ke nomor apa"): the
      // last sentence alone, when it fits a card better than the whole message.
      const last = lastSentence(this.text);
      const closer = last === undefined ? undefined : this.answers.match(last);
      if (closer && closer.score > (this.#card?.score ?? 0)) this.#card = closer;
    }
    return this.#card;
  }
}

/** Words a last sentence needs to be read for a card on its own. */
const LAST_SENTENCE_WORDS = 5;

/**
 * The last sentence of a text of several ("… sudah pulang. Lapornya ke mana?" → "Lapornya ke mana?"),
 * when it has a few words; undefined for a text of one sentence.
 */
export function lastSentence(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && SENTENCE_END.has(text[end - 1] ?? '')) end--;
  let start = end;
  while (start > 0 && !SENTENCE_END.has(text[start - 1] ?? '')) start--;
  if (start === 0) return undefined;
  const sentence = text.slice(start, end);
  return countWords(sentence) >= LAST_SENTENCE_WORDS ? sentence : undefined;
}

const SENTENCE_END: ReadonlySet<string> = new Set(['.', '!', '?', '\n', ':']);

/** What every reading of a message carries, whatever its intent. */
interface Base {
  readonly entities: Entities;
  readonly asked: boolean;
  readonly distress: Distress | undefined;
  /** The card, when the message asks something. */
  readonly answer: AnswerMatch | undefined;
}

/**
 * The reading of a message: its fields written in one fixed order (entities, asked, distress, the
 * card it asks for, intent, how it was found, a card it was routed to), each only when it has a value.
 */
function understood(
  base: Base,
  intent: Intent | undefined,
  by: Understood['by'],
  answer?: AnswerMatch,
): Understood {
  const out: { -readonly [K in keyof Understood]?: Understood[K] } = {
    entities: base.entities,
    asked: base.asked,
  };
  if (base.distress) out.distress = base.distress;
  if (base.answer) out.answer = base.answer;
  if (intent !== undefined) out.intent = intent;
  out.by = by;
  if (answer && !base.answer) out.answer = answer;
  // Every required field is set above; the type cannot follow assignments field by field.
  return out as Understood;
}

/**
 * The same understanding, remembering the last text it read: one turn may ask about its message more
 * than once (the menu, then the report form's prefill; a step's "elsewhere", then the menu). Made per
 * turn, so that a message is read once per turn and never answered from another user's turn.
 */
export function rememberingLast(understanding: Understanding): Understanding {
  return new LastReading(understanding);
}

/** `rememberingLast`'s memory: the last text understood, and the last one only listened to. */
class LastReading implements Understanding {
  #understood: { text: string; value: Understood } | undefined;
  #heard: { text: string; value: Distress | undefined } | undefined;

  constructor(private readonly understanding: Understanding) {}

  understand(text: string): Understood {
    if (this.#understood?.text !== text)
      this.#understood = { text, value: this.understanding.understand(text) };
    return this.#understood.value;
  }

  distress(text: string): Distress | undefined {
    if (this.#understood?.text === text) return this.#understood.value.distress;
    if (this.#heard?.text !== text) this.#heard = { text, value: this.understanding.distress(text) };
    return this.#heard.value;
  }
}

/**
 * Ties between two intents that a message's other words settle: the losing intent is set just below
 * the winning one (INTENTS order would otherwise decide).
 */
function breakTies(scores: Map<Intent, number>, reading: Reading, entities: Entities): void {
  const flags = reading.flags;
  const close = reading.relations.some((r) => r !== 'self');
  // A relative who already has an employer or is at work is no offer to check.
  if (flags.has('employed')) yieldTo(scores, 'offer', 'family');
  // "anak saya 17 tahun, boleh kerja ke taiwan?": a question about someone close who is about to
  // leave, or naming nobody close ("if a worker is beaten …"), asks about the rules.
  // "dulu sepupu sy hilang kontak, skrg aman. kalo nanti kejadian lagi hotline nya apa": a case told as
  // over, asked about for another time, asks about the rules (not "cara mantau dia": help for now).
  const over = isOver(flags) && (flags.has('hypothetical') || flags.has('future'));
  if (!close || over || flags.has('departing') || entities.age !== undefined)
    yieldTo(scores, 'family', 'question');
  // A company said to offer a job or to ask an amount is an offer to check, not a licence check,
  // even when the offer's own words are looser ("tawaran … disuruh bayar DP 10jt, legal ga").
  if (flags.has('taken') || flags.has('demand') || entities.amount !== undefined) {
    if (scoreIn(scores, 'offer') > 0 && scoreIn(scores, 'agency') >= scoreIn(scores, 'offer'))
      scores.set('agency', scoreIn(scores, 'offer') - 1);
  }
  // "uang sy 8jt dibawa kabur PL, sy pengen dia dilaporin": asking to report wins over having paid, and
  // over a report already made; asking what to do now or for the money back stays "paid".
  if (flags.has('wantsReport') && !flags.has('whatNow')) {
    yieldTo(scores, 'paid', 'report');
    yieldTo(scores, 'status', 'report');
  }
  // "suami sy di malaysia permitnya mau habis, agennya susah dihubungi": the agency of someone close at
  // work abroad, with no money paid, is family help.
  if (close && flags.has('employed') && !flags.has('paidDone') && entities.amount === undefined)
    yieldTo(scores, 'paid', 'family');
  // "sponsor bilang … tinggal bayar 3jt": money asked for and not yet paid is an offer to check.
  if (flags.has('demand') && !flags.has('paidDone')) yieldTo(scores, 'paid', 'offer');
  // "gmn cara ngecek PT itu resmi", "kalau pekerja dari PT resmi wafat, siapa …": how to check, or a
  // case in general, is a question, not one company to check.
  if (flags.has('howTo') || flags.has('hypothetical')) yieldTo(scores, 'agency', 'question');
  // "cara cek PT legal or not": how to check is a question, not an offer to check.
  if (flags.has('howTo')) yieldTo(scores, 'offer', 'question');
  // "can this chat help for my mother", "ini bot resmi? bisa dipake buat apa": about the bot itself.
  if (flags.has('aboutBot'))
    for (const other of ['question', 'family', 'jobs'] as const) yieldTo(scores, other, 'help');
  // "ponakan sy di taiwan mau nikah, perlu lapor kemana", "apa bisa lapor ke KDEI?": telling about
  // someone close abroad, naming no recruiter or going to the mission, is family help.
  if (close && (!flags.has('recruiter') || flags.has('mission'))) yieldTo(scores, 'report', 'family');
  // "info lowongan … yg lewat PT resmi": the legal way wished for, not one company to check.
  if (flags.has('viaOfficial'))
    for (const other of ['jobs', 'question'] as const) yieldTo(scores, 'agency', other);
  // "Is it true I must pay for BPJS before leaving?": naming no recruiter and no offer, a question
  // asks about the rules, not about an offer to check.
  if (!flags.has('recruiter')) yieldTo(scores, 'offer', 'question');
}

/** A case told as over ("alhamdulillah udh dipulangin"), and not said to go on ("masih ditahan"). */
const isOver = (flags: ReadonlySet<Flag>): boolean => flags.has('resolved') && !flags.has('stillNow');

/** An intent's score (0 when no rule named it). */
const scoreIn = (scores: ReadonlyMap<Intent, number>, intent: Intent): number => scores.get(intent) ?? 0;

/** True when a rule settled the intent. */
const settledIn = (scores: ReadonlyMap<Intent, number>, intent: Intent): boolean =>
  scoreIn(scores, intent) >= SETTLED;

/** The loser of a tie is set just below the winner, when the winner scores at least as much. */
function yieldTo(scores: Map<Intent, number>, loser: Intent, winner: Intent): void {
  const lost = scoreIn(scores, loser);
  const won = scoreIn(scores, winner);
  if (lost > 0 && won >= lost) scores.set(loser, won - 1);
}

/** The message asks something: a question mark, the wording of a question, or a question tag at the end. */
function asks(text: string, tokens: readonly string[], scores: ReadonlyMap<Intent, number>): boolean {
  const last = tokens[tokens.length - 1] ?? '';
  return (
    text.includes('?') ||
    (scores.get('question') ?? 0) >= SETTLED ||
    TAG_QUESTION.has(last) ||
    QUESTION_STARTS.has(tokens[0] ?? '') ||
    asksWithNot(tokens) ||
    (SOFT_ENDS.has(last) && tokens.some((t) => QUESTION_WORDS.has(t)))
  );
}

/** "bisa gak …", "boleh tidak …": a yes/no question said in the middle of a sentence. */
function asksWithNot(tokens: readonly string[]): boolean {
  for (let i = 1; i < tokens.length; i++)
    if (tokens[i] === 'tidak' && ASKS_WITH_NOT.has(tokens[i - 1] ?? '')) return true;
  return false;
}

/** The best-scoring intent; ties go to the one listed first in INTENTS (report before offer, …). */
function top(scores: ReadonlyMap<Intent, number>): [Intent | undefined, number] {
  let best: Intent | undefined;
  let bestScore = 0;
  for (const intent of INTENTS) {
    const s = scores.get(intent) ?? 0;
    if (s > bestScore) [best, bestScore] = [intent, s];
  }
  return [best, bestScore];
}

/**
 * A text's sentences: split after ".", "!", "?" or a line break, but not inside quotes nor after a
 * list number ("1. paspor ditahan 2. dikurung").
 */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === '“' || c === '”') quoted = c === '“' ? true : c === '”' ? false : !quoted;
    const end =
      c === '\n' || (!quoted && (c === '.' || c === '!' || c === '?') && !/\d/.test(text[i - 1] ?? ''));
    if (end) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim() !== '');
}
