/* hashstate.js: the panel's settings <-> the URL hash, so that a link (or an
   iframe's src) reproduces a run: #activation=relu&hidden=8&lr=0.5&seed=3&autoplay=1.

   Every value is checked against its rule; a value that breaks it, an unknown
   key, or a malformed hash falls back to the default and is reported in
   `problems`, which the page shows as text (never as HTML). The core's
   limits (learning rate, seed) come from its generated table; the panel's
   own offers (1 to 8 hidden units, the speeds) are written here. Pure;
   tested in Node. */
import { LIMITS } from '../core/limits.js';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'];
// Epochs per animation frame offered by the speed slider (fractions run
// one epoch every few frames).
const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];
// Learning rates offered by the control; the hash accepts any rate the core
// accepts, (0, 1e6], so that a link can show a diverging run.
const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100];
const MAX_LR = LIMITS.LEARNING_RATE.max;
const MAX_SEED = LIMITS.SEED.max;

// Chosen so the four regions form over a few seconds at 60 frames per
// second: about 55 epochs (1 s) to 90 % accuracy and 300 epochs (5 s) to
// a loss of 0.5 with seed 1. lr 0.1 is also the seed document's default.
const DEFAULTS = Object.freeze({
  activation: 'sigmoid', hidden: 4, lr: 0.1, seed: 1, speed: 1, autoplay: false, log: false,
});

const NUMBER = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^\d{1,10}$/;

function parseBool(v) {
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return undefined;
}

/* Each rule: parse(text) -> value or undefined, and how to describe it. */
const RULES = {
  activation: { parse: (v) => (ACTIVATIONS.includes(v) ? v : undefined), rule: 'one of sigmoid, tanh, relu' },
  hidden: {
    parse: (v) => (INTEGER.test(v) && +v >= 1 && +v <= 8 ? +v : undefined),
    rule: 'a whole number from 1 to 8',
  },
  lr: {
    parse: (v) => (NUMBER.test(v) && +v > 0 && +v <= MAX_LR ? +v : undefined),
    rule: `a number above 0 and at most ${MAX_LR}`,
  },
  seed: {
    parse: (v) => (INTEGER.test(v) && +v <= MAX_SEED ? +v : undefined),
    rule: `a whole number from 0 to ${MAX_SEED}`,
  },
  speed: {
    parse: (v) => (NUMBER.test(v) && SPEEDS.includes(+v) ? +v : undefined),
    rule: `one of ${SPEEDS.join(', ')} (epochs per frame)`,
  },
  autoplay: { parse: parseBool, rule: '1 or 0' },
  log: { parse: parseBool, rule: '1 or 0' },
};
const KEYS = Object.keys(RULES);
const MAX_HASH = 1000;

/* Shortens and quotes a value for a message. */
function quote(v) {
  const s = String(v);
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

/* hash ('#a=1&b=2' or without '#') -> { settings, given, problems }:
   settings has every key (defaults where absent or invalid), given the keys
   the hash set validly, problems one { key, message } per rejected entry. */
function parse(hash) {
  const settings = Object.assign({}, DEFAULTS);
  const given = {};
  const problems = [];
  let text = String(hash || '');
  if (text[0] === '#') text = text.slice(1);
  if (text.length > MAX_HASH) {
    problems.push({ key: 'link', message: `the settings are longer than ${MAX_HASH} characters, so none were used` });
    return { settings, given, problems };
  }
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key, value;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch (e) {
      problems.push({ key: rawKey, message: `${quote(rawKey)}: not valid URL encoding` });
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(RULES, key)) {
      problems.push({ key, message: `${quote(key)} is not a setting (known: ${KEYS.join(', ')})` });
      continue;
    }
    const parsed = RULES[key].parse(value.trim());
    if (parsed === undefined) {
      problems.push({ key, message: `${key} must be ${RULES[key].rule}, got ${quote(value)}; using ${format(key, DEFAULTS[key])}` });
      delete given[key];
      settings[key] = DEFAULTS[key];
    } else {
      settings[key] = parsed;
      given[key] = true;
    }
  }
  return { settings, given, problems };
}

function format(key, v) {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/* settings -> 'activation=sigmoid&hidden=4&...' (no '#'). The run-defining
   settings are always written; autoplay only when set. */
function serialize(s) {
  const parts = [];
  for (const key of ['activation', 'hidden', 'lr', 'seed', 'speed', 'log']) {
    if (key === 'log' && !s.log) continue;
    parts.push(`${key}=${encodeURIComponent(format(key, s[key]))}`);
  }
  if (s.autoplay) parts.push('autoplay=1');
  return parts.join('&');
}

export { parse, serialize, DEFAULTS, ACTIVATIONS, SPEEDS, LEARNING_RATES, MAX_LR, MAX_SEED };
