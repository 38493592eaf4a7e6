/* network-keys.js: the link's settings for the network's shape and training
   (the network playground).
     rules:    key -> rule (see parsers.js)
     defaults: key -> value when the link does not set it
     options(settings) -> the createNetwork options these keys set

   layers=8,8,4 gives the hidden widths only (layers=0: no hidden layer);
   the input width follows the features and the output width the data.
   When absent, hidden=N (the seed's key) means one hidden layer of N.
   features=x1,x2,x1sq uses the short names of FEATURE_KEYS; the raw inputs
   (x1, x2, nothing else) are the default and never written. */
import { LIMITS } from '../../core/limits.js';
import { oneOf, wholeIn, numberIn } from './parsers.js';

export const MAX_LAYERS = LIMITS.HIDDEN_LAYERS.max;   // 8
export const MAX_UNITS = LIMITS.UNITS.max;            // 64
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const INITS = ['seed', 'glorot', 'he'];
export const BATCH_SIZES = [0, 1, 5, 10, 20, 50, 100];
// The link's name of each feature -> the core's name, in layer 0's order.
export const FEATURE_KEYS = {
  x1: 'x1', x2: 'x2', x1sq: 'x1^2', x2sq: 'x2^2', x1x2: 'x1*x2', sinx1: 'sin(x1)', sinx2: 'sin(x2)',
};
const KEY_NAMES = Object.keys(FEATURE_KEYS);

/* '8,8,4' -> [8, 8, 4]; '0' -> []; undefined for anything else. */
function parseLayers(v) {
  if (v === '0') return [];
  const parts = v.split(',');
  if (parts.length > MAX_LAYERS) return undefined;
  const widths = parts.map((x) => (/^\d{1,2}$/.test(x) ? +x : NaN));
  return widths.every((w) => w >= 1 && w <= MAX_UNITS) ? widths : undefined;
}
// null (the default) is never written; its text only ends a message.
function formatLayers(v) { return v === null ? 'one layer of hidden' : v.length === 0 ? '0' : v.join(','); }

/* 'x1,x2sq' -> the link's names in layer 0's order (null: the raw inputs);
   undefined for an unknown, repeated or missing name. */
function parseFeatures(v) {
  const parts = v.split(',');
  if (!parts.every((x) => KEY_NAMES.includes(x)) || new Set(parts).size !== parts.length) return undefined;
  return canonicalFeatures(parts);
}
export function canonicalFeatures(list) {
  const sorted = KEY_NAMES.filter((k) => list.includes(k));
  return sorted.length === 2 && sorted[0] === 'x1' && sorted[1] === 'x2' ? null : sorted;
}
function formatFeatures(v) { return v === null ? 'x1,x2' : v.join(','); }

/* A number within a limit of the core, written as given. */
function limitNumber(limit, extra = {}) {
  return numberIn(limit.min, limit.max, Object.assign({ open: limit.kind === 'real-above' }, extra));
}

export const rules = {
  layers: {
    parse: parseLayers, format: formatLayers,
    rule: `0 (no hidden layer) or up to ${MAX_LAYERS} widths from 1 to ${MAX_UNITS} separated by commas, e.g. 8,8,4`,
  },
  features: {
    parse: parseFeatures, format: formatFeatures,
    rule: `names from ${KEY_NAMES.join(', ')} separated by commas, each at most once`,
  },
  optimizer: oneOf(OPTIMIZERS),
  beta1: limitNumber(LIMITS.BETA),
  beta2: limitNumber(LIMITS.BETA),
  epsilon: limitNumber(LIMITS.EPSILON),
  reg: oneOf(REGULARIZATIONS),
  regRate: limitNumber(LIMITS.REG_RATE),
  batch: wholeIn(0, LIMITS.BATCH_SIZE.max, { rule: `a whole number from 0 (all points) to ${LIMITS.BATCH_SIZE.max}` }),
  init: oneOf(INITS),
};
export const defaults = {
  layers: null, features: null, optimizer: 'sgd', beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
  reg: 'none', regRate: 0.001, batch: 0, init: 'seed',
};

/* The hidden widths the settings ask for: layers, else one layer of hidden. */
export function hiddenWidths(s) {
  return s.layers ? s.layers.slice() : [s.hidden];
}

/* The core's feature names, or null for the raw inputs. */
export function featureNames(s) {
  return s.features ? s.features.map((k) => FEATURE_KEYS[k]) : null;
}

/* The createNetwork options of these keys, but `layers`:
   hashstate.networkOptions builds it from hiddenWidths, the features'
   count and the data's output width. */
export function options(s) {
  const o = { init: s.init, batchSize: s.batch, optimizer: s.optimizer };
  const features = featureNames(s);
  if (features) o.features = features;
  if (s.optimizer !== 'sgd') o.beta1 = s.beta1;
  if (s.optimizer === 'adam') { o.beta2 = s.beta2; o.epsilon = s.epsilon; }
  if (s.reg !== 'none') { o.regularization = s.reg; o.regularizationRate = s.regRate; }
  return o;
}
