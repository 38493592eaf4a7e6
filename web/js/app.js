/* app.js: builds the panel and owns time. Frame-loop contract: one
   requestAnimationFrame callback does everything (train, then redraw what
   changed); it is only requested while something is left to do (playing, a
   region still refining, a view marked dirty), never while the tab is
   hidden, and each frame's work stays inside a fixed budget whatever the
   speed setting: it trains in a few chunks, each sized from the time the
   last ones took, until the epochs due are done or the training budget is
   spent (the rest are dropped, and the speed control says what rate was
   reached). Everything else (controls, hash, resize) just changes state
   and calls invalidate(). Other parts of the page that animate (the
   explainer's demos) register with app.addFrameClient and are ticked by the
   same callback, after the panel, when it left them room: while the panel
   plays and a client runs, they take alternate frames (the panel trains the
   skipped frame's epochs on its next one), so a frame holds one or the other.

   Step phase walks one training iteration phase by phase (network.js
   stepPhase): the readout names the phase, the narration quotes the followed
   point's numbers (phase-narration.js), and the diagram shows that phase's
   quantity as an overlay (phase-view.js). Play, Step and Reset leave this
   phase mode. */
(function (E) {
  'use strict';

  const TRAIN_BUDGET_MS = 6;        // training per frame; the rest of the speed is dropped
  const CHUNK_SHARE = 0.6;          // a chunk aims at this share of the budget left
  const LOSS_BUFFER = 4096;         // epochs per chunk at most: one loss each for the chart
  const CLIENT_START_MS = 6;        // frame clients tick only if the panel took less
  const REFINE_BUDGET_MS = 5;       // full-resolution region work per idle frame
  const SHARED_REFINE_BUDGET_MS = 2; // ... while a frame client runs too
  const DRAW_BUDGET_MS = 10;        // past this, views still dirty wait for the next frame
  const LABEL_INTERVAL_MS = 2000;   // canvases' aria-labels while playing
  const NARRATE_INTERVAL_MS = 1000;
  const REACHED_INTERVAL_MS = 500;  // the speed control's "≈N reached", at most twice a second
  const REACHED_SHOWN = 0.97;       // ... when the rate reached is below this share of the speed
  const STATS = 600;                // frames of timing kept for the stats

  const hs = E.hashstate;
  const fmt = self.MlpNumbers.formatNumber;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');

  let core = null, net = null;
  let params = null; // the diagram's copy of the parameters, refilled in place each frame
  let settings = Object.assign({}, hs.DEFAULTS);
  let playing = false, diverged = false, carry = 0;
  let raf = 0, paramsDirty = false, labelsDue = true, lastLabels = -Infinity, lastNarration = -Infinity;
  let lastHash = '';
  let ui = null;
  let labels = null, points = null; // the training data's classes and coordinates, per network
  let selected = 0;                 // the followed training point
  let phaseMode = false;            // after Step phase, until Play, Step or a new network
  const phaseListeners = [];
  const frameClients = [];
  let clientsActive = false, clientTurn = false;
  const shown = { epoch: 0, loss: NaN, accuracy: NaN, phase: 'init', point: '#0' };
  const frameWork = new Float64Array(STATS), frameTime = new Float64Array(STATS);
  let frames = 0;
  // What the training did, for stats(): frames played, frames that trained,
  // epochs, frames the budget cut short, the fewest and most epochs a
  // frame trained, frames a client took, animation frames requested.
  const counts = { played: 0, trained: 0, epochs: 0, budgetCuts: 0, minEpochs: Infinity, maxEpochs: 0, shared: 0, requests: 0 };
  const losses = new Float64Array(LOSS_BUFFER); // each epoch's loss, from net.step
  let trainBudget = TRAIN_BUDGET_MS;
  let msPerEpoch = 0.05;            // measured; sizes the next chunk
  const rate = { start: -Infinity, frames: 0, epochs: 0, cut: false }; // the speed actually reached

  const app = E.app = {
    invalidate,
    /* The network changed outside the frame loop (for example one phase
       stepped by another control): redraw every view from it. */
    refresh() { paramsDirty = true; invalidate(); },
    get network() { return net; },
  };

  function byId(id) { return document.getElementById(id); }

  function invalidate() {
    if (!raf && !document.hidden) {
      raf = requestAnimationFrame(frame);
      counts.requests++;
    }
  }

  function frame(now) {
    raf = 0;
    const t0 = performance.now();
    const shared = clientsActive && playing;
    clientTurn = shared && !clientTurn;
    let more = net ? framePanel(now, t0, !clientTurn) : false;
    // Frame clients after the panel; one skipped for lack of time ticks next frame.
    let active = false;
    for (let i = 0; i < frameClients.length; i++) {
      const c = frameClients[i];
      if ((!shared || clientTurn) && performance.now() - t0 < CLIENT_START_MS) c.tick(now);
      else more = true;
      if (c.wantsFrame()) active = true;
    }
    clientsActive = active;
    frameWork[frames % STATS] = performance.now() - t0;
    frameTime[frames % STATS] = now;
    frames++;
    if (playing || more || active) invalidate();
  }

  /* The panel's share of a frame (training only if `trainNow`, else the
     epochs due wait for the next frame); true if it has more to draw. */
  function framePanel(now, t0, trainNow) {
    if (playing && !diverged) {
      carry += settings.speed;
      counts.played++;
      if (!trainNow) counts.shared++;
      const trained = trainNow ? train(t0) : 0;
      if (trained > 0) paramsDirty = true;
      if (!diverged) trackRate(now, trained);
    }
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
    if (performance.now() - t0 < DRAW_BUDGET_MS) more = ui.region.draw(playing ? 0 : t0 + (clientsActive ? SHARED_REFINE_BUDGET_MS : REFINE_BUDGET_MS));
    else more = true;
    if (performance.now() - t0 < DRAW_BUDGET_MS) ui.loss.draw();
    else more = true;
    if (playing && now - lastNarration >= NARRATE_INTERVAL_MS) {
      lastNarration = now;
      ui.readout.narrate(`Epoch ${shown.epoch}: loss = ${fmt(shown.loss, 3)}, accuracy ${Math.round(shown.accuracy * 100)}%`);
    }
    if (labelsDue && (!playing || now - lastLabels >= LABEL_INTERVAL_MS)) updateLabels(now);
    return more;
  }

  /* Trains this frame's share of epochs (the speed, plus those of a frame a
     client took); returns how many ran. Epochs the budget leaves are dropped. */
  function train(t0) {
    const due = Math.floor(carry);
    if (due === 0) return 0;
    carry -= due;
    const done = trainChunks(due, t0 + trainBudget);
    if (done < due && !diverged) {
      carry = 0;
      counts.budgetCuts++;
      rate.cut = true;
    }
    if (done > 0) {
      counts.trained++;
      counts.epochs += done;
      if (done < counts.minEpochs) counts.minEpochs = done;
      if (done > counts.maxEpochs) counts.maxEpochs = done;
    }
    return done;
  }

  /* Trains up to n epochs, adding every epoch's loss to the chart (from the
     epoch's own forward pass: losses[i] is the loss at epoch e0 + i), then
     the loss of the parameters reached. Each chunk aims at CHUNK_SHARE of
     the time left before `deadline` (a performance.now() time) at the
     measured cost per epoch; at least one epoch runs. Stops when the run
     diverges or the deadline passes; returns the epochs run. */
  function trainChunks(n, deadline) {
    let done = 0;
    while (done < n) {
      const now = performance.now(), left = deadline - now;
      if (done > 0 && left <= 0) break;
      const k = Math.max(1, Math.min(n - done, LOSS_BUFFER, Math.floor(left * CHUNK_SHARE / msPerEpoch)));
      const e0 = net.epoch;
      const r = net.step(k, losses);
      const ran = r.epoch - e0, took = performance.now() - now;
      // The clock ticks in 0.1 ms here: estimate only from chunks it can time.
      if (ran > 0 && took >= 0.5) msPerEpoch = 0.5 * msPerEpoch + 0.5 * (took / ran);
      for (let i = 0; i < ran; i++) ui.loss.add(e0 + i, losses[i]);
      done += ran;
      if (r.diverged) { onDiverged(r); break; }
      ui.loss.add(r.epoch, r.loss);
    }
    return done;
  }

  /* The rate reached, shown beside the speed when the budget cut frames short
     enough to matter (below REACHED_SHOWN of the speed): epochs per played
     frame over the last REACHED_INTERVAL_MS or more. */
  function trackRate(now, trained) {
    rate.frames++;
    rate.epochs += trained;
    if (now - rate.start < REACHED_INTERVAL_MS) return;
    if (rate.start > -Infinity) {
      const perFrame = rate.epochs / rate.frames;
      ui.controls.showReached(rate.cut && perFrame < REACHED_SHOWN * settings.speed ? perFrame : null);
    }
    rate.start = now;
    rate.frames = 0;
    rate.epochs = 0;
    rate.cut = false;
  }
  function resetRate() {
    rate.start = -Infinity;
    rate.frames = 0;
    rate.epochs = 0;
    rate.cut = false;
    ui.controls.showReached(null);
  }

  function readState() {
    shown.epoch = net.epoch;
    shown.loss = net.loss;
    shown.accuracy = net.accuracy();
    shown.phase = phaseLabel(net.phase);
    shown.point = labels ? `#${selected}, class ${labels[selected]}` : `#${selected}`;
  }

  /* "forward (layer 1)", "softmax", "backward (layer 1)", ... */
  function phaseLabel(p) {
    return p.phase === 'forward' || p.phase === 'backward' ? `${p.phase} (layer ${p.layer})` : p.phase;
  }

  /* ---- phase by phase ------------------------------------------------------ */

  function showPhase() {
    const v = E.phaseView(net, selected, labels);
    ui.diagram.setOverlay(v.overlay);
    ui.phaseLegend.textContent = v.text;
    ui.phaseLegend.hidden = false;
  }

  function narratePhase() {
    ui.readout.narrate(window.PhaseNarration.narrate(net, net.phase,
      { activation: settings.activation, learningRate: net.learningRate, point: selected }), true);
  }

  /* Back to normal mode: weights on the diagram, no phase legend. */
  function leavePhaseMode() {
    if (!phaseMode) return;
    phaseMode = false;
    ui.diagram.setOverlay(null);
    ui.phaseLegend.hidden = true;
    ui.phaseLegend.textContent = '';
    emitPhase();
  }

  /* Tells listeners (the code panel) which phase to show: the phase last
     stepped in phase mode, 'init' for a new network, else null. */
  function currentPhase() {
    if (!net || playing) return null;
    if (phaseMode) return net.phase;
    return net.epoch === 0 && net.phase.phase === 'init' ? net.phase : null;
  }
  function emitPhase() {
    const p = currentPhase();
    for (const fn of phaseListeners) fn(p);
  }

  function selectPoint(i) {
    if (!net || !labels || !(Number.isInteger(i) && i >= 0 && i < labels.length)) return;
    selected = i;
    ui.region.setSelected(i);
    ui.controls.showPoint(i, labels.length);
    readState();
    ui.readout.update(shown);
    if (phaseMode) {
      showPhase();
      narratePhase();
    } else {
      ui.readout.narrate(`Following point #${i}, class ${labels[i]}, at x₁ = ${fmt(points[2 * i], 2)}, ` +
        `x₂ = ${fmt(points[2 * i + 1], 2)}: Step phase shows its values at each phase.`, true);
    }
    invalidate();
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
    const data = net.getData();
    labels = data.y;
    points = data.x;
    if (selected >= labels.length) selected = 0;
    phaseMode = false;
    ui.diagram.setOverlay(null);
    ui.phaseLegend.hidden = true;
    diverged = false;
    carry = 0;
    resetRate();
    ui.alert.hidden = true;
    ui.controls.setDiverged(false);
    byId('diagram-shape').textContent = `(2 → ${settings.hidden} → 4)`;
    ui.diagram.setNetwork(net.layers, settings.activation, net.paramLayout());
    ui.region.setNetwork(net);
    ui.region.setSelected(selected);
    ui.controls.showPoint(selected, labels.length);
    ui.loss.clear();
    ui.loss.setReference(Math.log(net.outputs));
    ui.loss.add(0, net.loss);
    paramsDirty = true;
    readState();
    ui.readout.update(shown);
    // At once: the readout already shows the new network.
    ui.readout.narrate(`Initialize weights: loss = ${fmt(shown.loss, 3)}`, true);
    emitPhase();
    invalidate();
  }

  function setPlaying(on) {
    if (playing === on) return;
    playing = on;
    ui.controls.setPlaying(on);
    emitPhase();
    resetRate();
    if (on) {
      leavePhaseMode();
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
    const hadFocus = ['play', 'step', 'step-phase'].some((id) => document.activeElement === byId(id));
    setPlaying(false);
    leavePhaseMode();
    ui.controls.setDiverged(true);
    readState();
    paramsDirty = true;
    const text = `Training diverged at epoch ${r.epoch}: the loss reached ${fmt(r.loss, 3)} and the weights grew ` +
      `without bound, so training stopped. A learning rate of ${settings.lr} is too large for this network. ` +
      `Reset to watch it again, or reset with a smaller learning rate.`;
    byId('diverged-text').textContent = text;
    ui.alert.hidden = false;
    ui.readout.narrate(`Diverged at epoch ${r.epoch}: loss = ${fmt(r.loss, 3)}`, true);
    if (hadFocus) ui.controls.focusReset();
  }

  /* The settings -> the hash, without adding a history entry. The reader
     chose them, so a notice about the link's settings no longer applies. */
  function writeHash() {
    showNotice([]);
    const h = '#' + hs.serialize(settings);
    lastHash = h;
    if (window.location.hash !== h) window.history.replaceState(null, '', h);
    const full = byId('open-full');
    if (full) full.setAttribute('href', 'index.html' + h);
  }

  /* A hash that names an element of the page (#mathematics, #code, a skip
     link's target) is navigation, not settings. */
  function isAnchor(hash) {
    const id = hash.slice(1);
    if (id === '' || id.includes('=')) return false;
    try { return !!document.getElementById(decodeURIComponent(id)); } catch (e) { return false; }
  }

  /* The hash -> the settings; invalid entries are named in the notice. */
  function readHash() {
    const parsed = hs.parse(isAnchor(window.location.hash) ? '' : window.location.hash);
    settings = parsed.settings;
    lastHash = window.location.hash;
    showNotice(parsed.problems);
    ui.controls.show(settings);
    ui.loss.setLogScale(settings.log);
    const full = byId('open-full');
    if (full) full.setAttribute('href', 'index.html' + (window.location.hash || ''));
  }

  /* Names the link's rejected settings above the panel (as text); none hides it. */
  function showNotice(problems) {
    const notice = byId('hash-notice');
    if (problems.length) {
      notice.textContent = 'Some settings in this link could not be used, so the defaults apply instead: ' +
        problems.map((p) => p.message).join('; ') + '.';
      notice.hidden = false;
    } else if (!notice.hidden) {
      notice.textContent = '';
      notice.hidden = true;
    }
  }

  /* A new hash: a new network, unless only how it is shown changed (speed,
     log scale), which applies to the running network. */
  function onHashChange() {
    if (window.location.hash === lastHash) return;
    if (isAnchor(window.location.hash)) { lastHash = window.location.hash; return; }
    const before = settings;
    readHash();
    if (['activation', 'hidden', 'lr', 'seed'].some((k) => settings[k] !== before[k])) {
      rebuild();
      return;
    }
    carry = 0;
    resetRate();
    labelsDue = true;
    invalidate();
  }

  const actions = {
    togglePlay() { if (!diverged) setPlaying(!playing); },
    step() {
      if (diverged || !net) return;
      setPlaying(false);
      leavePhaseMode();
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
      emitPhase();
      invalidate();
    },
    /* The next phase of the current iteration; after 'update' the epoch
       is complete and the region and loss curve follow, exactly as Step. */
    stepPhase() {
      if (diverged || !net) return;
      setPlaying(false);
      const r = net.stepPhase();
      if (r.diverged) { onDiverged({ epoch: r.epoch, loss: net.loss }); return; }
      phaseMode = true;
      if (r.phase === 'update') {
        ui.loss.add(r.epoch, net.loss);
        paramsDirty = true;
      }
      showPhase();
      readState();
      ui.readout.update(shown);
      narratePhase();
      emitPhase();
      invalidate();
    },
    selectPoint,
    currentPoint() { return selected; },
    reset() { showNotice([]); rebuild(); },
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
    setSpeed(v) { settings.speed = v; carry = 0; resetRate(); writeHash(); },
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
        phase: byId('ro-phase'), point: byId('ro-point'), narration: byId('narration'),
      }),
      diagramCanvas: byId('diagram'), regionCanvas: byId('region'), lossCanvas: byId('loss'),
      alert: byId('diverged-alert'), phaseLegend: byId('diagram-phase'),
    };
    ui.diagram = E.createDiagram(ui.diagramCanvas, byId('diagram-tip'), byId('diagram-announce'));
    ui.region = E.createRegion(ui.regionCanvas);
    ui.loss = E.createLossChart(ui.lossCanvas);
    watchRegionPointer();
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
    window.addEventListener('hashchange', onHashChange);
    document.addEventListener('visibilitychange', () => {
      // A hidden tab trains nothing: no frames are requested until it is
      // visible again, and playing then continues where it stopped.
      if (document.hidden) {
        if (raf) cancelAnimationFrame(raf);
        raf = 0;
      } else invalidate();
    });
    if (settings.autoplay) {
      if (reducedMotion.matches) ui.readout.narrate(`Initialize weights: loss = ${fmt(shown.loss, 3)}. Autoplay is off because reduced motion is requested: press Play to train.`, true);
      else setPlaying(true);
    }
    app.ready = true;
  }

  /* Clicking (or tapping) a training point in the region follows it; the
     cursor shows which points can be clicked. */
  function watchRegionPointer() {
    const canvas = ui.regionCanvas;
    let pointerType = 'mouse', over = false;
    const hit = (e, tolerance) => {
      const r = canvas.getBoundingClientRect();
      return ui.region.pointAt(e.clientX - r.left, e.clientY - r.top, tolerance);
    };
    canvas.addEventListener('pointerdown', (e) => { pointerType = e.pointerType; });
    canvas.addEventListener('pointermove', (e) => {
      const now = e.pointerType === 'mouse' && hit(e, 8) >= 0;
      if (now !== over) { over = now; canvas.classList.toggle('over-point', now); }
    });
    canvas.addEventListener('click', (e) => {
      if (!net) return;
      const i = hit(e, pointerType === 'touch' || pointerType === 'pen' ? 16 : 8);
      if (i >= 0) selectPoint(i);
    });
  }

  /* Registers a part of the page that animates: client.tick(now) is called
     once per frame while client.wantsFrame() says so or anything else runs;
     call app.invalidate() when it needs a frame for another reason (input). */
  app.addFrameClient = (client) => { frameClients.push(client); invalidate(); };

  /* fn(phase) now and whenever the phase to show changes: { phase, layer }
     of the phase last stepped in phase mode, the init phase of a new
     network, or null while training runs normally. */
  app.onPhase = (fn) => { phaseListeners.push(fn); fn(currentPhase()); };

  /* For tests and for measuring: plain numbers, computed on request. */
  app.state = () => ({
    epoch: net ? net.epoch : 0, loss: net ? net.loss : NaN, accuracy: net ? net.accuracy() : NaN,
    phase: net ? net.phase.phase : 'init', playing, diverged, settings: Object.assign({}, settings),
    phaseMode, selected,
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
      // Counted since resetStats(), not capped:
      totalFrames: frames,
      playedFrames: counts.played,      // frames while playing (each adds the speed's epochs)
      trainedFrames: counts.trained,    // frames that trained at least one epoch
      sharedFrames: counts.shared,      // frames left to a frame client (their epochs carry over)
      epochs: counts.epochs,
      budgetCuts: counts.budgetCuts,    // frames whose epochs due did not fit the training budget
      minEpochs: counts.trained ? counts.minEpochs : 0,
      maxEpochs: counts.maxEpochs,
      requests: counts.requests,        // requestAnimationFrame calls
      trainBudget,
    };
  };
  app.resetStats = () => {
    frames = 0;
    Object.assign(counts, { played: 0, trained: 0, epochs: 0, budgetCuts: 0, minEpochs: Infinity, maxEpochs: 0, shared: 0, requests: 0 });
  };
  /* Tests: the training budget per frame in ms (TRAIN_BUDGET_MS by default);
     0 leaves each frame one chunk of one epoch. */
  app.setTrainBudget = (ms) => { trainBudget = ms === undefined ? TRAIN_BUDGET_MS : ms; };
  /* Trains n epochs at once, recording each epoch's loss as the frame loop
     does (tests: the chart at 100,000 epochs). */
  app.advance = (n) => {
    leavePhaseMode();
    trainChunks(n, Infinity);
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
