/* data-colormap.js: the diverging colour map of a regression dataset (plane,
   multigauss): a value v in [-range, range] goes from the negative colour
   (orange) through the plot's background at 0 to the positive colour
   (blue), the same two hues as the diagram's weights, so the region,
   the points (coloured by their target) and the scale under the region all
   read the same way. Values beyond the range are clamped; a non-finite
   value is left as the background. Pure; tested in Node. */

/* v -> [r, g, b] (0..255, rounded). colours: { bg, pos, neg } as [r, g, b]. */
export function divergingRgb(colours, v, range) {
  let t = range > 0 ? v / range : 0;
  if (!(t === t) || t === Infinity || t === -Infinity) return colours.bg.slice();
  if (t > 1) t = 1; else if (t < -1) t = -1;
  const end = t >= 0 ? colours.pos : colours.neg, a = Math.abs(t), bg = colours.bg;
  return [0, 1, 2].map((i) => Math.round(bg[i] + (end[i] - bg[i]) * a));
}

export const cssRgb = (c) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/* Outputs (one per pixel) -> packed RGBA words in `pixels` from index `at`;
   returns how many were not finite. */
export function colouriseLinear(colours, out, count, pixels, at, range) {
  const bg = colours.bg, pos = colours.pos, neg = colours.neg, inv = range > 0 ? 1 / range : 0;
  let bad = 0;
  for (let p = 0; p < count; p++) {
    const v = out[p];
    let R = bg[0], G = bg[1], B = bg[2];
    if (v - v === 0) {
      let t = v * inv;
      if (t > 1) t = 1; else if (t < -1) t = -1;
      const e = t >= 0 ? pos : neg, a = t >= 0 ? t : -t;
      R += (e[0] - R) * a; G += (e[1] - G) * a; B += (e[2] - B) * a;
    } else bad++;
    pixels[at + p] = 0xff000000 | ((B + 0.5) << 16) | ((G + 0.5) << 8) | (R + 0.5);
  }
  return bad;
}

/* The scale's range for a set of targets: the largest |target|, rounded up
   to a readable step (0.5 below 2, else a whole number), at least 0.5. */
export function scaleRange(targets) {
  let m = 0;
  for (let i = 0; i < targets.length; i++) { const a = Math.abs(targets[i]); if (a > m && a < Infinity) m = a; }
  const step = m < 2 ? 0.5 : 1;
  return Math.max(0.5, Math.ceil(m / step - 1e-9) * step);
}
