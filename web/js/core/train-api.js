/* train-api.js: the members a Network gains for the playground (input
   features, update rules, weight penalties, every unit's map), added to
   Network.prototype by addTrainApi so network.js stays the wrapper of the
   seed's API. They follow its conventions: check in JavaScript what wasm
   would silently convert, let the core check the rest, and turn a failed
   call into a thrown Error naming the field (the same text as the core's,
   both built from the limits table). */
import { LIMITS, limitMessage, fail } from './limits.js';
import { readOptions, finiteOutputs, FLOAT32_MAX, checkInt } from './args.js';
import { readGrid, checkOut } from './predict-api.js';

const TA_SET = Object.getPrototypeOf(Int8Array.prototype).set;
import {
  FEATURES, OPTIMIZERS, REGULARIZATIONS, checkChoice, checkReal, featureNames,
} from './train-options.js';

export { FEATURES, OPTIMIZERS, REGULARIZATIONS };

/* The core takes the rule and the penalty after nn_init (which has no
   arguments for them); a fresh network's state is zero either way. */
export function applyTrainOptions(net, o, codes) {
  const M = net._M;
  net._check(M._nn_set_optimizer(net._ptr, codes.optimizer, o.beta1, o.beta2, o.epsilon));
  net._check(M._nn_set_regularization(net._ptr, codes.regularization, o.regularizationRate));
}

/* A unit map of every unit costs units*width*height floats; past this many
   (64 MB) a call is almost surely a mistake (8 layers of 64 units at 256 x
   256 would be 138 MB), and refusing it keeps wasm memory from growing. */
export const MAX_UNIT_MAP_FLOATS = 4 * LIMITS.GRID_PIXELS.max;

/* Members as a class body, copied onto Network.prototype (getters included). */
class TrainApi {
  /* The features of layer 0 by name, in its order; null for raw inputs. */
  get features() { return featureNames(this._M._nn_features(this._live())); }
  get optimizer() { return OPTIMIZERS[this._M._nn_optimizer(this._live())]; }
  get beta1() { return this._M._nn_beta1(this._live()); }
  get beta2() { return this._M._nn_beta2(this._live()); }
  get epsilon() { return this._M._nn_epsilon(this._live()); }
  get regularization() { return REGULARIZATIONS[this._M._nn_regularization(this._live())]; }
  get regularizationRate() { return this._M._nn_reg_rate(this._live()); }

  /* The weight penalty at the current parameters (L1: λ Σ|w|, L2: λ/2 Σ w²;
     0 without one); `loss` stays the data loss. */
  get regLoss() { return this._M._nn_reg_loss(this._live()); }

  /* Chooses the update rule on the live network; omitted betas and epsilon
     keep their current values. A new rule zeroes the optimiser state (m, v,
     t); new betas or epsilon alone keep it. */
  setOptimizer(optimizer, settings = {}) {
    this._live();
    const code = checkChoice(optimizer, 'optimizer', OPTIMIZERS);
    const given = readOptions(settings, 'settings', ['beta1', 'beta2', 'epsilon'], 'setting');
    const s = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    for (const key of Object.keys(given)) s[key] = given[key];
    checkReal(LIMITS.BETA, s.beta1, 'beta1');
    checkReal(LIMITS.BETA, s.beta2, 'beta2');
    checkReal(LIMITS.EPSILON, s.epsilon, 'epsilon');
    const ptr = this._live();
    this._check(this._M._nn_set_optimizer(ptr, code, s.beta1, s.beta2, s.epsilon));
  }

  /* Chooses the weight penalty and its rate λ on the live network (the rate
     kept when omitted); it applies from the next gradient phase. */
  setRegularization(regularization, rate = this.regularizationRate) {
    const code = checkChoice(regularization, 'regularization', REGULARIZATIONS);
    checkReal(LIMITS.REG_RATE, rate, 'regularizationRate');
    const ptr = this._live();
    this._check(this._M._nn_set_regularization(ptr, code, rate));
  }

  /* Copies of the optimiser state: m (momentum's velocity, adam's first
     moment), v (adam's second moment), in the parameter layout, and adam's
     step count t. */
  optimizerState() {
    const M = this._M, ptr = this._live(), n = M._nn_param_count(ptr);
    return {
      m: this._f64(M._nn_optimizer_state(ptr, 0), n).slice(),
      v: this._f64(M._nn_optimizer_state(ptr, 1), n).slice(),
      steps: M._nn_optimizer_steps(ptr),
    };
  }

  /* Zeroes m, v and t (the parameters stay). */
  resetOptimizer() { this._M._nn_reset_optimizer(this._live()); }

  /* The phases of one epoch (net.phase names them): per batch, forward
     through each hidden layer, logits, output, loss, output error, backward
     through each hidden layer, update. */
  get phasesPerEpoch() { return this._M._nn_phases_per_epoch(this._live()); }

  /* True while an epoch is part-way: some of its phases done (stepPhase,
     stepPhases), not yet its last update. */
  get epochUnderWay() { return this._M._nn_epoch_under_way(this._live()) === 1; }

  /* step(epochs, losses, testLosses) that stops after `phases` phases, which
     may leave an epoch part-way (net.phase tells where); the next call, or
     step, finishes it, bit-identical to training it whole. For a caller
     whose time slice is shorter than one epoch: a page's frame on a wide,
     deep network. losses[i] and testLosses[i] as in step, for each epoch
     completed. Returns { epoch, diverged }, without step's loss, which
     costs a pass over all the data (read net.loss when it is shown). */
  stepPhases(phases, epochs = 1, losses, testLosses) {
    checkInt(phases, 'phases', 1, 2147483647); // an int in the core
    this._train(epochs, phases, losses, testLosses);
    return { epoch: this.epoch, diverged: this.diverged };
  }

  /* Units a unit map covers: layer 0 (features or raw inputs), every hidden unit, every output. */
  get unitCount() { return this._M._nn_unit_count(this._live()); }

  /* Which unit is which, in unitGrids' order: { unit, layer, index, name }
     with names 'x1^2' (a feature) or 'x1' (a raw input), 'h2.3' (hidden
     layer 2, unit 3, counted from 1 as the diagram does), and 'class 0' or
     'output 0'. */
  unitLayout() {
    const layers = this.layers, L = layers.length - 1, features = this.features;
    const out = [];
    layers.forEach((units, l) => {
      for (let j = 0; j < units; j++) {
        let name;
        if (l === 0) name = features ? features[j] : `x${j + 1}`;
        else if (l < L) name = `h${l}.${j + 1}`;
        else name = this.output === 'softmax' ? `class ${j}` : `output ${j}`;
        out.push({ unit: out.length, layer: l, index: j, name });
      }
    });
    return out;
  }

  /* Every unit's value over the grid of predictGrid, from one forward pass:
     Float32Array(unitCount*width*height), unit-major, unit u's pixel (r, c)
     at [(u*height + r)*width + c] (pixel 0 at (xMin, yMax)); outputs are
     probabilities for softmax. Pass `out` of that length to reuse it. */
  unitGrids(grid, out) {
    const M = this._M, units = M._nn_unit_count(this._live());
    const { xMin, xMax, yMin, yMax, width, height } = readGrid(grid);
    const floats = units * width * height;
    if (floats > MAX_UNIT_MAP_FLOATS) {
      fail(`${limitMessage({ ...LIMITS.GRID_PIXELS, max: MAX_UNIT_MAP_FLOATS }, floats, `width*height*units (${units} units)`)}`);
    }
    checkOut(out, floats, `width*height*${units}`);
    const ptr = this._live(); // reading grid may have run the caller's code (getters)
    try {
      const buf = this._buffer('units', floats * 4);
      this._check(M._nn_unit_maps(ptr, xMin, xMax, yMin, yMax, width, height, buf));
      const view = finiteOutputs(new Float32Array(M.HEAPF32.buffer, buf, floats), 'unitGrids', FLOAT32_MAX);
      if (out) { TA_SET.call(out, view); return out; }
      return view.slice();
    } finally {
      this._shrink('units');
    }
  }
}


/* Adds TrainApi's members to a prototype (Network's). */
export function addTrainApi(proto) {
  const members = Object.getOwnPropertyDescriptors(TrainApi.prototype);
  delete members.constructor;
  Object.defineProperties(proto, members);
}
