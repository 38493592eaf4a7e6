// The Code follows the panel's network: the update rule, the weight penalty
// and the feature map in use are the C shown (content/code-steps.js `when`).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');

const env = h.useBrowserAndServer({ before, after });

/* The captions ("src/optim.c, lines a-b") of the visible C snippets of step `id`. */
function shown(page, number) {
  return page.evaluate((n) => [...document.querySelectorAll(`#code .ex-step[data-step="${n - 1}"] .ex-show-c .ex-snippet`)]
    .filter((f) => !f.hidden).map((f) => f.querySelector('figcaption').textContent.split(',')[0]), number);
}

test('the seed\'s network shows plain gradient descent; Adam, L2 and features bring in their own C', async () => {
  const { page, context, log } = await h.open(env.browser, h.fileUrl('index.html'));
  try {
    await page.waitForFunction(() => window.mlpDebug && window.mlpDebug.app.ready === true);
    assert.deepEqual(await shown(page, 8), ['src/train.c'], 'step 8: the update loop of train.c');
    assert.deepEqual(await shown(page, 7), ['src/train.c', 'src/layers.c', 'src/layers.c'], 'step 7: no penalty');
    assert.equal((await shown(page, 2)).includes('src/features.c'), false, 'step 2: the raw inputs');
    await page.evaluate(() => { location.hash = '#optimizer=adam&reg=l2&regRate=0.01&features=x1,x2,x1sq'; });
    await page.waitForFunction(() => window.mlpDebug.app.network.optimizer === 'adam');
    assert.deepEqual(await shown(page, 8), ['src/optim.c'], 'step 8: the momentum and Adam rule');
    assert.deepEqual(await shown(page, 7), ['src/train.c', 'src/layers.c', 'src/layers.c', 'src/optim.c'], 'step 7: the penalty');
    assert.equal((await shown(page, 2)).at(-1), 'src/features.c', 'step 2: the feature map');
    const code = await page.evaluate(() => [...document.querySelectorAll('#code .ex-step[data-step="7"] .ex-snippet')]
      .find((f) => !f.hidden).textContent);
    assert.match(code, /sqrt\(\*v \/ c2\) \+ d->epsilon/, 'Adam\'s update, verbatim from src/optim.c');
    await page.evaluate(() => { location.hash = '#optimizer=sgd'; });
    await page.waitForFunction(() => window.mlpDebug.app.network.optimizer === 'sgd');
    assert.deepEqual(await shown(page, 8), ['src/train.c']);
    assert.deepEqual(h.problems(log), []);
  } finally { await context.close(); }
});
