// Lessons on the live panel (web/js/lessons/), and Play stopping at the
// link's epochs=N. The lessons are content/lessons/*.json, built into
// web/build/lessons.mjs.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');

const env = h.useBrowserAndServer({ before, after });
const app = (page, fn, arg) => page.evaluate(fn, arg);
const lesson = (page) => app(page, () => window.mlpDebug.app.lesson);
const ready = (page) => page.waitForFunction(() => window.mlpDebug && window.mlpDebug.app.ready === true);

describe('lessons', () => {
  let lessons;
  before(async () => { lessons = (await import('../../web/build/lessons.mjs')).default; });

  test('the menu lists every lesson; its first link opens step 1 on the panel it describes', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('index.html'));
    try {
      await ready(page);
      assert.equal(await page.isVisible('#lesson'), false, 'no lesson card on the default page');
      assert.equal(await page.locator('#lessons-list a').count(), lessons.length);
      assert.ok(lessons.length >= 5, `${lessons.length} lessons`);
      await page.click('#lessons-menu summary');
      await page.click('#lessons-list a >> nth=0');
      await page.waitForFunction(() => window.mlpDebug.app.lesson !== null);
      assert.deepEqual(await lesson(page), { id: lessons[0].id, step: 1, met: false });
      assert.equal(await page.textContent('#lesson-progress'), `Step 1 of ${lessons[0].steps.length}`);
      assert.equal(await page.textContent('#lesson-text'), lessons[0].steps[0].text);
      assert.match(await page.evaluate(() => location.hash), new RegExp(`&lesson=${lessons[0].id}&step=1$`));
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });

  test('a task is checked live: architecture step 1 is met once accuracy reaches 95%, then Next sets up step 2', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#lesson=architecture&step=1'));
    try {
      await ready(page);
      assert.equal(await page.textContent('#lesson-task'), 'Task: Train until the network classifies at least 95% of the points correctly.');
      await app(page, () => window.mlpDebug.app.advance(40));
      await page.waitForTimeout(400);
      assert.equal((await lesson(page)).met, false, 'at 40 epochs the accuracy is below 95%');
      await app(page, () => window.mlpDebug.app.advance(200));
      await page.waitForFunction(() => window.mlpDebug.app.lesson.met === true, null, { timeout: 5000 });
      assert.match(await page.textContent('#lesson-task'), /^Done: /);
      assert.equal(await page.textContent('#lesson-announce'), 'Task done: Train until the network classifies at least 95% of the points correctly.');
      await page.click('#lesson-next');
      await page.waitForFunction(() => window.mlpDebug.app.lesson.step === 2);
      const s = await app(page, () => ({ layers: window.mlpDebug.app.network.layers, epoch: window.mlpDebug.app.state().epoch }));
      assert.deepEqual(s, { layers: [2, 1, 4], epoch: 0 });
      assert.match(await page.evaluate(() => location.hash), /hidden=1&.*lesson=architecture&step=2/);
      assert.equal(await page.isDisabled('#lesson-prev'), false);
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });

  test('a step with the same settings as the last still starts from a new network', async () => {
    const { page, context } = await h.open(env.browser, h.fileUrl('embed.html', '#lesson=backprop&step=1'));
    try {
      await ready(page);
      for (let i = 0; i < 3; i++) await page.click('#step-phase');
      await page.click('#step');
      assert.equal((await app(page, () => window.mlpDebug.app.state())).epoch, 1);
      await page.click('#lesson-next');
      await page.waitForFunction(() => window.mlpDebug.app.lesson.step === 2);
      const s = await app(page, () => window.mlpDebug.app.state());
      assert.deepEqual([s.epoch, s.phase, s.phaseMode], [0, 'init', false]);
    } finally { await context.close(); }
  });

  test('Leave keeps the settings and drops the lesson; an unknown lesson is named in the notice', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#lesson=softmax&step=2'));
    try {
      await ready(page);
      await page.click('#lesson-leave');
      await page.waitForFunction(() => window.mlpDebug.app.lesson === null);
      assert.equal(await page.isVisible('#lesson'), false);
      assert.equal(await page.evaluate(() => location.hash), '#activation=sigmoid&hidden=4&lr=1&seed=2369&speed=10');
      await page.evaluate(() => { location.hash = '#lesson=no-such-lesson'; });
      await page.waitForSelector('#hash-notice', { state: 'visible' });
      assert.match(await page.textContent('#hash-notice'), /lesson must be the id of a lesson: architecture, sigmoid, .*, got "no-such-lesson"; using none/);
      assert.equal(await page.isVisible('#lesson'), false);
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });
});

describe('epochs=N: Play stops by itself', () => {
  test('epochs=150 at 20 epochs/frame stops at exactly 150 and says so; Play stays stopped until the setting changes', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#epochs=150&speed=20'));
    try {
      await ready(page);
      await page.click('#play');
      await page.waitForFunction(() => !window.mlpDebug.app.state().playing, null, { timeout: 15000 });
      assert.equal((await app(page, () => window.mlpDebug.app.state())).epoch, 150);
      assert.equal(await page.textContent('#play-label'), 'Play');
      const said = /^Stopped at epoch 150: loss = \d\.\d{3}, accuracy \d+%: the epochs setting stops training at epoch 150; set it higher, or to 0 for no limit, to train on\.$/;
      assert.match(await page.textContent('#narration'), said);
      await page.click('#play');
      await page.waitForTimeout(300);
      const s = await app(page, () => window.mlpDebug.app.state());
      assert.deepEqual([s.epoch, s.playing], [150, false], 'Play at the stop epoch trains nothing');
      await page.evaluate(() => { location.hash = location.hash.replace('epochs=150', 'epochs=400'); });
      await page.waitForFunction(() => window.mlpDebug.app.state().settings.epochs === 400);
      assert.equal((await app(page, () => window.mlpDebug.app.state())).epoch, 150, 'the stop epoch is a view setting: the run goes on');
      await page.click('#play');
      await page.waitForFunction(() => !window.mlpDebug.app.state().playing, null, { timeout: 15000 });
      assert.equal((await app(page, () => window.mlpDebug.app.state())).epoch, 400);
      assert.deepEqual(h.problems(log), []);
    } finally { await context.close(); }
  });
});
