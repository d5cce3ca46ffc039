import type { Flow } from '../flow.js';
import type { IntentMatcher } from '../intents.js';
import { agencyFlow } from './agency.js';
import { contactsFlow } from './contacts.js';
import { jobsFlow } from './jobs.js';
import { familyCheckFlow } from './family-check.js';
import { offerCheckFlow } from './offer-check.js';
import { createOfferFlow } from './offer.js';
import { answerFlow } from './answer.js';
import { officerFlow } from './officer.js';
import { warningFlow } from './officer-warning.js';
import { createReportFlow } from './report.js';
import type { PhoneListReader } from './report-draft.js';
import { statusFlow } from './report-status.js';
import { signsFlow } from './signs.js';
import { eligibilityFlow } from './eligibility.js';
import { forgetFlow } from './forget.js';
import { subscriptionsFlow } from './subscriptions.js';
import { guideFlow } from './guide.js';
import { createMenuFlow } from './menu.js';
import { searchFlow } from './search.js';
import { helpFlow, languageFlow } from './simple.js';
import { sosFlow } from './sos.js';
import { answerCardFlow } from './answer-card.js';
import { paidFlow } from './paid.js';
import { unwiredRegisterDesk, type RegisterDesk } from '../register.js';
import { createRegisterFlow } from './register.js';
import { createRegisterListFlow } from './register-list.js';

/** What the flows need from outside the core. */
export interface FlowDeps {
  /** The report wizard's reader of recruiter phone numbers (src/phones). */
  readonly readPhones: PhoneListReader;
  /** The departure/return register; without it, recording fails and the user is told to try again. */
  readonly register?: RegisterDesk;
}

/** Every flow of the bot; the engine looks them up by id. */
export function createFlows(intents: IntentMatcher, deps: FlowDeps): Flow[] {
  const isYesNo = (text: string) => intents.answer(text) !== undefined;
  const register = deps.register ?? unwiredRegisterDesk;
  return [
    createMenuFlow((text) => intents.intent(text)),
    guideFlow,
    eligibilityFlow,
    jobsFlow,
    agencyFlow,
    createOfferFlow(intents.choices),
    offerCheckFlow,
    signsFlow,
    familyCheckFlow,
    createReportFlow({ readPhones: deps.readPhones, words: intents.choices, isYesNo }),
    statusFlow,
    officerFlow,
    warningFlow,
    answerFlow,
    contactsFlow,
    searchFlow,
    helpFlow,
    sosFlow,
    answerCardFlow,
    paidFlow,
    languageFlow,
    forgetFlow,
    subscriptionsFlow,
    createRegisterFlow(register, deps.readPhones),
    createRegisterListFlow(register),
  ];
}
