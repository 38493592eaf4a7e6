/* panel.js: "See It Work", the live panel, put together from its parts:
   the training session (session.js), the views (diagram, region, loss
   chart, readout, controls), Step phase (phase-mode.js) and the link's
   settings (hash-sync.js). It is the scheduler's primary client: each frame
   it redraws only what changed, each view inside the frame's drawing budget
   (a view that does not fit stays dirty and draws next frame), and then
   trains (session.frameTrain) for the time the drawing left.

       const panel = mountPanel(scheduler);   // the markup of index.html's panel
       await panel.start();                   // loads the core, builds the network */
import { loadCore } from '../core/network.js';
import { formatNumber as fmt } from '../lib/numbers.js';
import { byId } from '../kit/dom.js';
import * as hs from './hashstate.js';
import { readTheme } from './theme.js';
import { createSession } from './session.js';
import { createPhaseMode } from './phase-mode.js';
import { createHashSync } from './hash-sync.js';
import { createControls } from './controls.js';
import { createReadout } from './readout.js';
import { createDiagram } from './diagram.js';
import { createRegion } from './region.js';
import { createLossChart } from './losschart.js';
import { createActions } from './panel-actions.js';
import { createFrameBudget } from './frame-budget.js';
import { mountData } from './data-panel.js';
import { mountNetworkUi } from './network-ui.js';

const REFINE_BUDGET_MS = 5;        // full-resolution region work per idle frame
const SHARED_REFINE_BUDGET_MS = 2; // ... while a frame client runs too
const DRAW_BUDGET_MS = 10;         // past this, views still dirty wait for the next frame
const LABEL_INTERVAL_MS = 2000;    // canvases' aria-labels while playing
const HEAVY_STATE_INTERVAL_MS = 250; // a heavy network (session.heavy) reads its loss and accuracy this often while playing

export function mountPanel(scheduler) {
  const invalidate = scheduler.invalidate;
  const p = {
    scheduler, invalidate, settings: Object.assign({}, hs.DEFAULTS), session: null,
    params: null, labels: null, points: null, selected: 0, ready: false,
    paramsDirty: false, labelsDue: true, lastLabels: -Infinity, lastState: -Infinity, lastNarration: -Infinity,
    shown: { epoch: 0, loss: NaN, accuracy: NaN, phase: 'init', point: '#0' },
    phaseListeners: [], readyListeners: [], rebuildListeners: [], frameHooks: [],
    themeListeners: [], budget: createFrameBudget(), networkHooks: [], paramHooks: [],
    settingsListeners: [], // fn(settings): the link's settings arrived (start, a new hash)
    hashListeners: [],     // fn(settings, before, rebuilt): a new hash was applied to the running panel
  };
  const ui = p.ui = {
    readout: createReadout({
      epoch: byId('ro-epoch'), loss: byId('ro-loss'), accuracy: byId('ro-accuracy'),
      phase: byId('ro-phase'), point: byId('ro-point'), narration: byId('narration'),
      // data playground: test accuracy (or MSE) and the labels a regression changes
      test: byId('ro-test'), testItem: byId('ro-test-item'), testLabel: byId('ro-test-label'),
      lossLabel: byId('ro-loss-label'), accuracyItem: byId('ro-accuracy-item'),
      live: byId('narration-live'),
    }),
    diagramCanvas: byId('diagram'), regionCanvas: byId('region'), lossCanvas: byId('loss'),
    alert: byId('diverged-alert'), phaseLegend: byId('diagram-phase'),
  };
  ui.diagram = createDiagram(ui.diagramCanvas, byId('diagram-tip'), byId('diagram-announce'), invalidate);
  ui.region = createRegion(ui.regionCanvas, invalidate);
  ui.loss = createLossChart(ui.lossCanvas, invalidate);
  p.phase = createPhaseMode({ diagram: ui.diagram, legend: ui.phaseLegend, readout: ui.readout });
  p.hash = createHashSync((settings, problems) => onHashChange(p, settings, problems));
  const actions = p.actions = createActions(p);
  ui.controls = createControls(actions);
  p.data = mountData(p);
  p.netUi = mountNetworkUi(p);
  watchRegionPointer(p);
  scheduler.setPrimary({ busy: () => !!p.session && p.session.playing, frame: (f) => frame(p, f) });
  p.start = () => start(p);
  p.applyTheme = () => applyTheme(p); // the colour scheme changed: redraw the canvases in it
  return p;
}

/* The panel's share of a frame; true if it has more to draw. It first draws
   what the last frame trained, then trains for what the drawing left of the
   frame's work target (frame-budget.js): a frame that repaints a wide
   diagram or a neuron map trains less, so that every frame stays near the
   target, not only the average one. What it trains is drawn next frame. */
function frame(p, { now, t0, trainNow, sharing }) {
  const { ui, session } = p;
  if (!session || !session.net) return false;
  // A frame left to the explainer's demos (scheduler.js) holds only their
  // work: the panel counts it, and draws and trains on its next frame.
  if (!trainNow && session.playing) {
    session.frameTrain(now, t0, false, p.settings.speed);
    return true;
  }
  syncViews(p);
  p.data.frame(now);
  let more = false;
  ui.diagram.draw();
  // The loss curve (cheap) before the region, whose refining of a large
  // network can take every frame's budget for seconds.
  if (performance.now() - t0 < DRAW_BUDGET_MS) ui.loss.draw();
  else more = true;
  if (performance.now() - t0 < DRAW_BUDGET_MS) {
    more = ui.region.draw(session.playing ? 0 : t0 + (sharing ? SHARED_REFINE_BUDGET_MS : REFINE_BUDGET_MS)) || more;
  } else more = true;
  // The visible line follows the readout every frame; the readout speaks it
  // at most once a second, from the state shown then.
  if (session.playing) ui.readout.narrate(() => summary(p, 'Epoch'));
  for (const hook of p.frameHooks) if (hook(session.playing)) more = true;
  if (p.labelsDue && (!session.playing || now - p.lastLabels >= LABEL_INTERVAL_MS)) updateLabels(p, now);
  // A compare network (compare/compare.js) trained in its hook above: its
  // time is drawing time here, so the two share the one target.
  const tTrain = performance.now();
  session.trainBudget = session.fixedBudget !== undefined ? session.fixedBudget : p.budget.train(tTrain - t0);
  if (session.frameTrain(now, tTrain, trainNow, p.settings.speed) > 0) {
    p.paramsDirty = true;
    more = true;
  }
  return more;
}

/* New parameters -> the diagram, the region and the readout. */
export function syncViews(p) {
  if (p.paramsDirty) {
    p.paramsDirty = false;
    p.ui.diagram.setParams(p.session.net.getParams(p.params));
    p.ui.region.changed();
    for (const fn of p.paramHooks) fn();
    // The loss and accuracy of the parameters reached cost a pass over all
    // the data: a third of an epoch, several ms on a wide, deep network,
    // which then reads them a few times a second while it plays (the loss
    // chart has every epoch's loss from training itself).
    const now = performance.now(), s = p.session;
    if (!s.playing || !s.heavy || now - p.lastState >= HEAVY_STATE_INTERVAL_MS) {
      readState(p);
      p.lastState = now;
    } else p.shown.epoch = s.net.epoch;
    p.labelsDue = true;
  }
  p.ui.readout.update(p.shown);
}

/* "Epoch 300: loss = 0.494, accuracy 100%" (or "Paused at epoch ..."). */
export function summary(p, lead) {
  const s = p.shown, test = s.testAccuracy === s.testAccuracy && typeof s.testAccuracy === 'number';
  if (s.accuracy === null) return `${lead} ${s.epoch}: mean squared error = ${fmt(s.loss, 3)}` + (s.testLoss === s.testLoss ? `, test ${fmt(s.testLoss, 3)}` : '');
  return `${lead} ${s.epoch}: loss = ${fmt(s.loss, 3)}, accuracy ${Math.round(s.accuracy * 100)}%` +
    (test ? `, test accuracy ${Math.round(s.testAccuracy * 100)}%` : '');
}

export function readState(p) {
  const net = p.session.net, s = p.shown;
  s.epoch = net.epoch;
  s.loss = net.loss;
  s.accuracy = net.accuracy();
  const ph = net.phase;
  s.phase = ph.phase === 'forward' || ph.phase === 'backward' ? `${ph.phase} (layer ${ph.layer})` : ph.phase;
  const test = net.testPointCount > 0;
  s.testAccuracy = test ? net.accuracy('test') : NaN;
  s.testLoss = test ? net.testLoss : NaN;
  s.point = !p.labels ? `#${p.selected}` : net.output === 'linear' ? `#${p.selected}, target ${fmt(p.labels[p.selected], 2)}` :
    `#${p.selected}, class ${p.labels[p.selected]}`;
}

function updateLabels(p, now) {
  const ui = p.ui;
  p.labelsDue = false;
  p.lastLabels = now;
  ui.diagramCanvas.setAttribute('aria-label', ui.diagram.describe());
  ui.regionCanvas.setAttribute('aria-label', ui.region.describe());
  ui.lossCanvas.setAttribute('aria-label', ui.loss.describe());
}

/* Tells listeners (the code panel) which phase to show: the phase last
   stepped in phase mode, 'init' for a new network, else null. */
export function currentPhase(p) {
  const s = p.session;
  if (!s || !s.net || s.playing) return null;
  if (p.phase.active) return { phase: p.phase.snapshot.phase, layer: p.phase.snapshot.layer };
  const ph = s.net.phase;
  return s.net.epoch === 0 && ph.phase === 'init' ? ph : null;
}
export function emitPhase(p) {
  const ph = currentPhase(p);
  for (const fn of p.phaseListeners) fn(ph);
}

/* Names the link's rejected settings above the panel (as text); none hides it. */
export function showNotice(problems) {
  const notice = byId('hash-notice');
  if (problems.length) {
    notice.textContent = 'Some settings in this link could not be used, so the defaults apply instead: ' +
      problems.map((x) => x.message).join('; ') + '.';
    notice.hidden = false;
  } else if (!notice.hidden) {
    notice.textContent = '';
    notice.hidden = true;
  }
}

/* The settings the link asks for, shown in the controls. */
function applySettings(p, settings, problems) {
  p.settings = settings;
  for (const fn of p.settingsListeners) fn(settings);
  showNotice(problems);
  p.ui.controls.show(settings);
  p.data.show(settings);
  p.ui.loss.setLogScale(settings.log);
  linkFullPage(p.hash.hash || '');
}

/* The embed's "Open the full explainer" link carries the settings: its page
   (index.html, or the one-file build's) with the current hash. */
export function linkFullPage(hash) {
  const full = byId('open-full');
  if (full) full.setAttribute('href', full.getAttribute('href').split('#')[0] + hash);
}

/* A new hash: a new network, unless only how it is shown changed (speed,
   log scale), which applies to the running network. */
function onHashChange(p, settings, problems) {
  const before = p.settings;
  applySettings(p, settings, problems);
  if (!p.session || !p.session.net) return;
  const rebuilt = hs.rebuilds(before, settings);
  if (rebuilt) p.actions.rebuild();
  for (const fn of p.hashListeners) fn(settings, before, rebuilt);
  if (rebuilt) return;
  p.session.speedChanged();
  p.labelsDue = true;
  p.invalidate();
}

function applyTheme(p) {
  const t = readTheme(byId('panel'));
  p.ui.theme = t;
  p.ui.diagram.setTheme(t);
  p.ui.region.setTheme(t);
  p.ui.loss.setTheme(t);
  for (const fn of p.themeListeners) fn(t);
  p.data.setTheme(p.session ? p.session.core : null, t);
  p.netUi.themeChanged(t);
  p.invalidate();
}

async function start(p) {
  const { ui } = p;
  ui.controls.setEnabled(false);
  p.data.setEnabled(false);
  const { settings, problems } = p.hash.read();
  applySettings(p, settings, problems);
  applyTheme(p);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(p));
  try {
    p.session = createSession(await loadCore(), sessionEvents(p));
    p.actions.rebuild();
    p.data.setTheme(p.session.core, ui.theme);
  } catch (e) {
    const box = byId('load-error');
    box.textContent = `The network could not start: ${e && e.message ? e.message : e}`;
    box.hidden = false;
    ui.readout.narrate('The network could not start.');
    return;
  }
  ui.controls.setEnabled(true);
  p.data.setEnabled(true);
  if (p.settings.autoplay) {
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      ui.readout.narrate(`Initialize weights: loss = ${fmt(p.shown.loss, 3)}. Autoplay is off because reduced motion is requested: press Play to train.`, true);
    } else p.actions.setPlaying(true);
  }
  p.ready = true;
  for (const fn of p.readyListeners) fn();
}

/* What the session's training reports, onto the views. */
function sessionEvents(p) {
  return {
    onLosses(e0, losses, count, testLosses) {
      for (let i = 0; i < count; i++) p.ui.loss.add(e0 + i, losses[i], testLosses ? testLosses[i] : NaN);
    },
    onLoss(epoch, loss, testLoss) { p.ui.loss.add(epoch, loss, testLoss); },
    onDiverged(r) { p.actions.diverged(r); },
    onReached(perFrame, perSecond) { if (p.ui.controls) p.ui.controls.showReached(perFrame, perSecond); },
    onStopped(epoch) { p.actions.stopped(epoch); },
  };
}

/* Clicking (or tapping) a training point in the region follows it; the
   cursor shows which points can be clicked. */
function watchRegionPointer(p) {
  const canvas = p.ui.regionCanvas;
  let pointerType = 'mouse', over = false;
  const hit = (e, tolerance) => {
    const r = canvas.getBoundingClientRect();
    return p.ui.region.pointAt(e.clientX - r.left, e.clientY - r.top, tolerance);
  };
  canvas.addEventListener('pointerdown', (e) => { pointerType = e.pointerType; });
  canvas.addEventListener('pointermove', (e) => {
    const now = e.pointerType === 'mouse' && hit(e, 8) >= 0;
    if (now !== over) { over = now; canvas.classList.toggle('over-point', now); }
  });
  canvas.addEventListener('click', (e) => {
    if (!p.session || !p.session.net) return;
    const i = hit(e, pointerType === 'touch' || pointerType === 'pen' ? 16 : 8);
    if (i >= 0) p.actions.selectPoint(i);
  });
}
