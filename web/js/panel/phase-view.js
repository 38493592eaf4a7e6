/* phase-view.js: what the network diagram shows for a phase of a training
   iteration, and the one-line legend under it: a pure function of a phase
   snapshot (core/phase-snapshot.js) and the followed point, tested in Node.
   Going forward, each unit shows the followed point's activation; at the
   outputs its scores z, then its probabilities p; going back, each unit its
   error signal δ and each line the gradient ∂L/∂w; at the update, each line
   its weight's change Δw and each unit its bias change Δb. Sizes are drawn
   against the layer's largest value.

       const v = phaseView(snapshot, point);
       diagram.setOverlay(v.overlay);   // the overlay format of diagram.js
       legend.textContent = v.text; */
import { subscript as sub } from '../lib/numbers.js';
import { column, columnOf } from './phase-narration.js';

function maxAbs(values) {
  let a = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > a) a = Math.abs(values[i]);
  return a;
}

/* An overlay with nothing in it, for the snapshot's layer sizes. */
function emptyOverlay(sizes) {
  return {
    nodes: sizes.map(() => null), edges: sizes.slice(1).map(() => null),
    nodeName: sizes.map((_, l) => (l === 0 ? 'x' : 'a')), edgeName: sizes.slice(1).map(() => 'w'),
    nodeScale: sizes.map(() => 0), edgeScale: sizes.slice(1).map(() => 0), mark: null,
  };
}

export function phaseView(s, point) {
  const sizes = s.layers, L = sizes.length - 1, m = s.m;
  const q = columnOf(s, point);
  const ctx = {
    s, sizes, L, m, q, overlay: emptyOverlay(sizes),
    who: q >= 0 ? `point #${point}` : 'the followed point (not in this batch)',
    pick: (matrix, units) => (q >= 0 && matrix ? column(matrix, units, m, q) : null),
  };
  let text = '';
  if (['forward', 'logits', 'softmax', 'output', 'loss'].includes(s.phase)) text = forwardView(ctx);
  else if (s.phase === 'output-error' || s.phase === 'backward') text = backwardView(ctx);
  else if (s.phase === 'update') text = updateView(ctx);
  return { overlay: ctx.overlay, text };
}

function forwardView({ s, sizes, L, m, q, overlay, who, pick }) {
  const upto = s.phase === 'forward' ? s.layer : L - 1;
  for (let l = 0; l <= upto; l++) overlay.nodes[l] = pick(s.activations[l], sizes[l]);
  if (s.phase === 'forward') {
    return `Forward through layer ${s.layer}: each unit shows its activation a for ${who} ` +
      '(the inputs x are its coordinates); the lines are the weights.';
  }
  if (s.phase === 'logits') {
    overlay.nodes[L] = pick(s.logits, sizes[L]);
    overlay.nodeName[L] = 'z';
    return `Output scores z for ${who}, before softmax; the lines are the weights.`;
  }
  overlay.nodes[L] = pick(s.activations[L], sizes[L]);
  overlay.nodeName[L] = 'p';
  overlay.nodeScale[L] = 1;
  const cls = q >= 0 && s.batchLabels ? s.batchLabels[q] : null;
  if (cls !== null) overlay.mark = { l: L, i: cls };
  if (s.phase === 'loss') {
    return `Loss L = ${s.batchLoss.toFixed(3)}, the mean of −log p of the right class over all ${m} points; ` +
      `the ring marks the class of ${who}.`;
  }
  return `Probabilities p for ${who}; the ring marks its class, ${cls}.`;
}

function backwardView({ s, sizes, L, m, overlay, who, pick }) {
  for (let l = s.layer; l <= L; l++) {
    const nodes = pick(s.deltas[l], sizes[l]);
    overlay.nodes[l] = nodes;
    overlay.nodeName[l] = 'δ';
    overlay.nodeScale[l] = nodes ? maxAbs(nodes) : 0;
    const e = s.layout[l - 1];
    overlay.edges[l - 1] = s.grads.subarray(e.W, e.b);
    overlay.edgeName[l - 1] = '∂L/∂w';
    overlay.edgeScale[l - 1] = maxAbs(overlay.edges[l - 1]);
  }
  if (s.phase === 'output-error') {
    return `Error signal δ${sub(L)} = (p − y)/${m} on the outputs for ${who}; ` +
      `the lines into them are the gradient ∂L/∂W${sub(L)} over all ${m} points (thicker is larger within a layer).`;
  }
  return `δ${sub(s.layer)} propagated back to layer ${s.layer} for ${who}; the lines are the gradients ` +
    (L - s.layer === 1 ? `∂L/∂W${sub(s.layer)} and ∂L/∂W${sub(L)}` : `∂L/∂W${sub(s.layer)} to ∂L/∂W${sub(L)}`) +
    ' over all points (thicker is larger within a layer).';
}

/* Each weight's and bias's change: the snapshot's own (after - before), or
   −η·g when the snapshot was taken without the parameters before. */
function updateView({ s, L, overlay }) {
  const change = s.change || s.grads.map((g) => -s.learningRate * g);
  for (let l = 1; l <= L; l++) {
    const e = s.layout[l - 1];
    overlay.edges[l - 1] = change.slice(e.W, e.b);
    overlay.edgeName[l - 1] = 'Δw';
    overlay.edgeScale[l - 1] = maxAbs(overlay.edges[l - 1]);
    overlay.nodes[l] = change.slice(e.b, e.b + e.fanOut);
    overlay.nodeName[l] = 'Δb';
    overlay.nodeScale[l] = maxAbs(overlay.nodes[l]);
  }
  return `Update: each line shows its weight's change Δw = −η·∂L/∂w (η = ${s.learningRate}), each unit its bias change Δb; ` +
    'thicker is larger within a layer. The region and the loss curve now show the new weights.';
}
