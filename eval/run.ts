/**
 * `npm run eval`: how well the bot understands what people write (intents, the safety net, answer
 * cards), how the intent readers compare (the keyword lists used before, the rules, nlp.js), and how
 * the offer checker rates adverts. The held-out parts print numbers only; `--texts` shows the
 * development part's confusions with their messages. `--dev-only` reads the development parts of the
 * understanding and offer corpora alone and never opens a held-out file (for whoever writes rules).
 */
import { compareReport } from './nlu-compare.js';
import { offersReport } from './offers.js';
import { createReader, understandingReport } from './understanding.js';

const texts = process.argv.includes('--texts');
if (process.argv.includes('--dev-only')) {
  console.log(understandingReport(createReader(), texts, ['dev']));
  console.log();
  console.log(await offersReport(['dev']));
} else {
  console.log(understandingReport(createReader(), texts));
  console.log();
  console.log(await compareReport());
  console.log();
  console.log(await offersReport());
}
