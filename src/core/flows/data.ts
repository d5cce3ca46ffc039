import type { FlowData, Json } from '../session.js';

/** Typed reads of flow data: stored JSON is untrusted (old or edited sessions), so every read checks. */
export const str = (data: FlowData, key: string): string | undefined => {
  const v = data[key];
  return typeof v === 'string' ? v : undefined;
};

export const num = (data: FlowData, key: string): number | undefined => {
  const v = data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export const bool = (data: FlowData, key: string): boolean | undefined => {
  const v = data[key];
  return typeof v === 'boolean' ? v : undefined;
};

export const strings = (data: FlowData, key: string): string[] => {
  const v: Json | undefined = data[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
