import { z } from 'zod';

/** `true`/`false` (also 1/0, yes/no) as a boolean. */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A whole number from `min` to `max`. */
export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `expected a number from ${min} to ${max}` });
