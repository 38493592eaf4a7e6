/* loss-history.js: the loss chart's record of a run, in constant memory.

   The history is a fixed number of buckets. Each bucket covers `width`
   consecutive epochs and keeps the minimum, maximum and last loss seen in
   them; when every bucket is used, neighbours merge in pairs and `width`
   doubles. So 10 epochs are drawn one by one, 100,000 epochs as ~400
   buckets (min-max band plus the line through each bucket's last value), and
   the cost of a frame's drawing never grows with the number of epochs.
   Pure; tested in Node. */

export function createHistory(capacity) {
  const h = {
    capacity,
    width: 1,                                // epochs per bucket, a power of 2
    count: 0,
    start: new Float64Array(capacity),       // first epoch a bucket covers
    epoch: new Float64Array(capacity),       // epoch of its last sample
    min: new Float64Array(capacity),
    max: new Float64Array(capacity),
    last: new Float64Array(capacity),
    first: NaN,                              // loss at the first sample
    firstEpoch: 0,                           // and its epoch
    lo: Infinity, hi: -Infinity,             // over everything recorded
    clear() {
      h.width = 1; h.count = 0; h.first = NaN; h.lo = Infinity; h.hi = -Infinity;
    },
    /* Records the loss after `epoch` epochs; non-finite values are skipped. */
    add(epoch, loss) {
      if (!Number.isFinite(loss)) return;
      if (h.count === 0) { h.first = loss; h.firstEpoch = epoch; }
      if (loss < h.lo) h.lo = loss;
      if (loss > h.hi) h.hi = loss;
      let s = Math.floor(epoch / h.width) * h.width;
      // Full, and the sample opens a new bucket: widen until one is free
      // (sparse samples may need several doublings).
      while (h.count === h.capacity && h.start[h.count - 1] !== s) {
        merge(h);
        s = Math.floor(epoch / h.width) * h.width;
      }
      let i = h.count - 1;
      if (i >= 0 && h.start[i] === s) {
        if (loss < h.min[i]) h.min[i] = loss;
        if (loss > h.max[i]) h.max[i] = loss;
      } else {
        i = h.count++;
        h.start[i] = s;
        h.min[i] = loss;
        h.max[i] = loss;
      }
      h.last[i] = loss;
      h.epoch[i] = epoch;
    },
  };
  return h;
}

// Doubles the bucket width, merging buckets that now share a start.
function merge(h) {
  h.width *= 2;
  let j = -1;
  for (let i = 0; i < h.count; i++) {
    const s = Math.floor(h.start[i] / h.width) * h.width;
    if (j >= 0 && h.start[j] === s) {
      if (h.min[i] < h.min[j]) h.min[j] = h.min[i];
      if (h.max[i] > h.max[j]) h.max[j] = h.max[i];
      h.last[j] = h.last[i];
      h.epoch[j] = h.epoch[i];
    } else {
      j++;
      h.start[j] = s; h.epoch[j] = h.epoch[i];
      h.min[j] = h.min[i]; h.max[j] = h.max[i]; h.last[j] = h.last[i];
    }
  }
  h.count = j + 1;
}
