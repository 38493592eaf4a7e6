/* limits.js: the core's limits as JavaScript sees them. The table is
   generated at build time from MLP_LIMIT_LIST in src/mlp_limits.h
   (web/build/limits.mjs, by tools/gen_limits.c), and a message is built
   exactly as the C core builds it (mlp_limit_fail), so a value the wrapper
   refuses before calling wasm reads the same as one the core refuses:
   "<field> must be <rule>, got <value>". tests/node/limits.test.js compares
   the two at every boundary of every limit. */
import { LIMITS, RULES } from '../../build/limits.mjs';

export { LIMITS };

/* Every Error the wrapper makes for a refused call, so a public call can
   tell its own (passed on as they are) from anything a caller's value threw
   while it was read (wrapped in an Error naming the call: network.js). */
const OWN_ERRORS = new WeakSet();

export function wrapperError(message) {
  const e = new Error(message);
  OWN_ERRORS.add(e);
  return e;
}

export function isWrapperError(e) {
  return OWN_ERRORS.has(e);
}

export function fail(message) { throw wrapperError(message); }

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
  if (!withinLimit(limit, v)) fail(limitMessage(limit, v, field));
  return v;
}

/* A value as a message shows it: numbers as String(v) (as the core writes
   them), strings quoted and shortened, arrays by their length, anything
   else by its kind. It never throws and runs no code of the value's own
   (no toString, valueOf, getters or Proxy traps beyond Array.isArray), so an
   error message can always be built: a hostile value is described, not
   obeyed. */
export function describe(v) {
  try {
    switch (typeof v) {
      case 'string': return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
      case 'number': case 'boolean': case 'undefined': return String(v);
      case 'bigint': return `${String(v)}n (a BigInt)`;
      case 'symbol': return 'a Symbol';
      case 'function': return 'a function';
      default: break;
    }
    if (v === null) return 'null';
    const tag = typedArrayTag(v);
    if (tag) return `a ${tag} of length ${TA_LENGTH.call(v)}`;
    if (Array.isArray(v)) {
      const n = v.length; // a Proxy's trap may run here; what it throws is caught below
      return typeof n === 'number' ? `an array of length ${n}` : 'an array';
    }
    return 'an object';
  } catch (e) {
    return 'an unreadable value'; // a revoked Proxy
  }
}

// The engine's own accessors of typed arrays: they read internal slots, so
// no getter of the value (or of a subclass) runs.
const TA_PROTO = Object.getPrototypeOf(Int8Array.prototype);
export const TA_LENGTH = Object.getOwnPropertyDescriptor(TA_PROTO, 'length').get;
const TA_TAG = Object.getOwnPropertyDescriptor(TA_PROTO, Symbol.toStringTag).get;

/* Array.isArray that answers false for a revoked Proxy instead of throwing. */
export function isArray(v) {
  try { return Array.isArray(v); } catch (e) { return false; }
}

/* 'Float64Array' etc. for a typed array, undefined for anything else. */
export function typedArrayTag(v) {
  return TA_TAG.call(v); // undefined for non-typed-arrays, DataViews and Proxies
}
