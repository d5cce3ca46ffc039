import type { Flow } from '../flow.js';
import type { IntentMatcher } from '../intents.js';
import { agencyFlow } from './agency.js';
import { contactsFlow } from './contacts.js';
import { jobsFlow } from './jobs.js';
import { familyCheckFlow } from './family-check.js';
import { offerCheckFlow } from './offer-check.js';
import { offerFlow } from './offer.js';
import { answerFlow } from './answer.js';
import { officerFlow } from './officer.js';
import { reportFlow } from './report.js';
import { statusFlow } from './report-status.js';
import { signsFlow } from './signs.js';
import { eligibilityFlow } from './eligibility.js';
import { forgetFlow } from './forget.js';
import { guideFlow } from './guide.js';
import { createMenuFlow } from './menu.js';
import { searchFlow } from './search.js';
import { helpFlow, languageFlow } from './simple.js';
import { sosFlow } from './sos.js';
import { answerCardFlow } from './answer-card.js';
import { paidFlow } from './paid.js';

/** Every flow of the bot; the engine looks them up by id. */
export function createFlows(intents: IntentMatcher): Flow[] {
  return [
    createMenuFlow((text) => intents.intent(text)),
    guideFlow,
    eligibilityFlow,
    jobsFlow,
    agencyFlow,
    offerFlow,
    offerCheckFlow,
    signsFlow,
    familyCheckFlow,
    reportFlow,
    statusFlow,
    officerFlow,
    answerFlow,
    contactsFlow,
    searchFlow,
    helpFlow,
    sosFlow,
    answerCardFlow,
    paidFlow,
    languageFlow,
    forgetFlow,
  ];
}
