/**
 * `npm run eval`: how well the bot understands what people write (intents, the safety net, answer
 * cards), how the intent readers compare (the keyword lists used before, the rules, nlp.js), and how
 * the offer checker rates adverts. The held-out parts print numbers only; `--texts` shows the
 * development part's confusions with their messages.
 */
import { compareReport } from './nlu-compare.js';
import { offersReport } from './offers.js';
import { createReader, understandingReport } from './understanding.js';

console.log(understandingReport(createReader(), process.argv.includes('--texts')));
console.log();
console.log(await compareReport());
console.log();
console.log(await offersReport());
