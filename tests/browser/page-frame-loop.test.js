/* page-frame-loop.test.js: index.html's frame loop accounting: epochs per
   frame at 1 and 500 epochs/frame (skipped display frames made up), the
   training budget (and none: one epoch a frame, "≈1 reached"), a hidden
   tab requesting no frame and training nothing, and the region refined
   when paused. Frame times are reported as diagnostics, never asserted. */
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');

const env = h.useBrowserAndServer();

const state = (page) => page.evaluate(() => window.mlpDebug.app.state());

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
