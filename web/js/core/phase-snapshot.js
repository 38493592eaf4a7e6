/* phase-snapshot.js: one training iteration's state after a phase, as one
   frozen object, so what shows a phase (the diagram overlay, the narration,
   the code panel) is a pure function of it and reads nothing from wasm.

   Phases of an iteration, in order: forward (each hidden layer), logits,
   softmax (or output for a linear output), loss, output-error, backward
   (each hidden layer, last first), update. A snapshot holds what the phase
   computed and everything computed before it in the same iteration, as
   copies owned by the snapshot; what is not computed yet is null:

     { phase, layer, epoch, diverged, layers, activation, output, m (batch
       size), batchIndex (data index of each column), batchLabels (their
       classes; null for a linear output), activations[l] (units_l x m, unit
       j of column q at [j*m + q]; l = 0 the inputs, L the outputs), logits,
       batchLoss, deltas[l] (l = 1..L), grads (all layers; valid from layer
       `layer` up in backward), layout (paramLayout), params, change (the
       update's Δ of every parameter: params after - before, whatever the
       update rule), learningRate, loss (the loss on all the data of the
       current parameters), features (layer 0's feature names, null for raw
       inputs), optimizer, regularization, points (training points),
       beta1, beta2, epsilon, regularizationRate, moments (at the update
       only, for momentum and adam: the optimiser's m, v and step count t
       after the update, as net.optimizerState()) } */

// Phase codes of mlp.h, in order; 'output' is named 'softmax' for softmax nets.
export const PHASES = Object.freeze(['init', 'forward', 'logits', 'output', 'loss', 'output-error', 'backward', 'update']);

/* How far an iteration has got after phase p (layer l): the last forward
   layer computed, whether the outputs, the loss, and which deltas exist. */
function progress(p, l, L) {
  const order = ['init', 'forward', 'logits', 'softmax', 'output', 'loss', 'output-error', 'backward', 'update'];
  const at = order.indexOf(p);
  const past = (name) => at >= order.indexOf(name);
  return {
    forwardUpTo: p === 'init' ? -1 : p === 'forward' ? l : L - 1,
    logits: past('logits'),
    outputs: past('softmax'),
    loss: past('loss'),
    deltasFrom: p === 'output-error' ? L : p === 'backward' ? l : p === 'update' ? 1 : L + 1,
    change: p === 'update',
  };
}

/* net: a live Network; before: its parameters before the phase (to give the
   update's change), or null. */
export function takeSnapshot(net, before) {
  const { phase, layer } = net.phase;
  const layers = net.layers, L = layers.length - 1;
  const g = progress(phase, layer, L);
  const idx = phase === 'init' ? new Int32Array(0) : net.batchIndex();
  const labels = net.output === 'softmax' ? net.getData().y : null;
  const params = net.getParams();
  const activations = layers.map((_, l) => (l <= g.forwardUpTo || (l === L && g.outputs) ? net.activations(l) : null));
  const deltas = layers.map((_, l) => (l >= 1 && l >= g.deltasFrom ? net.deltas(l) : null));
  let change = null;
  if (g.change && before) {
    change = new Float64Array(params.length);
    for (let k = 0; k < change.length; k++) change[k] = params[k] - before[k];
  }
  return Object.freeze({
    phase, layer, epoch: net.epoch, diverged: net.diverged,
    layers: Object.freeze(layers), activation: net.activation, output: net.output,
    m: idx.length, batchIndex: idx,
    batchLabels: labels ? Int32Array.from(idx, (i) => labels[i]) : null,
    activations: Object.freeze(activations), deltas: Object.freeze(deltas),
    logits: g.logits ? net.logits() : null,
    batchLoss: g.loss ? net.batchLoss : NaN,
    grads: g.deltasFrom <= L ? net.getGrads() : null,
    layout: Object.freeze(net.paramLayout().map(Object.freeze)),
    params, change, learningRate: net.learningRate, loss: net.loss,
    features: net.features && Object.freeze(net.features), optimizer: net.optimizer,
    regularization: net.regularization, regularizationRate: net.regularizationRate,
    points: net.pointCount, beta1: net.beta1, beta2: net.beta2, epsilon: net.epsilon,
    moments: g.change && net.optimizer !== 'sgd' ? Object.freeze(net.optimizerState()) : null,
  });
}
