/* layer-editor.js: adding and removing hidden layers (0 to 8) and units
   (1 to 64 per layer) with − and + buttons under the diagram, as
   TensorFlow Playground does; each change is announced in a live region.
   The widths' arithmetic (pure, tested in Node) is apart from the buttons. */
import { MAX_LAYERS, MAX_UNITS } from './keys/network-keys.js';

/* A new layer copies the last one's width (4 for the first). */
export function addLayer(widths) {
  return widths.length >= MAX_LAYERS ? widths.slice() : [...widths, widths.length ? widths[widths.length - 1] : 4];
}
export function removeLayer(widths) { return widths.slice(0, Math.max(0, widths.length - 1)); }
export function setUnits(widths, l, n) {
  const w = widths.slice();
  if (l >= 0 && l < w.length) w[l] = Math.max(1, Math.min(MAX_UNITS, n));
  return w;
}
/* Widths -> the link's settings: one layer of 1 to 8 units is the seed's
   `hidden` key (so the default link stays as it was); anything else is
   `layers`. */
export function widthsToSettings(widths, hidden) {
  if (widths.length === 1 && widths[0] <= 8) return { layers: null, hidden: widths[0] };
  return { layers: widths.slice(), hidden };
}

/* '2 → 64 ×8 → 4': the shape with runs of three or more equal hidden
   widths shortened, so that 8 layers of 64 fit in the diagram's title. */
export function shapeText(layers) {
  const parts = [];
  for (let l = 0; l < layers.length;) {
    let r = l + 1;
    while (r < layers.length - 1 && l > 0 && layers[r] === layers[l]) r++;
    parts.push(r - l >= 3 ? `${layers[l]} ×${r - l}` : layers.slice(l, r).join(' → '));
    l = r;
  }
  return parts.join(' → ');
}

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'step-button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/* root: #layer-editor; announce: the live region; change(widths, message). */
export function createLayerEditor(root, announce, change) {
  let widths = [4];
  const head = document.createElement('div');
  head.className = 'layer-count';
  const count = document.createElement('output');
  count.id = 'layer-count';
  const less = button('−', 'Remove the last hidden layer', () => edit(removeLayer(widths), 'removed'));
  const more = button('+', 'Add a hidden layer', () => edit(addLayer(widths), 'added'));
  head.append(less, count, more);
  const list = document.createElement('ol');
  list.className = 'layer-list';
  const rows = [];
  for (let l = 0; l < MAX_LAYERS; l++) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = `Layer ${l + 1}`;
    const units = document.createElement('output');
    units.id = `layer-units-${l}`;
    const minus = button('−', `Remove a unit from hidden layer ${l + 1}`, () => edit(setUnits(widths, l, widths[l] - 1), 'units', l));
    const plus = button('+', `Add a unit to hidden layer ${l + 1}`, () => edit(setUnits(widths, l, widths[l] + 1), 'units', l));
    li.append(name, minus, units, plus);
    list.append(li);
    rows.push({ li, units, minus, plus });
  }
  root.append(head, list);

  function edit(next, what, l) {
    if (next.join() === widths.join()) return;
    const text = what === 'added' ? `Hidden layer ${next.length} added` : what === 'removed'
      ? `Hidden layer ${widths.length} removed` : `Hidden layer ${l + 1}: ${next[l]} unit${next[l] === 1 ? '' : 's'}`;
    show(next);
    change(next, text);
  }

  function show(w) {
    widths = w.slice();
    count.textContent = `${widths.length}`;
    less.disabled = widths.length === 0;
    more.disabled = widths.length >= MAX_LAYERS;
    rows.forEach((r, l) => {
      r.li.hidden = l >= widths.length;
      if (l >= widths.length) return;
      r.units.textContent = String(widths[l]);
      r.minus.disabled = widths[l] <= 1;
      r.plus.disabled = widths[l] >= MAX_UNITS;
    });
  }

  return {
    show,
    /* Says what changed, with the network's new shape. */
    announce(text, shape) { announce.textContent = `${text}: ${shape}`; },
    setEnabled(on) {
      for (const b of root.querySelectorAll('button')) b.disabled = !on;
      if (on) show(widths);
    },
  };
}
