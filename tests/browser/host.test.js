/* host.test.js: the panel in a course page of another origin, as a teacher
   embeds it with the README's snippet (its iframe and host script), with
   and without sandbox="allow-scripts": the ready and height messages, the
   frame grown to its content at 375, 768 and 1280 px, every command and
   event of the host protocol, malformed commands answered with an error
   naming the field, commands from a sibling frame ignored, the narration
   after Pause, and "Open the full explainer" in a sandbox. The course page
   and its server are in host-common.js; the show / hide / controls / theme
   keys and index.html's Embed box in host-options.test.js. */
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helper.js');
const { SANDBOX, useCourseHost, cmd, got, send, waitFor, count, state } = require('./host-common.js');

const env = h.useBrowserAndServer();
const { openCourse } = useCourseHost(env);

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
