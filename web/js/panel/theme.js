/* theme.js: everything the panel's canvases need to draw in the current
   colour scheme, read from the CSS custom properties of web/css/theme.css
   through the drawing kit. Called at start and when the scheme changes,
   never per frame. */
import { cssVars, parseHex, rgbCss, mix } from '../kit/colors.js';

const COLOURS = {
  bg: ['--plot-bg', [255, 255, 255]],
  text: ['--plot-text', [43, 49, 56]],
  muted: ['--plot-muted', [107, 116, 128]],
  grid: ['--plot-grid', [227, 230, 234]],
  axis: ['--plot-axis', [138, 146, 156]],
  line: ['--plot-line', [27, 31, 36]],
  band: ['--plot-band', [154, 163, 173]],
  ref: ['--plot-ref', [122, 79, 163]],
  nodeFill: ['--node-fill', [255, 255, 255]],
  nodeStroke: ['--node-stroke', [59, 66, 75]],
  pointOutline: ['--point-outline', [255, 255, 255]],
  pos: ['--weight-pos', [0, 114, 178]],
  neg: ['--weight-neg', [213, 94, 0]],
};
// Classes 4-7 appear only with datasets of more than four classes.
const CLASS_FALLBACKS = [[0, 114, 178], [213, 94, 0], [0, 158, 115], [240, 228, 66],
  [204, 121, 167], [86, 180, 233], [230, 159, 0], [77, 77, 77]];

/* { bg, text, ... as [r, g, b], classes, tints (a sure region pixel of each
   class: its colour over the background), tint, font, css: the same as CSS
   colour strings }. */
export function readTheme(el) {
  const spec = { tint: ['--tint', ''], font: ['--font', 'sans-serif'] };
  for (const key in COLOURS) spec[key] = [COLOURS[key][0], ''];
  CLASS_FALLBACKS.forEach((c, k) => { spec[`class${k}`] = [`--class-${k}`, '']; });
  const v = cssVars(el, spec);
  const t = { font: v.font, tint: Number.parseFloat(v.tint) || 0.5, css: {} };
  for (const key in COLOURS) {
    t[key] = parseHex(v[key], COLOURS[key][1]);
    t.css[key] = rgbCss(t[key]);
  }
  t.classes = CLASS_FALLBACKS.map((c, k) => parseHex(v[`class${k}`], c));
  t.tints = t.classes.map((c) => mix(c, t.bg, t.tint));
  t.css.classes = t.classes.map(rgbCss);
  return t;
}
