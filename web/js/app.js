/* app.js: builds the panel and owns time. Frame-loop contract: one
   requestAnimationFrame callback does everything (train, then redraw what
   changed); it is only requested while something is left to do (playing, a
   region still refining, a view marked dirty), never while the tab is
   hidden, and each frame's work stays inside a fixed budget whatever the
   speed setting. Everything else (controls, hash, resize) just changes state
   and calls invalidate(). */
(function (E) {
  'use strict';

  const TRAIN_BUDGET_MS = 6;        // training per frame; the rest of the speed is dropped
  const REFINE_BUDGET_MS = 5;       // full-resolution region work per idle frame
  const DRAW_BUDGET_MS = 10;        // past this, views still dirty wait for the next frame
  const MAX_SAMPLES_PER_FRAME = 64; // loss-history samples per frame at high speeds
  const LABEL_INTERVAL_MS = 2000;   // canvases' aria-labels while playing
  const NARRATE_INTERVAL_MS = 1000;
  const STATS = 600;                // frames of timing kept for the stats

  const hs = E.hashstate;
  const fmt = E.theme.formatNumber;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');

  let core = null, net = null;
  let params = null; // the diagram's copy of the parameters, refilled in place each frame
  let settings = Object.assign({}, hs.DEFAULTS);
  let playing = false, diverged = false, carry = 0;
  let raf = 0, paramsDirty = false, labelsDue = true, lastLabels = -Infinity, lastNarration = -Infinity;
  let lastHash = '';
  let ui = null;
  const shown = { epoch: 0, loss: NaN, accuracy: NaN, phase: 'init' };
  const frameWork = new Float64Array(STATS), frameTime = new Float64Array(STATS);
  let frames = 0;

  const app = E.app = {
    invalidate,
    /* The network changed outside the frame loop (for example one phase
       stepped by another control): redraw every view from it. */
    refresh() { paramsDirty = true; invalidate(); },
    get network() { return net; },
  };

  function byId(id) { return document.getElementById(id); }

  function invalidate() {
    if (!raf && !document.hidden) raf = requestAnimationFrame(frame);
  }

  function frame(now) {
    raf = 0;
    const t0 = performance.now();
    if (!net) return;
    if (playing && !diverged && train(t0)) paramsDirty = true;
    if (paramsDirty) {
      paramsDirty = false;
      ui.diagram.setParams(net.getParams(params));
      ui.region.changed();
      readState();
      labelsDue = true;
    }
    ui.readout.update(shown);
    // Views draw only what changed. The first frames after a (re)build are
    // the slow ones (text and wasm warming up); a view that does not fit in
    // this frame's budget stays dirty and draws in the next.
    let more = false;
    ui.diagram.draw();
    if (performance.now() - t0 < DRAW_BUDGET_MS) more = ui.region.draw(playing ? 0 : t0 + REFINE_BUDGET_MS);
    else more = true;
    if (performance.now() - t0 < DRAW_BUDGET_MS) ui.loss.draw();
    else more = true;
    if (playing && now - lastNarration >= NARRATE_INTERVAL_MS) {
      lastNarration = now;
      ui.readout.narrate(`Epoch ${shown.epoch}: loss = ${fmt(shown.loss, 3)}, accuracy ${Math.round(shown.accuracy * 100)}%`);
    }
    if (labelsDue && (!playing || now - lastLabels >= LABEL_INTERVAL_MS)) updateLabels(now);
    frameWork[frames % STATS] = performance.now() - t0;
    frameTime[frames % STATS] = now;
    frames++;
    if (playing || more) invalidate();
  }

  /* Trains this frame's share of epochs; false if none were due. */
  function train(t0) {
    carry += settings.speed;
    const n = Math.floor(carry);
    if (n === 0) return false;
    carry -= n;
    const chunk = Math.ceil(n / MAX_SAMPLES_PER_FRAME);
    for (let done = 0; done < n;) {
      const k = Math.min(chunk, n - done);
      const r = net.step(k);
      done += k;
      if (r.diverged) { onDiverged(r); break; }
      ui.loss.add(r.epoch, r.loss);
      if (performance.now() - t0 > TRAIN_BUDGET_MS) { carry = 0; break; }
    }
    return true;
  }

  function readState() {
    shown.epoch = net.epoch;
    shown.loss = net.loss;
    shown.accuracy = net.accuracy();
    shown.phase = net.phase.phase;
  }

  function updateLabels(now) {
    labelsDue = false;
    lastLabels = now;
    ui.diagramCanvas.setAttribute('aria-label', ui.diagram.describe());
    ui.regionCanvas.setAttribute('aria-label', ui.region.describe());
    ui.lossCanvas.setAttribute('aria-label', ui.loss.describe());
  }

  /* A new network from the settings: same seed, same run. Pauses. */
  function rebuild() {
    setPlaying(false);
    if (net) net.destroy();
    net = core.createNetwork({
      layers: [2, settings.hidden, 4], activation: settings.activation,
      learningRate: settings.lr, seed: settings.seed,
    });
    params = new Float64Array(net.paramCount);
    diverged = false;
    carry = 0;
    ui.alert.hidden = true;
    ui.controls.setDiverged(false);
    byId('diagram-shape').textContent = `(2 → ${settings.hidden} → 4)`;
    ui.diagram.setNetwork(net.layers, settings.activation, net.paramLayout());
    ui.region.setNetwork(net);
    ui.loss.clear();
    ui.loss.setReference(Math.log(net.outputs));
    ui.loss.add(0, net.loss);
    paramsDirty = true;
    readState();
    ui.readout.update(shown);
    ui.readout.narrate(`Initialize weights: loss = ${fmt(shown.loss, 3)}`);
    invalidate();
  }

  function setPlaying(on) {
    if (playing === on) return;
    playing = on;
    ui.controls.setPlaying(on);
    if (on) {
      lastNarration = -Infinity;
      invalidate();
    } else if (net) {
      readState();
      labelsDue = true;
      ui.readout.narrate(`Paused at epoch ${shown.epoch}: loss = ${fmt(shown.loss, 3)}, accuracy ${Math.round(shown.accuracy * 100)}%`);
      invalidate();
    }
  }

  function onDiverged(r) {
    diverged = true;
    const hadFocus = document.activeElement === byId('play') || document.activeElement === byId('step');
    setPlaying(false);
    ui.controls.setDiverged(true);
    readState();
    paramsDirty = true;
    const text = `Training diverged at epoch ${r.epoch}: the loss reached ${fmt(r.loss, 3)} and the weights grew ` +
      `without bound, so training stopped. A learning rate of ${settings.lr} is too large for this network. ` +
      `Reset to watch it again, or reset with a smaller learning rate.`;
    byId('diverged-text').textContent = text;
    ui.alert.hidden = false;
    ui.readout.narrate(`Diverged at epoch ${r.epoch}: loss = ${fmt(r.loss, 3)}`);
    if (hadFocus) ui.controls.focusReset();
  }

  /* The settings -> the hash, without adding a history entry. */
  function writeHash() {
    const h = '#' + hs.serialize(settings);
    lastHash = h;
    if (window.location.hash !== h) window.history.replaceState(null, '', h);
    const full = byId('open-full');
    if (full) full.setAttribute('href', 'index.html' + h);
  }

  /* The hash -> the settings; invalid entries are named in the notice. */
  function readHash() {
    const parsed = hs.parse(window.location.hash);
    settings = parsed.settings;
    lastHash = window.location.hash;
    const notice = byId('hash-notice');
    if (parsed.problems.length) {
      notice.textContent = 'Some settings in this link could not be used, so the defaults apply instead: ' +
        parsed.problems.map((p) => p.message).join('; ') + '.';
      notice.hidden = false;
    } else {
      notice.textContent = '';
      notice.hidden = true;
    }
    ui.controls.show(settings);
    ui.loss.setLogScale(settings.log);
    const full = byId('open-full');
    if (full) full.setAttribute('href', 'index.html' + (window.location.hash || ''));
  }

  const actions = {
    togglePlay() { if (!diverged) setPlaying(!playing); },
    step() {
      if (diverged || !net) return;
      setPlaying(false);
      const before = net.loss, e0 = net.epoch;
      const r = net.step(1);
      if (r.diverged) { onDiverged(r); return; }
      ui.loss.add(r.epoch, r.loss);
      paramsDirty = true;
      readState();
      ui.readout.update(shown);
      ui.readout.narrate(`Epoch ${e0} → ${r.epoch}: one forward pass over all ${net.pointCount} points, softmax and ` +
        `cross-entropy, backpropagation of the error, and one gradient-descent update of every weight: ` +
        `loss ${fmt(before, 3)} → ${fmt(r.loss, 3)}`);
      invalidate();
    },
    reset() { rebuild(); },
    resetWithDefaultRate() {
      settings.lr = hs.DEFAULTS.lr;
      ui.controls.show(settings);
      writeHash();
      rebuild();
    },
    newSeed() {
      const r = new Uint32Array(1);
      do { window.crypto.getRandomValues(r); } while (r[0] % 100000 === settings.seed);
      settings.seed = r[0] % 100000;
      ui.controls.show(settings);
      writeHash();
      rebuild();
    },
    setSpeed(v) { settings.speed = v; carry = 0; writeHash(); },
    setLearningRate(v) {
      settings.lr = v;
      net.learningRate = v;
      writeHash();
      ui.readout.narrate(`Learning rate set to ${v}; training continues from epoch ${net.epoch}`);
    },
    setActivation(v) { settings.activation = v; writeHash(); rebuild(); },
    setHidden(v) { settings.hidden = v; writeHash(); rebuild(); },
    setSeed(v) { settings.seed = v; writeHash(); rebuild(); },
    setLogScale(on) { settings.log = on; ui.loss.setLogScale(on); writeHash(); labelsDue = true; invalidate(); },
    currentSeed() { return settings.seed; },
  };

  function applyTheme() {
    const t = E.theme.readTheme(byId('panel'));
    ui.theme = t;
    ui.diagram.setTheme(t);
    ui.region.setTheme(t);
    ui.loss.setTheme(t);
    invalidate();
  }

  async function start() {
    ui = {
      controls: E.createControls(actions),
      readout: E.createReadout({
        epoch: byId('ro-epoch'), loss: byId('ro-loss'), accuracy: byId('ro-accuracy'),
        phase: byId('ro-phase'), narration: byId('narration'),
      }),
      diagramCanvas: byId('diagram'), regionCanvas: byId('region'), lossCanvas: byId('loss'),
      alert: byId('diverged-alert'),
    };
    ui.diagram = E.createDiagram(ui.diagramCanvas, byId('diagram-tip'), byId('diagram-announce'));
    ui.region = E.createRegion(ui.regionCanvas);
    ui.loss = E.createLossChart(ui.lossCanvas);
    ui.controls.setEnabled(false);
    readHash();
    applyTheme();
    darkScheme.addEventListener('change', applyTheme);
    try {
      core = await window.MlpNetwork.loadCore();
      rebuild();
    } catch (e) {
      const box = byId('load-error');
      box.textContent = `The network could not start: ${e && e.message ? e.message : e}`;
      box.hidden = false;
      ui.readout.narrate('The network could not start.');
      return;
    }
    ui.controls.setEnabled(true);
    window.addEventListener('hashchange', () => {
      if (window.location.hash === lastHash) return;
      readHash();
      rebuild();
    });
    document.addEventListener('visibilitychange', () => {
      // A hidden tab trains nothing: no frames are requested until it is
      // visible again, and playing then continues where it stopped.
      if (document.hidden) {
        if (raf) cancelAnimationFrame(raf);
        raf = 0;
      } else invalidate();
    });
    if (settings.autoplay) {
      if (reducedMotion.matches) ui.readout.narrate(`Initialize weights: loss = ${fmt(shown.loss, 3)}. Autoplay is off because reduced motion is requested: press Play to train.`);
      else setPlaying(true);
    }
    app.ready = true;
  }

  /* For tests and for measuring: plain numbers, computed on request. */
  app.state = () => ({
    epoch: net ? net.epoch : 0, loss: net ? net.loss : NaN, accuracy: net ? net.accuracy() : NaN,
    phase: net ? net.phase.phase : 'init', playing, diverged, settings: Object.assign({}, settings),
    history: { count: ui.loss.history.count, width: ui.loss.history.width },
    refined: ui.region.refined,
  });
  app.stats = () => {
    const n = Math.min(frames, STATS);
    const work = Array.from(frameWork.slice(0, n)).sort((a, b) => a - b);
    const times = Array.from(frameTime.slice(0, n)).sort((a, b) => a - b);
    const span = n > 1 ? times[n - 1] - times[0] : 0;
    return {
      frames: n,
      fps: span > 0 ? (n - 1) / (span / 1000) : 0,
      meanWork: n ? work.reduce((a, b) => a + b, 0) / n : 0,
      p95Work: n ? work[Math.min(n - 1, Math.floor(n * 0.95))] : 0,
      maxWork: n ? work[n - 1] : 0,
    };
  };
  app.resetStats = () => { frames = 0; };
  /* Trains n epochs at once, recording each chunk's loss as the frame loop
     does (tests: the chart at 100,000 epochs). */
  app.advance = (n) => {
    const chunk = Math.max(1, Math.ceil(n / 2000));
    for (let done = 0; done < n;) {
      const k = Math.min(chunk, n - done);
      const r = net.step(k);
      done += k;
      if (r.diverged) { onDiverged(r); break; }
      ui.loss.add(r.epoch, r.loss);
    }
    paramsDirty = true;
    if (!diverged) {
      readState();
      ui.readout.narrate(`Epoch ${shown.epoch}: loss = ${fmt(shown.loss, 3)}, accuracy ${Math.round(shown.accuracy * 100)}%`);
    }
    invalidate();
  };
  /* Mean milliseconds to redraw the loss chart, as a frame would, over n redraws. */
  app.timeLossDraw = (n = 1) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      ui.loss.invalidate();
      ui.loss.draw();
    }
    return (performance.now() - t) / n;
  };
  app.regionToDevice = (x, y) => ui.region.toDevice(x, y);
  Object.defineProperty(app, 'views', { get: () => ({ diagram: ui.diagram, region: ui.region, loss: ui.loss }) });
  app.tints = () => ui.theme.tints.map((c) => c.slice());
  app.background = () => ui.theme.bg.slice();

  start();
})(window.Explainer = window.Explainer || {});
