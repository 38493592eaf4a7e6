/* data-area.js: the "Data" section's controls (index.html's data-area):
   the dataset picker (radio buttons, each with a small preview drawn from
   the generated points), classes, points, noise, test fraction, Regenerate,
   what a click on the region does (follow, add, erase) and the class (or,
   for regression, the target) of the points added. It turns DOM events into
   calls on `on` and shows the settings it is given; it keeps no run state.
   Every control is a native input with a label. */
import { byId, el } from '../kit/dom.js';
import { markerSvg, CLASS_SHAPES } from '../kit/markers.js';
import { DATASETS } from '../../build/limits.mjs';
import { datasetRow, classesOf, noiseOf, isRegression } from './keys/data-keys.js';

const SVG = 'http://www.w3.org/2000/svg';
// What the picker calls each dataset.
export const DATASET_TITLES = Object.freeze({
  quadrants: 'Quadrants', xor: 'XOR', circle: 'Circle', gauss: 'Gaussians', spiral: 'Spiral', moons: 'Moons',
  sine: 'Sine', cubic: 'Cubic', abs: '|x|', plane: 'Plane (regression)', multigauss: 'Bumps (regression)',
});

/* The legend's marker of class k as an <svg> (the same shapes as the region). */
export function markerIcon(k) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 12 12');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `marker class-${k}`);
  const [tag, attrs] = markerSvg(k);
  const shape = document.createElementNS(SVG, tag);
  for (const a in attrs) shape.setAttribute(a, String(attrs[a]));
  svg.appendChild(shape);
  return svg;
}

function testText(v) { return v === 0 ? '0 (no test set)' : `${v} (${Math.round(v * 100)}% held out)`; }

/* The picker: a radio button per dataset with its preview canvas; returns
   the canvases by name (data-thumbs.js draws them). */
function datasetList(e, on) {
  const thumbs = {};
  for (const row of DATASETS) {
    const input = el('input', { type: 'radio', name: 'dataset', value: row.name, id: `dataset-${row.name}` });
    const canvas = el('canvas', { class: 'thumb', width: '96', height: '96', 'aria-hidden': 'true' });
    const label = el('label', { class: 'dataset', for: input.id });
    label.append(input, canvas, el('span', {}, DATASET_TITLES[row.name]));
    e.list.appendChild(label);
    thumbs[row.name] = canvas;
    // A new dataset takes its own classes and noise.
    input.addEventListener('change', () => { if (input.checked) on.change({ dataset: row.name, classes: null, noise: null }); });
  }
  return thumbs;
}

/* DOM events of the settings' controls -> on. */
function wire(e, on, status) {
  e.classes.addEventListener('change', () => on.change({ classes: +e.classes.value }));
  e.points.addEventListener('change', () => {
    const v = Number(e.points.value), min = +e.points.min, max = +e.points.max;
    if (Number.isInteger(v) && v >= min && v <= max) on.change({ points: v });
    else status(`Points must be a whole number from ${min} to ${max}; ${e.points.value === '' ? 'nothing' : `"${e.points.value}"`} was not used.`);
  });
  e.noise.addEventListener('input', () => { e.noiseOut.textContent = e.noise.value; });
  e.noise.addEventListener('change', () => on.change({ noise: +e.noise.value }));
  e.test.addEventListener('input', () => { e.testOut.textContent = testText(+e.test.value); });
  e.test.addEventListener('change', () => on.change({ test: +e.test.value }));
  e.regenerate.addEventListener('click', () => on.regenerate());
  for (const r of document.querySelectorAll('input[name="click-mode"]')) {
    r.addEventListener('change', () => { if (r.checked) on.mode(r.value); });
  }
}

/* The settings' values in the controls and the summary line. */
function showSettings(e, s, enabled) {
  const row = datasetRow(s.dataset), k = classesOf(s), linear = isRegression(s), noise = noiseOf(s);
  byId(`dataset-${row.name}`).checked = true;
  for (const label of e.list.children) label.classList.toggle('chosen', label.htmlFor === `dataset-${row.name}`);
  e.classes.textContent = '';
  for (let c = row.minClasses; c <= row.maxClasses; c++) e.classes.appendChild(el('option', { value: String(c) }, linear ? 'none (regression)' : String(c)));
  e.classes.value = String(k);
  e.classes.disabled = !enabled || row.minClasses === row.maxClasses;
  e.points.value = String(s.points);
  e.noise.max = String(row.maxNoise);
  e.noise.value = String(noise);
  e.noiseOut.textContent = String(noise);
  e.test.value = String(s.test);
  e.testOut.textContent = testText(s.test);
  e.summary.textContent = linear ? `${row.name}, regression, ${s.points} points` : `${row.name}, ${k} classes, ${s.points} points` +
    (s.test ? `, ${Math.round(s.test * 100)}% test` : '');
  e.picker.hidden = linear;
  e.targetField.hidden = !linear;
}

/* on: { change(partialSettings), regenerate(), mode(name), addClass(k) }. */
export function createDataArea(on) {
  const e = {
    details: byId('data-area'), summary: byId('data-summary'), list: byId('dataset-list'),
    classes: byId('data-classes'), points: byId('data-points'), noise: byId('data-noise'), noiseOut: byId('data-noise-out'),
    test: byId('data-test'), testOut: byId('data-test-out'), regenerate: byId('data-regenerate'),
    picker: byId('class-picker'), targetField: byId('target-field'), target: byId('data-target'),
    status: byId('data-status'),
  };
  let K = 0, addClass = 0, enabled = true, shown = null;
  const status = (text) => { if (e.status.textContent !== text) e.status.textContent = text; };
  const thumbs = datasetList(e, on);
  wire(e, on, status);

  /* The class picker's K radios, each with its marker. */
  function fillPicker(k) {
    e.picker.textContent = '';
    for (let c = 0; c < k; c++) {
      const input = el('input', { type: 'radio', name: 'add-class', value: String(c) });
      input.checked = c === addClass;
      input.addEventListener('change', () => { if (input.checked) { addClass = c; on.addClass(c); } });
      const label = el('label', { class: 'check' });
      label.append(input, markerIcon(c), el('span', {}, `class ${c}`));
      label.title = `class ${c} (${CLASS_SHAPES[c]})`;
      e.picker.appendChild(label);
    }
  }

  return {
    thumbs,
    status,
    get open() { return e.details.open; },
    get addClass() { return addClass; },
    get target() { const v = Number(e.target.value); return Number.isFinite(v) ? v : 0; },
    /* Shows the data settings s (hashstate's). */
    show(s) {
      shown = s;
      showSettings(e, s, enabled);
      const k = isRegression(s) ? 0 : classesOf(s);
      if (addClass >= k) addClass = 0;
      if (k !== K) { K = k; fillPicker(k); }
    },
    setEnabled(on) {
      enabled = on;
      for (const c of [e.points, e.noise, e.test, e.regenerate]) c.disabled = !on;
      for (const r of e.list.querySelectorAll('input')) r.disabled = !on;
      for (const label of e.list.children) label.classList.toggle('off', !on);
      if (shown) showSettings(e, shown, enabled);
      else e.classes.disabled = !on;
    },
  };
}
