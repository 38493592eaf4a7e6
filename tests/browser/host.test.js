/* host.test.js: the panel in a course page of another origin, as a teacher
   embeds it with the README's snippet (its iframe and host script), with
   and without sandbox="allow-scripts": the ready and height messages, the
   frame grown to its content at 375, 768 and 1280 px, every command and
   event of the host protocol, malformed commands answered with an error
   naming the field, commands from a sibling frame ignored, the show / hide
   / controls / theme keys, "Open the full explainer" in a sandbox, the
   narration after Pause, and index.html's Embed box. The course page is
   served by a second server on another port (another origin). */
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const path = require('path');
const h = require('./helper.js');

const env = h.useBrowserAndServer();
const SANDBOX = 'allow-scripts';

/* The README's snippet: its iframe (attributes after src) and its host script. */
const README = fs.readFileSync(path.join(h.ROOT, 'README.md'), 'utf8');
const SNIPPET = /```html\n([\s\S]*?)```/.exec(README.slice(README.indexOf('<!-- embed-snippet')))[1];
const IFRAME = /<iframe[\s\S]*?<\/iframe>/.exec(SNIPPET)[0];
const HOST_SCRIPT = /<script>[\s\S]*?<\/script>/.exec(SNIPPET)[0];

/* The course page: the README's iframe pointing at the panel's server with
   `hash`, sandboxed as asked, a sibling frame of the course page's own
   origin, a recorder of the panel's messages, and the README's host script. */
function coursePage(panelOrigin, { hash = '', sandbox = null, page = 'embed.html' } = {}) {
  let iframe = IFRAME.replace(/src="mlp-explainer\/embed\.html#[^"]*"/, `src="${panelOrigin}/${page}${hash}"`)
    .replace(/\s*sandbox="[^"]*"/, '').replace(/\s*loading="lazy"/, '');
  if (sandbox !== null) iframe = iframe.replace('<iframe ', `<iframe sandbox="${sandbox}" `);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Week 3</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Week 3: how a network learns</h1><p>Press Play and watch the regions form.</p>
${iframe}
<iframe id="sibling" src="/sibling" title="Another widget" width="40" height="40"></iframe>
<p>The end of the course page.</p>
<script>
window.got = [];
addEventListener('message', function (e) {
  if (e.source === document.querySelector('iframe.mlp-panel').contentWindow) got.push(e.data);
});
window.send = function (m) { document.querySelector('iframe.mlp-panel').contentWindow.postMessage(m, '*'); };
</script>
${HOST_SCRIPT}
</body></html>`;
}

let host = null;
before(async () => {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    if (url.pathname === '/sibling') { res.end('<!DOCTYPE html><title>sibling</title><p>widget</p>'); return; }
    if (url.pathname === '/course-page.html') { // docs' example, pointed at the panel's server
      res.end(fs.readFileSync(path.join(h.ROOT, 'docs', 'course-page.html'), 'utf8').replace('src="../web/', () => `src="${env.server.origin}/`));
      return;
    }
    const sb = url.searchParams.get('sandbox');
    res.end(coursePage(env.server.origin, { hash: url.searchParams.get('hash') || '', sandbox: sb, page: url.searchParams.get('page') || 'embed.html' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
});
after(async () => { if (host) await host.close(); });

const PROTOCOL = { protocol: 'mlp-explainer', version: 1 };
const cmd = (type, fields = {}) => Object.assign({}, PROTOCOL, { type }, fields);

/* Opens the course page; resolves when the panel said ready. */
async function openCourse({ hash = '', sandbox = null, width = 1280, height = 900, colorScheme = 'light', page = 'embed.html' } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, colorScheme });
  const tab = await context.newPage();
  const log = [];
  tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`${m.type()}: ${m.text()}`); });
  tab.on('pageerror', (e) => log.push(String(e)));
  const q = new URLSearchParams({ hash });
  if (sandbox !== null) q.set('sandbox', sandbox);
  if (page !== 'embed.html') q.set('page', page);
  await tab.goto(`${host.origin}/?${q}`);
  await tab.waitForFunction(() => window.got.some((m) => m.type === 'ready'), null, { timeout: 20000 });
  const frame = tab.frames().find((f) => f.url().startsWith(env.server.origin));
  assert.ok(frame, 'the panel frame');
  return { context, tab, frame, log };
}

const got = (tab) => tab.evaluate(() => window.got);
const send = (tab, m) => tab.evaluate((msg) => window.send(msg), m);
/* Waits for a message from the panel matching pred (source text, m -> bool), sent after `from`. */
async function waitFor(tab, pred, from = 0, timeout = 10000) {
  const handle = await tab.waitForFunction(({ pred, from }) => {
    const fn = new Function('m', `return (${pred})(m);`);
    return window.got.slice(from).find((m) => fn(m)) || false;
  }, { pred: pred.toString(), from }, { timeout });
  return handle.jsonValue();
}
const count = async (tab) => (await got(tab)).length;
const state = (frame) => frame.evaluate(() => window.mlpDebug.app.state());

for (const sandbox of [null, SANDBOX]) {
  const label = sandbox ? `sandbox="${sandbox}"` : 'no sandbox';
  describe(`a course page of another origin, ${label}`, () => {
    test('ready, then the height; the host script grows the frame to it: no inner scrollbar at 375, 768 and 1280 px', async () => {
      for (const width of [375, 768, 1280]) {
        const { context, tab, frame, log } = await openCourse({ sandbox, width });
        try {
          const msgs = await got(tab);
          const ready = msgs.find((m) => m.type === 'ready');
          assert.equal(ready.protocol, 'mlp-explainer');
          assert.equal(ready.version, 1);
          assert.match(ready.hash, /^#activation=sigmoid&hidden=4&lr=0\.1&seed=2369&speed=1/);
          assert.ok(msgs.every((m) => m.protocol === 'mlp-explainer' && m.version === 1), 'every message names the protocol and version');
          // The frame settles at the panel's last reported height.
          await tab.waitForFunction(() => {
            const hs = window.got.filter((m) => m.type === 'height');
            const f = document.querySelector('iframe.mlp-panel');
            return hs.length && f.clientHeight === hs[hs.length - 1].height;
          }, null, { timeout: 10000 });
          await tab.waitForTimeout(300);
          const last = (await got(tab)).filter((m) => m.type === 'height').pop().height;
          const inner = await frame.evaluate(() => ({
            scrollH: document.documentElement.scrollHeight, clientH: document.documentElement.clientHeight,
            scrollW: document.documentElement.scrollWidth, clientW: document.documentElement.clientWidth,
          }));
          const frameH = await tab.evaluate(() => document.querySelector('iframe.mlp-panel').clientHeight);
          assert.equal(frameH, last, `${width} px: the frame is ${last} px high, as reported`);
          assert.ok(inner.scrollH <= inner.clientH, `${width} px: no vertical scrollbar inside (${inner.scrollH} <= ${inner.clientH})`);
          assert.ok(inner.scrollW <= inner.clientW, `${width} px: no horizontal scrollbar inside`);
          assert.ok(last > 700 && last < 2600, `${width} px: height ${last}`);
          if (!sandbox) await h.screenshot(tab, `host-embed-${width}.png`, { fullPage: true });
          assert.deepEqual(log, []);
        } finally {
          await context.close();
        }
      }
    });

    test('play, pause, step {n}, stepPhase, reset and configure drive the panel; its events follow, at most 4 a second', async () => {
      const { context, tab, frame, log } = await openCourse({ sandbox });
      try {
        const historyAtStart = await tab.evaluate(() => history.length);
        let from = await count(tab);
        await send(tab, cmd('play'));
        await waitFor(tab, (m) => m.type === 'epoch' && m.playing && m.epoch > 0, from);
        const t0 = Date.now();
        from = await count(tab);
        await tab.waitForTimeout(2500);
        const epochs = (await got(tab)).slice(from).filter((m) => m.type === 'epoch');
        const seconds = (Date.now() - t0) / 1000;
        // At least one (a loaded machine slows timers and frames), at most 4 a second.
        assert.ok(epochs.length >= 1, `epoch messages while playing: ${epochs.length}`);
        assert.ok(epochs.length <= Math.ceil(4 * seconds) + 1, `at most 4 a second: ${epochs.length} in ${seconds.toFixed(1)} s`);
        assert.ok(epochs.every((m, i) => i === 0 || m.epoch > epochs[i - 1].epoch), 'the epoch grows');
        assert.ok(epochs.every((m) => typeof m.loss === 'number' && m.accuracy >= 0 && m.accuracy <= 1));

        from = await count(tab);
        await send(tab, cmd('pause'));
        const paused = await waitFor(tab, (m) => m.type === 'epoch' && !m.playing, from);
        const s = await state(frame);
        assert.equal(s.playing, false);
        assert.equal(s.epoch, paused.epoch);
        // The visible narration matches the readout at once (issue item 6).
        const r = await frame.evaluate(() => ({ epoch: document.getElementById('ro-epoch').textContent, narration: document.getElementById('narration').textContent }));
        assert.match(r.narration, new RegExp(`^Paused at epoch ${r.epoch}: loss = `));

        from = await count(tab);
        await send(tab, cmd('step', { n: 25 }));
        await waitFor(tab, (m) => m.type === 'epoch', from);
        assert.equal((await state(frame)).epoch, paused.epoch + 25);
        await send(tab, cmd('step'));
        await tab.waitForTimeout(400);
        assert.equal((await state(frame)).epoch, paused.epoch + 26, 'step without n: one epoch');

        from = await count(tab);
        await send(tab, cmd('stepPhase'));
        const phase = await waitFor(tab, (m) => m.type === 'phase', from);
        assert.deepEqual([phase.phase, phase.layer], ['forward', 1]);
        assert.equal((await state(frame)).phaseMode, true);

        from = await count(tab);
        await send(tab, cmd('reset'));
        const reset = await waitFor(tab, (m) => m.type === 'epoch' && m.epoch === 0, from);
        assert.equal(reset.loss.toFixed(3), '1.386');

        from = await count(tab);
        await send(tab, cmd('configure', { settings: { hidden: 6, lr: 0.3, activation: 'tanh', show: 'region,loss', theme: 'dark' } }));
        const set = await waitFor(tab, (m) => m.type === 'settings', from);
        assert.equal(set.hash, '#activation=tanh&hidden=6&lr=0.3&seed=2369&speed=1&show=region,loss&theme=dark');
        const c = await state(frame);
        assert.deepEqual([c.settings.hidden, c.settings.lr, c.settings.activation, c.epoch], [6, 0.3, 'tanh', 0]);
        assert.equal(await frame.evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark');
        assert.equal(await frame.isVisible('#panel .view-diagram'), false);
        assert.equal(await frame.isVisible('#region'), true);
        // configure replaced the frame's history entry: the course page's Back button has nothing new.
        assert.equal(await tab.evaluate(() => history.length), historyAtStart);

        // A diverging run is reported once, and play is refused until reset.
        from = await count(tab);
        await send(tab, cmd('configure', { settings: { lr: 1000000, activation: 'relu' } }));
        await waitFor(tab, (m) => m.type === 'settings', from);
        await send(tab, cmd('step', { n: 200 }));
        const d = await waitFor(tab, (m) => m.type === 'diverged', from);
        assert.ok(d.epoch > 0);
        from = await count(tab);
        await send(tab, cmd('play', { id: 'p1' }));
        const refused = await waitFor(tab, (m) => m.type === 'error', from);
        assert.deepEqual([refused.field, refused.command, refused.id], ['type', 'play', 'p1']);
        assert.match(refused.message, /diverged/);
        assert.deepEqual(log, []);
      } finally {
        await context.close();
      }
    });

    test('malformed commands are answered with an error naming the field; other messages and a sibling frame\'s are ignored', async () => {
      const { context, tab, frame, log } = await openCourse({ sandbox });
      try {
        const cases = [
          [{ protocol: 'mlp-explainer', type: 'play' }, 'version'],
          [cmd('play', { version: 2 }), 'version'],
          [cmd('fly'), 'type'],
          [cmd('step', { n: 0 }), 'n'],
          [cmd('step', { n: 10001 }), 'n'],
          [cmd('step', { n: 2.5 }), 'n'],
          [cmd('step', { n: '5' }), 'n'],
          [cmd('play', { speed: 3 }), 'speed'],
          [cmd('configure', { settings: 'lr=3' }), 'settings'],
          [cmd('configure', { settings: { lr: -1 } }), 'settings.lr'],
          [cmd('configure', { settings: { show: 'region,code' } }), 'settings.show'],
          [cmd('configure', { settings: { bogus: 1 } }), 'settings.bogus'],
        ];
        for (const [m, field] of cases) {
          const from = await count(tab);
          await send(tab, Object.assign({}, m, { id: `q-${field}` }));
          const e = await waitFor(tab, (x) => x.type === 'error', from);
          assert.equal(e.field, field, `${JSON.stringify(m)} -> field ${field}`);
          assert.equal(e.id, `q-${field}`);
          assert.equal(typeof e.message, 'string');
        }
        assert.equal((await state(frame)).epoch, 0, 'nothing was run');
        // Messages of no protocol get no answer.
        let from = await count(tab);
        for (const m of ['play', 42, null, { type: 'play' }, { protocol: 'other', version: 1, type: 'play' }]) await send(tab, m);
        await tab.waitForTimeout(700);
        assert.deepEqual((await got(tab)).slice(from).filter((m) => m.type === 'error'), []);
        // A sibling frame of the course page: ignored, unanswered.
        const sibling = tab.frames().find((f) => f.url().endsWith('/sibling'));
        from = await count(tab);
        await sibling.evaluate((m) => { parent.document.querySelector('iframe.mlp-panel').contentWindow.postMessage(m, '*'); },
          cmd('step', { n: 5 }));
        await sibling.evaluate((m) => { parent.document.querySelector('iframe.mlp-panel').contentWindow.postMessage(m, '*'); },
          cmd('step', { n: 0 }));
        await tab.waitForTimeout(700);
        assert.equal((await state(frame)).epoch, 0, 'the sibling\'s step did nothing');
        assert.deepEqual((await got(tab)).slice(from).filter((m) => m.type === 'error' || m.type === 'epoch'), []);
        assert.deepEqual(log, []);
      } finally {
        await context.close();
      }
    });

    test('Open the full explainer: a new tab with the settings (asked of the host when the frame may not open one)', async () => {
      const { context, tab, frame } = await openCourse({ sandbox, hash: '#hidden=6&show=region' });
      try {
        const from = await count(tab);
        const popup = context.waitForEvent('page', { timeout: 25000 });
        await frame.click('#open-full');
        const opened = await popup;
        await opened.waitForLoadState('domcontentloaded');
        assert.equal(opened.url(), `${env.server.origin}/index.html#hidden=6&show=region`, 'the link\'s settings');
        await tab.waitForTimeout(300);
        const asked = (await got(tab)).slice(from).filter((m) => m.type === 'openFull');
        if (sandbox) {
          assert.equal(asked.length, 1, 'the sandboxed panel asked the host');
          assert.equal(asked[0].href, opened.url());
          assert.equal(await frame.isVisible('#open-full-fallback'), true, 'and shows the address to copy');
          assert.equal(await frame.inputValue('#open-full-url'), opened.url());
          await frame.click('#open-full-copy');
          await frame.waitForFunction(() => document.getElementById('open-full-status').textContent !== '');
          await h.screenshot(tab, 'host-open-full-sandboxed.png');
        } else {
          assert.equal(asked.length, 0, 'the frame opened the tab itself');
          assert.equal(await frame.isVisible('#open-full-fallback'), false);
        }
      } finally {
        await context.close();
      }
    });
  });
}

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
