/* demo-approx.js: the universal approximation claim, shown. One hidden layer
   of N sigmoid units and a linear output (the core's regression mode) is
   fitted by squared error to a 1-D target: sin x, a step, |x|, or one the
   reader draws. The plot shows the target points, the fit, and the N scaled
   sigmoids v_i sigma(w_i x + b_i) that, with the output bias c, add up to it:
       fit(x) = c + sum_i v_i sigma(w_i x + b_i).

   Frame-loop contract: this module never schedules frames. The page's single
   requestAnimationFrame loop calls demo.tick() once per frame; a tick trains
   a few epochs (when playing) and redraws only if something changed.

       const demo = MlpDemoApprox.mount(container, { core });   // core = await MlpNetwork.loadCore()
       ... in the page's frame loop: demo.tick();
       demo.destroy();

   Options: core (else MlpNetwork.loadCore() is awaited; demo.ready resolves
   when the network exists), autoplay (default: true unless the reader prefers
   reduced motion). The controller also has play(), pause(), reset(),
   setUnits(n), setTarget('sine' | 'step' | 'abs' | 'drawn') and
   refreshTheme() (call it after the page switches colour scheme itself).

   Settings (data, learning rate, epochs per tick) live in demo-configs.js,
   shared with tests/node/regression.test.js. Classic script:
   window.MlpDemoApprox; `curves` is also usable from Node. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(root);
  else root.MlpDemoApprox = factory(root);
})(typeof self !== 'undefined' ? self : this, function (root) {
  'use strict';

  const MAX_SAMPLES = 512;   // curve resolution cap, in samples across the plot
  const LABEL_EVERY = 60;    // ticks between updates of the canvas's accessible label
  let instances = 0;

  function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }

  /* The fit and its parts at `count` points xs, from the parameters of a
     [1, N, 1] network (layout of mlp.h: W1 (1 x N), b1 (N), W2 (N x 1), b2).
     fit[s] = c + sum_i v_i sigma(w_i xs[s] + b_i); if `parts` is given,
     parts[i * stride + s] = v_i sigma(w_i xs[s] + b_i). Returns c. */
  function curves(params, units, xs, count, fit, parts, stride) {
    const c = params[3 * units];
    for (let s = 0; s < count; s++) fit[s] = c;
    for (let i = 0; i < units; i++) {
      const w = params[i], b = params[units + i], v = params[2 * units + i];
      for (let s = 0; s < count; s++) {
        const y = v * sigmoid(w * xs[s] + b);
        fit[s] += y;
        if (parts) parts[i * stride + s] = y;
      }
    }
    return c;
  }

  function mount(container, options) {
    const o = options || {};
    const configs = o.configs || root.MlpDemoConfigs;
    const plot = o.plot || root.MlpDemoPlot;
    const { formatNumber } = root.MlpNumbers;
    if (!configs || !plot) throw new Error('demo-approx.js needs demo-configs.js and demo-plot.js loaded first');
    const { el, autoplay } = plot;
    const cfg = configs.approx;
    const P = cfg.points;
    const id = `ex-approx-${++instances}`;

    /* ---- DOM ---------------------------------------------------------------- */
    const rootEl = el('div', { class: 'ex-demo ex-approx' });
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

    const canvas = el('canvas', {
      class: 'ex-plot ex-approx-plot', role: 'img', tabindex: '0',
      'aria-describedby': `${id}-hint`, 'aria-label': 'Universal approximation plot (loading)',
    });
    const readout = el('p', { class: 'ex-readout' }, 'Loading the network…');
    const legend = el('ul', { class: 'ex-legend', 'aria-label': 'Legend' });
    const legendItems = [
      ['ex-key-target', 'target (the 64 training points)'],
      ['ex-key-fit', 'the network’s fit'],
      ['ex-key-parts', 'the N scaled sigmoids vᵢ σ(wᵢx + bᵢ), blue if vᵢ > 0, orange if vᵢ < 0'],
      ['ex-key-bias', 'output bias c: fit = c + the sum of the sigmoids'],
    ];
    for (const [cls, text] of legendItems) {
      const li = el('li');
      li.append(el('span', { class: `ex-key ${cls}`, 'aria-hidden': 'true' }), document.createTextNode(text));
      legend.append(li);
    }
    const hint = el('p', { class: 'ex-hint', id: `${id}-hint` },
      'Draw your own target by dragging across the plot, or focus the plot and use ← → to move ' +
      'along x and ↑ ↓ to raise or lower the target there (Shift moves faster).');
    rootEl.append(controls, canvas, readout, legend, hint);
    container.append(rootEl);

    /* ---- state -------------------------------------------------------------- */
    let core = null, net = null, destroyed = false;
    let params = null; // the net's parameters, refilled in place each redraw
    let units = cfg.unitsInitial, target = cfg.targets[0];
    let running = autoplay(o), epochLimit = cfg.maxEpochs;
    let dirty = true, dataDirty = false, ticks = 0, lastLabelTick = -LABEL_EVERY;
    let cursor = Math.floor(P / 2), focused = false;
    let colors = plot.readColors(rootEl);
    const drawn = new Float64Array(P);
    const values = new Float64Array(P);      // the current target at the P points
    const px = new Float64Array(P);
    for (let i = 0; i < P; i++) px[i] = configs.approxX(i);
    const xs = new Float64Array(MAX_SAMPLES);
    const fit = new Float64Array(MAX_SAMPLES);
    const exact = new Float64Array(MAX_SAMPLES);  // a built-in target at the samples
    const parts = new Float64Array(cfg.unitsMax * MAX_SAMPLES);
    let samples = 0;

    function resetDrawing() {
      for (let i = 0; i < P; i++) drawn[i] = configs.approxDefaultDrawing(px[i]);
    }
    resetDrawing();

    function fillValues() {
      for (let i = 0; i < P; i++) values[i] = target === 'drawn' ? drawn[i] : configs.approxTarget(target, px[i]);
    }
    fillValues();

    function createNet() {
      if (net) net.destroy();
      net = core.createNetwork(configs.approxOptions(units));
      params = new Float64Array(net.paramCount);
      net.setData(configs.approxData(target, drawn));
      dataDirty = false;
      epochLimit = cfg.maxEpochs;
      dirty = true;
    }

    const fitted = plot.fitCanvas(canvas, () => { dirty = true; });
    const size = fitted.size;
    const unwatch = plot.watchScheme(() => refreshTheme());

    function refreshTheme() {
      colors = plot.readColors(rootEl);
      dirty = true;
    }

    /* ---- geometry ----------------------------------------------------------- */
    const M = { left: 40, right: 12, top: 10, bottom: 26 };
    function xToPx(x) { return M.left + (x - cfg.xMin) / (cfg.xMax - cfg.xMin) * (size.width - M.left - M.right); }
    function yToPx(y) { return M.top + (cfg.yMax - y) / (cfg.yMax - cfg.yMin) * (size.height - M.top - M.bottom); }
    function pxToX(p) { return cfg.xMin + (p - M.left) / (size.width - M.left - M.right) * (cfg.xMax - cfg.xMin); }
    function pxToY(p) { return cfg.yMax - (p - M.top) / (size.height - M.top - M.bottom) * (cfg.yMax - cfg.yMin); }
    function indexOfX(x) {
      const i = Math.floor((x - cfg.xMin) / (cfg.xMax - cfg.xMin) * P);
      return i < 0 ? 0 : i >= P ? P - 1 : i;
    }

    /* ---- drawing the target ------------------------------------------------- */
    function clampDraw(y) { return y < cfg.drawMin ? cfg.drawMin : y > cfg.drawMax ? cfg.drawMax : y; }

    /* Drawing on a built-in target starts from its values. */
    function beginDrawing() {
      if (target === 'drawn') return;
      for (let i = 0; i < P; i++) drawn[i] = values[i];
      setTarget('drawn');
    }

    function setDrawn(i, y) {
      drawn[i] = clampDraw(y);
      values[i] = drawn[i];
      dataDirty = true;
      dirty = true;
    }

    let stroke = null; // { index, y } of the last pointer position while drawing
    function onPointerDown(e) {
      if (e.button !== 0 || (e.pointerType === 'touch' && target !== 'drawn')) return;
      beginDrawing();
      canvas.setPointerCapture(e.pointerId);
      stroke = null;
      onPointerMove(e);
      e.preventDefault();
    }
    function onPointerMove(e) {
      if (!canvas.hasPointerCapture(e.pointerId)) return;
      const r = canvas.getBoundingClientRect();
      const i = indexOfX(pxToX(e.clientX - r.left)), y = pxToY(e.clientY - r.top);
      if (stroke) { // fill the points between the last position and this one
        const step = i > stroke.index ? 1 : -1;
        for (let k = stroke.index; k !== i; k += step) {
          setDrawn(k, stroke.y + (y - stroke.y) * (k - stroke.index) / (i - stroke.index));
        }
      }
      setDrawn(i, y);
      stroke = { index: i, y };
      cursor = i;
    }
    function onPointerUp(e) {
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
      stroke = null;
    }
    function onKeyDown(e) {
      const fast = e.shiftKey ? 8 : 1;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        cursor = Math.max(0, Math.min(P - 1, cursor + (e.key === 'ArrowLeft' ? -fast : fast)));
        dirty = true;
      } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        beginDrawing();
        const dy = (e.key === 'ArrowUp' ? 0.1 : -0.1) * (e.shiftKey ? 3 : 1);
        for (let k = Math.max(0, cursor - 6); k <= Math.min(P - 1, cursor + 6); k++) {
          const d = (k - cursor) / 2.5; // a smooth bump, not a spike
          setDrawn(k, drawn[k] + dy * Math.exp(-d * d));
        }
      } else {
        return;
      }
      e.preventDefault();
    }
    function onFocus() { focused = true; dirty = true; }
    function onBlur() { focused = false; dirty = true; }

    /* ---- controls ----------------------------------------------------------- */
    function setTarget(name) {
      if (!cfg.targets.includes(name)) throw new Error(`target must be one of ${cfg.targets.join(', ')}, got ${JSON.stringify(name)}`);
      target = name;
      targetSelect.value = name;
      clearButton.hidden = name !== 'drawn';
      rootEl.classList.toggle('is-drawn', name === 'drawn');
      fillValues();
      dataDirty = true;
      dirty = true;
      lastLabelTick = -LABEL_EVERY;
    }

    function setUnits(n) {
      units = Math.max(cfg.unitsMin, Math.min(cfg.unitsMax, Math.round(n)));
      unitsInput.value = String(units);
      unitsOut.textContent = String(units);
      if (core) createNet();
      lastLabelTick = -LABEL_EVERY;
    }

    function play() {
      if (net && net.epoch >= epochLimit) epochLimit = net.epoch + cfg.maxEpochs;
      running = true;
      syncPlayButton();
    }
    function pause() { running = false; syncPlayButton(); lastLabelTick = -LABEL_EVERY; dirty = true; }
    function syncPlayButton() {
      playButton.textContent = running ? 'Pause' : 'Play';
      playButton.setAttribute('aria-label', running ? 'Pause training' : 'Play: train the network');
    }
    function reset() { if (core) createNet(); lastLabelTick = -LABEL_EVERY; }

    const onTarget = () => setTarget(targetSelect.value);
    const onUnits = () => setUnits(Number(unitsInput.value));
    const onPlay = () => (running ? pause() : play());
    const onClear = () => { resetDrawing(); fillValues(); dataDirty = true; dirty = true; };
    targetSelect.addEventListener('change', onTarget);
    unitsInput.addEventListener('input', onUnits);
    playButton.addEventListener('click', onPlay);
    resetButton.addEventListener('click', reset);
    clearButton.addEventListener('click', onClear);
    canvas.addEventListener('pointerdown', onPointerDown);
    canvas.addEventListener('pointermove', onPointerMove);
    canvas.addEventListener('pointerup', onPointerUp);
    canvas.addEventListener('pointercancel', onPointerUp);
    canvas.addEventListener('keydown', onKeyDown);
    canvas.addEventListener('focus', onFocus);
    canvas.addEventListener('blur', onBlur);
    syncPlayButton();

    /* ---- drawing ------------------------------------------------------------ */
    function drawAxes(ctx) {
      const c = colors;
      ctx.font = c.font;
      ctx.lineWidth = 1;
      ctx.strokeStyle = c.grid;
      ctx.fillStyle = c.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      const xt = [[-Math.PI, '−π'], [-Math.PI / 2, '−π/2'], [0, '0'], [Math.PI / 2, 'π/2'], [Math.PI, 'π']];
      for (let k = 0; k < xt.length; k++) {
        const x = Math.round(xToPx(xt[k][0])) + 0.5;
        ctx.beginPath(); ctx.moveTo(x, M.top); ctx.lineTo(x, size.height - M.bottom); ctx.stroke();
        ctx.fillText(xt[k][1], x, size.height - M.bottom + 6);
      }
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (let v = -1; v <= 1; v++) {
        const y = Math.round(yToPx(v)) + 0.5;
        ctx.strokeStyle = v === 0 ? c.axis : c.grid;
        ctx.beginPath(); ctx.moveTo(M.left, y); ctx.lineTo(size.width - M.right, y); ctx.stroke();
        ctx.fillText(v === -1 ? '−1' : String(v), M.left - 6, y);
      }
    }

    function polyline(ctx, ys, offset, count) {
      ctx.beginPath();
      for (let s = 0; s < count; s++) {
        const X = xToPx(xs[s]), Y = yToPx(ys[offset + s]);
        if (s === 0) ctx.moveTo(X, Y); else ctx.lineTo(X, Y);
      }
      ctx.stroke();
    }

    function draw() {
      const ctx = plot.context(canvas, size);
      const c = colors;
      const w = size.width, h = size.height;
      if (w < 60 || h < 60) return;
      ctx.fillStyle = c.bg;
      ctx.fillRect(0, 0, w, h);
      drawAxes(ctx);

      samples = Math.max(64, Math.min(MAX_SAMPLES, Math.round((w - M.left - M.right) / 2)));
      for (let s = 0; s < samples; s++) xs[s] = cfg.xMin + (cfg.xMax - cfg.xMin) * s / (samples - 1);

      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left, M.top, w - M.left - M.right, h - M.top - M.bottom);
      ctx.clip();
      ctx.lineJoin = 'round';

      // The target: its curve (built-in targets), then the training points.
      ctx.strokeStyle = c.target;
      ctx.globalAlpha = 0.45;
      ctx.lineWidth = 2;
      if (target === 'drawn') {
        ctx.beginPath();
        for (let i = 0; i < P; i++) {
          if (i === 0) ctx.moveTo(xToPx(px[i]), yToPx(values[i])); else ctx.lineTo(xToPx(px[i]), yToPx(values[i]));
        }
        ctx.stroke();
      } else {
        for (let s = 0; s < samples; s++) exact[s] = configs.approxTarget(target, xs[s]);
        polyline(ctx, exact, 0, samples);
      }
      ctx.globalAlpha = 1;
      ctx.fillStyle = c.target;
      ctx.beginPath();
      for (let i = 0; i < P; i++) {
        const X = xToPx(px[i]), Y = yToPx(values[i]);
        ctx.moveTo(X + 2.5, Y);
        ctx.arc(X, Y, 2.5, 0, 2 * Math.PI);
      }
      ctx.fill();

      if (net) {
        net.getParams(params);
        const bias = curves(params, units, xs, samples, fit, parts, MAX_SAMPLES);
        // The scaled sigmoids, then the bias, then their sum.
        ctx.lineWidth = 1.25;
        ctx.globalAlpha = units > 12 ? 0.5 : 0.7;
        for (let i = 0; i < units; i++) {
          ctx.strokeStyle = params[2 * units + i] >= 0 ? c.pos : c.neg;
          polyline(ctx, parts, i * MAX_SAMPLES, samples);
        }
        ctx.globalAlpha = 1;
        ctx.strokeStyle = c.muted;
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        ctx.moveTo(M.left, yToPx(bias));
        ctx.lineTo(w - M.right, yToPx(bias));
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.strokeStyle = c.line;
        ctx.lineWidth = 2.5;
        polyline(ctx, fit, 0, samples);
      }

      if (focused) { // the keyboard cursor
        const X = xToPx(px[cursor]), Y = yToPx(values[cursor]);
        ctx.strokeStyle = c.cursor;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([3, 3]);
        ctx.beginPath(); ctx.moveTo(X, M.top); ctx.lineTo(X, h - M.bottom); ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath(); ctx.arc(X, Y, 6, 0, 2 * Math.PI); ctx.stroke();
      }
      ctx.restore();
    }

    function updateText() {
      if (!net) return;
      const epoch = net.epoch;
      const state = running ? '' : epoch >= epochLimit ? ' · paused at the epoch limit' : ' · paused';
      readout.textContent = `Epoch ${epoch} · mean squared error ${formatNumber(net.loss, 4)} · ` +
        `N = ${units} sigmoid unit${units === 1 ? '' : 's'}${state}`;
      if (ticks - lastLabelTick >= LABEL_EVERY) {
        lastLabelTick = ticks;
        canvas.setAttribute('aria-label', `Target ${cfg.targetLabels[target]} at ${P} points on −π to π, and the fit ` +
          `of a network with ${units} sigmoid unit${units === 1 ? '' : 's'} and a linear output: mean squared error ` +
          `${formatNumber(net.loss, 4)} after ${epoch} epochs. The plot also shows the ${units} scaled sigmoids ` +
          'that add up to the fit.');
      }
    }

    /* ---- the frame contract ------------------------------------------------- */
    function tick() {
      if (destroyed || !net) return;
      ticks++;
      if (dataDirty) {
        net.setData(configs.approxData(target, drawn)); // keeps the parameters: the fit adapts
        dataDirty = false;
        dirty = true;
      }
      if (running) {
        const n = Math.min(cfg.epochsPerTick, epochLimit - net.epoch);
        if (n > 0) {
          const r = net.step(n);
          if (r.diverged) running = false;
          dirty = true;
        }
        if (net.epoch >= epochLimit || !running) { running = false; syncPlayButton(); }
      }
      if (dirty) {
        dirty = false;
        draw();
        updateText();
      }
    }

    function destroy() {
      if (destroyed) return;
      destroyed = true;
      fitted.disconnect();
      unwatch();
      targetSelect.removeEventListener('change', onTarget);
      unitsInput.removeEventListener('input', onUnits);
      playButton.removeEventListener('click', onPlay);
      resetButton.removeEventListener('click', reset);
      clearButton.removeEventListener('click', onClear);
      if (net) net.destroy();
      net = null;
      rootEl.remove();
    }

    const ready = (o.core ? Promise.resolve(o.core) : root.MlpNetwork.loadCore()).then((c) => {
      if (destroyed) return;
      core = c;
      createNet();
      updateText();
    }, (err) => {
      readout.textContent = `The network could not start: ${err.message}`;
      readout.classList.add('ex-error');
      throw err;
    });

    return {
      ready, tick, play, pause, reset, setUnits, setTarget, refreshTheme, destroy,
      get running() { return running; },
      get units() { return units; },
      get target() { return target; },
      get network() { return net; },
      get element() { return rootEl; },
    };
  }

  return { mount, curves };
});
