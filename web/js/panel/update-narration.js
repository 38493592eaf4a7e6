/* update-narration.js: the update phase in words, for every update rule and
   penalty the playground offers, and the input features of layer 0. Pure
   functions of a phase snapshot (core/phase-snapshot.js); tested in Node.

   The update names its rule with its formula and quotes one parameter, the
   weight that moved most, W_l[i,j] (row i = unit of layer l-1, column j =
   unit of layer l; at layout.W + i*fanOut + j): its gradient g (the total:
   data loss + penalty), the optimiser's moments after the update and its
   change Δw. With L1 or L2 the penalty's share of the weights' gradient
   (|λ sign(w)| or |λ w| over |g|, as vector norms) is given too. */
import { formatNumber } from '../lib/numbers.js';

const fmt = (v) => formatNumber(v, 2);

/* The weight with the largest |change|: { k, name }. */
function mostMoved(s) {
  let best = { k: -1, d: -1, name: '' };
  for (const e of s.layout) {
    for (let i = 0; i < e.fanIn; i++) {
      for (let j = 0; j < e.fanOut; j++) {
        const k = e.W + i * e.fanOut + j, d = Math.abs(s.change[k]);
        if (d > best.d) best = { k, d, name: `W${e.layer}[${i},${j}]` };
      }
    }
  }
  return best;
}

function rule(s) {
  const eta = `η = ${s.learningRate}`;
  if (s.optimizer === 'momentum') return `Update (momentum, β = ${s.beta1}, ${eta}): m ← β·m + g, w ← w − η·m`;
  if (s.optimizer === 'adam') {
    return `Update (Adam step t = ${s.moments.steps}, β₁ = ${s.beta1}, β₂ = ${s.beta2}, ε = ${s.epsilon}, ${eta}): ` +
      'm ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², w ← w − η·m̂ / (√v̂ + ε)';
  }
  return `Update: every weight moves by −η·∂L/∂w with ${eta}`;
}

/* The penalty's share of the weights' gradient, as a phrase ('' without one). */
function penaltyShare(s) {
  if (s.regularization === 'none' || !s.regularizationRate) return '';
  const lam = s.regularizationRate;
  let pen = 0, all = 0;
  for (const e of s.layout) {
    for (let k = e.W; k < e.W + e.fanIn * e.fanOut; k++) {
      const w = s.params[k] - s.change[k];          // the weight the gradient was taken at
      const p = s.regularization === 'l1' ? (w > 0 ? lam : w < 0 ? -lam : 0) : lam * w;
      pen += p * p;
      all += s.grads[k] * s.grads[k];
    }
  }
  const share = all > 0 ? Math.sqrt(pen / all) : 0;
  return `; the ${s.regularization.toUpperCase()} penalty (λ = ${lam}) is ${Math.round(share * 100)}% of the weights' gradient`;
}

/* The update phase's line. */
export function narrateUpdate(s) {
  let line = rule(s);
  if (s.change && s.grads) {
    const { k, name } = mostMoved(s);
    if (k >= 0) {
      const parts = [`g = ${fmt(s.grads[k])}`];
      if (s.moments) parts.push(`m = ${fmt(s.moments.m[k])}`);
      if (s.moments && s.optimizer === 'adam') parts.push(`v = ${fmt(s.moments.v[k])}`);
      parts.push(`Δw = ${fmt(s.change[k])}`);
      line += `; for ${name}, the weight that moved most: ${parts.join(', ')}`;
    }
    line += penaltyShare(s);
  }
  // A mini-batch's update ends the epoch only after the last batch.
  const done = s.points && s.m < s.points ? `a mini-batch of ${s.m} done, now at epoch ${s.epoch}` : `epoch ${s.epoch} done`;
  return `${line}; ${done}, loss = ${s.loss.toFixed(3)}`;
}

/* Layer 0 when it holds features: 'a0 = (x1, x2, x1^2) = [..] for point #i; '
   ('' for the raw inputs x1, x2). */
export function featuresPrefix(s, q, point) {
  const f = s.features;
  if (!f || (f.length === 2 && f[0] === 'x1' && f[1] === 'x2')) return '';
  const a0 = s.activations[0];
  const values = q >= 0 && a0 ? ' = [' + f.map((_, j) => fmt(a0[j * s.m + q])).join(', ') + ']' : '';
  return `Features a0 = (${f.join(', ')})${values}${q >= 0 ? ` for point #${point}` : ''}; `;
}

/* ' over a mini-batch of m of the N points' or ' over m points'. */
export function batchPhrase(s) {
  return s.points && s.m < s.points ? `a mini-batch of ${s.m} of the ${s.points} points` : `${s.m} points`;
}
