/* explainer.test.js: index.html's explainer around the live panel, over
   http. The Mathematics is typeset (KaTeX at build time, its fonts loaded,
   no raw TeX on screen); Step phase walks one training iteration phase by
   phase (the Phase readout, the narration with the followed point's
   numbers, the code step highlighted, the diagram's overlay) and a whole
   cycle equals one Step; clicking a training point follows it; Step phase,
   Step and Play mix; the two demos draw and are ticked by the page's frame
   loop only while on screen; the approximation demo's N, target and drawing
   change its fit; The Code's numpy toggle; section links. A clean console
   and no request to another host throughout. In-page links with settings
   in the hash, file:// and the dark and phone screenshots are in
   explainer-modes.test.js. Screenshots go to test-results/explainer-*.png. */
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');
const { createNetwork } = require('../../index.js');
const ex = require('./explainer-common.js');

const env = h.useBrowserAndServer();
const { state, scrollTo, currentStep, typesetting, assertTypeset } = ex;
const openExplainer = (url, options) => ex.openExplainer(env, url, options);

/* One Step phase click's expectations, in order, for the default 2 -> 4 -> 4
   network: the Phase readout, the narration's start, the code step (0..7). */
const CYCLE = [
  ['forward (layer 1)', /^Forward through hidden layer 1: a1 = σ\(a0·W1 \+ b1\) = \[[^\]]+\] for point #0$/, 1],
  ['logits', /^Output scores: z = a1·W2 \+ b2 = \[[^\]]+\] for point #0$/, 2],
  ['softmax', /^Softmax: p = \[[^\]]+\] for point #0$/, 3],
  ['loss', /^Loss: cross-entropy over 200 points = \d\.\d{3} \(point #0, class 0: −log p = \d\.\d\d\)$/, 4],
  ['output-error', /^Output error: δ2 = \(p − y\) \/ 200 = \[[^\]]+\] for point #0$/, 5],
  ['backward (layer 1)', /^Backpropagate to hidden layer 1: δ1 = \(δ2·W2ᵀ\) ⊙ σ′ = \[[^\]]+\] for point #0$/, 6],
  ['update', /^Update: every weight moves by −η·∂L\/∂w with η = 0\.1; for W[12]\[\d,\d\], the weight that moved most: g = [^,]+, Δw = [^;]+; epoch 1 done, loss = \d\.\d{3}$/, 7],
];

describe('index.html over http://: the explainer', () => {
  let page, log, context;
  before(async () => {
    ({ page, log, context } = await openExplainer(`${env.server.origin}/index.html`));
  });
  after(() => context.close());

  test('The Mathematics and The Code are typeset: KaTeX HTML, its fonts, no raw TeX', async () => {
    const t = await typesetting(page);
    assertTypeset(t, 'http');
    const parts = await page.evaluate(() => ['math-architecture', 'math-sigmoid', 'math-loss', 'math-backprop',
      'math-approximation', 'math-relu'].map((id) => !!document.querySelector(`#mathematics #${id}`)));
    assert.deepEqual(parts, [true, true, true, true, true, true], 'all six parts in #mathematics');
    // The demos follow the parts whose claims they show.
    const order = await page.evaluate(() => ['math-approximation', 'demo-approximation', 'math-relu', 'demo-vanishing']
      .map((id) => document.getElementById(id).previousElementSibling && document.getElementById(id).previousElementSibling.id));
    assert.deepEqual(order.slice(1, 2).concat(order.slice(3)), ['math-approximation', 'math-relu']);
    assert.equal(await page.locator('#code .ex-step').count(), 8, 'eight code steps');
    assert.equal(await currentStep(page), 0, 'a new network highlights step 1, initialise weights');
  });

  test('Step phase walks one iteration: readout, narration, code step and diagram at every phase', async () => {
    await scrollTo(page, '#see-it-work');
    // The page's default network, trained one epoch in Node.
    const net = await createNetwork({ layers: [2, 4, 4], activation: 'sigmoid', learningRate: 0.1, seed: 2369 });
    const initialLoss = net.loss.toFixed(3);
    net.step(1);
    const lossAfterOne = net.loss.toFixed(3);
    net.destroy();
    const fresh = await state(page);
    assert.equal(fresh.loss.toFixed(3), initialLoss, 'the page builds the same network as Node');
    assert.equal(fresh.epoch, 0);
    let previous = (await h.readout(page)).narration;
    let before = null; // the values read at the click before
    assert.match(previous, /^Initialize weights: loss = 1\.\d{3}$/);
    for (let i = 0; i < CYCLE.length; i++) {
      const [phase, narration, step] = CYCLE[i];
      await page.click('#step-phase');
      const r = await h.readout(page);
      assert.equal(r.phase, phase, `click ${i + 1}: Phase readout`);
      assert.match(r.narration, narration, `click ${i + 1}: narration`);
      assert.notEqual(r.narration, previous, `click ${i + 1}: the narration changed`);
      previous = r.narration;
      assert.equal(await currentStep(page), step, `click ${i + 1}: code step ${step + 1} is current`);
      assert.equal(r.epoch, i < 6 ? '0' : '1', `click ${i + 1}: epoch`);
      assert.equal(r.loss, i < 6 ? initialLoss : lossAfterOne, `click ${i + 1}: loss readout`);
      const v = await page.evaluate(() => {
        const app = window.mlpDebug.app, o = app.views.diagram.overlay, net = app.network;
        const arr = (a) => (a ? Array.from(a) : null);
        return {
          nodes: o.nodes.map(arr), edges: o.edges.map(arr), mark: o.mark,
          legend: document.getElementById('diagram-phase').hidden ? '' : document.getElementById('diagram-phase').textContent,
          x0: Array.from(net.getData().x.slice(0, 2)), grads: Array.from(net.getGrads()), lr: net.learningRate,
          params: Array.from(net.getParams()),
          history: app.state().history.count, playing: app.state().playing,
        };
      });
      assert.equal(v.playing, false);
      assert.ok(v.legend.length > 40, `click ${i + 1}: the diagram's phase legend says what it shows`);
      assert.equal(v.history, i < 6 ? 1 : 2, `click ${i + 1}: loss curve points`);
      if (phase === 'forward (layer 1)') {
        assert.deepEqual(v.nodes[0], v.x0, 'forward: the inputs are point #0\'s coordinates');
        assert.equal(v.nodes[1].length, 4);
        assert.ok(v.nodes[1].every((a) => a > 0 && a < 1), 'forward: sigmoid activations in (0, 1)');
        assert.equal(v.nodes[2], null);
        assert.match(r.narration, new RegExp(`= \\[${v.nodes[1].map((a) => a.toFixed(2)).join(', ')}\\]`));
      } else if (phase === 'softmax') {
        assert.ok(Math.abs(v.nodes[2].reduce((a, b) => a + b, 0) - 1) < 1e-12, 'softmax: p sums to 1');
        assert.equal(r.narration, `Softmax: p = [${v.nodes[2].map((p) => p.toFixed(2)).join(', ')}] for point #0`);
        assert.deepEqual(v.mark, { l: 2, i: 0 }, 'softmax: point #0\'s class is ringed');
      } else if (phase === 'output-error') {
        assert.equal(v.nodes[1], null);
        assert.equal(v.nodes[2].length, 4);
        assert.ok(Math.abs(v.nodes[2].reduce((a, b) => a + b, 0)) < 1e-12, 'output error: (p − y)/n sums to 0');
        assert.equal(v.edges[0], null);
        assert.deepEqual(v.edges[1], v.grads.slice(12, 28), 'output error: ∂L/∂W2 on the edges into the outputs');
      } else if (phase === 'backward (layer 1)') {
        assert.equal(v.nodes[1].length, 4);
        assert.deepEqual(v.edges[0], v.grads.slice(0, 8), 'backward: ∂L/∂W1 on the edges into the hidden layer');
        // Screenshot of a mid-backward phase: the panel with its overlay.
        await page.waitForTimeout(100);
        await page.locator('#panel').screenshot({ path: `${h.RESULTS}/explainer-backward-1280.png` });
      } else if (phase === 'update') {
        // Each edge shows its weight's real change (after − before the update),
        // which is −η·∂L/∂w up to the rounding of w − η·∂L/∂w.
        const change = (a, b) => v.params.slice(a, b).map((p, k) => p - before.params[a + k]);
        assert.deepEqual(v.edges[0], change(0, 8), 'update: Δw on every edge');
        assert.deepEqual(v.edges[1], change(12, 28));
        assert.deepEqual(v.nodes[2], change(28, 32), 'update: Δb on the output units');
        const sgd = v.grads.map((g) => -v.lr * g);
        const worst = Math.max(...change(0, 32).map((d, k) => Math.abs(d - sgd[k])));
        assert.ok(worst < 1e-15, `update: Δw = −η·∂L/∂w within rounding (largest difference ${worst})`);
      }
      before = v;
    }
    const done = await state(page);
    assert.equal(done.epoch, 1, 'a full cycle is one epoch');

    // A fresh page's one Step gives the same epoch and the same loss, bit for bit.
    const other = await openExplainer(`${env.server.origin}/index.html`);
    try {
      await other.page.click('#step');
      const s = await state(other.page);
      assert.equal(s.epoch, 1);
      assert.equal(done.loss, s.loss, 'loss after a phase cycle === loss after one Step');
      assert.equal((await h.readout(page)).loss, (await h.readout(other.page)).loss);
      assert.equal((await h.readout(page)).epoch, (await h.readout(other.page)).epoch);
      assert.deepEqual(h.problems(other.log), []);
    } finally {
      await other.context.close();
    }

    // The next click starts the next iteration.
    await page.click('#step-phase');
    const r = await h.readout(page);
    assert.equal(r.phase, 'forward (layer 1)');
    assert.equal(r.epoch, '1');
    assert.equal(await currentStep(page), 1);
  });

  test('clicking a training point follows it: ring, readout and the narration\'s numbers', async () => {
    const before = await h.readout(page);
    assert.equal(await page.textContent('#ro-point'), '#0, class 0');
    await scrollTo(page, '#region', 'center');
    const target = await page.evaluate(() => {
      const app = window.mlpDebug.app, c = document.getElementById('region');
      const d = app.network.getData(), r = c.getBoundingClientRect();
      const p = app.regionToDevice(d.x[34], d.x[35]);
      return { x: r.left + p.x / window.devicePixelRatio, y: r.top + p.y / window.devicePixelRatio, label: d.y[17] };
    });
    await page.mouse.click(target.x, target.y);
    const r = await h.readout(page);
    assert.equal(await page.textContent('#ro-point'), `#17, class ${target.label}`);
    assert.equal(r.phase, 'forward (layer 1)');
    assert.match(r.narration, /^Forward through hidden layer 1: .* = \[[^\]]+\] for point #17$/);
    const numbers = (s) => s.slice(s.lastIndexOf('['));
    assert.notEqual(numbers(r.narration), numbers(before.narration), 'the numbers are point #17\'s');
    const s = await page.evaluate(() => ({
      selected: window.mlpDebug.app.views.region.selected, input: document.getElementById('point').value,
      x: Array.from(window.mlpDebug.app.views.diagram.overlay.nodes[0]), data: Array.from(window.mlpDebug.app.network.getData().x.slice(34, 36)),
    }));
    assert.deepEqual([s.selected, s.input], [17, '17']);
    assert.deepEqual(s.x, s.data, 'the diagram shows point #17\'s inputs');

    // A click far from every point changes nothing.
    const box = await page.locator('#region').boundingBox();
    await page.mouse.click(box.x + 3, box.y + 3);
    assert.equal(await page.textContent('#ro-point'), `#17, class ${target.label}`);

    // The keyboard way: the Point # field.
    await page.fill('#point', '42');
    const labels = await page.evaluate(() => Array.from(window.mlpDebug.app.network.getData().y));
    assert.equal(await page.textContent('#ro-point'), `#42, class ${labels[42]}`);
    assert.match((await h.readout(page)).narration, /for point #42$/);
  });

  test('Step phase, Step and Play mix: a part-way iteration is finished by Step', async () => {
    await page.click('#reset');
    assert.equal(await currentStep(page), 0);
    for (let i = 0; i < 3; i++) await page.click('#step-phase');
    let r = await h.readout(page);
    assert.equal(r.phase, 'softmax');
    assert.equal(r.epoch, '0');
    await page.click('#step');
    r = await h.readout(page);
    assert.equal(r.epoch, '1', 'Step finishes the epoch begun phase by phase');
    assert.equal(r.phase, 'update');
    const after = await page.evaluate(() => ({
      overlay: window.mlpDebug.app.views.diagram.overlay, legendHidden: document.getElementById('diagram-phase').hidden,
      history: window.mlpDebug.app.state().history.count,
    }));
    assert.deepEqual(after, { overlay: null, legendHidden: true, history: 2 });
    assert.equal(await currentStep(page), null, 'no code step is current outside phase mode');
    await page.click('#play');
    await page.waitForFunction(() => window.mlpDebug.app.state().epoch > 6, null, { timeout: 15000 });
    assert.ok((await state(page)).epoch > 6, 'Play trains on past epoch 6');
    // Step phase pauses and continues from where Play left off.
    await page.click('#step-phase');
    const s = await state(page);
    assert.equal(s.playing, false);
    assert.equal(s.phaseMode, true);
    assert.equal((await h.readout(page)).phase, 'forward (layer 1)');
    assert.equal(await page.textContent('#play-label'), 'Play');
  });

  test('both demos draw, and the frame loop ticks them only while on screen', async () => {
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await page.waitForTimeout(300);
    const epochs = () => page.evaluate(() => {
      const ex = window.mlpDebug.explainer;
      return { approx: ex.approx.network.epoch, vanishing: ex.vanishing.epoch };
    });
    // 30 frames of the loop (the panel plays to keep it running; its button
    // is pressed in place, as a click would scroll a demo into view).
    const togglePlay = () => page.evaluate(() => document.getElementById('play').click());
    await togglePlay();
    const e0 = await epochs();
    const f0 = (await page.evaluate(() => window.mlpDebug.app.stats())).totalFrames;
    await page.waitForFunction((f) => window.mlpDebug.app.stats().totalFrames >= f + 30, f0, { timeout: 15000 });
    const e1 = await epochs();
    await togglePlay();
    assert.equal((await state(page)).playing, false);
    assert.deepEqual(e1, e0, 'off screen for 30 frames, neither demo trained an epoch');

    for (const [id, canvas, key] of [['#demo-approximation', '.ex-approx-plot', 'approx'], ['#demo-vanishing', '.ex-vanishing-plot', 'vanishing']]) {
      await scrollTo(page, id);
      await page.waitForFunction(([k, e]) => {
        const ex = window.mlpDebug.explainer;
        return (k === 'approx' ? ex.approx.network.epoch : ex.vanishing.epoch) > e + 20;
      }, [key, e0[key]], { timeout: 15000 });
      const e1 = await epochs();
      assert.ok(e1[key] > e0[key] + 20, `${key}: epoch ${e0[key]} -> ${e1[key]} while on screen`);
      const ink = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        let painted = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] === 0) continue;
          painted++;
          colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        }
        return { painted: painted / (d.length / 4), colours: colours.size };
      }), canvas);
      assert.equal(ink.length, key === 'approx' ? 1 : 2);
      for (const k of ink) {
        assert.ok(k.painted > 0.02, `${key}: ${(k.painted * 100).toFixed(1)}% of the canvas painted`);
        assert.ok(k.colours >= 8, `${key}: ${k.colours} colours drawn`);
      }
    }
    await page.waitForTimeout(1500); // let the curves develop for the screenshots
    await page.locator('#demo-vanishing').screenshot({ path: `${h.RESULTS}/explainer-vanishing-1280.png` });
    await scrollTo(page, '#demo-approximation');
    await page.waitForTimeout(300);
    await page.locator('#demo-approximation').screenshot({ path: `${h.RESULTS}/explainer-approx-1280.png` });
  });

  test('section links move the page without touching the network or its settings', async () => {
    const s0 = await state(page);
    const hash0 = await page.evaluate(() => location.hash);
    await page.click('.section-nav a[href="#code"]');
    const s1 = await state(page);
    assert.equal(await page.evaluate(() => location.hash), hash0, 'the hash is unchanged');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'code', 'focus moved to The Code');
    assert.equal(await page.isVisible('#hash-notice'), false, 'no "settings could not be used" notice');
    assert.equal(s1.epoch, s0.epoch, 'the network was not rebuilt');
    assert.deepEqual(s1.settings, s0.settings);
  });

  test('The Code\'s numpy toggle: aria-pressed, and the 8 numpy blocks in place of the 8 C ones', async () => {
    await scrollTo(page, '#code');
    const shown = () => page.evaluate(() => {
      const visible = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).length;
      const b = document.querySelector('#code .ex-numpy-toggle');
      return {
        pressed: b.getAttribute('aria-pressed'), label: b.textContent,
        numpy: visible('#code .ex-show-numpy'), c: visible('#code .ex-show-c'),
        pythonLines: visible('#code .ex-lang-python .ex-line'),
      };
    });
    const before = await shown();
    assert.deepEqual([before.pressed, before.label, before.numpy, before.c, before.pythonLines],
      ['false', 'Show the seed’s numpy', 0, 8, 0]);
    await page.click('#code .ex-numpy-toggle');
    const on = await shown();
    assert.deepEqual([on.pressed, on.label, on.numpy, on.c], ['true', 'Show the C', 8, 0]);
    assert.ok(on.pythonLines >= 16, `${on.pythonLines} lines of numpy shown (>= 16, 2 or more per step)`);
    await page.click('#code .ex-numpy-toggle');
    const off = await shown();
    assert.deepEqual([off.pressed, off.numpy, off.c, off.pythonLines], ['false', 0, 8, 0]);
  });

  test('the approximation demo: N, the target and a drawn target each change the fit', async () => {
    const fig = '#demo-approximation';
    await scrollTo(page, fig);
    const demo = () => page.evaluate(() => {
      const d = window.mlpDebug.explainer.approx, net = d.network;
      return {
        units: d.units, target: d.target, running: d.running, epoch: net.epoch, params: net.paramCount,
        loss: net.loss, y: Array.from(net.getData().y), readout: document.querySelector('#demo-approximation .ex-readout').textContent,
        out: document.querySelector('#demo-approximation output').textContent,
        select: document.querySelector('#demo-approximation select').value,
      };
    });
    /* Fraction of the plot's pixels that differ from the last call's (-1 on
       the first); read from a copy made for reading, so the plot's own
       canvas is never read back repeatedly. */
    const pixelsChanged = () => page.evaluate(() => {
      const src = document.querySelector('#demo-approximation .ex-approx-plot');
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(src, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const prev = window.__approxPixels;
      window.__approxPixels = d;
      if (!prev || prev.length !== d.length) return -1;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== prev[i] || d[i + 1] !== prev[i + 1] || d[i + 2] !== prev[i + 2]) n++;
      return n / (d.length / 4);
    });
    // Paused, the plot changes only with the reader's input.
    if ((await demo()).running) await page.click(`${fig} .ex-play`);
    await page.waitForFunction(() => / · paused$/.test(document.querySelector('#demo-approximation .ex-readout').textContent),
      null, { timeout: 15000 });
    const d0 = await demo();
    assert.deepEqual([d0.units, d0.target, d0.params], [8, 'sine', 25], '8 units: 8 + 8 + 8 + 1 parameters');
    assert.equal(await pixelsChanged(), -1);

    // N = 3: a new 1 -> 3 -> 1 network (3 + 3 + 3 + 1 parameters) from epoch 0.
    await page.locator(`${fig} input[type="range"]`).fill('3');
    await page.waitForFunction(() => /N = 3 sigmoid units · paused$/.test(document.querySelector('#demo-approximation .ex-readout').textContent),
      null, { timeout: 15000 });
    const d1 = await demo();
    assert.deepEqual([d1.units, d1.out, d1.params, d1.epoch], [3, '3', 10, 0]);
    assert.match(d1.readout, /^Epoch 0 · mean squared error \d\.\d{4} · N = 3 sigmoid units · paused$/);
    const changedN = await pixelsChanged();
    assert.ok(changedN > 0.005, `${(changedN * 100).toFixed(1)}% of the plot's pixels changed with N (> 0.5%)`);

    // The step target: 64 points, 32 at −1 (x < 0) and 32 at +1.
    await page.selectOption(`${fig} select`, 'step');
    await page.waitForFunction(() => window.mlpDebug.explainer.approx.network.getData().y.every((v) => Math.abs(v) === 1),
      null, { timeout: 15000 });
    const d2 = await demo();
    assert.equal(d2.target, 'step');
    assert.equal(d2.y.length, 64);
    assert.deepEqual([d2.y.slice(0, 32).every((v) => v === -1), d2.y.slice(32).every((v) => v === 1)], [true, true]);
    assert.notEqual(d2.loss, d1.loss, 'the same weights fit the new target differently');
    const changedTarget = await pixelsChanged();
    assert.ok(changedTarget > 0.005, `${(changedTarget * 100).toFixed(1)}% of the plot's pixels changed with the target (> 0.5%)`);

    // Dragging across the plot at y = 1 from x = −2.5 to x = −1.5 draws a
    // target: points 6 to 16 (x in [−2.5, −1.5] of 64 cells on [−π, π]) move
    // to 1, the other 53 keep the step's values.
    const box = await page.locator(`${fig} .ex-approx-plot`).boundingBox();
    const M = { left: 40, right: 12, top: 10, bottom: 26 };  // demo-approx.js's plot margins
    const toX = (x) => box.x + M.left + (x + Math.PI) / (2 * Math.PI) * (box.width - M.left - M.right);
    const toY = (y) => box.y + M.top + (1.75 - y) / 3.5 * (box.height - M.top - M.bottom);
    await page.mouse.move(toX(-2.5), toY(1));
    await page.mouse.down();
    await page.mouse.move(toX(-1.5), toY(1), { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => window.mlpDebug.explainer.approx.network.getData().y[10] > 0, null, { timeout: 15000 });
    const d3 = await demo();
    assert.deepEqual([d3.target, d3.select], ['drawn', 'drawn']);
    assert.equal(await page.isVisible(`${fig} button:has-text("Reset drawing")`), true);
    const moved = d3.y.map((v, i) => (v !== d2.y[i] ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(moved, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 'the points under the stroke');
    for (const i of moved) assert.ok(Math.abs(d3.y[i] - 1) < 0.03, `point ${i} drawn at ${d3.y[i].toFixed(3)} (1 ± 0.03)`);
    const changedDrawing = await pixelsChanged();
    assert.ok(changedDrawing > 0.002, `${(changedDrawing * 100).toFixed(1)}% of the plot's pixels changed with the drawing (> 0.2%)`);
    assert.deepEqual(h.problems(log), []);
  });

  test('no console errors or warnings, no request to another host', () => {
    assert.deepEqual(h.problems(log), []);
    assert.deepEqual(h.foreignRequests(log, env.server.origin), []);
    assert.ok(log.requests.some((u) => /\/build\/katex\/fonts\/KaTeX_Main-Regular\.woff2$/.test(u)), 'KaTeX fonts come from the page\'s own folder');
  });
});
