/* demo-vanishing-view.js: the sigmoid-against-ReLU demo's elements (Play and
   Reset, the status line, one figure per run with its canvas and readout,
   the legend of layer colours and the note) and the text they show. */
import { el } from '../kit/dom.js';
import { formatNumber, subscript as sub } from '../lib/numbers.js';
import { vanishing as cfg } from './demo-configs.js';

const LABEL_EVERY = 60; // ticks between updates of the canvases' accessible labels
const L = cfg.layers.length - 1; // weight layers

/* The figure of one run; its state (demo-vanishing.js) keeps the canvas
   and readout. */
function buildRunFigure(run, r, id) {
  const fig = el('figure', { class: `ex-vanishing-panel ex-run-${run.id}` });
  const cap = el('figcaption', {});
  cap.append(el('strong', {}, run.label), document.createTextNode(` · learning rate ${run.learningRate}`));
  const canvas = el('canvas', {
    class: 'ex-plot ex-vanishing-plot', role: 'img', id: `${id}-plot-${r}`,
    'aria-label': `${run.label}: gradient norms (loading)`,
  });
  const readout = el('p', { class: 'ex-readout' }, ' ');
  fig.append(cap, canvas, readout);
  return { fig, canvas, readout };
}

function buildLegend() {
  const legend = el('ul', { class: 'ex-legend ex-layer-legend', 'aria-label': 'Lines' });
  for (let l = 1; l <= L; l++) {
    const li = el('li');
    const what = l === 1 ? ' (input side)' : l === L ? ' (output)' : '';
    li.append(el('span', { class: `ex-key ex-key-layer ex-layer-${l}`, 'aria-hidden': 'true' }),
      document.createTextNode(`‖∇W${sub(l)}‖ layer ${l}${what}`));
    legend.append(li);
  }
  const lossKey = el('li');
  lossKey.append(el('span', { class: 'ex-key ex-key-bias', 'aria-hidden': 'true' }),
    document.createTextNode('the loss, on the same log scale'));
  legend.append(lossKey);
  return legend;
}

function buildNote() {
  const hidden = cfg.layers.slice(1, -1);
  return el('p', { class: 'ex-hint' },
    `Both networks are ${cfg.layers.join(' → ')} (${hidden.length} hidden layers of ${hidden[0]}) on the ` +
    `${cfg.points} quadrant points, full batch; both axes are logarithmic. With sigmoids each layer down ` +
    'gets a fraction of the gradient of the layer above, so the input side barely learns; once the output ' +
    'layer has learned the class frequencies, every gradient sits at the level of the first layer’s and the ' +
    'loss stays at ln 4 until the lower layers finally pick up a signal. With ReLU all layers get gradients ' +
    'of one size, and the loss falls at once.');
}

/* Builds the demo into `container`: { root, playButton, resetButton,
   status, figures: [{ fig, canvas, readout }] in the order of cfg.runs }. */
export function buildVanishingDom(container, id) {
  const root = el('div', { class: 'ex-demo ex-vanishing' });
  const controls = el('div', { class: 'ex-demo-controls' });
  const buttons = el('div', { class: 'ex-buttons' });
  const playButton = el('button', { type: 'button', class: 'ex-play' }, 'Pause');
  const resetButton = el('button', { type: 'button' }, 'Reset');
  buttons.append(playButton, resetButton);
  const status = el('p', { class: 'ex-readout ex-vanishing-status' }, 'Loading the networks…');
  controls.append(buttons, status);
  const panels = el('div', { class: 'ex-vanishing-panels' });
  const figures = cfg.runs.map((run, r) => buildRunFigure(run, r, id));
  for (const f of figures) panels.append(f.fig);
  root.append(controls, panels, buildLegend(), buildNote());
  container.append(root);
  return { root, playButton, resetButton, status, figures };
}

/* After the last epoch, Play replays from the start. */
export function syncPlayButton(ui, running, done) {
  ui.playButton.textContent = running ? 'Pause' : done ? 'Replay' : 'Play';
  ui.playButton.setAttribute('aria-label',
    running ? 'Pause training' : done ? 'Replay from the start' : 'Play: train both networks');
}

/* One run's readout: its loss and how far its first layer's gradient is
   below its last's, now and at epoch 1; and, when `label`, its canvas's
   accessible label (kept rare: a screen reader reads every change). */
function updateRunText(s, epoch, label) {
  const loss = formatNumber(s.net.loss, 4);
  if (s.count === 0) {
    s.readout.textContent = `loss ${loss} (ln 4 = 1.386 before training)`;
    return;
  }
  const now = s.tmp[0] / s.tmp[L - 1];
  s.readout.textContent = `loss ${loss} · ‖∇W₁‖ / ‖∇W${sub(L)}‖ = ` +
    `${formatNumber(now, 2)} (epoch 1: ${formatNumber(s.firstRatio, 2)})${s.diverged ? ' · diverged' : ''}`;
  if (label) {
    s.canvas.setAttribute('aria-label', `${s.run.label}: gradient norm of each of the ${L} weight layers ` +
      `over ${epoch} epochs, log scales. The first layer's gradient was ${formatNumber(s.firstRatio, 2)} ` +
      `times the last layer's at epoch 1 and is ${formatNumber(now, 2)} times it now; loss ${loss}.`);
  }
}

/* The status line and each run's readout, from the demo's state d. */
export function updateVanishingText(d, epoch) {
  d.ui.status.textContent = epoch >= cfg.maxEpochs ? `Finished ${epoch} epochs.` :
    `Epoch ${epoch} of ${cfg.maxEpochs}${d.running ? '' : ' · paused'}`;
  const label = d.relabel || d.ticks - d.lastLabelTick >= LABEL_EVERY;
  if (label) {
    d.relabel = false;
    d.lastLabelTick = d.ticks;
  }
  for (const s of d.runs) if (s.net) updateRunText(s, epoch, label);
}
