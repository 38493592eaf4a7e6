/* losschart.test.js: the loss chart stays readable and cheap from 10 to
   100,000 epochs: a bounded number of buckets, a drawing time that does not
   grow with the epochs, the ln 4 reference, and the log scale. */
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');
const { createNetwork } = require('../../index.js');

let browser, page, context, log;
before(async () => {
  browser = await h.launch();
  ({ page, context, log } = await h.open(browser, h.fileUrl('index.html'), { viewport: { width: 1280, height: 800 } }));
});
after(async () => {
  await context.close();
  await browser.close();
});

const state = () => page.evaluate(() => window.mlpDebug.app.state());
/* Mean time of one redraw, timed over 100 (the clock ticks in 0.1 ms). */
const drawTime = () => page.evaluate(() => window.mlpDebug.app.timeLossDraw(100));
const lossShot = async (name) => {
  await page.evaluate(() => document.querySelector('.view-loss').scrollIntoView({ behavior: 'instant' }));
  await page.waitForTimeout(100);
  await (await page.$('.view-loss')).screenshot({ path: require('path').join(h.RESULTS, name) });
};

let t10;

test('10 epochs: one bucket per epoch, each sample marked', async () => {
  for (let i = 0; i < 10; i++) await page.click('#step');
  const s = await state();
  assert.equal(s.epoch, 10);
  assert.deepEqual(s.history, { count: 11, width: 1 });
  t10 = await drawTime();
  require('fs').mkdirSync(h.RESULTS, { recursive: true });
  await lossShot('loss-10-epochs.png');
});

// The drawing cost follows the bucket count, which stays within 256..512
// however long the run: that is what is asserted; times are reported.
test('100,000 epochs: at most 512 buckets, as at 10,000, so drawing costs no more', async (t) => {
  await page.evaluate(() => window.mlpDebug.app.advance(9990));
  const s10k = await state();
  assert.equal(s10k.epoch, 10000);
  assert.ok(s10k.history.count <= 512, `${s10k.history.count} buckets at 10,000 epochs`);
  const t10k = await drawTime();
  await page.evaluate(() => window.mlpDebug.app.advance(90000));
  const s = await state();
  assert.equal(s.epoch, 100000);
  assert.ok(s.history.count <= 512 && s.history.count >= 256, `${s.history.count} buckets`);
  assert.ok(s.history.width >= 128, `${s.history.width} epochs per bucket`);
  const t100k = await drawTime();
  t.diagnostic(`loss chart draw: ${t10.toFixed(3)} ms at 10 epochs, ${t10k.toFixed(3)} ms at 10,000 (${s10k.history.count} buckets), ` +
    `${t100k.toFixed(3)} ms at 100,000 (${s.history.count} buckets of ${s.history.width} epochs)`);
  await page.waitForTimeout(100);
  await lossShot('loss-100000-epochs.png');
  // The page's default network (2 -> 4 -> 4 sigmoid, lr 0.1, seed 2369), in Node.
  const net = await createNetwork({ layers: [2, 4, 4], activation: 'sigmoid', learningRate: 0.1, seed: 2369 });
  const initial = net.loss.toFixed(3);
  net.destroy();
  const label = await page.getAttribute('#loss', 'aria-label');
  assert.ok(label.startsWith(`Loss curve: ${initial} at epoch 0, `), `"${label}" starts with the initial loss ${initial}`);
  assert.match(label, /^Loss curve: \d\.\d{3} at epoch 0, (0\.\d{3}|\d\.\d\d·10⁻[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?) at epoch 100000, lowest (0\.\d{3}|\d\.\d\d·10⁻[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?); dashed reference ln 4 = 1\.386\.$/);
});

test('log scale on request: the checkbox redraws and is kept in the hash', async (t) => {
  await page.check('#log-scale');
  await page.waitForTimeout(100);
  assert.match(await page.evaluate(() => location.hash), /&log=1$/);
  assert.match(await page.getAttribute('#loss', 'aria-label'), /^Loss curve on a log scale:/);
  await lossShot('loss-100000-epochs-log.png');
  t.diagnostic(`log-scale draw ${(await drawTime()).toFixed(3)} ms`);
  assert.deepEqual(h.problems(log), []);
});
