/* ticks.js: "nice" tick values for an axis. Pure; tested in Node. */

/* Fills `out` (a reused Float64Array) with tick values covering [lo, hi] in
   about `count` steps of 1, 2, 2.5 or 5 times a power of ten; returns how
   many it wrote. With `integer`, steps are whole numbers (for counts such as
   epochs). */
export function ticks(lo, hi, count, out, integer) {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) { out[0] = lo; return 1; }
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 && !(integer && mag === 1) ? 2.5 : f <= 5 ? 5 : 10) * mag;
  if (integer && step < 1) step = 1;
  let n = 0;
  for (let i = Math.ceil(lo / step - 1e-9); n < out.length; i++) {
    const v = i * step;
    if (v > hi + step * 1e-9) break;
    out[n++] = Math.abs(v) < step * 1e-9 ? 0 : v;
  }
  return n;
}
