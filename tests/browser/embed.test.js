/* embed.test.js: embed.html and the URL hash. A hash configures the panel;
   a hostile or invalid hash falls back to defaults with a notice and injects
   nothing; a diverging run shows its message and a way back; the main page
   writes its state to the hash so that a link reproduces a run. */
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const h = require('./helper.js');
const { createNetwork } = require('../../index.js');
const { CSP } = require('../../tools/serve.js');

const env = h.useBrowserAndServer();

const state = (page) => page.evaluate(() => window.mlpDebug.app.state());
/* The network a page builds from its settings, in Node: its loss at
   initialisation with three decimals, as the readout shows it. */
async function initialLoss({ activation = 'sigmoid', hidden = 4, lr = 0.1, seed = 2369 } = {}) {
  const net = await createNetwork({ layers: [2, hidden, 4], activation, learningRate: lr, seed });
  try { return net.loss.toFixed(3); } finally { net.destroy(); }
}
const controlValues = (page) => page.evaluate(() => ({
  activation: document.getElementById('activation').value,
  hidden: document.getElementById('hidden').value,
  lr: document.getElementById('lr').value,
  seed: document.getElementById('seed').value,
  speed: document.getElementById('speed-out').textContent,
  title: document.getElementById('diagram-title').textContent,
}));

describe('the two pages', () => {
  const read = (name) => fs.readFileSync(path.join(h.WEB, name), 'utf8');
  const panel = (html) => html.slice(html.indexOf('<!-- panel:start'), html.indexOf('<!-- panel:end'));

  test('embed.html and index.html hold the same panel markup', () => {
    const a = panel(read('index.html')), b = panel(read('embed.html'));
    assert.ok(a.length > 4000, `panel markup is ${a.length} characters`);
    assert.equal(b, a);
  });

  test('both carry the server\'s Content-Security-Policy and no inline script or style', () => {
    for (const name of ['index.html', 'embed.html']) {
      const html = read(name);
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
      assert.ok(meta, `${name} has a CSP meta tag`);
      assert.equal(meta[1], CSP, `${name}: same policy as tools/serve.js`);
      assert.equal((html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) || []).length, 0, `${name}: no inline <script>`);
      assert.equal((html.match(/<style[\s>]|\sstyle="/g) || []).length, 0, `${name}: no <style> or style=""`);
      assert.equal((html.match(/\son[a-z]+="/g) || []).length, 0, `${name}: no inline event handlers`);
    }
  });
});

describe('embed.html', () => {
  test('applies #activation=relu&hidden=8&lr=0.5&seed=3 (same initial loss as the Node module)', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#activation=relu&hidden=8&lr=0.5&seed=3'));
    try {
      const net = await createNetwork({ layers: [2, 8, 4], activation: 'relu', learningRate: 0.5, seed: 3 });
      const expected = net.loss;
      net.step(1);
      const afterOne = net.loss;
      net.destroy();
      assert.deepEqual(await controlValues(page), {
        activation: 'relu', hidden: '8', lr: '0.5', seed: '3', speed: '1 epoch/frame', title: 'Network Architecture (2 → 8 → 4)',
      });
      const s = await state(page);
      assert.equal(s.playing, false);
      assert.equal(s.loss, expected);
      assert.equal((await h.readout(page)).loss, expected.toFixed(3));
      assert.equal(await page.isVisible('#hash-notice'), false);
      await page.click('#step');
      assert.equal((await state(page)).loss, afterOne);
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });

  test('autoplay=1 starts training over http', async () => {
    const { page, context, log } = await h.open(env.browser, `${env.server.origin}/embed.html#activation=tanh&hidden=2&speed=2&autoplay=1`);
    try {
      await page.waitForFunction(() => window.mlpDebug.app.state().epoch >= 60, null, { timeout: 15000 });
      const s = await state(page);
      assert.equal(s.playing, true);
      assert.ok(s.epoch >= 60, `epoch ${s.epoch} >= 60 at 2 epochs/frame`);
      assert.equal(s.settings.activation, 'tanh');
      assert.equal(s.settings.hidden, 2);
      assert.equal(await page.textContent('#play-label'), 'Pause');
      assert.equal(await page.getAttribute('#open-full', 'href'), 'index.html#activation=tanh&hidden=2&speed=2&autoplay=1');
      assert.deepEqual(h.problems(log), []);
      assert.deepEqual(h.foreignRequests(log, env.server.origin), []);
      await h.screenshot(page, 'embed-900x800.png');
    } finally {
      await context.close();
    }
  });

  test('autoplay=1 does not start under prefers-reduced-motion, and says so', async () => {
    const { page, context } = await h.open(env.browser, h.fileUrl('embed.html', '#autoplay=1'), { reducedMotion: 'reduce' });
    try {
      await page.waitForTimeout(400);
      assert.equal((await state(page)).playing, false);
      assert.equal((await state(page)).epoch, 0);
      // The narration is throttled to one update a second.
      await page.waitForFunction(() => /reduced motion/.test(document.getElementById('narration').textContent), null, { timeout: 2500 });
      assert.equal(await page.textContent('#narration'),
        `Initialize weights: loss = ${await initialLoss()}. Autoplay is off because reduced motion is requested: press Play to train.`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');
    } finally {
      await context.close();
    }
  });

  test('a hostile hash shows the notice, as text, and injects nothing', async () => {
    const hostile = '#activation=<img src=x onerror="window.__pwned=1">&hidden=<script>window.__pwned=2</script>' +
      '&lr=javascript:alert(1)&seed=1&"><svg onload=alert(3)>=1';
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', hostile));
    try {
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => ({
        pwned: window.__pwned,
        imgs: document.querySelectorAll('img').length,
        svgs: document.querySelectorAll('svg').length - document.querySelectorAll('#data-area svg').length, // the Data section's class markers aside
        scripts: Array.from(document.scripts).filter((s) => !s.src).length,
        noticeVisible: !document.getElementById('hash-notice').hidden,
        noticeText: document.getElementById('hash-notice').textContent,
        noticeChildren: document.getElementById('hash-notice').children.length,
      }));
      assert.equal(r.pwned, undefined);
      assert.equal(r.imgs, 0);
      assert.equal(r.svgs, 4, 'only the 4 legend markers');
      assert.equal(r.scripts, 0);
      assert.equal(r.noticeVisible, true);
      assert.equal(r.noticeChildren, 0, 'the notice is plain text');
      for (const key of ['activation must be', 'hidden must be', 'lr must be', 'is not a setting']) {
        assert.ok(r.noticeText.includes(key), `notice names "${key}": ${r.noticeText}`);
      }
      assert.ok(r.noticeText.includes('<img src=x onerror='), 'the value is shown literally');
      const s = await state(page);
      assert.deepEqual([s.settings.activation, s.settings.hidden, s.settings.lr, s.settings.seed], ['sigmoid', 4, 0.1, 1], 'the valid seed=1 of the hostile hash is used');
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });

  test('invalid values fall back to defaults, each named in the notice', async () => {
    const { page, context } = await h.open(env.browser, h.fileUrl('embed.html', '#hidden=12&lr=-1&speed=3&seed=abc&activation=relu'));
    try {
      const s = await state(page);
      const expected = { activation: 'relu', hidden: 4, lr: 0.1, seed: 2369, speed: 1, autoplay: false, log: false };
      assert.deepEqual(s.settings, Object.assign({}, s.settings, expected), 'the base keys (other keys at their defaults)');
      const text = await page.textContent('#hash-notice');
      assert.match(text, /hidden must be a whole number from 1 to 8, got "12"; using 4/);
      assert.match(text, /lr must be a number above 0 and at most 1000000, got "-1"; using 0\.1/);
      assert.match(text, /speed must be one of .*got "3"; using 1/);
      assert.match(text, /seed must be a whole number .*got "abc"; using 2369/);
      assert.doesNotMatch(text, /activation/);
      // Reset keeps the notice away; so does choosing a setting.
      await page.click('#reset');
      assert.equal(await page.isVisible('#hash-notice'), false, 'Reset hides the notice');
      await page.evaluate(() => { location.hash = '#hidden=12'; });
      await page.waitForSelector('#hash-notice', { state: 'visible', timeout: 5000 });
      await page.selectOption('#activation', 'tanh');
      assert.equal(await page.isVisible('#hash-notice'), false, 'a setting chosen with the controls hides the notice');
      assert.equal(await page.evaluate(() => location.hash), '#activation=tanh&hidden=4&lr=0.1&seed=2369&speed=1');
    } finally {
      await context.close();
    }
  });

  test('a diverging run (ReLU, lr 1e6) shows a message, no NaN, and resets', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html', '#activation=relu&lr=1000000&autoplay=1'),
      { viewport: { width: 900, height: 900 } });
    try {
      await page.waitForSelector('#diverged-alert', { state: 'visible', timeout: 5000 });
      const s = await state(page);
      assert.equal(s.diverged, true);
      assert.equal(s.playing, false);
      assert.ok(s.epoch < 10, `diverged at epoch ${s.epoch}`);
      assert.match(await page.textContent('#diverged-text'), /^Training diverged at epoch \d+: .*learning rate of 1000000 is too large/);
      assert.equal(await page.isDisabled('#play'), true);
      assert.equal(await page.isDisabled('#step'), true);
      const r = await h.readout(page);
      assert.doesNotMatch(Object.values(r).join(' '), /NaN|undefined|Infinity/);
      // The region shows the last finite parameters: mostly coloured, not grey.
      const colourful = await page.evaluate(() => {
        const c = document.getElementById('region');
        const app = window.mlpDebug.app;
        const a = app.regionToDevice(-2.4, 2.4), b = app.regionToDevice(2.4, -2.4);
        const d = c.getContext('2d').getImageData(Math.ceil(a.x), Math.ceil(a.y), Math.floor(b.x - a.x), Math.floor(b.y - a.y)).data;
        let n = 0, coloured = 0;
        for (let i = 0; i < d.length; i += 4) {
          n++;
          if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) coloured++;
        }
        return coloured / n;
      });
      assert.ok(colourful > 0.8, `${(colourful * 100).toFixed(0)}% of the plot is coloured (> 80%)`);
      await h.screenshot(page, 'embed-diverged.png');
      await page.click('#diverged-reset-lr');
      const t = await state(page);
      assert.deepEqual([t.diverged, t.epoch, t.settings.lr], [false, 0, 0.1]);
      assert.equal(await page.isVisible('#diverged-alert'), false);
      assert.equal(await page.isDisabled('#play'), false);
      assert.match(await page.evaluate(() => location.hash), /lr=0\.1&/);
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });
});

describe('README', () => {
  test('the iframe snippet embeds a working, configured panel', async () => {
    const readme = fs.readFileSync(path.join(h.ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('<!-- embed-snippet');
    assert.ok(at >= 0, 'README marks its iframe snippet');
    const snippet = /```html\n([\s\S]*?)```/.exec(readme.slice(at))[1];
    assert.match(snippet, /^<iframe src="mlp-explainer\/embed\.html#/);
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 1100 } });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      // The course page: the snippet with the folder served by the test server.
      await page.setContent(`<!DOCTYPE html><title>Course</title><h1>Week 3</h1>${snippet.replace('mlp-explainer/', `${env.server.origin}/`)}`);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      await frame.waitForFunction(() => window.mlpDebug && window.mlpDebug.app && window.mlpDebug.app.ready === true, null, { timeout: 15000 });
      await frame.waitForFunction(() => window.mlpDebug.app.state().epoch > 20, null, { timeout: 15000 });
      const s = await frame.evaluate(() => window.mlpDebug.app.state());
      assert.deepEqual([s.settings.activation, s.settings.hidden, s.settings.lr, s.settings.seed], ['relu', 8, 0.5, 3]);
      assert.equal(s.playing, true);
      assert.ok(s.epoch > 20, `epoch ${s.epoch} > 20 under autoplay`);
      const fits = await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.equal(fits, true, 'no horizontal scroll inside the iframe');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('screenshot for the README: the default panel after 300 epochs (test-results/readme-see-it-work.png)', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('embed.html'), { viewport: { width: 1200, height: 700 } });
    try {
      await page.evaluate(() => window.mlpDebug.app.advance(300));
      await page.waitForFunction(() => window.mlpDebug.app.state().refined, null, { timeout: 5000 });
      await page.waitForTimeout(1100);
      const s = await state(page);
      assert.equal(s.epoch, 300);
      assert.ok(s.loss < 0.5 && s.accuracy === 1, `loss ${s.loss.toFixed(3)} < 0.5 at 100% accuracy`);
      await h.screenshot(page, 'readme-see-it-work.png', { fullPage: true });
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });
});

describe('index.html keeps its state in the hash', () => {
  test('changing the controls writes the hash, and that link reproduces the run', async () => {
    const first = await h.open(env.browser, `${env.server.origin}/index.html`);
    let hash, lossAfter5;
    try {
      const p = first.page;
      assert.equal(await p.evaluate(() => location.hash), '');
      await p.selectOption('#activation', 'tanh');
      await p.focus('#hidden');
      await p.keyboard.press('ArrowRight');
      await p.keyboard.press('ArrowRight');
      await p.fill('#seed', '7');
      await p.press('#seed', 'Enter');
      await p.selectOption('#lr', '0.3');
      hash = await p.evaluate(() => location.hash);
      assert.equal(hash, '#activation=tanh&hidden=6&lr=0.3&seed=7&speed=1');
      for (let i = 0; i < 5; i++) await p.click('#step');
      lossAfter5 = (await state(p)).loss;
      assert.equal((await state(p)).epoch, 5);
    } finally {
      await first.context.close();
    }
    const second = await h.open(env.browser, `${env.server.origin}/index.html${hash}`);
    try {
      const p = second.page;
      assert.deepEqual(await controlValues(p), {
        activation: 'tanh', hidden: '6', lr: '0.3', seed: '7', speed: '1 epoch/frame', title: 'Network Architecture (2 → 6 → 4)',
      });
      for (let i = 0; i < 5; i++) await p.click('#step');
      assert.equal((await state(p)).loss, lossAfter5, 'bit-identical loss after 5 epochs');
      // A hash that changes only the speed and the log scale applies them to
      // the running network: no new network, the 5 epochs stay.
      await p.evaluate((h) => { location.hash = h + '&speed=5&log=1'; }, hash.replace('&speed=1', ''));
      await p.waitForFunction(() => window.mlpDebug.app.state().settings.speed === 5, null, { timeout: 5000 });
      const live = await state(p);
      assert.deepEqual([live.epoch, live.loss, live.settings.log], [5, lossAfter5, true]);
      assert.equal(await p.textContent('#speed-out'), '5 epochs/frame');
      assert.equal(await p.isChecked('#log-scale'), true);
      await p.waitForFunction(() => /^Loss curve on a log scale:/.test(document.getElementById('loss').getAttribute('aria-label')), null, { timeout: 5000 });
      // Editing the hash by hand reconfigures the live page.
      await p.evaluate(() => { location.hash = '#activation=sigmoid&hidden=3&seed=2'; });
      await p.waitForFunction(() => window.mlpDebug.app.state().settings.hidden === 3);
      const s = await state(p);
      assert.deepEqual([s.epoch, s.settings.activation, s.settings.seed], [0, 'sigmoid', 2]);
      assert.deepEqual(h.problems(second.log), []);
    } finally {
      await second.context.close();
    }
  });

  test('after Step phase, a new network is narrated at once, in step with the readout', async () => {
    const { page, context, log } = await h.open(env.browser, h.fileUrl('index.html'));
    try {
      for (let i = 0; i < 3; i++) await page.click('#step-phase');
      assert.match((await h.readout(page)).narration, /^Softmax: p = /);
      await page.focus('#hidden');
      await page.keyboard.press('ArrowRight');
      const r = await h.readout(page);
      assert.deepEqual([r.phase, r.epoch], ['init', '0']);
      assert.equal(r.loss, await initialLoss({ hidden: 5 }));
      assert.equal(r.narration, `Initialize weights: loss = ${r.loss}`, 'the narration matches the readout at once');
      assert.deepEqual(h.problems(log), []);
    } finally {
      await context.close();
    }
  });

  test('New seed picks another seed, shows it, and writes it to the hash', async () => {
    const { page, context } = await h.open(env.browser, h.fileUrl('index.html'));
    try {
      await page.click('#new-seed');
      const s = await state(page);
      assert.notEqual(s.settings.seed, 2369);
      assert.equal(await page.inputValue('#seed'), String(s.settings.seed));
      assert.equal(await page.evaluate(() => location.hash), `#activation=sigmoid&hidden=4&lr=0.1&seed=${s.settings.seed}&speed=1`);
      assert.equal(s.epoch, 0);
    } finally {
      await context.close();
    }
  });
});
