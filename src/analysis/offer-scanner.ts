import type { OfferScanner, OfferScanResult, ScanFinding } from '../core/ports.js';
import type { ScanFile, Sign } from '../content/warnings-schema.js';
import { NOTICE_RULE } from '../content/ids.js';
import { extractCompanies, extractHotlines, extractPhones, extractSalaries } from './extract.js';
import { readMoney } from './money.js';
import { normalizeForScan } from './normalize.js';
import { buildIndex, matchMarkers } from './phrase-index.js';

/** Longest text scanned; a longer paste is cut (the engine already caps messages). */
const MAX_SCAN = 20_000;
/** Evidence words kept per sign. */
const MAX_EVIDENCE = 5;

type Weight = 1 | 2 | 3;

/** Markers of money asked in this very text: a warning does not ask for money. */
const OFFER_MONEY = ['fee-amount', 'personal-account', 'visa-deposit'];
/** A warning with these words may quote a scam's pay; an invitation to apply makes it an advert again. */
const SCAM_WARNING = 'scam-warning';
const CONTACT_INVITE = 'contact-invite';
/** News of a case (an arrest, a rescue, a deportation): its amounts are what victims paid, not money asked here. */
const NEWS_REPORT = 'news-report';
/**
 * Words of a warning besides warning-notice's: someone else's "if" with what they offer ("kalau ada yang nawarin
 * …, laporkan"), and a returnee's or victim's story told after the fact ("dulu saya berangkat lewat calo …").
 */
const PAST_STORY = 'past-story';
const NOTICE_MARKERS = [NOTICE_RULE, 'warning-if', PAST_STORY];
/** Indonesian mobile numbers: a notice may give a hotline, a recruiter gives a WhatsApp number. */
const MOBILE = /^\+62 8/;

/**
 * Evidence words without those another one already quotes ("medical" beside "tanpa medical"), so the short
 * result spends its few quoted words on different ones.
 */
const withoutRepeats = (words: readonly string[]): string[] =>
  words.filter((w) => !words.some((o) => o !== w && ` ${o} `.includes(` ${w} `)));

/**
 * Reads a pasted job offer or chat: phone numbers, companies, countries and salaries it names, the
 * warning signs its words show (phrase lists and combinations from content/warnings/scan.yaml), and
 * the words that are positive evidence of a procedural offer.
 */
export function createOfferScanner(
  scan: ScanFile,
  signs: readonly Sign[],
  /** Today, for birth years in an advert ("kelahiran 2009"): the bot's clock, never the machine's. */
  now: () => Date,
): OfferScanner {
  const index = buildIndex(scan);
  const signById = new Map(signs.map((s) => [s.id, s]));
  const countryIds = new Set(scan.countries.map((c) => c.id));
  const positiveRules = scan.rules.filter((r) => r.positive).map((r) => r.id);
  return {
    scan(input: string): OfferScanResult {
      const text = input.slice(0, MAX_SCAN);
      const normalized = normalizeForScan(text);
      const matched = matchMarkers(index, normalized, now().getUTCFullYear());
      const phones = extractPhones(text);
      const companies = extractCompanies(text);
      const salaries = extractSalaries(text);
      const countries = [...matched.keys()].filter((m) => countryIds.has(m));
      const markers = new Set<string>(matched.keys());
      for (const c of scan.countries) if (markers.has(c.id)) for (const m of c.markers) markers.add(m);
      if (phones.length > 0) markers.add('phone');
      if (companies.length > 0) markers.add('company');
      if (salaries.length > 0) markers.add('salary');

      /** Words behind a marker: a rule's or country's own, or those of the countries carrying it. */
      const wordsFor = (marker: string): string[] => [
        ...(matched.get(marker) ?? []),
        ...scan.countries
          .filter((c) => c.markers.includes(marker))
          .flatMap((c) => [...(matched.get(c.id) ?? [])]),
      ];
      const findings = new Map<string, { weight: Weight; evidence: Set<string> }>();
      const note = (signId: string, weight: Weight | undefined, evidence: Iterable<string>) => {
        const sign = signById.get(signId);
        if (!sign) return;
        const w = weight ?? sign.weight;
        const f = findings.get(signId) ?? { weight: w, evidence: new Set<string>() };
        f.weight = Math.max(f.weight, w) as Weight;
        for (const e of evidence) f.evidence.add(e);
        findings.set(signId, f);
      };
      const blocked = (unless: readonly string[]) => unless.some((m) => markers.has(m));
      // Combos first, in file order: a combo that fires is a marker too, so a later rule or combo can
      // step aside for it (`unless`), e.g. "a scam-compound destination" when "the scam-compound pattern" showed.
      const positive: string[] = positiveRules.flatMap((id) => [...(matched.get(id) ?? [])]);
      // An item of `all` may name alternatives ("free-travel|free-costs"): the ones present count.
      const present = (item: string) => item.split('|').filter((m) => markers.has(m));
      for (const combo of scan.combos) {
        if (!combo.all.every((m) => present(m).length > 0) || blocked(combo.unless)) continue;
        const words = combo.all.flatMap((m) => present(m).flatMap((p) => wordsFor(p)));
        if (combo.sign) note(combo.sign, combo.weight, words);
        else positive.push(...words);
        markers.add(combo.id);
      }
      for (const rule of scan.rules) {
        const words = matched.get(rule.id);
        if (rule.sign && words && !blocked(rule.unless)) note(rule.sign, rule.weight, words);
      }
      // The phrase lists cover Indonesian, English, Javanese and Sundanese: text in another script cannot be read.
      const words = normalized.split(' ').filter((w) => /[a-z]{2,}/.test(w));
      // A warning such as "KP2MI mengimbau … jangan tergiur kerja online di Kamboja" names the signs it
      // warns about: they are not signs of this text. An advert that borrows a warning's words ("hati-hati
      // penipuan mengatasnamakan kami") still gives a mobile number, a salary, or asks for money: it stays an advert.
      // A warning about scams may quote the pay they promise ("modus … gaji 15 juta adalah TPPO") when it invites
      // nobody to apply.
      // So may a returnee's story of the pay they were once promised ("dulu saya ditawari … gaji 15 juta").
      const quotesPay =
        (markers.has(SCAM_WARNING) || markers.has(PAST_STORY)) && !markers.has(CONTACT_INVITE);
      // A mobile number after "laporkan ke" is a hotline to report to, not a recruiter's.
      const recruiterMobile = () => {
        const hotlines = new Set(extractHotlines(text));
        return phones.some((p) => MOBILE.test(p) && !hotlines.has(p));
      };
      // News of a case that invites nobody to apply may name what victims paid and were promised.
      const news = markers.has(NEWS_REPORT) && !markers.has(CONTACT_INVITE);
      // A warning in two voices — its own words ("ciri calo", "waspada") and someone else's "if" with what they offer
      // — may quote the money a scam asks for ("upami aya nu nawiskeun … mayar ka rekening pribadi"), when it invites
      // nobody to apply.
      const quotesMoney =
        matched.has(NOTICE_RULE) && matched.has('warning-if') && !markers.has(CONTACT_INVITE);
      const notice =
        (NOTICE_MARKERS.some((m) => matched.has(m)) || news) &&
        (salaries.length === 0 || quotesPay || news) &&
        (news || quotesMoney || !OFFER_MONEY.some((m) => markers.has(m))) &&
        !recruiterMobile();
      if (notice) findings.clear();
      return {
        notice,
        phones,
        companies,
        countries,
        salaries,
        findings: [...findings].map(([signId, f]): ScanFinding => ({
          signId,
          weight: f.weight,
          evidence: withoutRepeats([...f.evidence]).slice(0, MAX_EVIDENCE),
        })),
        readable: words.length >= 3,
        positive,
      };
    },
    companies: (text) => extractCompanies(text.slice(0, MAX_SCAN)),
    money: (text, answer = false) => readMoney(text.slice(0, MAX_SCAN), { answer }),
  };
}
