/* hashstate.js: the panel's settings <-> the URL hash, so that a link (or an
   iframe's src) reproduces a run: #activation=relu&hidden=8&lr=0.5&seed=3&autoplay=1.

   Every value is checked against its rule; a value that breaks it, an unknown
   key, or a malformed hash falls back to the default and is reported in
   `problems`, which the page shows as text (never as HTML). The core's
   limits (learning rate, seed) come from its generated table; the panel's
   own offers (1 to 8 hidden units, the speeds) are written here. The keys
   of the data, the network and the embed live in keys/*.js, each with the
   createNetwork options it sets. Pure; tested in Node. */
import { LIMITS } from '../core/limits.js';
import { bool, oneOf, wholeIn, numberIn, NUMBER } from './keys/parsers.js';
import * as dataKeys from './keys/data-keys.js';
import * as networkKeys from './keys/network-keys.js';
import * as embedKeys from './keys/embed-keys.js';
import * as lessonKeys from './keys/lesson-keys.js';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'];
// Epochs per animation frame offered by the speed slider (fractions run
// one epoch every few frames).
const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];
// Learning rates offered by the control; the hash accepts any rate the core
// accepts, (0, 1e6], so that a link can show a diverging run.
const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000];
const MAX_LR = LIMITS.LEARNING_RATE.max;
const MAX_SEED = LIMITS.SEED.max;

// The seed's panel. lr 0.1 is the seed document's default; seed 2369 opens
// as the document does (loss 1.386 = ln 4, accuracy 25 %, chance for four
// classes) and forms the four regions over a few seconds at 60 frames per
// second: 46 epochs to 90 % accuracy, about 300 to a loss of 0.5.
const BASE_DEFAULTS = {
  activation: 'sigmoid', hidden: 4, lr: 0.1, seed: 2369, speed: 1, autoplay: false, log: false,
};

/* Each rule: parse(text) -> value or undefined, and how to describe it. */
const BASE_RULES = {
  activation: oneOf(ACTIVATIONS),
  hidden: wholeIn(1, 8),
  lr: numberIn(0, MAX_LR, { open: true }),
  seed: wholeIn(0, MAX_SEED),
  speed: {
    parse: (v) => (NUMBER.test(v) && SPEEDS.includes(+v) ? +v : undefined),
    rule: `one of ${SPEEDS.join(', ')} (epochs per frame)`, view: true,
  },
  autoplay: bool({ view: true }),
  log: bool({ view: true }),
};
// Written to every link, in this order; the other keys only when they differ
// from their default.
const ALWAYS = ['activation', 'hidden', 'lr', 'seed', 'speed'];

const RULES = Object.assign({}, BASE_RULES, dataKeys.rules, networkKeys.rules, embedKeys.rules, lessonKeys.rules);
const DEFAULTS_MUTABLE = Object.assign({}, BASE_DEFAULTS, dataKeys.defaults, networkKeys.defaults,
  embedKeys.defaults, lessonKeys.defaults);
// compare=<key>:<value>: a second network that differs in one setting of
// the run (compare/compare.js); both halves are checked by that key's rule.
RULES.compare = {
  parse(v) {
    const c = v.indexOf(':');
    if (c < 0) return undefined;
    const key = v.slice(0, c), rule = RULES[key];
    if (!rule || rule.view || key === 'compare') return undefined;
    const value = rule.parse(v.slice(c + 1).trim());
    return value === undefined ? undefined : Object.freeze({ key, value });
  },
  rule: 'key:value, a setting of the run and a value it allows (e.g. activation:relu)',
  format: (c) => (c ? `${c.key}:${format(c.key, c.value)}` : ''),
  view: true,
};
DEFAULTS_MUTABLE.compare = null;
const DEFAULTS = Object.freeze(DEFAULTS_MUTABLE);
const KEYS = Object.keys(RULES);
const MAX_HASH = 1000;

/* Shortens and quotes a value for a message. */
function quote(v) {
  const s = String(v);
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

function format(key, v) {
  if (RULES[key] && RULES[key].format) return RULES[key].format(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/* One 'key=value' part into `out`; a problem is pushed when it is refused. */
function parsePart(part, out) {
  const eq = part.indexOf('=');
  const rawKey = eq < 0 ? part : part.slice(0, eq);
  const rawValue = eq < 0 ? '' : part.slice(eq + 1);
  let key, value;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
  } catch (e) {
    out.problems.push({ key: rawKey, message: `${quote(rawKey)}: not valid URL encoding` });
    return;
  }
  if (!Object.prototype.hasOwnProperty.call(RULES, key)) {
    out.problems.push({ key, message: `${quote(key)} is not a setting (known: ${KEYS.join(', ')})` });
    return;
  }
  const parsed = RULES[key].parse(value.trim());
  if (parsed === undefined) {
    out.problems.push({ key, message: `${key} must be ${RULES[key].rule}, got ${quote(value)}; using ${format(key, DEFAULTS[key]) || 'none'}` });
    delete out.given[key];
    out.settings[key] = DEFAULTS[key];
  } else {
    out.settings[key] = parsed;
    out.given[key] = true;
  }
}

/* hash ('#a=1&b=2' or without '#') -> { settings, given, problems }:
   settings has every key (defaults where absent or invalid), given the keys
   the hash set validly, problems one { key, message } per rejected entry. */
function parse(hash) {
  const out = { settings: Object.assign({}, DEFAULTS), given: {}, problems: [] };
  let text = String(hash || '');
  if (text[0] === '#') text = text.slice(1);
  if (text.length > MAX_HASH) {
    out.problems.push({ key: 'link', message: `the settings are longer than ${MAX_HASH} characters, so none were used` });
    return out;
  }
  for (const part of text.split('&')) if (part !== '') parsePart(part, out);
  // Keys valid alone but not together (a noise the dataset does not allow).
  for (const problem of dataKeys.check(out.settings)) { out.problems.push(problem); delete out.given[problem.key]; }
  return out;
}

/* A value in the link: URL-encoded, but commas and colons stay as they are
   (legal in a hash; layers=8,8,4, show=region,loss and
   compare=activation:relu stay readable). */
const encode = (text) => encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':');

/* settings -> 'activation=sigmoid&hidden=4&...' (no '#'): the ALWAYS keys,
   then every other key whose value is not its default. */
function serialize(s) {
  const parts = ALWAYS.map((key) => `${key}=${encode(format(key, s[key]))}`);
  for (const key of KEYS) {
    if (ALWAYS.includes(key) || s[key] === undefined) continue;
    if (format(key, s[key]) !== format(key, DEFAULTS[key])) parts.push(`${key}=${encode(format(key, s[key]))}`);
  }
  return parts.join('&');
}

/* True if going from settings a to b needs a new network (a key that is
   not a view key changed). */
function rebuilds(a, b) {
  return KEYS.some((key) => !RULES[key].view && format(key, a[key]) !== format(key, b[key]));
}

/* The createNetwork options the settings ask for. The hidden widths come
   from the network's keys (layers, or hidden=N as one layer of N), the
   input width from the features, the output width from the base or the
   data's options. */
function networkOptions(s) {
  const o = Object.assign(
    { layers: [2, s.hidden, 4], activation: s.activation, learningRate: s.lr, seed: s.seed },
    dataKeys.options(s), networkKeys.options(s));
  const data = dataKeys.options(s);
  const out = data.layers ? data.layers[data.layers.length - 1] : typeof o.classes === 'number' ? o.classes : o.layers[o.layers.length - 1];
  const inputs = o.features ? o.features.length : 2;
  o.layers = [inputs, ...networkKeys.hiddenWidths(s), out];
  return o;
}

export { parse, serialize, rebuilds, networkOptions, DEFAULTS, RULES, ACTIVATIONS, SPEEDS, LEARNING_RATES, MAX_LR, MAX_SEED };
