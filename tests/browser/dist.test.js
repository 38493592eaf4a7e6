/* dist.test.js: the one-file offline builds (make dist), opened straight
   from disk as a teacher's upload or an e-mailed file would be: each loads
   with no console error, requests nothing but itself and data: URLs, runs
   under a policy that allows its inline elements by hash only, and trains. */
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const h = require('./helper.js');

const env = h.useBrowserAndServer();
const DIST = path.join(h.ROOT, 'dist');

for (const [file, explainer] of [['neural-network.html', true], ['neural-network-panel.html', false]]) {
  test(`dist/${file} works from file:// alone: no request, no console error, hashes only, it trains`, async (t) => {
    const full = path.join(DIST, file);
    assert.ok(fs.existsSync(full), `dist/${file} exists (make dist)`);
    const html = fs.readFileSync(full, 'utf8');
    t.diagnostic(`dist/${file}: ${(html.length / 1024).toFixed(0)} KB`);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)[1];
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'));
    assert.equal((scriptSrc.match(/'sha256-/g) || []).length, 2, `script-src allows two scripts by hash: ${scriptSrc.slice(0, 60)}…`);
    assert.ok(!/unsafe-inline/.test(scriptSrc) && !/script-src[^;]*'self'/.test(csp), 'no inline or same-origin scripts beyond the hashes');
    assert.equal((html.match(/<script/g) || []).length, 2, 'two script elements');
    assert.equal((html.match(/ src="(?!data:)/g) || []).length, 0, 'no external source');
    const url = pathToFileURL(full).href;
    const { page, context, log } = await h.open(env.browser, url + '#seed=1&speed=5');
    try {
      await page.click('#play');
      await page.waitForFunction(() => window.mlpDebug.app.state().epoch >= 50, null, { timeout: 15000 });
      await page.click('#play');
      const s = await page.evaluate(() => window.mlpDebug.app.state());
      assert.ok(s.epoch >= 50 && s.loss < 1.3, `trained to epoch ${s.epoch}, loss ${s.loss.toFixed(3)}`);
      if (explainer) {
        await page.waitForFunction(() => window.mlpDebug.explainer && window.mlpDebug.explainer.ready === true, null, { timeout: 15000 });
        const m = await page.evaluate(async () => {
          await document.fonts.ready;
          return { formulas: document.querySelectorAll('.katex').length, font: document.fonts.check('16px KaTeX_Main') };
        });
        assert.ok(m.formulas > 20, `${m.formulas} typeset formulas`);
        assert.equal(m.font, true, 'KaTeX_Main loaded from its data: URL');
        assert.equal(await page.getAttribute('footer a[href^="neural-network-panel.html"]', 'href'), 'neural-network-panel.html');
      } else {
        assert.match(await page.getAttribute('#open-full', 'href'), /^neural-network\.html#/, 'the full explainer is the one-file build beside it');
      }
      const foreign = log.requests.filter((u) => !(u.startsWith('data:') || u === url.split('#')[0] || u.startsWith(url.split('#')[0] + '#')));
      assert.deepEqual(foreign, [], 'nothing requested but the file and data: URLs');
      assert.deepEqual(h.problems(log), [], 'no console error or warning');
      await h.screenshot(page, `dist-${file.replace('.html', '')}.png`);
    } finally {
      await context.close();
    }
  });
}
