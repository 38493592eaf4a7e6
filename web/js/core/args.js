/* args.js: the wrapper's checks of what only JavaScript can check (types,
   names, array lengths) and of the core's limits before a value reaches
   wasm (where 3.5 would become 3 and 2^32 would wrap), each failing with an
   Error whose message names the field and what it may be. */
import { LIMITS, checkLimit, describe } from './limits.js';
// net-api: features, optimiser and penalty options (train-options.js).
import { TRAIN_DEFAULTS, normaliseTrain } from './train-options.js';

export { describe };

export const ACTIVATIONS = Object.freeze(['sigmoid', 'tanh', 'relu', 'linear']);
export const INITS = Object.freeze(['seed', 'glorot', 'he']);
export const OUTPUTS = Object.freeze(['softmax', 'linear']);
export const DATASETS = Object.freeze(['quadrants', 'none']);
export const DEFAULTS = Object.freeze({
  layers: Object.freeze([2, 4, 4]), activation: 'sigmoid', init: 'seed', output: 'softmax',
  learningRate: 1.0, batchSize: 0, seed: 1, dataset: 'quadrants', points: 200, noise: 0.3,
  ...TRAIN_DEFAULTS, // net-api
});

export function fail(message) { throw new Error(message); }

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
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/* The options with defaults filled in, every one checked (a typo or a value
   out of range is better reported than ignored, even when unused). */
export function normalise(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    fail(`options must be an object, got ${describe(options)}`);
  }
  const o = Object.assign({}, DEFAULTS, options || {});
  for (const key of Object.keys(o)) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULTS, key)) fail(`unknown option ${JSON.stringify(key)}; known: ${Object.keys(DEFAULTS).join(', ')}`);
  }
  // net-api: before checkLayers, since features fill in layers[0].
  const train = normaliseTrain(o, options || {});
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
  checkName(o.dataset, 'dataset', DATASETS);
  checkLimit(LIMITS.POINTS, o.points);
  checkNumber(o.noise, 'noise');
  checkLimit(LIMITS.NOISE, o.noise);
  return { o, codes };
}

function checkLayers(layers, output) {
  const H = LIMITS.HIDDEN_LAYERS;
  if (!Array.isArray(layers) || layers.length < H.min + 2 || layers.length > H.max + 2) {
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
