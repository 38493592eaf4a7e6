/* page.test.js: index.html in headless Chromium, opened from disk and from
   the project's server: a clean console, no request to any other host, the
   initial readout, training, Step, Reset, the region's colours, and the
   layout (no horizontal scroll, sharp canvases, light and dark) with
   screenshots. Keyboard use is in page-keyboard.test.js, the frame loop's
   accounting in page-frame-loop.test.js. */
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
