/* demo-configs.js: the networks and data of the two demos that show the
   seed's claims (universal approximation, ReLU against vanishing gradients),
   in one place for the demos (demo-approx.js, demo-vanishing.js) and for the
   Node tests that check the claims with these very settings
   (tests/node/regression.test.mjs, vanishing.test.mjs). Pure: no DOM. */

/* Universal approximation: one hidden layer of N sigmoid units and a linear
   output, fitted by squared error to 64 points of a 1-D target on [-pi, pi].
   Mini-batches of 4 at learning rate 0.1 fit every target for every N from
   1 to 32 without diverging (full-batch descent is 10-20x slower here, and
   larger rates make the fit jump visibly). */
export const approx = Object.freeze({
  xMin: -Math.PI,
  xMax: Math.PI,
  points: 64,
  yMin: -1.75,            // the plot's vertical range
  yMax: 1.75,
  drawMin: -1.5,          // a drawn target is clamped to this range
  drawMax: 1.5,
  unitsMin: 1,
  unitsMax: 32,
  unitsInitial: 8,
  targets: Object.freeze(['sine', 'step', 'abs', 'drawn']),
  targetLabels: Object.freeze({ sine: 'sin x', step: 'step', abs: '|x|', drawn: 'your drawing' }),
  network: Object.freeze({
    activation: 'sigmoid', output: 'linear', init: 'glorot',
    learningRate: 0.1, batchSize: 4, seed: 1, dataset: 'none',
  }),
  epochsPerTick: 4,
  maxEpochs: 20000,       // the demo pauses here; play continues
});

/* x of sample i: the midpoints of `points` equal cells across [xMin, xMax]. */
export function approxX(i) {
  return approx.xMin + (approx.xMax - approx.xMin) * (i + 0.5) / approx.points;
}

/* The built-in targets, each ranging over [-1, 1] on [-pi, pi]. */
export function approxTarget(name, x) {
  switch (name) {
    case 'sine': return Math.sin(x);
    case 'step': return x < 0 ? -1 : 1;
    case 'abs': return 2 * Math.abs(x) / Math.PI - 1;
    default: throw new Error(`target must be one of sine, step, abs, got ${JSON.stringify(name)}`);
  }
}

/* The drawing a reader starts from (and returns to on "reset drawing"). */
export function approxDefaultDrawing(x) {
  return 0.9 * Math.exp(-(x - 1.2) * (x - 1.2) * 2) - 0.6 * Math.exp(-(x + 1.4) * (x + 1.4)) + 0.15 * x;
}

/* { x, y } for net.setData: the 64 sample points and their target values;
   `drawn` (Float64Array(points)) supplies the values of the 'drawn' target. */
export function approxData(target, drawn) {
  const n = approx.points, x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = approxX(i);
    y[i] = target === 'drawn' ? drawn[i] : approxTarget(target, x[i]);
  }
  return { x, y };
}

/* createNetwork options for N hidden units. */
export function approxOptions(units) {
  return Object.assign({ layers: [1, units, 1] }, approx.network);
}

/* The vanishing gradient: one deep network (6 hidden layers of 16) on the
   page's quadrants task, trained with sigmoid + Glorot and with ReLU + He,
   full batch. Each run gets a learning rate that trains it: sigmoid's small
   gradients take 1.0 (at 0.1 it is still on the ln 4 plateau after 3000
   epochs); ReLU takes 0.1 (at 1.0 its units die within 10 epochs and it
   never learns). */
export const vanishing = Object.freeze({
  layers: Object.freeze([2, 16, 16, 16, 16, 16, 16, 4]),
  dataset: 'quadrants', points: 200, noise: 0.3, seed: 1, batchSize: 0,
  runs: Object.freeze([
    Object.freeze({ id: 'sigmoid', label: 'Sigmoid, Glorot init', activation: 'sigmoid', init: 'glorot', learningRate: 1.0 }),
    Object.freeze({ id: 'relu', label: 'ReLU, He init', activation: 'relu', init: 'he', learningRate: 0.1 }),
  ]),
  maxEpochs: 3000,
  // Epochs per tick grow with the epoch (by `growth` of it, from 1 up to
  // maxPerTick), so the run moves at a steady pace on the plot's log axis.
  growth: 0.02,
  maxPerTick: 12,         // ~7 ms of training per frame for the two networks
  normMin: 1e-6,          // the plot's vertical range
  normMax: 10,
});

export function vanishingOptions(run) {
  const v = vanishing;
  return {
    layers: v.layers.slice(), activation: run.activation, init: run.init,
    learningRate: run.learningRate, batchSize: v.batchSize, seed: v.seed,
    dataset: v.dataset, points: v.points, noise: v.noise,
  };
}

/* Epochs to run in the tick that starts at `epoch`. */
export function vanishingEpochsPerTick(epoch) {
  const v = vanishing;
  return Math.max(1, Math.min(v.maxPerTick, Math.floor(epoch * v.growth), v.maxEpochs - epoch));
}

/* The measure both the demo and the test use: the Frobenius norm of each
   layer's weight gradient, ||dL/dW_l|| = sqrt(sum of squares), into out[l-1]
   for l = 1..L. `layout` is net.paramLayout(), `grads` net.getGrads(). */
export function layerGradNorms(grads, layout, out) {
  for (let l = 0; l < layout.length; l++) {
    const e = layout[l];
    let s = 0;
    for (let k = e.W; k < e.b; k++) s += grads[k] * grads[k];
    out[l] = Math.sqrt(s);
  }
  return out;
}
