/* phase-view.js: what the network diagram shows for the phase of a training
   iteration last performed by Step phase (network.js stepPhase), and the
   one-line legend under it. Going forward, each unit shows the followed
   point's activation; at the outputs its scores z, then its probabilities p;
   going back, each unit its error signal δ and each line the gradient ∂L/∂w;
   at the update, each line its weight's change Δw and each unit its bias
   change Δb. Sizes are drawn against the layer's largest value.

       const v = Explainer.phaseView(net, point, labels);
       diagram.setOverlay(v.overlay);   // the overlay format of diagram.js
       legend.textContent = v.text;

   Computed on request (a click), never per frame. Classic script, loaded
   after numbers.js and phase-narration.js and before app.js. */
(function (E) {
  'use strict';

  const sub = self.MlpNumbers.subscript;
  const { column, columnOf } = self.PhaseNarration;

  function maxAbs(values) {
    let a = 0;
    for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > a) a = Math.abs(values[i]);
    return a;
  }

  /* net: the live network; point: the followed training point's index;
     labels: the training classes (net.getData().y). */
  function phaseView(net, point, labels) {
    const p = net.phase, sizes = net.layers, L = sizes.length - 1;
    const m = net.batchIndex().length;
    const q = columnOf(net, point);
    const who = q >= 0 ? `point #${point}` : 'the followed point (not in this batch)';
    const pick = (matrix, units) => (q >= 0 ? column(matrix, units, m, q) : null);
    const nodes = sizes.map(() => null), edges = sizes.slice(1).map(() => null);
    const nodeScale = sizes.map(() => 0), edgeScale = sizes.slice(1).map(() => 0);
    const nodeName = sizes.map((_, l) => (l === 0 ? 'x' : 'a')), edgeName = edges.map(() => 'w');
    const overlay = { nodes, edges, nodeName, edgeName, nodeScale, edgeScale, mark: null };
    const cls = labels[point];
    let text = '';
    if (p.phase === 'forward' || p.phase === 'logits' || p.phase === 'softmax' || p.phase === 'loss') {
      const upto = p.phase === 'forward' ? p.layer : L - 1;
      for (let l = 0; l <= upto; l++) nodes[l] = pick(net.activations(l), sizes[l]);
      if (p.phase === 'forward') {
        text = `Forward through layer ${p.layer}: each unit shows its activation a for ${who} ` +
          '(the inputs x are its coordinates); the lines are the weights.';
      } else if (p.phase === 'logits') {
        nodes[L] = pick(net.logits(), sizes[L]);
        nodeName[L] = 'z';
        text = `Output scores z for ${who}, before softmax; the lines are the weights.`;
      } else {
        nodes[L] = pick(net.activations(L), sizes[L]);
        nodeName[L] = 'p';
        nodeScale[L] = 1;
        if (q >= 0) overlay.mark = { l: L, i: cls };
        text = p.phase === 'softmax'
          ? `Probabilities p for ${who}; the ring marks its class, ${cls}.`
          : `Loss L = ${net.batchLoss.toFixed(3)}, the mean of −log p of the right class over all ${m} points; ` +
            `the ring marks the class of ${who}.`;
      }
    } else if (p.phase === 'output-error' || p.phase === 'backward') {
      const grads = net.getGrads(), layout = net.paramLayout();
      for (let l = p.layer; l <= L; l++) {
        nodes[l] = pick(net.deltas(l), sizes[l]);
        nodeName[l] = 'δ';
        nodeScale[l] = nodes[l] ? maxAbs(nodes[l]) : 0;
        const e = layout[l - 1];
        edges[l - 1] = grads.subarray(e.W, e.b);
        edgeName[l - 1] = '∂L/∂w';
        edgeScale[l - 1] = maxAbs(edges[l - 1]);
      }
      text = p.phase === 'output-error'
        ? `Error signal δ${sub(L)} = (p − y)/${m} on the outputs for ${who}; ` +
          `the lines into them are the gradient ∂L/∂W${sub(L)} over all ${m} points (thicker is larger within a layer).`
        : `δ${sub(p.layer)} propagated back to layer ${p.layer} for ${who}; the lines are the gradients ` +
          (L - p.layer === 1 ? `∂L/∂W${sub(p.layer)} and ∂L/∂W${sub(L)}` : `∂L/∂W${sub(p.layer)} to ∂L/∂W${sub(L)}`) +
          ' over all points (thicker is larger within a layer).';
    } else if (p.phase === 'update') {
      const grads = net.getGrads(), layout = net.paramLayout(), lr = net.learningRate;
      for (let l = 1; l <= L; l++) {
        const e = layout[l - 1];
        const dw = new Float64Array(e.b - e.W), db = new Float64Array(e.fanOut);
        for (let k = 0; k < dw.length; k++) dw[k] = -lr * grads[e.W + k];
        for (let k = 0; k < db.length; k++) db[k] = -lr * grads[e.b + k];
        edges[l - 1] = dw;
        edgeName[l - 1] = 'Δw';
        edgeScale[l - 1] = maxAbs(dw);
        nodes[l] = db;
        nodeName[l] = 'Δb';
        nodeScale[l] = maxAbs(db);
      }
      text = `Update: each line shows its weight's change Δw = −η·∂L/∂w (η = ${lr}), each unit its bias change Δb; ` +
        'thicker is larger within a layer. The region and the loss curve now show the new weights.';
    }
    return { overlay, text };
  }

  E.phaseView = phaseView;
})(window.Explainer = window.Explainer || {});
