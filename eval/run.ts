/**
 * `npm run eval`: how well the bot understands what people write (intents, the safety net, answer
 * cards), how the intent readers compare (the keyword lists used before, the rules, nlp.js), and how
 * the offer checker rates adverts. The held-out parts print numbers only; `--texts` shows the
 * development part's confusions with their messages.
 */
import { compareReport } from './nlu-compare.js';
import { offersReport } from './offers.js';
import { createReader, evaluateUnderstanding, formatUnderstanding } from './understanding.js';

const reader = createReader();
const showTexts = process.argv.includes('--texts');
console.log(formatUnderstanding(evaluateUnderstanding(reader, 'dev'), showTexts));
console.log();
console.log(formatUnderstanding(evaluateUnderstanding(reader, 'heldout'), false));
console.log();
console.log(await compareReport());
console.log();
console.log(await offersReport());
