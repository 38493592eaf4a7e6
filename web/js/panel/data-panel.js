/* data-panel.js: the data playground in the panel, put together: the Data
   section's controls (data-area.js), the previews (data-thumbs.js), editing
   the points on the region (data-edit.js), the legends that follow the data
   (data-legend.js) and the confusion matrix (confusion.js). panel.js mounts
   it; panel-actions.js tells it when a network is built; each frame it
   refreshes the confusion matrix, at most every CONFUSION_INTERVAL_MS while
   training and only while the Data section is open.

   Added, erased and redrawn points change the running network's data only:
   the link still names the generated data, so the section says so, and the
   status line says when the data shown are no longer the link's. */
import { formatNumber as fmt } from '../lib/numbers.js';
import { byId } from '../kit/dom.js';
import * as dataKeys from './keys/data-keys.js';
import { readState, emitPhase } from './panel.js';
import { createDataArea } from './data-area.js';
import { generatePreviews, drawPreviews } from './data-thumbs.js';
import { watchEditing } from './data-edit.js';
import { createDataLegend } from './data-legend.js';
import { createConfusion } from './confusion.js';
import { predictedClasses, cellMarks } from './confusion-layout.js';
import { watchCsv } from './data-csv.js';

const CONFUSION_INTERVAL_MS = 400;
const EDITED = 'The data now differ from the link\'s: the link rebuilds the generated points, not these.';

export function mountData(p) {
  const d = {
    mode: 'follow', edited: false, previews: null, theme: null, lastConfusion: -Infinity, dirty: true, epoch: -1,
    addAt: (x, y) => addAt(p, d, x, y),
    eraseNear: (px, py, tol) => eraseNear(p, d, px, py, tol),
    followNear(px, py, tol) {
      const i = p.ui.region.pointAt(px, py, tol);
      if (i < 0) return 'No training point near the cursor to follow.';
      p.actions.selectPoint(i);
      return `Following point #${i}.`;
    },
  };
  d.area = createDataArea({
    change: (c) => p.actions.setSettings(c),
    regenerate: () => regenerate(p, d),
    mode(m) {
      d.mode = m;
      p.ui.regionCanvas.classList.toggle('adding', m === 'add');
      p.ui.regionCanvas.classList.toggle('erasing', m === 'erase');
    },
    addClass() {},
  });
  d.legend = createDataLegend(p.invalidate);
  d.confusion = createConfusion({
    choose: () => { highlight(p, d); p.invalidate(); },
    which: () => { d.dirty = true; p.invalidate(); },
  });
  byId('data-area').addEventListener('toggle', () => { d.dirty = true; p.invalidate(); });
  watchEditing(p, d);
  d.csv = watchCsv(p, {
    loaded(message) { leavePhase(p); p.ui.region.setHighlight(null); dataChanged(p, d); d.area.status(`${message} ${EDITED}`); d.say(message); },
    failed(message) { d.area.status(message); },
  });
  return {
    get mode() { return d.mode; },
    show: (s) => d.area.show(s),
    setEnabled: (on) => d.area.setEnabled(on),
    built: (n) => built(p, d, n),
    frame: (now) => frame(p, d, now),
    /* The core loaded and the theme read: the previews, drawn once per scheme. */
    setTheme(core, theme) {
      d.theme = theme;
      d.legend.setTheme(theme);
      if (core && !d.previews) d.previews = generatePreviews(core);
      if (d.previews) drawPreviews(d.previews, d.area.thumbs, theme);
    },
    dataChanged: () => dataChanged(p, d),
  };
}

/* Mean squared deviation of the targets from their mean: the loss of
   always guessing the mean, the regression's reference line. */
function meanGuessLoss(y) {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i];
  m /= y.length || 1;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - m) ** 2;
  return s / (y.length || 1);
}

/* A new network from the settings. */
function built(p, d, n) {
  const s = p.settings, linear = n.output === 'linear', hasTest = n.testPointCount > 0;
  d.edited = false;
  d.area.status('');
  p.ui.region.dataset = s.dataset;
  p.ui.readout.configure(linear, hasTest);
  const reference = linear ? meanGuessLoss(n.getData().y) : Math.log(n.outputs);
  p.ui.loss.setReference(reference, linear ? 'mean guess' : `ln ${n.outputs}`);
  d.legend.set({ dataset: s.dataset, K: n.outputs, isLinear: linear, scaleRange: p.ui.region.range, hasTest, reference });
  d.confusion.reset(linear ? 0 : n.outputs, hasTest);
  byId('confusion').hidden = linear;
  d.csv.showTest(hasTest);
  d.dirty = true;
}

/* The confusion matrix and the chosen cell's rings, when due. */
function frame(p, d, now) {
  const net = p.session && p.session.net;
  if (!net || net.output === 'linear' || !d.area.open) return;
  if (!d.dirty && (net.epoch === d.epoch || (p.session.playing && now - d.lastConfusion < CONFUSION_INTERVAL_MS))) return;
  d.dirty = false;
  d.epoch = net.epoch;
  d.lastConfusion = now;
  const which = d.confusion.which;
  if (which === 'test' && net.testPointCount === 0) return;
  d.confusion.show(net.confusion(which));
  if (d.confusion.chosen) highlight(p, d);
}

/* Rings the points of the chosen cell (of the set shown), or none. */
function highlight(p, d) {
  const cell = d.confusion.chosen, net = p.session.net;
  if (!cell || !net) { p.ui.region.setHighlight(null); return; }
  const which = d.confusion.which, data = net.getData(which);
  const marks = data.y.length ? cellMarks(data.y, predictedClasses(net.predict(data.x), net.outputs), cell.t, cell.p) : new Uint8Array(0);
  p.ui.region.setHighlight(which === 'test' ? { train: null, test: marks } : { train: marks, test: null });
}

/* The network's data changed here (not from the settings): every view that
   shows them follows, and the link no longer reproduces them. */
function dataChanged(p, d) {
  const net = p.session.net, data = net.getData();
  p.labels = data.y;
  p.points = data.x;
  if (p.selected >= p.labels.length) p.selected = p.labels.length - 1;
  p.ui.region.setData();
  p.ui.region.setSelected(-1);
  p.ui.region.setSelected(p.selected);
  p.ui.controls.showPoint(p.selected, p.labels.length);
  readState(p);
  p.ui.readout.update(p.shown);
  p.ui.loss.add(net.epoch, net.loss, net.testLoss);
  p.labelsDue = true;
  d.edited = true;
  d.area.status(EDITED);
  d.dirty = true;
  p.invalidate();
}

/* Leaves Step phase (its iteration would mix two data sets). */
function leavePhase(p) { if (p.phase.leave()) emitPhase(p); }

function addAt(p, d, x, y) {
  const net = p.session.net, D = p.ui.region.domain;
  if (!(x >= D.xMin && x <= D.xMax && y >= D.yMin && y <= D.yMax)) return 'Outside the plot: no point added.';
  leavePhase(p);
  const linear = net.output === 'linear', label = linear ? d.area.target : d.area.addClass;
  try {
    net.addPoint(x, y, label);
  } catch (e) {
    d.area.status(`The point could not be added: ${e.message}.`);
    return `Not added: ${e.message}.`;
  }
  dataChanged(p, d);
  return `Added point #${net.pointCount - 1}, ${linear ? `target ${fmt(label, 2)}` : `class ${label}`}, at x₁ = ${fmt(x, 2)}, x₂ = ${fmt(y, 2)}; ` +
    `${net.pointCount} training points.`;
}

function eraseNear(p, d, px, py, tol) {
  const net = p.session.net, i = p.ui.region.pointAt(px, py, tol);
  if (i < 0) return 'No training point there to erase.';
  if (net.pointCount <= 1) { d.area.status('The last training point stays: the network needs one to train on.'); return 'The last point stays.'; }
  leavePhase(p);
  const label = p.labels[i], at = [p.points[2 * i], p.points[2 * i + 1]];
  net.removePoint(i);
  if (i < p.selected) p.selected--;
  dataChanged(p, d);
  return `Erased point #${i}, ${net.output === 'linear' ? `target ${fmt(label, 2)}` : `class ${label}`}, at x₁ = ${fmt(at[0], 2)}, ` +
    `x₂ = ${fmt(at[1], 2)}; ${net.pointCount} training points.`;
}

/* New points from a new draw of the same dataset, classes, points, noise
   and test fraction (a seed of its own), into the running network: the
   weights and the epoch stay. */
function regenerate(p, d) {
  const net = p.session && p.session.net;
  if (!net) return;
  leavePhase(p);
  const o = dataKeys.options(p.settings), r = new Uint32Array(1);
  window.crypto.getRandomValues(r);
  const tmp = p.session.core.createNetwork(Object.assign(o, { layers: [2, 1, dataKeys.outputWidth(p.settings)], seed: r[0] }));
  try {
    const train = tmp.getData(), test = tmp.getData('test');
    net.setData(train);
    if (test.y.length) net.setData(test, 'test');
  } finally { tmp.destroy(); }
  p.ui.region.setHighlight(null);
  dataChanged(p, d);
  d.area.status(`New points drawn (${net.pointCount} training${net.testPointCount ? `, ${net.testPointCount} test` : ''}); the weights are unchanged. ` + EDITED);
  p.ui.readout.narrate(`Regenerated the data at epoch ${net.epoch}: loss = ${fmt(net.loss, 3)} on the new points`, true);
}
