/* parsers.js: the building blocks of the link's rules. Each rule is
   { parse(text) -> value | undefined, rule: 'how to describe it',
     format?(value) -> text, view?: true }.
   `view` marks a key that changes how the run is shown, not the run: a new
   value applies to the running network instead of building a new one. */

export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
export const INTEGER = /^\d{1,10}$/;

export function parseBool(v) {
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return undefined;
}

export const bool = (extra = {}) => Object.assign({ parse: parseBool, rule: '1 or 0' }, extra);

export function oneOf(values, extra = {}) {
  return Object.assign({ parse: (v) => (values.includes(v) ? v : undefined), rule: `one of ${values.join(', ')}` }, extra);
}

/* A whole number in [lo, hi]. */
export function wholeIn(lo, hi, extra = {}) {
  return Object.assign({
    parse: (v) => (INTEGER.test(v) && +v >= lo && +v <= hi ? +v : undefined),
    rule: `a whole number from ${lo} to ${hi}`,
  }, extra);
}

/* A number in [lo, hi] (lo excluded when `open`). */
export function numberIn(lo, hi, { open = false, ...extra } = {}) {
  return Object.assign({
    parse: (v) => (NUMBER.test(v) && (open ? +v > lo : +v >= lo) && +v <= hi ? +v : undefined),
    rule: open ? `a number above ${lo} and at most ${hi}` : `a number from ${lo} to ${hi}`,
  }, extra);
}
