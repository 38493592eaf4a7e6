/* panel-actions.js: what the panel's controls do. controls.js turns DOM
   events into these calls; each changes the session or the settings, then
   the views, and asks the frame loop for a frame. `p` is the panel's state
   (panel.js). */
import { formatNumber as fmt } from '../lib/numbers.js';
import { byId } from '../kit/dom.js';
import * as hs from './hashstate.js';
import { syncViews, readState, summary, emitPhase, showNotice, linkFullPage } from './panel.js';
import { widthsToSettings, shapeText } from './layer-editor.js';
import { runSettings } from './run-io.js';

/* The settings -> the hash. The reader chose them, so a notice about the
   link's settings no longer applies. */
function writeHash(p) {
  showNotice([]);
  linkFullPage(p.hash.write(p.settings));
}

/* A new network from the settings: same seed, same run (or a saved run,
   continued where it stood). Pauses. */
function rebuild(p, run) {
  setPlaying(p, false);
  const s = p.settings;
  const n = p.session.build(run || hs.networkOptions(s));
  p.params = new Float64Array(n.paramCount);
  const data = n.getData();
  p.labels = data.y;
  p.points = data.x;
  if (p.selected >= p.labels.length) p.selected = 0;
  p.phase.leave();
  p.ui.alert.hidden = true;
  p.ui.controls.setDiverged(false);
  byId('diagram-shape').textContent = `(${shapeText(n.layers)})`;
  p.ui.diagram.setNetwork(n.layers, s.activation, n.paramLayout());
  p.ui.region.setNetwork(n);
  p.ui.region.setSelected(p.selected);
  p.ui.controls.showPoint(p.selected, p.labels.length);
  p.ui.loss.clear();
  p.ui.loss.setReference(Math.log(n.outputs));
  p.ui.loss.add(n.epoch, n.loss, n.testLoss);
  p.data.built(n); // data playground: legends, readout labels, confusion matrix
  p.paramsDirty = true;
  readState(p);
  p.ui.readout.update(p.shown);
  // At once: the readout already shows the new network.
  p.ui.readout.narrate(run ? `Imported run: epoch ${n.epoch}, loss = ${fmt(p.shown.loss, 3)}` : `Initialize weights: loss = ${fmt(p.shown.loss, 3)}`, true);
  for (const fn of p.networkHooks) fn(n);
  emitPhase(p);
  for (const fn of p.rebuildListeners) fn();
  p.invalidate();
}

function setPlaying(p, on) {
  p.session.stopAt = p.settings.epochs || 0;
  if (!p.session.setPlaying(on)) return;
  p.ui.controls.setPlaying(on);
  emitPhase(p);
  if (on) {
    if (p.phase.leave()) emitPhase(p);
    p.lastNarration = -Infinity;
  } else if (p.session.net) {
    p.paramsDirty = true;  // the session finished an epoch left part-way
    readState(p);
    p.labelsDue = true;
    p.ui.readout.narrate(summary(p, 'Paused at epoch'));
  }
  p.invalidate();
}

/* Play reached the stop epoch (epochs=N), as the seed's
   mlp_train(..., epochs=N) ends, or Play was pressed there. */
function stopped(p, epoch) {
  p.ui.controls.setPlaying(false);
  p.session.resetRate();
  readState(p);
  p.labelsDue = true;
  p.ui.readout.narrate(`${summary(p, 'Stopped at epoch')}: the epochs setting stops training at epoch ${p.settings.epochs}; ` +
    'set it higher, or to 0 for no limit, to train on.', true);
  emitPhase(p);
  p.invalidate();
}

/* The run diverged (training in frames, Step or Step phase). */
function diverged(p, r) {
  const hadFocus = ['play', 'step', 'step-phase'].some((id) => document.activeElement === byId(id));
  p.ui.controls.setPlaying(false);
  p.session.resetRate();
  if (p.phase.leave()) emitPhase(p);
  emitPhase(p);
  p.ui.controls.setDiverged(true);
  readState(p);
  p.paramsDirty = true;
  byId('diverged-text').textContent = `Training diverged at epoch ${r.epoch}: the loss reached ${fmt(r.loss, 3)} and the weights grew ` +
    `without bound, so training stopped. A learning rate of ${p.settings.lr} is too large for this network. ` +
    'Reset to watch it again, or reset with a smaller learning rate.';
  p.ui.alert.hidden = false;
  p.ui.readout.narrate(`Diverged at epoch ${r.epoch}: loss = ${fmt(r.loss, 3)}`, true);
  if (hadFocus) p.ui.controls.focusReset();
  p.invalidate();
}

function selectPoint(p, i) {
  if (!p.session.net || !p.labels || !(Number.isInteger(i) && i >= 0 && i < p.labels.length)) return;
  p.selected = i;
  p.ui.region.setSelected(i);
  p.ui.controls.showPoint(i, p.labels.length);
  readState(p);
  p.ui.readout.update(p.shown);
  if (p.phase.active) p.phase.follow(i);
  else {
    p.ui.readout.narrate(`Following point #${i}, class ${p.labels[i]}, at x₁ = ${fmt(p.points[2 * i], 2)}, ` +
      `x₂ = ${fmt(p.points[2 * i + 1], 2)}: Step phase shows its values at each phase.`, true);
  }
  p.invalidate();
}

/* One epoch, narrated with the loss before and after. */
function step(p) {
  if (p.session.diverged || !p.session.net) return;
  setPlaying(p, false);
  if (p.phase.leave()) emitPhase(p);
  const before = p.session.net.loss, e0 = p.session.net.epoch;
  const r = p.session.stepOne();
  if (r.diverged) return;
  p.ui.loss.add(r.epoch, r.loss, p.session.net.testLoss);
  p.paramsDirty = true;
  syncViews(p);
  const lossName = p.session.net.output === 'linear' ? 'the squared error' : 'softmax and cross-entropy'; // data playground: regression
  p.ui.readout.narrate(`Epoch ${e0} → ${r.epoch}: one forward pass over all ${p.session.net.pointCount} points, ${lossName}, ` +
    'backpropagation of the error, and one gradient-descent update of every weight: ' +
    `loss ${fmt(before, 3)} → ${fmt(r.loss, 3)}`);
  emitPhase(p);
  p.invalidate();
}

/* The next phase of the current iteration; after 'update' the epoch is
   complete and the region and loss curve follow, exactly as Step. */
function stepPhase(p) {
  if (p.session.diverged || !p.session.net) return;
  setPlaying(p, false);
  const s = p.phase.step(p.session.net, p.selected);
  if (s.diverged) { p.phase.leave(); p.session.markDiverged({ epoch: s.epoch, loss: s.loss }); return; }
  if (s.phase === 'update') {
    p.ui.loss.add(s.epoch, s.loss, p.session.net.testLoss);
    p.paramsDirty = true;
  }
  readState(p);
  syncViews(p);
  emitPhase(p);
  p.invalidate();
}

/* A setting that defines the run changed: the hash, then a new network. */
function remake(p, key, v) {
  p.settings[key] = v;
  writeHash(p);
  rebuild(p);
}

/* The settings' controls changed the settings: show them, then rebuild. */
function resettle(p) {
  p.ui.controls.show(p.settings);
  writeHash(p);
  rebuild(p);
}

/* The actions controls.js calls, and those panel.js and debug.js use. */
export function createActions(p) {
  return {
    rebuild: () => rebuild(p),
    setPlaying: (on) => setPlaying(p, on),
    diverged: (r) => diverged(p, r),
    stopped: (epoch) => stopped(p, epoch),
    selectPoint: (i) => selectPoint(p, i),
    step: () => step(p),
    stepPhase: () => stepPhase(p),
    togglePlay() { if (!p.session.diverged) setPlaying(p, !p.session.playing); },
    currentPoint: () => p.selected,
    currentSeed: () => p.settings.seed,
    reset() { showNotice([]); rebuild(p); },
    resetWithDefaultRate() { p.settings.lr = hs.DEFAULTS.lr; resettle(p); },
    newSeed() {
      const r = new Uint32Array(1);
      do { window.crypto.getRandomValues(r); } while (r[0] % 100000 === p.settings.seed);
      p.settings.seed = r[0] % 100000;
      resettle(p);
    },
    setSpeed(v) { p.settings.speed = v; p.session.speedChanged(); writeHash(p); },
    setLearningRate(v) {
      p.settings.lr = v;
      p.session.net.learningRate = v;
      writeHash(p);
      p.ui.readout.narrate(`Learning rate set to ${v}; training continues from epoch ${p.session.net.epoch}`);
    },
    setActivation: (v) => remake(p, 'activation', v),
    setHidden(v) { p.settings.layers = null; remake(p, 'hidden', v); }, // one layer of v, as the seed's
    setSeed: (v) => remake(p, 'seed', v),
    /* Several settings at once (the Data section: a dataset resets its classes and noise). */
    setSettings(changes) { Object.assign(p.settings, changes); p.data.show(p.settings); writeHash(p); rebuild(p); },
    setNetworkSetting: (key, v) => remake(p, key, v),
    setLayers(widths) { Object.assign(p.settings, widthsToSettings(widths, p.settings.hidden)); resettle(p); },
    /* A parsed saved run: checked by building it once (a refused run throws
       the API's error and leaves the live network as it was), then adopted. */
    importRun(run) {
      p.session.core.createNetwork(run).destroy();
      p.settings = runSettings(run.config, p.settings);
      p.ui.controls.show(p.settings);
      writeHash(p);
      rebuild(p, run);
    },
    /* One parameter typed in the diagram, applied to the live network. */
    setParam(index, value, text) {
      const net = p.session.net;
      if (p.phase.leave()) emitPhase(p);
      const params = net.getParams();
      params[index] = value;
      net.setParams(params);
      p.paramsDirty = true;
      syncViews(p);
      p.ui.readout.narrate(`${text}: loss = ${fmt(net.loss, 3)}`, true);
      p.invalidate();
    },
    setLogScale(on) { p.settings.log = on; p.ui.loss.setLogScale(on); writeHash(p); p.labelsDue = true; p.invalidate(); },
  };
}
