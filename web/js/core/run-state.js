/* run-state.js: a run saved as a plain, versioned object (net.toJSON()) and
   rebuilt from one (createNetwork(run) or restoreNetwork(run)), continuing
   bit for bit as the saved network would have.

   The object is the core's state block (mlp_state_save, layout in
   src/mlp_playground.h) with names: every double is a JSON number, which
   JSON.stringify writes as String(v) does, the shortest digits that read
   back as the same double, so JSON.parse(JSON.stringify(run)) holds the
   same bits; integers (epoch, the generator's words as 32-bit halves) are
   exact too. The one value JSON has no number for, epochLoss before any
   epoch (NaN), is null. Not saved, as in the core: the test set (when
   there is one), the last iteration's activations and gradients (the next
   phases recompute them), and a loss history, which the wrapper does not
   keep (the page keeps its own).

   Restoring checks in JavaScript what the block cannot express (format
   name, version, fields present and no others, names, types, lengths) with
   messages naming the field; the core then checks values (ranges,
   integers, the permutation) as mlp_state_load does, before anything is
   built, and its messages name the same fields. */
import { LIMITS, isArray, isWrapperError } from './limits.js';
import { ACTIVATIONS, INITS, OUTPUTS, fail, describe, isArrayLike, normalise, readNumbers } from './args.js';
import { OPTIMIZERS, REGULARIZATIONS, TRAIN_DEFAULTS, featureNames } from './train-options.js';

export const FORMAT = 'mlp-explainer-run';
export const VERSION = 1;

// Header slots of the state block, as src/mlp_playground.h lists them.
const S = {
  MAGIC: 0, VERSION: 1, COUNT: 2, N_SIZES: 3, SIZES: 4, ACTIVATION: 14, INIT: 15, OUTPUT: 16,
  LR: 17, BATCH: 18, SEED: 19, FEATURES: 20, OPTIMIZER: 21, BETA1: 22, BETA2: 23, EPSILON: 24,
  REG: 25, REG_RATE: 26, PARAMS: 27, POINTS: 28, EPOCH: 29, BATCH_NO: 30, PERM_DRAWN: 31,
  OPT_T: 32, DIVERGED: 33, LOSS_SUM: 34, EPOCH_LOSS: 35, RNG: 36, HEADER: 44,
};
const MAGIC = 1296846848; // MLP_STATE_MAGIC

const CONFIG_KEYS = ['layers', 'activation', 'init', 'output', 'learningRate', 'batchSize', 'seed',
  ...Object.keys(TRAIN_DEFAULTS)];
// The run's fields after format, version and config; y is labels or targets.
const COUNTERS = ['epoch', 'batch', 'adamSteps', 'epochLossSum'];
const FLAGS = ['permDrawn', 'diverged'];
const ARRAYS = ['rng', 'params', 'm', 'v', 'x', 'perm'];
const KEYS = ['format', 'version', 'config', ...COUNTERS, 'epochLoss', ...FLAGS, ...ARRAYS];

export function isSavedRun(v) {
  return v !== null && typeof v === 'object' && !isArray(v) && Object.prototype.hasOwnProperty.call(v, 'format');
}

const P = 'saved run: ';

/* (Input width + 1) x units per layer: the parameter count of the layout. */
function paramCount(layers) {
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += (layers[l - 1] + 1) * layers[l];
  return n;
}

/* The configuration, checked as createNetwork's options (its messages get
   the prefix "saved run: config."): { o, codes }. */
function checkConfig(config) {
  if (config === undefined) fail(`${P}config is missing`);
  if (config === null || typeof config !== 'object' || isArray(config)) fail(`${P}config must be an object, got ${describe(config)}`);
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(key)) fail(`${P}config.${key} is not a setting; known: ${CONFIG_KEYS.join(', ')}`);
  }
  for (const key of CONFIG_KEYS) if (!(key in config)) fail(`${P}config.${key} is missing`);
  try {
    return normalise({ ...config, dataset: 'none' });
  } catch (e) {
    if (!isWrapperError(e)) throw e;
    fail(`${P}config.${e.message}`);
  }
}

/* An array of `length` numbers (types only: the core checks the values). */
function checkNumbers(run, key, length, what, arrays) {
  const a = run[key];
  if (!isArrayLike(a) || a.length !== length) fail(`${P}${key} must be an array of ${what}, got ${describe(a)}`);
  // Read once: toState copies this snapshot, never run[key] again.
  arrays[key] = readNumbers(a, P + key, length, `be an array of ${what}`);
  if (arrays[key].length !== length) fail(`${P}${key} must be an array of ${what}, got ${arrays[key].length} numbers`);
  return arrays[key];
}

/* Checks a saved run and turns it into the core's state block:
   { o, codes, state: Float64Array } (o, codes as normalise gives them). */
export function checkRun(run) {
  if (run.format !== FORMAT) fail(`${P}format must be ${JSON.stringify(FORMAT)}, got ${describe(run.format)}`);
  if (run.version !== VERSION) fail(`${P}version must be ${VERSION}, got ${describe(run.version)}`);
  const y = run.config && run.config.output === 'linear' ? 'targets' : 'labels';
  for (const key of Object.keys(run)) {
    if (!KEYS.includes(key) && key !== y) fail(`${P}${key} is not a field of a saved ${y === 'labels' ? 'softmax' : 'linear'} run`);
  }
  const { o, codes } = checkConfig(run.config);
  for (const key of [...KEYS, y]) if (!(key in run)) fail(`${P}${key} is missing`);
  for (const key of COUNTERS) if (typeof run[key] !== 'number') fail(`${P}${key} must be a number, got ${describe(run[key])}`);
  if (run.epochLoss !== null && typeof run.epochLoss !== 'number') fail(`${P}epochLoss must be a number or null, got ${describe(run.epochLoss)}`);
  for (const key of FLAGS) if (typeof run[key] !== 'boolean') fail(`${P}${key} must be true or false, got ${describe(run[key])}`);
  const layers = o.layers, K = layers[layers.length - 1], nP = paramCount(layers);
  const D = codes.features ? 2 : layers[0], Y = y === 'labels' ? 1 : K;
  const arrays = {};
  checkNumbers(run, 'rng', 8, '8 numbers (the generator\'s 4 words as high and low 32 bits)', arrays);
  for (const key of ['params', 'm', 'v']) checkNumbers(run, key, nP, `${nP} numbers (the parameter layout)`, arrays);
  const n = isArrayLike(run.x) ? Math.floor(run.x.length / D) : 0;
  // Before the state is built: a huge x would otherwise cost its size in wasm memory first.
  if (n > LIMITS.POINTS.max) fail(`${P}x must hold at most ${LIMITS.POINTS.max} points, got ${n}`);
  checkNumbers(run, 'x', n * D, `n*${D} numbers (n points, ${D} inputs each)`, arrays);
  checkNumbers(run, y, n * Y, `${n * Y} numbers (${Y === 1 ? 'a label' : `${K} targets`} for each of the ${n} points of x)`, arrays);
  checkNumbers(run, 'perm', n, `${n} numbers (a permutation of the ${n} points)`, arrays);
  return { o, codes, state: toState(run, arrays, o, codes, { n, nP, D, Y, y }) };
}

/* The state block of mlp_playground.h's layout, from a checked run. */
function toState(run, arrays, o, codes, { n, nP, D, Y, y }) {
  const s = new Float64Array(S.HEADER + 3 * nP + n * (D + Y + 1));
  const header = {
    MAGIC, VERSION, COUNT: s.length, N_SIZES: o.layers.length, ACTIVATION: codes.activation,
    INIT: codes.init, OUTPUT: codes.output, LR: o.learningRate, BATCH: o.batchSize, SEED: o.seed,
    FEATURES: codes.features, OPTIMIZER: codes.optimizer, BETA1: o.beta1, BETA2: o.beta2,
    EPSILON: o.epsilon, REG: codes.regularization, REG_RATE: o.regularizationRate, PARAMS: nP,
    POINTS: n, EPOCH: run.epoch, BATCH_NO: run.batch, PERM_DRAWN: +run.permDrawn,
    OPT_T: run.adamSteps, DIVERGED: +run.diverged, LOSS_SUM: run.epochLossSum,
    EPOCH_LOSS: run.epochLoss === null ? NaN : run.epochLoss,
  };
  for (const [slot, v] of Object.entries(header)) s[S[slot]] = v;
  s.set(o.layers, S.SIZES);
  let at = S.HEADER;
  for (const key of ['params', 'm', 'v', 'x', y, 'perm']) { s.set(arrays[key], at); at += arrays[key].length; }
  s.set(arrays.rng, S.RNG);
  return s;
}

/* The core builds the network from a checked state: its pointer, or a
   throw with the core's message ("state.epoch must be ...") given the
   run's prefix. The core frees what it made when it refuses. */
export function createFromState(M, state) {
  const buf = M._malloc(state.length * 8);
  if (!buf) fail('out of memory');
  let ptr;
  try {
    M.HEAPF64.set(state, buf >> 3);
    ptr = M._nn_create_from_state(buf, state.length);
  } finally {
    M._free(buf);
  }
  if (!ptr) fail(P + M.UTF8ToString(M._nn_error()).replace(/^state\./, ''));
  return ptr;
}

/* The saved run, from the core's state block s. */
function fromState(s) {
  const nS = s[S.N_SIZES], layers = Array.from(s.subarray(S.SIZES, S.SIZES + nS));
  const softmax = OUTPUTS[s[S.OUTPUT]] === 'softmax', features = s[S.FEATURES];
  const nP = s[S.PARAMS], n = s[S.POINTS], D = features ? 2 : layers[0];
  const Y = softmax ? 1 : layers[nS - 1];
  const run = {
    format: FORMAT, version: VERSION,
    config: {
      layers, activation: ACTIVATIONS[s[S.ACTIVATION]], init: INITS[s[S.INIT]], output: OUTPUTS[s[S.OUTPUT]],
      learningRate: s[S.LR], batchSize: s[S.BATCH], seed: s[S.SEED], features: featureNames(features),
      optimizer: OPTIMIZERS[s[S.OPTIMIZER]], beta1: s[S.BETA1], beta2: s[S.BETA2], epsilon: s[S.EPSILON],
      regularization: REGULARIZATIONS[s[S.REG]], regularizationRate: s[S.REG_RATE],
    },
    epoch: s[S.EPOCH], batch: s[S.BATCH_NO], adamSteps: s[S.OPT_T], epochLossSum: s[S.LOSS_SUM],
    epochLoss: Number.isNaN(s[S.EPOCH_LOSS]) ? null : s[S.EPOCH_LOSS],
    permDrawn: s[S.PERM_DRAWN] === 1, diverged: s[S.DIVERGED] === 1,
    rng: Array.from(s.subarray(S.RNG, S.RNG + 8)),
  };
  let at = S.HEADER;
  const take = (count) => Array.from(s.subarray(at, (at += count)));
  run.params = take(nP);
  run.m = take(nP);
  run.v = take(nP);
  run.x = take(n * D);
  run[softmax ? 'labels' : 'targets'] = take(n * Y);
  run.perm = take(n);
  return run;
}

/* Members added to Network.prototype. */
class RunState {
  /* The run as a plain versioned object (see the top of this file);
     JSON.stringify(net) calls it. */
  toJSON() {
    const M = this._M, ptr = this._live(), count = M._nn_state_size(ptr);
    const buf = M._malloc(count * 8);
    if (!buf) fail('out of memory');
    try {
      this._check(M._nn_state_save(ptr, buf, count));
      return fromState(this._f64(buf, count));
    } finally {
      M._free(buf);
    }
  }
}

export function addRunState(proto) {
  Object.defineProperty(proto, 'toJSON', Object.getOwnPropertyDescriptor(RunState.prototype, 'toJSON'));
}
