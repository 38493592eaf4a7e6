/* demo-vanishing.js: "use ReLU in practice", shown. The same deep network
   (6 hidden layers of 16, softmax over the 4 quadrant classes) is trained
   side by side with sigmoid + Glorot initialisation and with ReLU + He
   initialisation. Each panel plots, on log scales, the norm of every weight
   layer's gradient ||dL/dW_l|| (l = 1 input side ... 7 output) against the
   epoch: with sigmoids the lines fan out, each layer down getting roughly a
   quarter of the gradient of the layer above; with ReLU they stay together.

   Frame-loop contract: this module never schedules frames. The page's single
   requestAnimationFrame loop calls demo.tick() once per frame; a tick trains
   both networks a few epochs (more as the run goes on, so it moves evenly on
   the log axis) and redraws.

       const demo = mount(container, { core });  // core = await loadCore()
       ... in the page's frame loop: demo.tick();
       demo.destroy();

   Options and controller as in demo-approx.js: core, autoplay; play(),
   pause(), reset(), refreshTheme(), and history(r) for the recorded norms.
   The parts: demo-vanishing-view.js (elements and text), -draw.js (a run's
   plot). Settings live in demo-configs.js, shared with
   tests/node/vanishing.test.mjs. */
import { fitCanvas } from '../kit/canvas.js';
import { watchScheme } from '../kit/colors.js';
import { loadCore } from '../core/network.js';
import {
  vanishing as cfg, vanishingOptions, vanishingEpochsPerTick, layerGradNorms,
} from './demo-configs.js';
import { readDemoColors, autoplay } from './demo-plot.js';
import { buildVanishingDom, syncPlayButton, updateVanishingText } from './demo-vanishing-view.js';
import { createLogScale, drawRun } from './demo-vanishing-draw.js';

const L = cfg.layers.length - 1; // weight layers
let instances = 0;

// One sample per tick: the ticks of a whole run, counted once.
let maxSamples = 1;
for (let e = 0; e < cfg.maxEpochs; e += vanishingEpochsPerTick(e)) maxSamples++;

/* A run's state: its network, and the record of what it plotted. */
function createRun(run, figure, onResize) {
  const fitted = fitCanvas(figure.canvas, onResize);
  return {
    run, canvas: figure.canvas, readout: figure.readout, net: null, layout: null, grads: null, fitted,
    scale: createLogScale(fitted.size),
    epochs: new Float64Array(maxSamples), norms: new Float64Array(maxSamples * L),
    losses: new Float64Array(maxSamples),
    tmp: new Float64Array(L), count: 0, firstRatio: NaN, diverged: false,
  };
}

function epochOf(d) { return d.runs[0].net ? d.runs[0].net.epoch : 0; }

/* Both networks afresh, from epoch 0, with empty records. */
function createNets(d) {
  for (const s of d.runs) {
    if (s.net) s.net.destroy();
    s.net = d.core.createNetwork(vanishingOptions(s.run));
    s.layout = s.net.paramLayout();
    s.grads = new Float64Array(s.net.paramCount); // filled in place every sample
    s.count = 0;
    s.firstRatio = NaN;
    s.diverged = false;
  }
  d.dirty = true;
  d.relabel = true;
}

/* Samples the gradient norms of the epoch just run (the last norms are
   kept for the readout even once the record is full). */
function record(s) {
  layerGradNorms(s.net.getGrads(s.grads), s.layout, s.tmp);
  if (s.count >= maxSamples) return;
  s.epochs[s.count] = s.net.epoch;
  s.losses[s.count] = s.net.loss;
  for (let l = 0; l < L; l++) s.norms[s.count * L + l] = s.tmp[l];
  if (s.count === 0) s.firstRatio = s.tmp[0] / s.tmp[L - 1];
  s.count++;
}

function sync(d) { syncPlayButton(d.ui, d.running, epochOf(d) >= cfg.maxEpochs); }

/* Play after the last epoch replays from the start. */
function play(d) {
  if (d.core && epochOf(d) >= cfg.maxEpochs) createNets(d);
  d.running = true;
  sync(d);
  d.dirty = true;
}

function pause(d) { d.running = false; sync(d); d.dirty = true; d.relabel = true; }

function reset(d) { if (d.core) createNets(d); sync(d); }

/* One frame's training: both runs the same epochs (a diverged one stops),
   until the last epoch. */
function advance(d) {
  d.ticks++;
  if (!d.running) return;
  const e = epochOf(d);
  if (e < cfg.maxEpochs) {
    const n = vanishingEpochsPerTick(e);
    for (const s of d.runs) {
      if (s.diverged) continue;
      if (s.net.step(n).diverged) s.diverged = true;
      record(s);
    }
    d.dirty = true;
  }
  if (epochOf(d) >= cfg.maxEpochs || d.runs.every((s) => s.diverged)) {
    d.running = false;
    sync(d);
  }
}

function tick(d) {
  if (d.destroyed || !d.core) return;
  advance(d);
  if (!d.dirty) return;
  d.dirty = false;
  for (const s of d.runs) drawRun(s, d.colors);
  updateVanishingText(d, epochOf(d));
}

function destroy(d, unwatch, listening) {
  if (d.destroyed) return;
  d.destroyed = true;
  unwatch();
  listening.abort();
  for (const s of d.runs) {
    s.fitted.disconnect();
    if (s.net) s.net.destroy();
    s.net = null;
  }
  d.ui.root.remove();
}

export function mount(container, options) {
  const o = options || {};
  const ui = buildVanishingDom(container, `ex-vanishing-${++instances}`);
  const d = {
    ui, core: null, destroyed: false, running: autoplay(o), colors: readDemoColors(ui.root),
    dirty: true, relabel: true, ticks: 0, lastLabelTick: 0, runs: null,
  };
  d.runs = cfg.runs.map((run, r) => createRun(run, ui.figures[r], () => { d.dirty = true; }));
  const refreshTheme = () => { d.colors = readDemoColors(ui.root); d.dirty = true; };
  const unwatch = watchScheme(refreshTheme);
  const listening = new AbortController();
  ui.playButton.addEventListener('click', () => (d.running ? pause(d) : play(d)), { signal: listening.signal });
  ui.resetButton.addEventListener('click', () => reset(d), { signal: listening.signal });
  sync(d);

  const ready = (o.core ? Promise.resolve(o.core) : loadCore()).then((core) => {
    if (d.destroyed) return;
    d.core = core;
    createNets(d);
    updateVanishingText(d, epochOf(d));
  }, (err) => {
    ui.status.textContent = `The networks could not start: ${err.message}`;
    ui.status.classList.add('ex-error');
    throw err;
  });

  return {
    ready, refreshTheme,
    tick: () => tick(d), play: () => play(d), pause: () => pause(d), reset: () => reset(d),
    destroy: () => destroy(d, unwatch, listening),
    get running() { return d.running; },
    get epoch() { return epochOf(d); },
    /* The recorded norms of run r: { epochs, norms (count x layers), count, layers }. */
    history(r) { const s = d.runs[r]; return { epochs: s.epochs, norms: s.norms, count: s.count, layers: L }; },
    get element() { return ui.root; },
  };
}
