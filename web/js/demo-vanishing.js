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

       const demo = MlpDemoVanishing.mount(container, { core });  // core = await MlpNetwork.loadCore()
       ... in the page's frame loop: demo.tick();
       demo.destroy();

   Options and controller as in demo-approx.js: core, autoplay; play(),
   pause(), reset(), refreshTheme(), and history(r) for the recorded norms.

   Settings live in demo-configs.js, shared with tests/node/vanishing.test.js.
   Classic script: window.MlpDemoVanishing. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(root);
  else root.MlpDemoVanishing = factory(root);
})(typeof self !== 'undefined' ? self : this, function (root) {
  'use strict';

  const LABEL_EVERY = 60; // ticks between updates of the canvases' accessible labels
  let instances = 0;

  function mount(container, options) {
    const o = options || {};
    const configs = o.configs || root.MlpDemoConfigs;
    const plot = o.plot || root.MlpDemoPlot;
    const { formatNumber, powerOfTen, subscript: sub } = root.MlpNumbers;
    if (!configs || !plot) throw new Error('demo-vanishing.js needs demo-configs.js and demo-plot.js loaded first');
    const { el, autoplay } = plot;
    const cfg = configs.vanishing;
    const L = cfg.layers.length - 1; // weight layers
    const id = `ex-vanishing-${++instances}`;

    // One sample per tick: count the ticks of a whole run once.
    let maxSamples = 1;
    for (let e = 0; e < cfg.maxEpochs; e += configs.vanishingEpochsPerTick(e)) maxSamples++;

    /* ---- DOM ---------------------------------------------------------------- */
    const rootEl = el('div', { class: 'ex-demo ex-vanishing' });
    const controls = el('div', { class: 'ex-demo-controls' });
    const buttons = el('div', { class: 'ex-buttons' });
    const playButton = el('button', { type: 'button', class: 'ex-play' }, 'Pause');
    const resetButton = el('button', { type: 'button' }, 'Reset');
    buttons.append(playButton, resetButton);
    const status = el('p', { class: 'ex-readout ex-vanishing-status' }, 'Loading the networks…');
    controls.append(buttons, status);
    const panels = el('div', { class: 'ex-vanishing-panels' });
    const hidden = cfg.layers.slice(1, -1);
    const arch = cfg.layers.join(' → ');

    const runs = cfg.runs.map((run, r) => {
      const fig = el('figure', { class: `ex-vanishing-panel ex-run-${run.id}` });
      const cap = el('figcaption', {});
      cap.append(el('strong', {}, run.label), document.createTextNode(` · learning rate ${run.learningRate}`));
      const canvas = el('canvas', {
        class: 'ex-plot ex-vanishing-plot', role: 'img', id: `${id}-plot-${r}`,
        'aria-label': `${run.label}: gradient norms (loading)`,
      });
      const readout = el('p', { class: 'ex-readout' }, ' ');
      fig.append(cap, canvas, readout);
      panels.append(fig);
      return {
        run, canvas, readout, net: null, layout: null, fitted: null,
        epochs: new Float64Array(maxSamples), norms: new Float64Array(maxSamples * L),
        losses: new Float64Array(maxSamples),
        tmp: new Float64Array(L), count: 0, firstRatio: NaN, diverged: false,
      };
    });

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
    const note = el('p', { class: 'ex-hint' },
      `Both networks are ${arch} (${hidden.length} hidden layers of ${hidden[0]}) on the ${cfg.points} quadrant ` +
      'points, full batch; both axes are logarithmic. With sigmoids each layer down gets a fraction of the ' +
      'gradient of the layer above, so the input side barely learns; once the output layer has learned the ' +
      'class frequencies, every gradient sits at the level of the first layer’s and the loss stays at ln 4 ' +
      'until the lower layers finally pick up a signal. With ReLU all layers get gradients of one size, and ' +
      'the loss falls at once.');
    rootEl.append(controls, panels, legend, note);
    container.append(rootEl);

    /* ---- state -------------------------------------------------------------- */
    let core = null, destroyed = false, running = autoplay(o);
    let dirty = true, ticks = 0, lastLabelTick = -LABEL_EVERY;
    let colors = plot.readColors(rootEl);
    for (const s of runs) s.fitted = plot.fitCanvas(s.canvas, () => { dirty = true; });
    const unwatch = plot.watchScheme(() => refreshTheme());
    function refreshTheme() { colors = plot.readColors(rootEl); dirty = true; }

    function epoch() { return runs[0].net ? runs[0].net.epoch : 0; }

    function createNets() {
      for (const s of runs) {
        if (s.net) s.net.destroy();
        s.net = core.createNetwork(configs.vanishingOptions(s.run));
        s.layout = s.net.paramLayout();
        s.grads = new Float64Array(s.net.paramCount); // filled in place every sample
        s.count = 0;
        s.firstRatio = NaN;
        s.diverged = false;
      }
      dirty = true;
      lastLabelTick = -LABEL_EVERY;
    }

    function record(s) {
      configs.layerGradNorms(s.net.getGrads(s.grads), s.layout, s.tmp);
      if (s.count >= maxSamples) return;
      s.epochs[s.count] = s.net.epoch;
      s.losses[s.count] = s.net.loss;
      for (let l = 0; l < L; l++) s.norms[s.count * L + l] = s.tmp[l];
      if (s.count === 0) s.firstRatio = s.tmp[0] / s.tmp[L - 1];
      s.count++;
    }

    /* ---- controls ----------------------------------------------------------- */
    function syncPlayButton() {
      const done = epoch() >= cfg.maxEpochs;
      playButton.textContent = running ? 'Pause' : done ? 'Replay' : 'Play';
      playButton.setAttribute('aria-label', running ? 'Pause training' : done ? 'Replay from the start' : 'Play: train both networks');
    }
    function play() {
      if (core && epoch() >= cfg.maxEpochs) createNets();
      running = true;
      syncPlayButton();
      dirty = true;
    }
    function pause() { running = false; syncPlayButton(); dirty = true; lastLabelTick = -LABEL_EVERY; }
    function reset() { if (core) createNets(); syncPlayButton(); }
    const onPlay = () => (running ? pause() : play());
    playButton.addEventListener('click', onPlay);
    resetButton.addEventListener('click', reset);
    syncPlayButton();

    /* ---- drawing ------------------------------------------------------------ */
    const M = { left: 46, right: 12, top: 10, bottom: 30 };
    const lx0 = 0, lx1 = Math.log10(cfg.maxEpochs);
    const ly0 = Math.log10(cfg.normMin), ly1 = Math.log10(cfg.normMax);

    function draw(s) {
      const size = s.fitted.size;
      const ctx = plot.context(s.canvas, size);
      const c = colors;
      const w = size.width, h = size.height;
      if (w < 80 || h < 60) return;
      const pw = w - M.left - M.right, ph = h - M.top - M.bottom;
      const X = (e) => M.left + (Math.log10(e) - lx0) / (lx1 - lx0) * pw;
      const Y = (v) => M.top + (ly1 - Math.log10(v < cfg.normMin ? cfg.normMin : v)) / (ly1 - ly0) * ph;
      ctx.fillStyle = c.bg;
      ctx.fillRect(0, 0, w, h);
      ctx.font = c.font;
      ctx.lineWidth = 1;
      // Decades: a grid line each, a label every other one on y.
      ctx.fillStyle = c.muted;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (let k = Math.ceil(ly0); k <= Math.floor(ly1); k++) {
        const y = Math.round(Y(10 ** k)) + 0.5;
        ctx.strokeStyle = c.grid;
        ctx.beginPath(); ctx.moveTo(M.left, y); ctx.lineTo(w - M.right, y); ctx.stroke();
        if ((k - Math.ceil(ly0)) % 2 === 0 || k === 0) ctx.fillText(powerOfTen(k), M.left - 6, y);
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (let k = 0; k <= Math.floor(lx1); k++) {
        const x = Math.round(X(10 ** k)) + 0.5;
        ctx.strokeStyle = c.grid;
        ctx.beginPath(); ctx.moveTo(x, M.top); ctx.lineTo(x, h - M.bottom); ctx.stroke();
        ctx.fillText(String(10 ** k), x, h - M.bottom + 5);
      }
      ctx.textAlign = 'right';
      ctx.fillText('epoch', w - M.right, h - M.bottom + 17);
      ctx.strokeStyle = c.axis;
      ctx.strokeRect(M.left + 0.5, M.top + 0.5, pw - 1, ph - 1);

      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left, M.top, pw, ph);
      ctx.clip();
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      for (let l = 0; l < L; l++) {
        ctx.strokeStyle = c.layers[l];
        ctx.beginPath();
        for (let k = 0; k < s.count; k++) {
          const px = X(s.epochs[k]), py = Y(s.norms[k * L + l]);
          if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        }
        if (s.count === 1) ctx.arc(X(s.epochs[0]), Y(s.norms[l]), 1.5, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.strokeStyle = c.muted;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      for (let k = 0; k < s.count; k++) {
        const px = X(s.epochs[k]), py = Y(s.losses[k]);
        if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.restore();
    }

    function updateText() {
      const e = epoch();
      status.textContent = e >= cfg.maxEpochs ? `Finished ${e} epochs.` :
        `Epoch ${e} of ${cfg.maxEpochs}${running ? '' : ' · paused'}`;
      const label = ticks - lastLabelTick >= LABEL_EVERY;
      if (label) lastLabelTick = ticks;
      for (const s of runs) {
        if (!s.net) continue;
        if (s.count === 0) {
          s.readout.textContent = `loss ${formatNumber(s.net.loss, 4)} (ln 4 = 1.386 before training)`;
          continue;
        }
        const now = s.tmp[0] / s.tmp[L - 1];
        s.readout.textContent = `loss ${formatNumber(s.net.loss, 4)} · ‖∇W₁‖ / ‖∇W${sub(L)}‖ = ` +
          `${formatNumber(now, 2)} (epoch 1: ${formatNumber(s.firstRatio, 2)})${s.diverged ? ' · diverged' : ''}`;
        if (label) {
          s.canvas.setAttribute('aria-label', `${s.run.label}: gradient norm of each of the ${L} weight layers ` +
            `over ${e} epochs, log scales. The first layer's gradient was ${formatNumber(s.firstRatio, 2)} ` +
            `times the last layer's at epoch 1 and is ${formatNumber(now, 2)} times it now; ` +
            `loss ${formatNumber(s.net.loss, 4)}.`);
        }
      }
    }

    /* ---- the frame contract ------------------------------------------------- */
    function tick() {
      if (destroyed || !core) return;
      ticks++;
      if (running) {
        const e = epoch();
        if (e < cfg.maxEpochs) {
          const n = configs.vanishingEpochsPerTick(e);
          for (const s of runs) {
            if (s.diverged) continue;
            const r = s.net.step(n);
            if (r.diverged) s.diverged = true;
            record(s);
          }
          dirty = true;
        }
        if (epoch() >= cfg.maxEpochs || runs.every((s) => s.diverged)) {
          running = false;
          syncPlayButton();
        }
      }
      if (dirty) {
        dirty = false;
        for (const s of runs) draw(s);
        updateText();
      }
    }

    function destroy() {
      if (destroyed) return;
      destroyed = true;
      unwatch();
      playButton.removeEventListener('click', onPlay);
      resetButton.removeEventListener('click', reset);
      for (const s of runs) {
        s.fitted.disconnect();
        if (s.net) s.net.destroy();
        s.net = null;
      }
      rootEl.remove();
    }

    const ready = (o.core ? Promise.resolve(o.core) : root.MlpNetwork.loadCore()).then((c) => {
      if (destroyed) return;
      core = c;
      createNets();
      updateText();
    }, (err) => {
      status.textContent = `The networks could not start: ${err.message}`;
      status.classList.add('ex-error');
      throw err;
    });

    return {
      ready, tick, play, pause, reset, refreshTheme, destroy,
      get running() { return running; },
      get epoch() { return epoch(); },
      /* The recorded norms of run r: { epochs, norms (count x layers), count }. */
      history(r) { const s = runs[r]; return { epochs: s.epochs, norms: s.norms, count: s.count, layers: L }; },
      get element() { return rootEl; },
    };
  }

  return { mount };
});
