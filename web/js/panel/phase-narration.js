/* phase-narration.js: what a phase of a training iteration means, in words
   and live numbers, for the readout: a pure function of a phase snapshot
   (core/phase-snapshot.js) and the followed point, tested in Node. Which
   step of The Code a phase belongs to is content/code-steps.js's `phases`. */
import { formatNumber } from '../lib/numbers.js';
import { narrateUpdate, featuresPrefix, batchPhrase } from './update-narration.js';

/* Two decimals, or two significant digits times a power of ten. */
export function fmt(v) { return formatNumber(v, 2); }

function vector(values) {
  return '[' + Array.from(values, fmt).join(', ') + ']';
}

/* Column q of a (units x m) matrix, unit j at [j*m + q]: the values of one
   point of the batch. */
export function column(matrix, units, m, q) {
  const out = new Float64Array(units);
  for (let j = 0; j < units; j++) out[j] = matrix[j * m + q];
  return out;
}

/* The batch column of data point `index` in snapshot s, or -1. */
export function columnOf(s, index) {
  if (index === null || index === undefined || index < 0) return -1;
  for (let q = 0; q < s.batchIndex.length; q++) if (s.batchIndex[q] === index) return q;
  return -1;
}

export function actName(activation) {
  return { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', linear: 'identity' }[activation] || activation;
}

/* One line describing snapshot s, with the numbers of the followed point
   `point` (a data index) when it is in the batch. */
export function narrate(s, point) {
  const L = s.layers.length - 1, sizes = s.layers, m = s.m, l = s.layer;
  const q = columnOf(s, point);
  const who = q >= 0 ? ` for point #${point}` : '';
  const pick = (matrix, units) => (q >= 0 && matrix ? ' = ' + vector(column(matrix, units, m, q)) : '');
  const act = actName(s.activation);
  switch (s.phase) {
    case 'init':
      return `Initialize weights: loss = ${s.loss.toFixed(3)}`;
    case 'forward':
      return (l === 1 ? featuresPrefix(s, q, point) : '') +
        `Forward through hidden layer ${l}: a${l} = ${act}(a${l - 1}·W${l} + b${l})` + pick(s.activations[l], sizes[l]) + who;
    case 'logits':
      return `Output scores: z = a${L - 1}·W${L} + b${L}` + pick(s.logits, sizes[L]) + who;
    case 'softmax':
      return 'Softmax: p' + pick(s.activations[L], sizes[L]) + (q >= 0 ? who : ' = e^z / Σ e^z for every point');
    case 'output':
      return 'Linear output: ŷ = z' + pick(s.activations[L], sizes[L]) + who;
    case 'loss': {
      const what = `Loss: ${s.output === 'softmax' ? 'cross-entropy' : 'squared error'} over ${batchPhrase(s)} = ${s.batchLoss.toFixed(3)}`;
      if (q < 0 || s.output !== 'softmax') return what;
      // The point's own term of the mean: -log of the probability it gives its class.
      const y = s.batchLabels[q];
      return `${what} (point #${point}, class ${y}: −log p = ${fmt(-Math.log(s.activations[L][y * m + q]))})`;
    }
    case 'output-error':
      return `Output error: δ${L} = (p − y) / ${m}` + pick(s.deltas[L], sizes[L]) + who;
    case 'backward':
      return `Backpropagate to hidden layer ${l}: δ${l} = (δ${l + 1}·W${l + 1}ᵀ) ⊙ ${act}′` + pick(s.deltas[l], sizes[l]) + who;
    case 'update':
      return narrateUpdate(s);
    default:
      return '';
  }
}
