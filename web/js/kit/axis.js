/* axis.js: the one axis renderer of the page's plots (decision region, loss
   chart, both demos). A plot is a rectangle { left, top, width, height } in
   CSS pixels; an axis is a list of tick positions in pixels (already mapped
   from data values by the plot's own scale) with their labels. Grid lines,
   tick marks and labels are separate calls because plots layer them
   differently (the region draws its points between grid and ticks). Lines
   sit on pixel centres (x.5) so one-pixel strokes stay crisp. */

function crisp(p) { return Math.round(p) + 0.5; }

/* Grid lines across the plot at pixel positions xs (vertical lines) and ys
   (horizontal lines), stroked as one path in the current stroke style, so
   faint (alpha) lines are not doubled where they cross. count: how many of
   each array to use (all by default). */
export function gridLines(ctx, plot, xs, ys, nx = xs.length, ny = ys.length) {
  const { left: L, top: T, width: W, height: H } = plot;
  ctx.beginPath();
  for (let i = 0; i < nx; i++) { const x = crisp(xs[i]); ctx.moveTo(x, T); ctx.lineTo(x, T + H); }
  for (let i = 0; i < ny; i++) { const y = crisp(ys[i]); ctx.moveTo(L, y); ctx.lineTo(L + W, y); }
  ctx.stroke();
}

/* Tick marks `len` long below the plot at xs and left of it at ys. */
export function tickMarks(ctx, plot, xs, ys, len, nx = xs.length, ny = ys.length) {
  const { left: L, top: T, height: H } = plot;
  ctx.beginPath();
  for (let i = 0; i < nx; i++) { const x = crisp(xs[i]); ctx.moveTo(x, T + H); ctx.lineTo(x, T + H + len); }
  for (let i = 0; i < ny; i++) { const y = crisp(ys[i]); ctx.moveTo(L - len, y); ctx.lineTo(L, y); }
  ctx.stroke();
}

/* Labels centred under the plot at xs (kept inside `maxRight` when given)
   and right-aligned left of it at ys, `gap` pixels from its edge, in the
   current font and fill style. labels: arrays of text, or functions of i.
   Leaves the alignment of the last labels drawn. */
export function tickLabels(ctx, plot, axis) {
  const { left: L, top: T, height: H } = plot;
  const { xs = [], xLabels, ys = [], yLabels, gap = 6, maxRight } = axis;
  const nx = axis.nx !== undefined ? axis.nx : xs.length, ny = axis.ny !== undefined ? axis.ny : ys.length;
  const text = (labels, i) => (typeof labels === 'function' ? labels(i) : labels[i]);
  if (nx > 0) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
  }
  for (let i = 0; i < nx; i++) {
    const label = text(xLabels, i);
    let x = xs[i];
    if (maxRight !== undefined) x = Math.min(x, maxRight - ctx.measureText(label).width / 2);
    ctx.fillText(label, x, T + H + gap);
  }
  if (ny > 0) {
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
  }
  for (let i = 0; i < ny; i++) ctx.fillText(text(yLabels, i), L - gap, ys[i]);
}
