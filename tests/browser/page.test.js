/* page.test.js: index.html in headless Chromium, opened from disk and from
   the project's server: a clean console, no request to any other host, the
   initial readout, training, Step, Reset, the region's colours, keyboard
   use, the frame loop's accounting (epochs per frame, the training budget,
   a hidden tab; frame times are reported, never asserted), and screenshots. */
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');

const LN4 = Math.log(4);
const env = h.useBrowserAndServer();

const state = (page) => page.evaluate(() => window.mlpDebug.app.state());

for (const mode of ['file', 'http']) {
  describe(`index.html over ${mode}://`, () => {
    let page, log, context, origin, initial;
    before(async () => {
      origin = mode === 'http' ? env.server.origin : null;
      const url = mode === 'http' ? `${env.server.origin}/index.html` : h.fileUrl('index.html');
      ({ page, log, context } = await h.open(env.browser, url));
    });
    after(() => context.close());

    test('initial readout as the seed document: Epoch 0, Loss 1.386, Accuracy 25%, Phase init, the narration', async () => {
      initial = await h.readout(page);
      assert.equal(initial.epoch, '0');
      assert.equal(initial.loss, '1.386', 'the default seed opens at ln 4, as the document');
      assert.ok(Math.abs(Number(initial.loss) - LN4) < 0.0005, `loss ${initial.loss} is ln 4 to 3 decimals`);
      assert.equal(initial.accuracy, '25%', 'chance for four classes');
      assert.equal(initial.phase, 'init');
      assert.equal(initial.narration, 'Initialize weights: loss = 1.386');
      assert.equal((await state(page)).playing, false);
    });

    // 200 epochs: enough for each quadrant's colour in the next test.
    test('Play: the epoch passes 200 and the loss falls by more than 0.1', async () => {
      await page.click('#play');
      assert.equal(await page.textContent('#play-label'), 'Pause');
      await page.waitForFunction((l0) => {
        const s = window.mlpDebug.app.state();
        return s.epoch >= 200 && s.loss < l0 - 0.1;
      }, Number(initial.loss), { timeout: 15000 });
      await page.click('#play');
      assert.equal(await page.textContent('#play-label'), 'Play');
      const s = await state(page);
      assert.ok(s.epoch >= 200, `epoch ${s.epoch} >= 200`);
      assert.ok(s.loss < Number(initial.loss) - 0.1, `loss ${s.loss} < ${initial.loss} - 0.1`);
      const r = await h.readout(page);
      assert.equal(r.epoch, String(s.epoch));
      assert.equal(r.loss, s.loss.toFixed(3));
      assert.equal(r.phase, 'update');
      assert.match(r.accuracy, /^\d{1,3}%$/);
    });

    test('each quadrant of the region is painted in its cluster\'s class colour', async () => {
      await page.waitForFunction(() => window.mlpDebug.app.state().refined, null, { timeout: 5000 });
      const tints = await page.evaluate(() => window.mlpDebug.app.tints());
      for (let a = 0; a < 4; a++) {
        for (let b = a + 1; b < 4; b++) {
          const d = Math.hypot(...tints[a].map((v, i) => v - tints[b][i]));
          assert.ok(d > 30, `class tints ${a} and ${b} are ${d.toFixed(0)} apart in RGB (> 30)`);
        }
      }
      // Corners of each quadrant, beyond every training point (|x|, |y| < 1.85),
      // so only the painted field is sampled: class 0 (+,+), 1 (-,+), 2 (-,-), 3 (+,-).
      const corners = [[2.05, 2.05], [-2.05, 2.05], [-2.05, -2.05], [2.05, -2.05]];
      const found = await h.regionVotes(page, corners, 5, 0.08);
      found.forEach(({ votes, strength }, k) => {
        assert.ok(votes[k] >= 23, `quadrant of class ${k}: ${votes[k]} of 25 pixels in its colour (votes ${votes})`);
        assert.ok(strength > 0.4, `quadrant of class ${k} painted at ${strength.toFixed(2)} of full strength (> 0.4)`);
      });
    });

    test('Step adds exactly one epoch and narrates it', async () => {
      const before = await state(page);
      await page.click('#step');
      const after = await state(page);
      assert.equal(after.epoch, before.epoch + 1);
      assert.equal(after.playing, false);
      assert.equal((await h.readout(page)).epoch, String(before.epoch + 1));
      await page.waitForFunction((e) => document.getElementById('narration').textContent.startsWith(`Epoch ${e} → ${e + 1}:`),
        before.epoch, { timeout: 3000 });
    });

    test('Reset restores epoch 0, phase init and the same initial loss', async () => {
      await page.click('#reset');
      const r = await h.readout(page);
      assert.equal(r.epoch, '0');
      assert.equal(r.loss, initial.loss);
      assert.equal(r.phase, 'init');
      const s = await state(page);
      assert.equal(s.epoch, 0);
      assert.equal(s.loss.toFixed(3), initial.loss);
      assert.equal(s.history.count, 1);
    });

    test('no console errors or warnings, no request to another host', async () => {
      assert.deepEqual(h.problems(log), []);
      assert.deepEqual(h.foreignRequests(log, origin), []);
      assert.ok(log.requests.length >= 12, `${log.requests.length} requests (page, 4 stylesheets or fewer, 11 scripts)`);
    });
  });
}

describe('keyboard', () => {
  let page, context, log;
  before(async () => { ({ page, context, log } = await h.open(env.browser, h.fileUrl('index.html'))); });
  after(() => context.close());

  test('Tab reaches Play with a visible focus ring; Space and Enter toggle it', async () => {
    let presses = 0;
    while (presses < 40 && await page.evaluate(() => document.activeElement && document.activeElement.id) !== 'play') {
      await page.keyboard.press('Tab');
      presses++;
    }
    assert.equal(await page.evaluate(() => document.activeElement.id), 'play', `Play reached within ${presses} Tab presses`);
    const ring = await page.evaluate(() => {
      const cs = getComputedStyle(document.activeElement);
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), visible: document.activeElement.matches(':focus-visible') };
    });
    assert.deepEqual(ring, { style: 'solid', width: 3, visible: true });
    await page.keyboard.press('Space');
    assert.equal((await state(page)).playing, true);
    await page.waitForFunction(() => window.mlpDebug.app.state().epoch > 5, null, { timeout: 15000 });
    await page.keyboard.press('Enter');
    const s = await state(page);
    assert.equal(s.playing, false);
    assert.ok(s.epoch > 5, `epoch ${s.epoch} > 5 while playing`);
  });

  test('every control is a labelled native element, reachable by Tab', async () => {
    const controls = await page.evaluate(() => ['play', 'step', 'step-phase', 'reset', 'new-seed', 'point', 'speed', 'lr', 'activation', 'hidden', 'seed', 'log-scale', 'diagram']
      .map((id) => {
        const el = document.getElementById(id);
        const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : (el.getAttribute('aria-label') || el.textContent.trim());
        return { id, tag: el.tagName, tabIndex: el.tabIndex, label };
      }));
    for (const c of controls) {
      assert.ok(['BUTTON', 'INPUT', 'SELECT', 'CANVAS'].includes(c.tag), `${c.id} is ${c.tag}`);
      assert.equal(c.tabIndex, 0, `${c.id} is in the tab order`);
      assert.ok(c.label.length >= 4, `${c.id} has a label ("${c.label}")`);
    }
  });

  test('the diagram: arrow keys select neurons and weights and show their values', async () => {
    await page.focus('#diagram');
    await page.waitForTimeout(100);
    const first = await page.textContent('#diagram-tip');
    assert.match(first, /^x₁: input/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100);
    // The values shown are the network's own: b1[0] at 8, W2[3][3] at 12 + 3*4 + 3.
    const shown = (k) => page.evaluate((k) => window.mlpDebug.formatNumber(window.mlpDebug.app.network.getParams()[k], 3), k);
    assert.equal(await page.textContent('#diagram-tip'), `h₁: hidden unit, sigmoid\nbias b = ${await shown(8)}`);
    await page.keyboard.press('End');
    await page.waitForTimeout(100);
    assert.equal(await page.textContent('#diagram-tip'), `Weight h₄ → ŷ₄\nw = ${await shown(27)}`);
    assert.match(await page.textContent('#diagram-announce'), /^Weight h₄ → ŷ₄; w = /);
    assert.equal(await page.isVisible('#diagram-tip'), true);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
    assert.equal(await page.isVisible('#diagram-tip'), false);
  });

  test('the diagram\'s arrow keys walk the network: right and left along the lines, up and down within a layer', async () => {
    await page.focus('#diagram');
    await page.keyboard.press('Home');
    const tip = async (key) => {
      await page.keyboard.press(key);
      await page.waitForTimeout(50);
      return (await page.textContent('#diagram-tip')).split('\n')[0];
    };
    assert.equal(await tip('ArrowDown'), 'x₂: input, the point\'s vertical coordinate');
    assert.equal(await tip('ArrowDown'), 'x₂: input, the point\'s vertical coordinate', 'Down stops at the last unit');
    assert.equal(await tip('ArrowRight'), 'Weight x₂ → h₁', 'Right from a unit: its first outgoing line');
    assert.equal(await tip('ArrowRight'), 'h₁: hidden unit, sigmoid', 'Right from a line: the unit it feeds');
    assert.equal(await tip('ArrowDown'), 'h₂: hidden unit, sigmoid');
    assert.equal(await tip('ArrowLeft'), 'Weight x₁ → h₂', 'Left from a unit: its first incoming line');
    assert.equal(await tip('ArrowDown'), 'Weight x₁ → h₃', 'Down within the weight layer');
    assert.equal(await tip('ArrowLeft'), 'x₁: input, the point\'s horizontal coordinate', 'Left from a line: its source');
    assert.equal(await tip('ArrowLeft'), 'x₁: input, the point\'s horizontal coordinate', 'Left stops at the inputs');
    assert.equal(await tip('End'), 'Weight h₄ → ŷ₄');
    assert.equal(await tip('ArrowRight'), 'ŷ₄: output, probability of class 3 (bottom right)');
    assert.equal(await tip('ArrowRight'), 'ŷ₄: output, probability of class 3 (bottom right)', 'Right stops at the outputs');
    await page.keyboard.press('Escape');
  });

  test('the buttons\' hints are descriptions, not a text run of their own', async () => {
    const hints = await page.evaluate(() => ['step', 'step-phase', 'reset'].map((id) => {
      const hint = document.getElementById(document.getElementById(id).getAttribute('aria-describedby'));
      return { id, text: hint.textContent.length, rendered: hint.checkVisibility(), hiddenBox: !!hint.closest('[hidden]') };
    }));
    for (const h of hints) {
      assert.ok(h.text > 10, `${h.id}: a hint of ${h.text} characters`);
      assert.deepEqual([h.rendered, h.hiddenBox], [false, true], `${h.id}: its hint is in a hidden box, out of the reading order`);
    }
  });

  test('hovering a weight shows its value, matching the network', async () => {
    // The page is long: bring the diagram into view, and let any smooth
    // scroll still running (focusing scrolls smoothly) come to rest.
    await page.evaluate(() => document.getElementById('diagram').scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitForFunction(() => new Promise((resolve) => {
      const y = window.scrollY;
      setTimeout(() => resolve(window.scrollY === y), 150);
    }), null, { timeout: 5000 });
    const { x, y, w } = await page.evaluate(() => {
      const r = document.getElementById('diagram').getBoundingClientRect();
      // Midpoint of the line from x1 to h1; its weight is params[0] (W1[0][0]).
      const d = window.mlpDebug.app.views.diagram;
      const a = d.nodePosition(0, 0), b = d.nodePosition(1, 0);
      return { x: r.left + (a.x + b.x) / 2, y: r.top + (a.y + b.y) / 2, w: window.mlpDebug.app.network.getParams()[0] };
    });
    await page.mouse.move(x, y);
    await page.waitForTimeout(100);
    assert.equal(await page.textContent('#diagram-tip'), `Weight x₁ → h₁\nw = ${w.toFixed(3).replace('-', '−')}`);
    assert.deepEqual(h.problems(log), []);
  });
});

describe('frame loop', () => {
  let page, context;
  before(async () => {
    ({ page, context } = await h.open(env.browser, h.fileUrl('index.html')));
    // The panel at the top of the view, the demos above and below it out of
    // sight, so every frame is the panel's (sharedFrames stays 0).
    await page.evaluate(() => document.getElementById('see-it-work').scrollIntoView({ block: 'start', behavior: 'instant' }));
  });
  after(() => context.close());

  const stats = () => page.evaluate(() => window.mlpDebug.app.stats());
  /* Plays until the loop has run `frames` frames since resetStats(), then
     pauses; returns the stats and the epochs trained, read together. */
  async function playFor(frames) {
    await page.evaluate(() => window.mlpDebug.app.resetStats());
    const e0 = (await state(page)).epoch;
    await page.click('#play');
    await page.waitForFunction((f) => window.mlpDebug.app.stats().playedFrames >= f, frames, { timeout: 15000 });
    await page.click('#play');
    const s = await stats();
    return Object.assign(s, { advanced: (await state(page)).epoch - e0 });
  }

  test('at 1 epoch/frame every frame played trains one epoch, and one more for each display frame skipped before it (60 frames)', async (t) => {
    const s = await playFor(60);
    t.diagnostic(`1 epoch/frame: ${s.fps.toFixed(1)} fps, ${s.skippedFrames} display frames skipped, frame work mean ${s.meanWork.toFixed(2)} ms, p95 ${s.p95Work.toFixed(2)} ms, max ${s.maxWork.toFixed(2)} ms`);
    assert.equal(s.sharedFrames, 0, 'no frame was left to a demo');
    assert.ok(s.playedFrames >= 60, `${s.playedFrames} frames played (>= 60)`);
    assert.equal(s.trainedFrames, s.playedFrames, 'every frame played trained');
    assert.equal(s.advanced, s.trainedFrames + s.skippedFrames, `the epoch advanced by ${s.advanced}: one per frame, one per skipped frame`);
    assert.deepEqual([s.epochs, s.minEpochs, s.budgetCuts], [s.advanced, 1, 0]);
    assert.ok(s.maxEpochs <= 3, `at most 3 epochs in a frame (its own and 2 skipped), got ${s.maxEpochs}`);
    assert.equal(await page.textContent('#speed-out'), '1 epoch/frame');
  });

  test('at 500 epochs/frame a frame trains 1 to 2000 epochs (its 500, up to 1000 for skipped frames, at most 500 a cut frame left); fewer than 500 only when the training budget ran out', async (t) => {
    await page.evaluate(() => {
      const s = document.getElementById('speed');
      s.value = String(s.max);
      s.dispatchEvent(new Event('input'));
    });
    assert.equal(await page.textContent('#speed-out'), '500 epochs/frame');
    const s = await playFor(60);
    const perFrame = s.epochs / s.trainedFrames;
    t.diagnostic(`500 epochs/frame: ${perFrame.toFixed(0)} epochs per frame reached, ${(perFrame * s.fps).toFixed(0)} epochs/s, ` +
      `${s.budgetCuts} of ${s.trainedFrames} frames cut by the ${s.trainBudget} ms budget, ${s.skippedFrames} skipped, ${s.fps.toFixed(1)} fps, ` +
      `frame work mean ${s.meanWork.toFixed(2)} ms, max ${s.maxWork.toFixed(2)} ms`);
    assert.equal(s.sharedFrames, 0);
    assert.equal(s.trainedFrames, s.playedFrames, 'every frame played trained');
    assert.equal(s.advanced, s.epochs, `the epoch advanced by the ${s.epochs} epochs counted`);
    assert.ok(s.minEpochs >= 1 && s.maxEpochs <= 2000, `${s.minEpochs} to ${s.maxEpochs} epochs per frame (1 to 2000)`);
    // A frame that trained fewer than 500 stopped at the budget: each one is counted.
    assert.ok(s.epochs >= 500 * (s.trainedFrames - s.budgetCuts) + s.budgetCuts,
      `${s.epochs} epochs >= 500 x ${s.trainedFrames - s.budgetCuts} uncut frames + 1 x ${s.budgetCuts} cut`);
    if (s.budgetCuts === 0) assert.equal(s.epochs, 500 * (s.trainedFrames + s.skippedFrames));
  });

  test('with no training budget each frame trains one epoch, and the speed shows "≈1 reached"', async (t) => {
    await page.evaluate(() => window.mlpDebug.app.setTrainBudget(0));
    try {
      const s = await playFor(30);
      t.diagnostic(`budget 0 ms: ${s.epochs} epochs in ${s.trainedFrames} frames`);
      assert.equal(s.advanced, s.trainedFrames, `${s.advanced} epochs in ${s.trainedFrames} frames`);
      assert.deepEqual([s.minEpochs, s.maxEpochs], [1, 1]);
      assert.equal(s.budgetCuts, s.trainedFrames, 'the budget cut every frame');
      // The reached rate is shown while playing (rewritten at most twice a second).
      await page.click('#play');
      await page.waitForFunction(() => document.getElementById('speed-out').textContent === '500 epochs/frame (≈1 reached)',
        null, { timeout: 15000 });
      await page.click('#play');
      assert.equal(await page.textContent('#speed-out'), '500 epochs/frame', 'paused, the control shows the speed alone');
    } finally {
      await page.evaluate(() => window.mlpDebug.app.setTrainBudget());
    }
  });

  test('a hidden tab requests no animation frame and trains nothing; a visible one resumes', async () => {
    const setHidden = (hidden) => page.evaluate((hidden) => {
      Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await page.click('#play');
    assert.equal((await state(page)).playing, true);
    await setHidden(true);
    const hidden0 = await page.evaluate(() => ({ s: window.mlpDebug.app.stats(), epoch: window.mlpDebug.app.state().epoch }));
    // What would ask for frames while visible: a view marked dirty, resizes
    // (there and back), and time for any frame already due.
    await page.evaluate(() => { window.mlpDebug.app.invalidate(); window.mlpDebug.app.refresh(); });
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.waitForTimeout(200);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(200);
    const hidden1 = await page.evaluate(() => ({ s: window.mlpDebug.app.stats(), epoch: window.mlpDebug.app.state().epoch }));
    assert.equal(hidden1.s.requests - hidden0.s.requests, 0, 'animation frames requested while hidden');
    assert.equal(hidden1.s.totalFrames - hidden0.s.totalFrames, 0, 'frames run while hidden');
    assert.equal(hidden1.epoch, hidden0.epoch, 'epochs trained while hidden');
    assert.equal((await state(page)).playing, true, 'still playing, waiting');
    await setHidden(false);
    await page.waitForFunction((e) => window.mlpDebug.app.state().epoch > e, hidden1.epoch, { timeout: 15000 });
    await page.click('#play');
  });

  test('paused, the region is repainted at device-pixel resolution', async () => {
    await page.waitForFunction(() => window.mlpDebug.app.state().refined, null, { timeout: 5000 });
    const s = await state(page);
    assert.equal(s.playing, false);
    assert.equal(s.refined, true);
  });
});

describe('layout, colour schemes and screenshots', () => {
  for (const [name, viewport, colorScheme, dpr] of [
    ['1280x800-light', { width: 1280, height: 800 }, 'light', 1],
    ['1280x800-dark', { width: 1280, height: 800 }, 'dark', 1],
    ['375x740-light', { width: 375, height: 740 }, 'light', 2],
    ['375x740-dark', { width: 375, height: 740 }, 'dark', 2],
  ]) {
    test(`${name}: no horizontal scroll, sharp canvases, screenshots`, async () => {
      const { page, context, log } = await h.open(env.browser, h.fileUrl('index.html'), { viewport, colorScheme, deviceScaleFactor: dpr });
      try {
        // A moment of Play, then to epoch 150 at once: the screenshot's state
        // does not depend on how many frames a loaded machine manages.
        await page.click('#play');
        await page.waitForFunction(() => window.mlpDebug.app.state().epoch >= 5, null, { timeout: 15000 });
        await page.click('#play');
        await page.evaluate(() => { const app = window.mlpDebug.app; app.advance(150 - app.state().epoch); });
        assert.equal((await state(page)).epoch, 150);
        await page.waitForFunction(() => window.mlpDebug.app.state().refined, null, { timeout: 5000 });
        await page.waitForTimeout(1100); // the narration catches up
        const m = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          canvases: ['diagram', 'region', 'loss'].map((id) => {
            const c = document.getElementById(id);
            const r = c.getBoundingClientRect();
            return { id, width: c.width, height: c.height, css: [r.width, r.height] };
          }),
          corner: (() => {
            const c = document.getElementById('loss');
            const d = c.getContext('2d').getImageData(c.width - 3, c.height - 3, 1, 1).data;
            return [d[0], d[1], d[2]];
          })(),
        }));
        assert.ok(m.scrollWidth <= viewport.width, `page width ${m.scrollWidth} <= ${viewport.width}`);
        for (const c of m.canvases) {
          assert.ok(Math.abs(c.width - c.css[0] * dpr) <= 1 && Math.abs(c.height - c.css[1] * dpr) <= 1,
            `${c.id} canvas ${c.width}x${c.height} = CSS ${c.css.map((v) => v.toFixed(1))} x ${dpr}`);
        }
        const lum = (m.corner[0] + m.corner[1] + m.corner[2]) / 3;
        if (colorScheme === 'dark') assert.ok(lum < 60, `dark chart background (mean ${lum.toFixed(0)} < 60)`);
        else assert.ok(lum > 200, `light chart background (mean ${lum.toFixed(0)} > 200)`);
        await h.screenshot(page, `index-${name}-full.png`, { fullPage: true });
        await page.evaluate(() => document.getElementById('see-it-work').scrollIntoView({ behavior: 'instant' }));
        await h.screenshot(page, `index-${name}-panel.png`);
        assert.deepEqual(h.problems(log), []);
      } finally {
        await context.close();
      }
    });
  }

  test('no horizontal scroll and every control in view from 360 to 1600 px', async () => {
    for (const width of [360, 414, 768, 1024, 1600]) {
      const { page, context } = await h.open(env.browser, h.fileUrl('index.html'), { viewport: { width, height: 900 } });
      try {
        const m = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          right: Math.max(...['play', 'step', 'step-phase', 'reset', 'new-seed', 'point', 'speed', 'lr', 'activation', 'hidden', 'seed', 'log-scale', 'region', 'loss', 'diagram']
            .map((id) => document.getElementById(id).getBoundingClientRect().right)),
        }));
        assert.ok(m.scrollWidth <= width, `${width} px: page width ${m.scrollWidth}`);
        assert.ok(m.right <= width, `${width} px: rightmost control edge ${m.right.toFixed(0)}`);
      } finally {
        await context.close();
      }
    }
  });
});
