/* features-ui.js: the input features as checkboxes, each with a thumbnail
   of its value over the plane (drawn here from its formula, in the neuron
   maps' colours: negative through the background to positive). At least
   one stays checked; the input width follows. */
import { FEATURE_KEYS, canonicalFeatures } from './keys/network-keys.js';
import { DOMAIN } from './region.js';

const LABELS = { x1: 'x₁', x2: 'x₂', x1sq: 'x₁²', x2sq: 'x₂²', x1x2: 'x₁x₂', sinx1: 'sin x₁', sinx2: 'sin x₂' };
const FORMULAS = {
  x1: (x) => x, x2: (x, y) => y, x1sq: (x) => x * x, x2sq: (x, y) => y * y,
  x1x2: (x, y) => x * y, sinx1: (x) => Math.sin(x), sinx2: (x, y) => Math.sin(y),
};
const THUMB = 24;

/* The diagram's names of the inputs for the link's feature keys. */
export function featureLabels(keys) { return keys ? keys.map((k) => LABELS[k]) : null; }

/* root: the fieldset; change(keys or null) when the choice changes. */
export function createFeatureToggles(root, change) {
  const boxes = {};
  const canvases = {};
  for (const key of Object.keys(FEATURE_KEYS)) {
    const label = document.createElement('label');
    label.className = 'feature';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `feature-${key}`;
    box.value = key;
    const thumb = document.createElement('canvas');
    thumb.width = thumb.height = THUMB;
    thumb.className = 'feature-thumb';
    thumb.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.textContent = LABELS[key];
    label.append(box, thumb, text);
    root.append(label);
    boxes[key] = box;
    canvases[key] = thumb;
    box.addEventListener('change', () => {
      const keys = Object.keys(boxes).filter((k) => boxes[k].checked);
      guard();
      change(canonicalFeatures(keys));
    });
  }

  /* The last one checked cannot be unchecked: a network needs an input. */
  function guard() {
    const on = Object.keys(boxes).filter((k) => boxes[k].checked);
    for (const k in boxes) boxes[k].disabled = on.length === 1 && boxes[k].checked;
  }

  return {
    show(keys) {
      const on = keys || ['x1', 'x2'];
      for (const k in boxes) boxes[k].checked = on.includes(k);
      guard();
    },
    setTheme(t) { for (const k in canvases) paintThumb(canvases[k], FORMULAS[k], t); },
  };
}

function paintThumb(canvas, f, t) {
  const ctx = canvas.getContext('2d'), img = ctx.createImageData(THUMB, THUMB);
  const vals = new Float64Array(THUMB * THUMB);
  let m = 0;
  for (let r = 0; r < THUMB; r++) {
    for (let c = 0; c < THUMB; c++) {
      const x = DOMAIN.xMin + (c + 0.5) / THUMB * (DOMAIN.xMax - DOMAIN.xMin);
      const y = DOMAIN.yMax - (r + 0.5) / THUMB * (DOMAIN.yMax - DOMAIN.yMin);
      const v = f(x, y);
      vals[r * THUMB + c] = v;
      m = Math.max(m, Math.abs(v));
    }
  }
  for (let q = 0; q < vals.length; q++) {
    const s = m > 0 ? vals[q] / m : 0, to = s >= 0 ? t.pos : t.neg, a = Math.abs(s);
    for (let ch = 0; ch < 3; ch++) img.data[4 * q + ch] = t.bg[ch] + (to[ch] - t.bg[ch]) * a;
    img.data[4 * q + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
