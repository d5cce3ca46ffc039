/** The report side's keys are named with every other Redis key in src/storage/keys.ts. */
export { reportKeys, reporterId, type ReportKeys } from '../storage/keys.js';
