/* demo-approx-state.js: the universal approximation demo's state and what
   changes it: the network and its data, the target (built in or drawn),
   N, play and pause. Each function takes the demo's state object d (made
   by createApproxState) and marks what its next tick must redo: `dirty`
   (redraw), `dataDirty` (hand the target to the network), `relabel` (the
   canvas's accessible label). Settings live in demo-configs.js. */
import {
  approx as cfg, approxX, approxTarget, approxDefaultDrawing, approxData, approxOptions,
} from './demo-configs.js';
import { syncPlayButton } from './demo-approx-view.js';

/* ui: buildApproxDom's elements; running: whether to start playing. */
export function createApproxState(ui, running) {
  const P = cfg.points;
  const d = {
    ui, core: null, net: null, params: null, destroyed: false,
    units: cfg.unitsInitial, target: cfg.targets[0], running, epochLimit: cfg.maxEpochs,
    dirty: true, dataDirty: false, relabel: true, ticks: 0, lastLabelTick: 0,
    cursor: Math.floor(P / 2), focused: false, colors: null, size: null, geom: null,
    drawn: new Float64Array(P),   // the reader's target, kept while a built-in one is shown
    values: new Float64Array(P),  // the current target at the P points
    px: new Float64Array(P),      // x of each point
  };
  for (let i = 0; i < P; i++) d.px[i] = approxX(i);
  resetDrawing(d);
  fillValues(d);
  return d;
}

/* The drawing a reader starts from (and returns to on "Reset drawing"). */
export function resetDrawing(d) {
  for (let i = 0; i < d.px.length; i++) d.drawn[i] = approxDefaultDrawing(d.px[i]);
}

export function fillValues(d) {
  for (let i = 0; i < d.px.length; i++) {
    d.values[i] = d.target === 'drawn' ? d.drawn[i] : approxTarget(d.target, d.px[i]);
  }
}

/* A fresh network for the current N and target, from epoch 0. */
export function createNet(d) {
  if (d.net) d.net.destroy();
  d.net = d.core.createNetwork(approxOptions(d.units));
  d.params = new Float64Array(d.net.paramCount); // refilled in place each redraw
  d.net.setData(approxData(d.target, d.drawn));
  d.dataDirty = false;
  d.epochLimit = cfg.maxEpochs;
  d.dirty = true;
}

export function setTarget(d, name) {
  if (!cfg.targets.includes(name)) throw new Error(`target must be one of ${cfg.targets.join(', ')}, got ${JSON.stringify(name)}`);
  d.target = name;
  d.ui.targetSelect.value = name;
  d.ui.clearButton.hidden = name !== 'drawn';
  d.ui.root.classList.toggle('is-drawn', name === 'drawn');
  fillValues(d);
  d.dataDirty = true;
  d.dirty = true;
  d.relabel = true;
}

/* N changes the network's shape, so it starts again from new weights. */
export function setUnits(d, n) {
  d.units = Math.max(cfg.unitsMin, Math.min(cfg.unitsMax, Math.round(n)));
  d.ui.unitsInput.value = String(d.units);
  d.ui.unitsOut.textContent = String(d.units);
  if (d.core) createNet(d);
  d.relabel = true;
}

/* Play after the epoch limit grants another maxEpochs. */
export function play(d) {
  if (d.net && d.net.epoch >= d.epochLimit) d.epochLimit = d.net.epoch + cfg.maxEpochs;
  d.running = true;
  syncPlayButton(d.ui, true);
}

export function pause(d) {
  d.running = false;
  syncPlayButton(d.ui, false);
  d.relabel = true;
  d.dirty = true;
}

export function reset(d) {
  if (d.core) createNet(d);
  d.relabel = true;
}

/* ---- the reader's drawing --------------------------------------------------- */

/* Drawing on a built-in target starts from its values. */
export function beginDrawing(d) {
  if (d.target === 'drawn') return;
  d.drawn.set(d.values);
  setTarget(d, 'drawn');
}

/* Point i of the drawn target to y, clamped to the range a target may take. */
export function setDrawn(d, i, y) {
  d.drawn[i] = y < cfg.drawMin ? cfg.drawMin : y > cfg.drawMax ? cfg.drawMax : y;
  d.values[i] = d.drawn[i];
  d.dataDirty = true;
  d.dirty = true;
}

export function clearDrawing(d) {
  resetDrawing(d);
  fillValues(d);
  d.dataDirty = true;
  d.dirty = true;
}

/* One frame: hand a changed target to the network (keeping its weights, so
   the fit adapts), train a few epochs while playing, and say whether the
   plot must be redrawn. */
export function advance(d) {
  const net = d.net;
  d.ticks++;
  if (d.dataDirty) {
    net.setData(approxData(d.target, d.drawn));
    d.dataDirty = false;
    d.dirty = true;
  }
  if (d.running) {
    const n = Math.min(cfg.epochsPerTick, d.epochLimit - net.epoch);
    if (n > 0) {
      if (net.step(n).diverged) d.running = false;
      d.dirty = true;
    }
    if (net.epoch >= d.epochLimit || !d.running) {
      d.running = false;
      syncPlayButton(d.ui, false);
    }
  }
  const redraw = d.dirty;
  d.dirty = false;
  return redraw;
}
