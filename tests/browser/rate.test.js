/* rate.test.js: the rate line of index.html ("≈N epochs/s" under the speed
   while playing): its figure agrees with the epochs the page really trained,
   it clears on Pause, and the embed does not show it (kit.css). */
'use strict';
const { test, describe, after, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');

const env = h.useBrowserAndServer();
const RATE = /^≈([\d,]+) epochs\/s$/;

describe('the rate line', () => {
  let page, context, log;
  before(async () => {
    ({ page, context, log } = await h.open(env.browser, `${env.server.origin}/index.html#speed=500`));
  });
  after(() => context.close());

  test('empty before Play; while playing its figure is within 2x of the epochs counted over 2 s; empty after Pause', async () => {
    assert.equal(await page.textContent('#rate-out'), '');
    await page.click('#play');
    assert.equal(await page.isVisible('#rate-out'), true);
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('rate-out').textContent), RATE.source);
    const e0 = await page.evaluate(() => [window.mlpDebug.app.state().epoch, performance.now()]);
    await page.waitForTimeout(2000);
    const [e1, text] = await page.evaluate(() => [[window.mlpDebug.app.state().epoch, performance.now()], document.getElementById('rate-out').textContent]);
    const counted = (e1[0] - e0[0]) * 1000 / (e1[1] - e0[1]);
    const shown = Number(RATE.exec(text)[1].replace(/,/g, ''));
    assert.ok(counted > 0, `epochs ${e0[0]} -> ${e1[0]}`);
    assert.ok(shown > counted / 2 && shown < counted * 2, `shown ${shown} epochs/s, counted ${counted.toFixed(0)} epochs/s`);
    await page.click('#play');
    assert.equal(await page.textContent('#rate-out'), '');
    assert.deepEqual(h.problems(log), []);
  });

  test('the embed does not show it', async () => {
    const e = await h.open(env.browser, `${env.server.origin}/embed.html#speed=500`);
    try {
      await e.page.click('#play');
      await e.page.waitForFunction(() => window.mlpDebug.app.state().epoch > 1000);
      assert.equal(await e.page.isVisible('#rate-out'), false);
      assert.equal(await e.page.evaluate(() => document.getElementById('rate-out').getBoundingClientRect().height), 0);
      assert.deepEqual(h.problems(e.log), []);
    } finally { await e.context.close(); }
  });

  test('8 x 64 (one epoch longer than a frame\'s budget) trains in slices: the epoch advances, Pause ends at an epoch\'s end, the readout shows it', async () => {
    const big = 'activation=relu&lr=0.01&layers=64,64,64,64,64,64,64,64&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&speed=500';
    const e = await h.open(env.browser, `${env.server.origin}/index.html#${big}`);
    try {
      assert.equal(await e.page.evaluate(() => window.mlpDebug.app.state().settings.layers.length), 8);
      await e.page.click('#play');
      await e.page.waitForFunction(() => window.mlpDebug.app.state().epoch >= 5, null, { timeout: 30000 });
      await e.page.click('#play');
      const s = await e.page.evaluate(() => window.mlpDebug.app.state());
      assert.equal(s.playing, false);
      assert.equal(s.phase, 'update', 'paused after an epoch\'s last phase, not part-way');
      assert.equal(await e.page.textContent('#ro-epoch'), String(s.epoch));
      assert.equal(await e.page.textContent('#ro-phase'), 'update');
      assert.equal(await e.page.textContent('#ro-loss'), s.loss.toFixed(3));
      assert.deepEqual(h.problems(e.log), []);
    } finally {
      await e.context.close();
    }
  });
});
