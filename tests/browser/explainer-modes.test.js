/* explainer-modes.test.js: the explainer opened other ways than
   explainer.test.js's default http page: with settings in the hash (the
   nav and skip links scroll and move focus but keep the hash, and a reload
   reproduces the run), from file:// (formulas typeset, fonts loaded, Step
   phase works, a clean console, no request to another host), and in dark
   mode and on a 375 px phone (no horizontal scroll; screenshots go to
   test-results/explainer-*.png). */
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');
const { createNetwork } = require('../../index.js');
const ex = require('./explainer-common.js');

const env = h.useBrowserAndServer();
const { state, scrollTo, currentStep, typesetting, assertTypeset } = ex;
const openExplainer = (url, options) => ex.openExplainer(env, url, options);

describe('in-page links keep the settings in the hash', () => {
  const HASH = '#activation=tanh&hidden=6&lr=0.3&seed=7';

  test('the nav and skip links scroll and move focus; the hash stays, and a reload reproduces the run', async () => {
    const { page, log, context } = await openExplainer(`${env.server.origin}/index.html${HASH}`, { reducedMotion: 'reduce' });
    try {
      const net = await createNetwork({ layers: [2, 6, 4], activation: 'tanh', learningRate: 0.3, seed: 7 });
      const initial = net.loss;
      for (let i = 0; i < 3; i++) net.step(1);
      const afterThree = net.loss;
      net.destroy();
      for (let i = 0; i < 3; i++) await page.click('#step');
      const history0 = await page.evaluate(() => history.length);

      await page.click('.section-nav a[href="#code"]');
      const at = await page.evaluate(() => ({
        hash: location.hash, focus: document.activeElement.id, tabIndex: document.activeElement.tabIndex,
        top: document.getElementById('code').getBoundingClientRect().top, history: history.length,
        margin: parseFloat(getComputedStyle(document.getElementById('code')).scrollMarginTop),
      }));
      assert.deepEqual([at.hash, at.focus, at.tabIndex, at.history], [HASH, 'code', -1, history0]);
      assert.ok(Math.abs(at.top - at.margin) <= 1, `The Code's top at ${at.top.toFixed(1)} px, its scroll margin ${at.margin} px (± 1)`);
      const s = await state(page);
      assert.deepEqual([s.epoch, s.loss], [3, afterThree], 'the network trained on, not rebuilt');

      // The skip link, from the keyboard.
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      await page.focus('.skip-link');
      await page.keyboard.press('Enter');
      assert.deepEqual(await page.evaluate(() => [location.hash, document.activeElement.id]), [HASH, 'see-it-work']);
      assert.equal((await state(page)).epoch, 3);

      await page.reload();
      await page.waitForFunction(() => window.mlpDebug && window.mlpDebug.app && window.mlpDebug.app.ready === true, null, { timeout: 15000 });
      const r = await state(page);
      const base = { activation: 'tanh', hidden: 6, lr: 0.3, seed: 7, speed: 1, autoplay: false, log: false };
      assert.deepEqual(r.settings, Object.assign({}, r.settings, base), 'the base keys (other keys at their defaults)');
      assert.deepEqual([r.epoch, r.loss], [0, initial], 'the reloaded page builds the same network as Node');
      assert.equal(await page.isVisible('#hash-notice'), false);
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });
});

describe('index.html from file://: the explainer', () => {
  test('formulas typeset, fonts loaded, Step phase works, a clean console', async () => {
    const { page, log, context } = await openExplainer(h.fileUrl('index.html'));
    try {
      assertTypeset(await typesetting(page), 'file');
      await page.click('#step-phase');
      assert.equal((await h.readout(page)).phase, 'forward (layer 1)');
      assert.equal(await currentStep(page), 1);
      assert.deepEqual(h.problems(log), []);
      assert.deepEqual(h.foreignRequests(log, null), []);
    } finally {
      await context.close();
    }
  });
});

describe('screenshots: dark mode and a phone', () => {
  test('1280 dark: mid-backward panel and the demos', async () => {
    const { page, log, context } = await openExplainer(h.fileUrl('index.html'), { colorScheme: 'dark' });
    try {
      for (let i = 0; i < 6; i++) await page.click('#step-phase');
      assert.equal((await h.readout(page)).phase, 'backward (layer 1)');
      await page.waitForTimeout(100);
      await page.locator('#panel').screenshot({ path: `${h.RESULTS}/explainer-backward-1280-dark.png` });
      await scrollTo(page, '#demo-vanishing');
      await page.waitForTimeout(2000);
      await page.locator('#demo-vanishing').screenshot({ path: `${h.RESULTS}/explainer-vanishing-1280-dark.png` });
      await scrollTo(page, '#demo-approximation');
      await page.waitForTimeout(1000);
      await page.locator('#demo-approximation').screenshot({ path: `${h.RESULTS}/explainer-approx-1280-dark.png` });
      await scrollTo(page, '#code');
      await page.waitForTimeout(100);
      await h.screenshot(page, 'explainer-code-1280-dark.png');
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });

  test('375 wide: no horizontal scroll, the panel mid-backward, the whole page', async () => {
    const viewport = { width: 375, height: 740 };
    const { page, log, context } = await openExplainer(h.fileUrl('index.html'), { viewport, deviceScaleFactor: 2 });
    try {
      for (let i = 0; i < 6; i++) await page.click('#step-phase');
      await page.waitForTimeout(100);
      await page.locator('#panel').screenshot({ path: `${h.RESULTS}/explainer-backward-375.png` });
      await scrollTo(page, '#demo-vanishing');
      await page.waitForTimeout(1000);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `page width ${width} <= ${viewport.width}`);
      // At CSS scale (1x), the page's full length stays a reasonable image.
      await page.screenshot({ path: `${h.RESULTS}/explainer-375-full.png`, fullPage: true, scale: 'css' });
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });
});
