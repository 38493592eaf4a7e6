/* phase-narration.js: what each phase of a training iteration means, in words
   and live numbers, for the page's readout and code panel. Pure functions of
   the network's state; shared by the page (with phase-view.js, which draws
   the same phases on the diagram) and the Node tests.

   Phases run in this order (network.js): forward (each hidden layer), logits,
   softmax, loss, output-error, backward (each hidden layer, last first), update.
   They map onto the seed's eight code steps, numbered 0..7:
     0 initialise weights, 1 hidden layer forward, 2 output scores, 3 softmax,
     4 cross-entropy, 5 output error signal, 6 backpropagate, 7 update. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./numbers.js'));
  else root.PhaseNarration = factory(root.MlpNumbers);
})(typeof self !== 'undefined' ? self : this, function (numbers) {
  'use strict';

  const STEP_OF_PHASE = {
    init: 0, forward: 1, logits: 2, softmax: 3, output: 3, loss: 4,
    'output-error': 5, backward: 6, update: 7,
  };

  /* Two decimals, or two significant digits times a power of ten. */
  function fmt(v) { return numbers.formatNumber(v, 2); }

  function vector(values) {
    return '[' + Array.from(values, fmt).join(', ') + ']';
  }

  /* Column q of a (units x m) matrix, unit j at [j*m + q] as network.js
     stores activations and deltas: the values of one point in the batch. */
  function column(matrix, units, m, q) {
    const out = new Float64Array(units);
    for (let j = 0; j < units; j++) out[j] = matrix[j * m + q];
    return out;
  }

  /* The batch column of data point `index`, or -1 when it is not in the batch. */
  function columnOf(net, index) {
    if (index === null || index === undefined || index < 0) return -1;
    const idx = net.batchIndex();
    for (let q = 0; q < idx.length; q++) if (idx[q] === index) return q;
    return -1;
  }

  function actName(activation) {
    return { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', linear: 'identity' }[activation] || activation;
  }

  /* One line describing the phase last performed, with the selected point's
     numbers when it is in the current batch. `state` is { phase, layer } as
     net.phase gives it; `options` is { activation, learningRate, point }. */
  function narrate(net, state, options) {
    const o = options || {};
    const L = net.layers.length - 1;
    const sizes = net.layers;
    const m = state.phase === 'init' ? 0 : net.batchIndex().length;
    const q = state.phase === 'init' ? -1 : columnOf(net, o.point);
    const who = q >= 0 ? ` for point #${o.point}` : '';
    const pick = (matrix, units) => (q >= 0 ? ' = ' + vector(column(matrix, units, m, q)) : '');
    const l = state.layer;
    switch (state.phase) {
      case 'init':
        return `Initialize weights: loss = ${net.loss.toFixed(3)}`;
      case 'forward':
        return `Forward through hidden layer ${l}: a${l} = ${actName(o.activation)}(a${l - 1}·W${l} + b${l})` +
          pick(net.activations(l), sizes[l]) + who;
      case 'logits':
        return `Output scores: z = a${L - 1}·W${L} + b${L}` + pick(net.logits(), sizes[L]) + who;
      case 'softmax':
        return 'Softmax: p' + pick(net.activations(L), sizes[L]) + (q >= 0 ? who : ' = e^z / Σ e^z for every point');
      case 'output':
        return 'Linear output: ŷ = z' + pick(net.activations(L), sizes[L]) + who;
      case 'loss': {
        const what = `Loss: ${net.output === 'softmax' ? 'cross-entropy' : 'squared error'} over ${m} points = ${net.batchLoss.toFixed(3)}`;
        if (q < 0 || net.output !== 'softmax') return what;
        // The point's own term of the mean: -log of the probability it gives its class.
        const y = net.getData().y[o.point];
        const p = net.activations(L)[y * m + q];
        return `${what} (point #${o.point}, class ${y}: −log p = ${fmt(-Math.log(p))})`;
      }
      case 'output-error':
        return `Output error: δ${L} = (p − y) / ${m}` + pick(net.deltas(L), sizes[L]) + who;
      case 'backward':
        return `Backpropagate to hidden layer ${l}: δ${l} = (δ${l + 1}·W${l + 1}ᵀ) ⊙ ${actName(o.activation)}′` +
          pick(net.deltas(l), sizes[l]) + who;
      case 'update':
        return `Update: every weight moves by −η·∂L/∂w with η = ${o.learningRate !== undefined ? o.learningRate : net.learningRate}` +
          `; epoch ${net.epoch} done, loss = ${net.loss.toFixed(3)}`;
      default:
        return '';
    }
  }

  return { STEP_OF_PHASE, narrate, fmt, column, columnOf };
});
