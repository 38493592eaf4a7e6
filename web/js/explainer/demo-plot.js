/* demo-plot.js: what the two claim demos (demo-approx.js, demo-vanishing.js)
   share beyond the page's drawing kit (web/js/kit/): their colours, read from
   the --ex-* custom properties of web/css/explainer.css (so dark mode is a
   stylesheet matter), the plot rectangle inside a canvas's margins, and
   whether a demo starts playing by itself. */
import { cssVars } from '../kit/colors.js';

const LAYER_COLOURS = 8; // --ex-layer-1 .. -8: one per weight layer of a deep demo

const SPEC = {
  bg: ['--ex-plot-bg', '#ffffff'],
  text: ['--ex-plot-text', '#2b3138'],
  muted: ['--ex-plot-muted', '#6b7480'],
  grid: ['--ex-plot-grid', '#e3e6ea'],
  axis: ['--ex-plot-axis', '#8a929c'],
  line: ['--ex-plot-line', '#1b1f24'],
  target: ['--ex-target', '#e69f00'],
  pos: ['--ex-pos', '#0072b2'],
  neg: ['--ex-neg', '#d55e00'],
  cursor: ['--ex-cursor', '#7a4fa3'],
  font: ['--ex-plot-font', '12px system-ui, sans-serif'],
};
for (let l = 1; l <= LAYER_COLOURS; l++) SPEC[`layer${l}`] = [`--ex-layer-${l}`, '#3b6fb6'];

/* The demos' colours as seen from `el` (any CSS colour string works as a
   canvas style), with layers[l - 1] the colour of weight layer l. Read at
   mount and when the colour scheme changes, never per frame. */
export function readDemoColors(el) {
  const c = cssVars(el, SPEC);
  c.layers = [];
  for (let l = 1; l <= LAYER_COLOURS; l++) c.layers.push(c[`layer${l}`]);
  return c;
}

/* Plays on its own unless options.autoplay says otherwise, or the reader
   prefers reduced motion. */
export function autoplay(options) {
  if (options.autoplay !== undefined) return !!options.autoplay;
  return !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
}

/* The plot rectangle { left, top, width, height } (kit/axis.js's `plot`)
   inside `margin` of a canvas of `size` (CSS pixels), updated in place by
   fitBox so that drawing allocates nothing per frame. */
export function createBox(margin) {
  return { left: margin.left, top: margin.top, width: 0, height: 0 };
}

export function fitBox(box, margin, size) {
  box.width = size.width - margin.left - margin.right;
  box.height = size.height - margin.top - margin.bottom;
  return box;
}

/* Clips drawing to the plot rectangle until the matching ctx.restore(). */
export function clipTo(ctx, box) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
}
