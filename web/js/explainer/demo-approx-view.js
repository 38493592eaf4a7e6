/* demo-approx-view.js: the universal approximation demo's elements (its
   controls, the plot's canvas, the readout, the legend and the hint) and
   the text they show. Text is only ever set as text (kit/dom.js). */
import { el } from '../kit/dom.js';
import { formatNumber } from '../lib/numbers.js';
import { approx as cfg } from './demo-configs.js';

const LABEL_EVERY = 60; // ticks between updates of the canvas's accessible label

/* Target select, the N slider with its output, and Play / Reset / Reset drawing. */
function buildControls(id) {
  const controls = el('div', { class: 'ex-demo-controls' });
  const targetField = el('div', { class: 'ex-field' });
  targetField.append(el('label', { for: `${id}-target` }, 'Target'));
  const targetSelect = el('select', { id: `${id}-target` });
  for (const t of cfg.targets) targetSelect.append(el('option', { value: t }, cfg.targetLabels[t]));
  targetField.append(targetSelect);
  const unitsField = el('div', { class: 'ex-field' });
  unitsField.append(el('label', { for: `${id}-units` }, 'Hidden units N'));
  const unitsRow = el('div', { class: 'ex-range-row' });
  const unitsInput = el('input', {
    id: `${id}-units`, type: 'range', min: cfg.unitsMin, max: cfg.unitsMax, step: 1,
    value: cfg.unitsInitial,
  });
  const unitsOut = el('output', { for: `${id}-units` }, String(cfg.unitsInitial));
  unitsRow.append(unitsInput, unitsOut);
  unitsField.append(unitsRow);
  const buttons = el('div', { class: 'ex-buttons' });
  const playButton = el('button', { type: 'button', class: 'ex-play' }, 'Pause');
  const resetButton = el('button', { type: 'button' }, 'Reset');
  const clearButton = el('button', { type: 'button', hidden: '' }, 'Reset drawing');
  buttons.append(playButton, resetButton, clearButton);
  controls.append(targetField, unitsField, buttons);
  return { controls, targetSelect, unitsInput, unitsOut, playButton, resetButton, clearButton };
}

function buildLegend() {
  const legend = el('ul', { class: 'ex-legend', 'aria-label': 'Legend' });
  const items = [
    ['ex-key-target', 'target (the 64 training points)'],
    ['ex-key-fit', 'the network’s fit'],
    ['ex-key-parts', 'the N scaled sigmoids vᵢ σ(wᵢx + bᵢ), blue if vᵢ > 0, orange if vᵢ < 0'],
    ['ex-key-bias', 'output bias c: fit = c + the sum of the sigmoids'],
  ];
  for (const [cls, text] of items) {
    const li = el('li');
    li.append(el('span', { class: `ex-key ${cls}`, 'aria-hidden': 'true' }), document.createTextNode(text));
    legend.append(li);
  }
  return legend;
}

/* Builds the demo into `container`; returns its elements by name. */
export function buildApproxDom(container, id) {
  const ui = buildControls(id);
  ui.root = el('div', { class: 'ex-demo ex-approx' });
  ui.canvas = el('canvas', {
    class: 'ex-plot ex-approx-plot', role: 'img', tabindex: '0',
    'aria-describedby': `${id}-hint`, 'aria-label': 'Universal approximation plot (loading)',
  });
  ui.readout = el('p', { class: 'ex-readout' }, 'Loading the network…');
  const hint = el('p', { class: 'ex-hint', id: `${id}-hint` },
    'Draw your own target by dragging across the plot, or focus the plot and use ← → to move ' +
    'along x and ↑ ↓ to raise or lower the target there (Shift moves faster).');
  ui.root.append(ui.controls, ui.canvas, ui.readout, buildLegend(), hint);
  container.append(ui.root);
  return ui;
}

export function syncPlayButton(ui, running) {
  ui.playButton.textContent = running ? 'Pause' : 'Play';
  ui.playButton.setAttribute('aria-label', running ? 'Pause training' : 'Play: train the network');
}

const plural = (n) => (n === 1 ? '' : 's');

/* The readout every redraw; the canvas's label every LABEL_EVERY ticks, or
   on the next redraw after d.relabel is set (a screen reader would
   otherwise be told a new label every frame). */
export function updateApproxText(d) {
  const net = d.net;
  if (!net) return;
  const epoch = net.epoch, units = d.units;
  const state = d.running ? '' : epoch >= d.epochLimit ? ' · paused at the epoch limit' : ' · paused';
  d.ui.readout.textContent = `Epoch ${epoch} · mean squared error ${formatNumber(net.loss, 4)} · ` +
    `N = ${units} sigmoid unit${plural(units)}${state}`;
  if (d.relabel || d.ticks - d.lastLabelTick >= LABEL_EVERY) {
    d.relabel = false;
    d.lastLabelTick = d.ticks;
    d.ui.canvas.setAttribute('aria-label', `Target ${cfg.targetLabels[d.target]} at ${cfg.points} points on −π ` +
      `to π, and the fit of a network with ${units} sigmoid unit${plural(units)} and a linear output: mean ` +
      `squared error ${formatNumber(net.loss, 4)} after ${epoch} epochs. The plot also shows the ${units} ` +
      'scaled sigmoids that add up to the fit.');
  }
}
