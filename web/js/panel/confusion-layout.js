/* confusion-layout.js: what the confusion-matrix view shows, from the
   core's counts (net.confusion: [t*K + p] points of true class t predicted
   as p). Pure; tested in Node.

     layout(counts, K) -> { total, correct, rowTotals, cells }
       cells[t*K + p] = { t, p, count, share }: share = count / the row's
       total (0 for an empty row), which the view shades the cell with, so
       each row reads as where class t's points went.
     predictedClasses(probs, K) -> Int32Array: each point's most probable
       class (ties to the lower, as the core counts them).
     cellMarks(labels, predicted, t, p) -> Uint8Array: 1 for the points of
       true class t predicted as p. */

export function layout(counts, K) {
  const rowTotals = new Array(K).fill(0), cells = new Array(K * K);
  let total = 0, correct = 0;
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) rowTotals[t] += counts[t * K + p];
    total += rowTotals[t];
    correct += counts[t * K + t];
  }
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const count = counts[t * K + p];
      cells[t * K + p] = { t, p, count, share: rowTotals[t] ? count / rowTotals[t] : 0 };
    }
  }
  return { total, correct, rowTotals, cells };
}

export function predictedClasses(probs, K) {
  const n = Math.floor(probs.length / K), out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[i * K + k] > probs[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

export function cellMarks(labels, predicted, t, p) {
  const marks = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) marks[i] = labels[i] === t && predicted[i] === p ? 1 : 0;
  return marks;
}

/* A cell's words for a screen reader: "true class 1, predicted 2: 7 points (12% of class 1)". */
export function cellLabel(cell) {
  return `true class ${cell.t}, predicted ${cell.p}: ${cell.count} point${cell.count === 1 ? '' : 's'}` +
    ` (${Math.round(cell.share * 100)}% of class ${cell.t})`;
}
