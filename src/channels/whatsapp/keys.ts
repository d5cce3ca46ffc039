/** A WhatsApp account's keys are named with every other Redis key in src/storage/keys.ts. */
export {
  whatsAppKeys as createWhatsAppKeys,
  type OutboxKeys,
  type WhatsAppKeys,
} from '../../storage/keys.js';
