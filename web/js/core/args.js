/* args.js: the wrapper's checks of what only JavaScript can check (types,
   names, array lengths) and of the core's limits before a value reaches
   wasm (where 3.5 would become 3 and 2^32 would wrap), each failing with an
   Error whose message names the field and what it may be. */
import { LIMITS, checkLimit, describe, typedArrayTag, TA_LENGTH, isArray, fail } from './limits.js';
// net-api: features, optimiser and penalty options (train-options.js).
import { TRAIN_DEFAULTS, normaliseTrain } from './train-options.js';
import { DATASETS as DATASET_TABLE } from '../../build/limits.mjs';

export { describe };

export const ACTIVATIONS = Object.freeze(['sigmoid', 'tanh', 'relu', 'linear']);
export const INITS = Object.freeze(['seed', 'glorot', 'he']);
export const OUTPUTS = Object.freeze(['softmax', 'linear']);
// The generated datasets' names (the core's table), and 'none' for no data.
export const DATASET_NAMES = Object.freeze(DATASET_TABLE.map((d) => d.name).concat('none'));
export const DEFAULTS = Object.freeze({
  layers: Object.freeze([2, 4, 4]), activation: 'sigmoid', init: 'seed', output: 'softmax',
  learningRate: 1.0, batchSize: 0, seed: 1, dataset: 'quadrants', points: 200,
  // data-api: noise and classes left undefined mean the dataset's default
  // noise (quadrants 0.3) and the network's outputs; testFraction 0 holds
  // nothing out.
  noise: undefined, classes: undefined, testFraction: 0,
  ...TRAIN_DEFAULTS, // net-api
});

export { fail };

/* An integer from lo to hi (for ranges that depend on the network, such as
   a layer index); fixed ranges go through the limits table instead. */
export function checkInt(value, field, lo, hi) {
  if (!Number.isInteger(value) || value < lo || value > hi) {
    fail(`${field} must be an integer from ${lo} to ${hi}, got ${describe(value)}`);
  }
  return value;
}

export function checkName(value, field, names) {
  if (!names.includes(value)) fail(`${field} must be one of ${names.join(', ')}, got ${describe(value)}`);
  return names.indexOf(value);
}

export function checkNumber(value, field) {
  if (typeof value !== 'number') fail(`${field} must be a number, got ${describe(value)}`);
  return value;
}

export function isArrayLike(v) {
  return isArray(v) || typedArrayTag(v) !== undefined;
}

/* The one way an array argument enters the wrapper: a
   typed array (not a BigInt one) or an array of numbers, read ONCE into a
   fresh Float64Array, each element's type checked as it is read (typeof
   'number': null, true, "1", [1] and objects with valueOf are refused, and
   no valueOf or toString ever runs). Callers check values and copy the
   snapshot into wasm afterwards, so no code of the caller's (a Proxy's
   trap, a getter) can run between the check and the copy. A typed array is
   copied through its internal slots, so no getter of it runs at all.
   `max`: the most elements accepted, checked before anything is allocated;
   `expected`: what the field must be, for the message. */
export function readNumbers(v, field, max, expected) {
  const tag = typedArrayTag(v);
  if (tag !== undefined && !tag.startsWith('Big')) {
    const n = TA_LENGTH.call(v);
    if (n > max) fail(`${field} must ${expected}, got ${describe(v)}`);
    const out = new Float64Array(n);
    out.set(v);
    return out;
  }
  if (tag !== undefined || !isArray(v)) fail(`${field} must ${expected}, got ${describe(v)}`);
  const n = v.length; // read once: a Proxy may answer differently next time
  if (!Number.isInteger(n) || n > max) fail(`${field} must ${expected}, got an array of length ${describe(n)}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = v[i];
    if (typeof e !== 'number') fail(`${field}[${i}] must be a number, got ${describe(e)}`);
    out[i] = e;
  }
  return out;
}

/* An options object: a plain object (its prototype Object.prototype or
   null; a Date, an array or a class instance is refused), undefined for
   none. Only its own enumerable string keys count, each must be one of
   `known` (an own "__proto__" key is an unknown option, never a
   prototype), and each is read once into a fresh object with no
   prototype. */
export function readOptions(options, field, known, what = 'option') {
  if (options === undefined) return Object.create(null);
  if (!isPlainObject(options)) fail(`${field} must be a plain object, got ${describe(options)}`);
  const out = Object.create(null);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) fail(`unknown ${what} ${JSON.stringify(key)}; known: ${known.join(', ')}`);
    out[key] = options[key];
  }
  return out;
}

export function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  try {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  } catch (e) {
    return false; // a revoked Proxy
  }
}

/* The options with defaults filled in, every one checked (a typo or a value
   out of range is better reported than ignored, even when unused). */
export function normalise(options) {
  const given = readOptions(options, 'options', Object.keys(DEFAULTS));
  const o = {};
  for (const key of Object.keys(DEFAULTS)) o[key] = key in given ? given[key] : DEFAULTS[key];
  // layers read once into a plain array (a Proxy or getters answer once).
  const H = LIMITS.HIDDEN_LAYERS;
  if (isArray(o.layers)) {
    o.layers = Array.from(readNumbers(o.layers, 'layers', H.max + 2,
      `be an array of ${H.min + 2} to ${H.max + 2} sizes (input, ${H.min} to ${H.max} hidden, output)`));
  }
  // net-api: before checkLayers, since features fill in layers[0].
  const train = normaliseTrain(o, given);
  checkLayers(o.layers, o.output);
  const codes = {
    ...train,
    activation: checkName(o.activation, 'activation', ACTIVATIONS),
    init: checkName(o.init, 'init', INITS),
    output: checkName(o.output, 'output', OUTPUTS),
  };
  checkNumber(o.learningRate, 'learningRate');
  checkLimit(LIMITS.LEARNING_RATE, o.learningRate);
  checkLimit(LIMITS.BATCH_SIZE, o.batchSize);
  checkLimit(LIMITS.SEED, o.seed);
  checkDataOptions(o);
  return { o, codes };
}

function checkLayers(layers, output) {
  const H = LIMITS.HIDDEN_LAYERS;
  if (!isArray(layers) || layers.length < H.min + 2 || layers.length > H.max + 2) {
    fail(`layers must be an array of ${H.min + 2} to ${H.max + 2} sizes (input, ${H.min} to ${H.max} hidden, output), got ${describe(layers)}`);
  }
  const last = layers.length - 1;
  layers.forEach((n, i) => {
    if (i === 0) checkLimit(LIMITS.INPUTS, n, 'layers[0] (inputs)');
    else if (i < last) checkLimit(LIMITS.UNITS, n, `layers[${i}] (hidden units)`);
    else if (output === 'linear') checkLimit(LIMITS.OUTPUTS, n, `layers[${i}] (outputs)`);
    else checkLimit(LIMITS.CLASSES, n, `layers[${i}] (classes)`);
  });
}

/* ---- data-api: dataset, points, noise, classes, testFraction -------------
   Checked as the C core checks them (mlp_data_generate; mlp_data_quadrants
   for the seed's path), with its messages, so the page can show either.
   Fills o.noise with the dataset's default when it is undefined. */

/* The seed's quadrants path: mlp_data_quadrants, which keeps its wider
   ranges (1-10000 points, noise 0-10) and its exact points (no clamping). */
export function isSeedQuadrants(o) {
  return o.dataset === 'quadrants' && o.testFraction === 0;
}

/* The table's row of a generated dataset, or undefined ('none'). */
export function datasetRow(name) {
  return DATASET_TABLE.find((d) => d.name === name);
}

export function checkDataOptions(o, names = DATASET_NAMES) {
  checkName(o.dataset, 'dataset', names);
  const row = datasetRow(o.dataset);
  if (o.noise === undefined) o.noise = row ? row.defaultNoise : 0;
  if (!row || isSeedQuadrants(o)) { // 'none' checks the ranges it always did
    checkLimit(LIMITS.POINTS, o.points);
    checkNumber(o.noise, 'noise');
    checkLimit(LIMITS.NOISE, o.noise);
    const classes = row ? LIMITS.CLASSES_QUADRANTS : LIMITS.CLASSES;
    if (o.classes !== undefined) checkLimit(classes, o.classes, row ? 'classes (quadrants)' : 'classes');
  } else { // mlp_data_generate's order: points, noise, classes, testFraction
    checkLimit(LIMITS.GEN_POINTS, o.points);
    checkLimit(LIMITS[row.noiseLimit], o.noise, `noise (${row.name})`);
    if (o.classes !== undefined) checkLimit(LIMITS[row.classesLimit], o.classes, `classes (${row.name})`);
  }
  checkLimit(LIMITS.TEST_FRACTION, o.testFraction);
}

// The largest float32: grids clamp overflowing outputs to it.
export const FLOAT32_MAX = 3.4028234663852886e38;

/* No NaN or Infinity leaves the wrapper. An output that
   overflows its type (float64 beyond float32 in a grid, or beyond float64)
   is clamped to +-max (the largest finite value of the array's type); a NaN
   (arithmetic that overflowed both ways) throws, naming the call and the
   element. Changes `a` in place and returns it. */
export function finiteOutputs(a, what, max) {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v - v !== 0) { // NaN or +-Infinity
      if (v !== v) fail(`${what}: output ${i} is NaN (the parameters overflow the arithmetic): set smaller parameters`);
      a[i] = v > 0 ? max : -max;
    }
  }
  return a;
}
