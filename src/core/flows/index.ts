import type { Flow } from '../flow.js';
import type { IntentMatcher } from '../intents.js';
import { contactsFlow } from './contacts.js';
import { eligibilityFlow } from './eligibility.js';
import { guideFlow } from './guide.js';
import { createMenuFlow } from './menu.js';
import { searchFlow } from './search.js';
import { helpFlow, languageFlow, sosFlow } from './simple.js';

/** Every flow of the bot; the engine looks them up by id. */
export function createFlows(intents: IntentMatcher): Flow[] {
  return [
    createMenuFlow((text) => intents.intent(text)),
    guideFlow,
    eligibilityFlow,
    contactsFlow,
    searchFlow,
    helpFlow,
    sosFlow,
    languageFlow,
  ];
}
