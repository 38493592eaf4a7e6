/* panel.js: "See It Work", the live panel, put together from its parts:
   the training session (session.js), the views (diagram, region, loss
   chart, readout, controls), Step phase (phase-mode.js) and the link's
   settings (hash-sync.js). It is the scheduler's primary client: each frame
   it trains (session.frameTrain) and then redraws only what changed, each
   view inside the frame's drawing budget (a view that does not fit stays
   dirty and draws next frame).

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

const REFINE_BUDGET_MS = 5;        // full-resolution region work per idle frame
const SHARED_REFINE_BUDGET_MS = 2; // ... while a frame client runs too
const DRAW_BUDGET_MS = 10;         // past this, views still dirty wait for the next frame
const LABEL_INTERVAL_MS = 2000;    // canvases' aria-labels while playing

export function mountPanel(scheduler) {
  const invalidate = scheduler.invalidate;
  const p = {
    scheduler, invalidate, settings: Object.assign({}, hs.DEFAULTS), session: null,
    params: null, labels: null, points: null, selected: 0, ready: false,
    paramsDirty: false, labelsDue: true, lastLabels: -Infinity, lastNarration: -Infinity,
    shown: { epoch: 0, loss: NaN, accuracy: NaN, phase: 'init', point: '#0' },
    phaseListeners: [],
    settingsListeners: [], // fn(settings): the link's settings arrived (start, a new hash)
  };
  const ui = p.ui = {
    readout: createReadout({
      epoch: byId('ro-epoch'), loss: byId('ro-loss'), accuracy: byId('ro-accuracy'),
      phase: byId('ro-phase'), point: byId('ro-point'), narration: byId('narration'),
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
  watchRegionPointer(p);
  scheduler.setPrimary({ busy: () => !!p.session && p.session.playing, frame: (f) => frame(p, f) });
  p.start = () => start(p);
  p.applyTheme = () => applyTheme(p); // the colour scheme changed: redraw the canvases in it
  return p;
}

/* The panel's share of a frame; true if it has more to draw. */
function frame(p, { now, t0, trainNow, sharing }) {
  const { ui, session } = p;
  if (!session || !session.net) return false;
  if (session.frameTrain(now, t0, trainNow, p.settings.speed) > 0) p.paramsDirty = true;
  syncViews(p);
  let more = false;
  ui.diagram.draw();
  if (performance.now() - t0 < DRAW_BUDGET_MS) {
    more = ui.region.draw(session.playing ? 0 : t0 + (sharing ? SHARED_REFINE_BUDGET_MS : REFINE_BUDGET_MS));
  } else more = true;
  if (performance.now() - t0 < DRAW_BUDGET_MS) ui.loss.draw();
  else more = true;
  // The visible line follows the readout every frame; the readout speaks it
  // at most once a second, from the state shown then.
  if (session.playing) ui.readout.narrate(() => summary(p, 'Epoch'));
  if (p.labelsDue && (!session.playing || now - p.lastLabels >= LABEL_INTERVAL_MS)) updateLabels(p, now);
  return more;
}

/* New parameters -> the diagram, the region and the readout. */
export function syncViews(p) {
  if (p.paramsDirty) {
    p.paramsDirty = false;
    p.ui.diagram.setParams(p.session.net.getParams(p.params));
    p.ui.region.changed();
    readState(p);
    p.labelsDue = true;
  }
  p.ui.readout.update(p.shown);
}

/* "Epoch 300: loss = 0.494, accuracy 100%" (or "Paused at epoch ..."). */
export function summary(p, lead) {
  const s = p.shown;
  return `${lead} ${s.epoch}: loss = ${fmt(s.loss, 3)}, accuracy ${Math.round(s.accuracy * 100)}%`;
}

export function readState(p) {
  const net = p.session.net, s = p.shown;
  s.epoch = net.epoch;
  s.loss = net.loss;
  s.accuracy = net.accuracy();
  const ph = net.phase;
  s.phase = ph.phase === 'forward' || ph.phase === 'backward' ? `${ph.phase} (layer ${ph.layer})` : ph.phase;
  s.point = p.labels ? `#${p.selected}, class ${p.labels[p.selected]}` : `#${p.selected}`;
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
  if (hs.rebuilds(before, settings)) {
    p.actions.rebuild();
    return;
  }
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
  p.invalidate();
}

async function start(p) {
  const { ui } = p;
  ui.controls.setEnabled(false);
  const { settings, problems } = p.hash.read();
  applySettings(p, settings, problems);
  applyTheme(p);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(p));
  try {
    p.session = createSession(await loadCore(), sessionEvents(p));
    p.actions.rebuild();
  } catch (e) {
    const box = byId('load-error');
    box.textContent = `The network could not start: ${e && e.message ? e.message : e}`;
    box.hidden = false;
    ui.readout.narrate('The network could not start.');
    return;
  }
  ui.controls.setEnabled(true);
  if (p.settings.autoplay) {
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      ui.readout.narrate(`Initialize weights: loss = ${fmt(p.shown.loss, 3)}. Autoplay is off because reduced motion is requested: press Play to train.`, true);
    } else p.actions.setPlaying(true);
  }
  p.ready = true;
}

/* What the session's training reports, onto the views. */
function sessionEvents(p) {
  return {
    onLosses(e0, losses, count) { for (let i = 0; i < count; i++) p.ui.loss.add(e0 + i, losses[i]); },
    onLoss(epoch, loss) { p.ui.loss.add(epoch, loss); },
    onDiverged(r) { p.actions.diverged(r); },
    onReached(perFrame) { if (p.ui.controls) p.ui.controls.showReached(perFrame); },
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
