/* data-thumbs.js: the dataset picker's previews. Each is the dataset as the
   core generates it (its default noise and classes, 150 points, a fixed
   seed), drawn once into a small canvas in the class colours and marker
   shapes of the region (or, for regression, coloured by target); drawn
   again only when the colour scheme changes. */
import { markerPath } from '../kit/markers.js';
import { DATASETS } from '../../build/limits.mjs';
import { defaultClasses } from './keys/data-keys.js';
import { divergingRgb, cssRgb, scaleRange } from './data-colormap.js';

const SEED = 2369, POINTS = 150, HALF = 2.5; // the region's domain, -2.5..2.5

/* Each dataset's points once: { name: { x, y, linear, range } }. */
export function generatePreviews(core) {
  const out = {};
  for (const row of DATASETS) {
    const linear = row.output === 'linear', K = defaultClasses(row.name);
    const net = core.createNetwork({ layers: [2, 1, K], output: linear ? 'linear' : 'softmax', seed: SEED, dataset: row.name, points: POINTS, classes: K });
    try {
      const d = net.getData();
      out[row.name] = { x: d.x, y: d.y, linear, range: linear ? scaleRange(d.y) : 1 };
    } finally { net.destroy(); }
  }
  return out;
}

/* Draws each preview into its canvas ({ name: canvas }) with the theme. */
export function drawPreviews(previews, canvases, theme) {
  for (const name in previews) {
    const c = canvases[name], p = previews[name];
    if (!c) continue;
    const ctx = c.getContext('2d'), W = c.width, s = W / (2 * HALF);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = theme.css.bg;
    ctx.fillRect(0, 0, W, W);
    const r = W / 30;
    for (let i = 0; i < p.y.length; i++) {
      const x = (p.x[2 * i] + HALF) * s, y = (HALF - p.x[2 * i + 1]) * s;
      ctx.beginPath();
      markerPath(ctx, p.linear ? 0 : p.y[i], x, y, r);
      ctx.fillStyle = p.linear ? cssRgb(divergingRgb(theme, p.y[i], p.range)) : theme.css.classes[p.y[i]];
      ctx.fill();
    }
  }
}
