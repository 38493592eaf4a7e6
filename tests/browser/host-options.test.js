/* host-options.test.js: the embedded panel's options in a course page of
   another origin (host-common.js): the show / hide / controls / theme keys,
   theme changed through configure; docs/course-page.html's example driving a
   sandboxed panel; and index.html: the Embed box's snippet working when
   pasted into a course page, display formulas' scroll shadows at 375 px,
   and the narration saying the paused epoch at once. */
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');
const { SANDBOX, HOST_SCRIPT, useCourseHost, cmd, send, state } = require('./host-common.js');

const env = h.useBrowserAndServer();
const { host, openCourse } = useCourseHost(env);

describe('show, hide, controls and theme', () => {
  test('show=region,loss&theme=light on a dark OS: only those views, light canvases', async () => {
    const { context, tab, frame, log } = await openCourse({ sandbox: SANDBOX, hash: '#show=region,loss&theme=light', colorScheme: 'dark', width: 1280 });
    try {
      const visible = await frame.evaluate(() => Object.fromEntries(
        ['.embed-header h1', '#panel .controls', '#readout', '#panel .view-diagram', '#panel .view-region', '#panel .view-loss', '#open-full']
          .map((sel) => [sel, getComputedStyle(document.querySelector(sel)).display !== 'none'])));
      assert.deepEqual(visible, {
        '.embed-header h1': false, '#panel .controls': false, '#readout': false, '#panel .view-diagram': false,
        '#panel .view-region': true, '#panel .view-loss': true, '#open-full': true,
      });
      assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
      assert.deepEqual(await frame.evaluate(() => window.mlpDebug.app.background()), [255, 255, 255]);
      await frame.waitForFunction(() => window.mlpDebug.app.state().refined, null, { timeout: 10000 });
      const px = await frame.evaluate(() => {
        const c = document.getElementById('loss');
        return Array.from(c.getContext('2d').getImageData(2, 2, 1, 1).data);
      });
      assert.deepEqual(px.slice(0, 3), [255, 255, 255], 'the loss chart is drawn on the light background');
      // The two views share the row.
      const boxes = await frame.evaluate(() => ['#panel .view-region', '#panel .view-loss'].map((s) => document.querySelector(s).getBoundingClientRect().top));
      assert.equal(Math.round(boxes[0]), Math.round(boxes[1]));
      await tab.waitForTimeout(300);
      await h.screenshot(tab, 'host-show-region-loss-light-on-dark.png', { fullPage: true });
      assert.deepEqual(log, []);
    } finally {
      await context.close();
    }
  });

  test('theme=dark on a light OS, and back to auto through configure', async () => {
    const { context, tab, frame } = await openCourse({ hash: '#theme=dark', width: 768 });
    try {
      assert.deepEqual(await frame.evaluate(() => window.mlpDebug.app.background()), [17, 20, 24]);
      const px = await frame.evaluate(() => Array.from(document.getElementById('loss').getContext('2d').getImageData(2, 2, 1, 1).data));
      assert.deepEqual(px.slice(0, 3), [17, 20, 24], 'the loss chart is drawn dark');
      await h.screenshot(tab, 'host-theme-dark-768.png');
      await send(tab, cmd('configure', { settings: { theme: 'auto' } }));
      await frame.waitForFunction(() => window.mlpDebug.app.background()[0] === 255, null, { timeout: 5000 });
      await frame.waitForFunction(() => document.getElementById('loss').getContext('2d').getImageData(2, 2, 1, 1).data[0] === 255, null, { timeout: 5000 });
    } finally {
      await context.close();
    }
  });

  test('hide=controls,narration and controls=play,step,reset', async () => {
    const { context, frame } = await openCourse({ hash: '#hide=narration&controls=play,step,reset,log', width: 768 });
    try {
      const shown = (sel) => frame.evaluate((s) => { const e = document.querySelector(s); return !!e && !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length); }, sel);
      for (const sel of ['#play', '#step', '#reset', '#log-scale', '.readout-values', '#diagram']) assert.equal(await shown(sel), true, `${sel} shown`);
      for (const sel of ['#step-phase', '#new-seed', '#speed', '#lr', '#activation', '#hidden', '#seed', '#point', '#narration', '#panel .fields']) {
        assert.equal(await shown(sel), false, `${sel} hidden`);
      }
      assert.equal(await frame.textContent('#narration-live') !== null, true, 'the screen reader still hears the narration');
      await frame.evaluate(() => { location.hash = '#hide=controls,narration'; });
      await frame.waitForFunction(() => getComputedStyle(document.querySelector('#panel .controls')).display === 'none', null, { timeout: 5000 });
      assert.equal(await shown('#readout'), true);
    } finally {
      await context.close();
    }
  });
});

describe('docs/course-page.html', () => {
  test('the example course page grows the sandboxed panel and its buttons drive it', async () => {
    const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
    try {
      const tab = await context.newPage();
      const log = [];
      tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(m.text()); });
      tab.on('pageerror', (e) => log.push(String(e)));
      await tab.goto(`${host.origin}/course-page.html`);
      await tab.waitForFunction(() => !document.getElementById('train50').disabled, null, { timeout: 20000 });
      await tab.click('#train50');
      await tab.waitForFunction(() => /^Epoch 50: loss /.test(document.getElementById('progress').textContent), null, { timeout: 10000 });
      const frame = tab.frames().find((f) => f.url().startsWith(env.server.origin));
      assert.equal((await state(frame)).epoch, 50);
      await tab.waitForFunction(() => document.querySelector('iframe.mlp-panel').style.height !== '', null, { timeout: 10000 });
      const inner = await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
      assert.ok(inner <= 0, 'no scrollbar inside the frame');
      await tab.click('#start-over');
      await tab.waitForFunction(() => /^Epoch 0: loss 1\.386/.test(document.getElementById('progress').textContent), null, { timeout: 10000 });
      await tab.evaluate(() => scrollTo(0, 0));
      await tab.waitForTimeout(300);
      await h.screenshot(tab, 'course-page.png'); // the viewport: full-page captures of a cross-origin frame are unreliable
      assert.deepEqual(log, []);
    } finally {
      await context.close();
    }
  });
});

describe('index.html', () => {
  test('the Embed box writes the snippet for the settings on screen; pasted into a course page it works', async () => {
    const { page, context, log } = await h.open(env.browser, `${env.server.origin}/index.html#hidden=6&seed=7`, { viewport: { width: 1280, height: 900 } });
    let code;
    try {
      await page.click('#embed-tool summary');
      await page.uncheck('#embed-part-diagram');
      await page.selectOption('#embed-theme', 'light');
      code = await page.inputValue('#embed-code');
      assert.match(code, new RegExp(`^<iframe src="${env.server.origin}/embed\\.html#activation=sigmoid&amp;hidden=6&amp;lr=0\\.1&amp;seed=7&amp;speed=1&amp;show=title,controls,readout,narration,region,loss&amp;theme=light"`));
      assert.ok(code.includes(HOST_SCRIPT), 'the same host script as the README');
      await page.selectOption('#lr', '0.3');
      await page.waitForFunction(() => document.getElementById('embed-code').value.includes('lr=0.3'));
      code = await page.inputValue('#embed-code');
      await page.click('#embed-copy');
      await page.waitForFunction(() => document.getElementById('embed-status').textContent !== '');
      await h.screenshot(page, 'index-embed-box.png', { clip: await page.locator('#embed-tool').boundingBox() });
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
    const context2 = await env.browser.newContext({ viewport: { width: 768, height: 900 } });
    try {
      const tab = await context2.newPage();
      await tab.goto(`${host.origin}/sibling`);
      await tab.setContent(`<!DOCTYPE html><title>Course</title><h1>Week 4</h1>${code.replace(/&amp;/g, '&')}`);
      const frameEl = await tab.waitForSelector('iframe.mlp-panel');
      const frame = await frameEl.contentFrame();
      await frame.waitForFunction(() => window.mlpDebug && window.mlpDebug.app.ready, null, { timeout: 15000 });
      assert.deepEqual(await frame.evaluate(() => [window.mlpDebug.app.state().settings.hidden, window.mlpDebug.app.state().settings.lr]), [6, 0.3]);
      await tab.waitForFunction(() => document.querySelector('iframe.mlp-panel').style.height !== '', null, { timeout: 10000 });
      await tab.waitForTimeout(300);
      const inner = await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
      assert.ok(inner <= 0, `no inner scrollbar (${inner})`);
    } finally {
      await context2.close();
    }
  });

  test('at 375 px the display formulas wider than the column show scroll shadows', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('index.html'), { viewport: { width: 375, height: 800 } });
    try {
      const wide = await page.evaluate(() => Array.from(document.querySelectorAll('#mathematics .ex-formula'))
        .filter((e) => e.scrollWidth > e.clientWidth)
        .map((e) => ({ name: e.dataset.formula, overflow: getComputedStyle(e).overflowX, attach: getComputedStyle(e).backgroundAttachment })));
      assert.ok(wide.length >= 1, 'some formulas are wider than the column at 375 px');
      for (const f of wide) {
        assert.equal(f.overflow, 'auto', `${f.name} scrolls`);
        assert.equal(f.attach, 'local, local, scroll, scroll', `${f.name}: covers scroll with it, shadows stay at the edges`);
      }
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });

  test('the narration beside the readout says the paused epoch at once', async () => {
    const { page, context } = await h.open(env.browser, h.fileUrl('index.html', '#speed=20'));
    try {
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.state().epoch > 300, null, { timeout: 10000 });
      await page.click('#play');
      const r = await h.readout(page);
      assert.match(r.narration, new RegExp(`^Paused at epoch ${r.epoch}: loss = ${r.loss.replace('.', '\\.')}, `));
    } finally {
      await context.close();
    }
  });
});
