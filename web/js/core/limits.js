/* limits.js: the core's limits as JavaScript sees them. The table is
   generated at build time from MLP_LIMIT_LIST in src/mlp_limits.h
   (web/build/limits.mjs, by tools/gen_limits.c), and a message is built
   exactly as the C core builds it (mlp_limit_fail), so a value the wrapper
   refuses before calling wasm reads the same as one the core refuses:
   "<field> must be <rule>, got <value>". tests/node/limits.test.js compares
   the two at every boundary of every limit. */
import { LIMITS, RULES } from '../../build/limits.mjs';

export { LIMITS };

/* True if v (a number) satisfies the limit; integers where its kind says so. */
export function withinLimit(limit, v) {
  if (typeof v !== 'number' || Number.isNaN(v)) return false;
  if (limit.kind === 'int' && !Number.isInteger(v)) return false;
  if (limit.kind === 'real-above') return v > limit.min && v <= limit.max;
  return v >= limit.min && v <= limit.max;
}

/* "an integer from 1 to 64", from the limit's rule. */
export function ruleText(limit) {
  return RULES[limit.kind].replace('%1', String(limit.min)).replace('%2', String(limit.max));
}

/* The message for value v (any value: non-numbers are quoted) of `field`
   (the limit's own name by default). */
export function limitMessage(limit, v, field = limit.name) {
  return `${field} must be ${ruleText(limit)}, got ${describe(v)}`;
}

/* Throws the limit's message unless v satisfies it; returns v. */
export function checkLimit(limit, v, field) {
  if (!withinLimit(limit, v)) throw new Error(limitMessage(limit, v, field));
  return v;
}

/* A value as a message shows it: numbers as String(v) (as the core writes
   them), strings quoted and shortened, arrays by their length. */
export function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${v.length}`;
  return String(v);
}
