// Compare mode (web/js/compare/compare.js): compare=<key>:<value> trains a
// second network beside the panel's, on the same data and clock.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');
const { createNetwork, restoreNetwork } = require('../..');

const env = h.useBrowserAndServer({ before, after });
const ready = (page) => page.waitForFunction(() => window.mlpDebug && window.mlpDebug.app.ready === true);
const both = (page) => page.evaluate(() => {
  const a = window.mlpDebug.app.network, b = window.mlpDebug.app.compareNetwork;
  return { main: { epoch: a.epoch, loss: a.loss, layers: a.layers, params: Array.from(a.getParams()) },
    other: b && { epoch: b.epoch, loss: b.loss, layers: b.layers, params: Array.from(b.getParams()), activation: b.activation } };
});

describe('compare mode', () => {
  test('compare=activation:relu: the same initial weights, the loss of a ReLU panel at epoch 0, and the same epochs while playing', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#speed=5&compare=activation:relu'));
    try {
      await ready(page);
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork !== null);
      const s = await both(page);
      assert.equal(s.other.activation, 'relu');
      assert.deepEqual(s.other.layers, [2, 4, 4]);
      assert.deepEqual(s.other.params, s.main.params, 'same initial weights');
      const single = await createNetwork({ layers: [2, 4, 4], activation: 'relu', learningRate: 0.1, seed: 2369 });
      assert.equal(s.other.loss, single.loss, 'the loss of a single panel with activation=relu');
      single.destroy();
      assert.equal(await page.textContent('#compare-title'), 'Compare: activation = relu, same initial weights');
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.state().epoch >= 200, null, { timeout: 20000 });
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork.epoch === window.mlpDebug.app.network.epoch, null, { timeout: 5000 });
      const t = await both(page);
      assert.equal(t.other.epoch, t.main.epoch, `both at epoch ${t.main.epoch}`);
      assert.ok(t.other.loss < t.main.loss, `ReLU ${t.other.loss.toFixed(3)} below sigmoid ${t.main.loss.toFixed(3)} at epoch ${t.main.epoch}`);
      assert.match(await page.textContent('#compare-line'), new RegExp(`^Epoch ${t.main.epoch}: loss = \\d\\.\\d{3}, accuracy \\d+%$`));
      assert.match(await page.getAttribute('#loss', 'aria-label'), /; compared network \(activation = relu\) \d\.\d{3}\.$/);
      await h.screenshot(page, 'compare-relu.png');
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });

  test('a different shape (hidden:8) trains from its own weights; an invalid compare is named in the notice; clearing it hides the second panel', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#compare=hidden:8'));
    try {
      await ready(page);
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork !== null);
      const s = await both(page);
      assert.deepEqual(s.other.layers, [2, 8, 4]);
      assert.equal(await page.textContent('#compare-title'), 'Compare: hidden = 8');
      await page.evaluate(() => { location.hash = '#compare=speed:5'; });
      await page.waitForSelector('#hash-notice', { state: 'visible' });
      assert.match(await page.textContent('#hash-notice'), /compare must be key:value, a setting of the run and a value it allows \(e\.g\. activation:relu\), got "speed:5"; using none/);
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork === null);
      assert.equal(await page.isVisible('#compare'), false);
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });

  test('8 x 64 beside 8 x 64: the compare network follows in slices of phases while playing, catches up at Pause, and its weights are those of step', async () => {
    const big = 'activation=relu&lr=0.01&layers=64,64,64,64,64,64,64,64&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2';
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', `#${big}&speed=500&compare=activation:tanh`));
    try {
      await ready(page);
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork !== null);
      const run0 = await page.evaluate(() => {
        const b = window.mlpDebug.app.compareNetwork;
        window.compareSlices = 0;
        const stepPhases = b.stepPhases.bind(b);
        b.stepPhases = (...args) => { window.compareSlices++; return stepPhases(...args); };
        return JSON.stringify(b);
      });
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.state().epoch >= 8, null, { timeout: 30000 });
      const during = await page.evaluate(() => ({ main: window.mlpDebug.app.network.epoch, other: window.mlpDebug.app.compareNetwork.epoch }));
      assert.ok(during.main - during.other <= 2, `while playing the panel (${during.main}) stays within 2 epochs of the compare network (${during.other})`);
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork.epoch === window.mlpDebug.app.network.epoch, null, { timeout: 10000 });
      const t = await page.evaluate(() => {
        const b = window.mlpDebug.app.compareNetwork;
        return { epoch: b.epoch, underWay: b.epochUnderWay, params: Array.from(b.getParams()), slices: window.compareSlices };
      });
      assert.ok(t.slices >= 1, `${t.slices} slices of phases`);
      assert.equal(t.underWay, false, 'paused at an epoch\'s end');
      const ref = await restoreNetwork(JSON.parse(run0));
      assert.equal(ref.activation, 'tanh');
      ref.step(t.epoch);
      const refParams = ref.getParams();
      assert.equal(t.params.length, refParams.length);
      const differ = t.params.filter((v, i) => !Object.is(v, refParams[i])).length;
      assert.equal(differ, 0, `${differ} of ${t.params.length} parameters differ from step(${t.epoch})`);
      ref.destroy();
      assert.match(await page.textContent('#compare-line'), new RegExp(`^Epoch ${t.epoch}: loss = \\d\\.\\d{3}, accuracy \\d+%$`));
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });

  test('a compare network far heavier than the panel\'s (2-4-4 beside 64 x 3): the panel waits for it, so Pause has no backlog to catch up', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#speed=500&compare=layers:64,64,64'));
    try {
      await ready(page);
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork !== null);
      assert.deepEqual(await page.evaluate(() => window.mlpDebug.app.compareNetwork.layers), [2, 64, 64, 64, 4]);
      await page.click('#play');
      const gaps = [];
      for (let i = 0; i < 6; i++) {
        await page.waitForTimeout(250);
        gaps.push(await page.evaluate(() => window.mlpDebug.app.network.epoch - window.mlpDebug.app.compareNetwork.epoch));
      }
      const main = await page.evaluate(() => window.mlpDebug.app.network.epoch);
      assert.ok(main >= 10, `the panel trained ${main} epochs`);
      assert.ok(gaps.every((g) => g >= -2 && g <= 2), `the panel's lead over the compare network every 250 ms: ${gaps.join(' ')} (at most 2)`);
      assert.match(await page.textContent('#speed-out'), /^500 epochs\/frame \(≈[\d.,]+ reached\)$/, 'the speed says the rate reached');
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.compareNetwork.epoch === window.mlpDebug.app.network.epoch, null, { timeout: 3000 });
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });
});

