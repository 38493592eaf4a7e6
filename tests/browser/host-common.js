/* host-common.js: what the two host suites share (host.test.js: the host
   protocol in a course page of another origin; host-options.test.js: the
   show / hide / controls / theme keys, docs/course-page.html and index.html's
   Embed box): the README's snippet (its iframe and host script), a course
   page built from it and served by a second server on another port (another
   origin), opening that page, and the messages to and from the panel. */
'use strict';
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const path = require('path');
const h = require('./helper.js');

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

/* Registers hooks that start the course pages' server (after env's, whose
   panel server its pages point at) and stop it. Returns `host`, whose
   origin is set once the hooks have run, and openCourse. */
function useCourseHost(env) {
  const host = { origin: null, close: null };
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
    host.origin = `http://127.0.0.1:${server.address().port}`;
    host.close = () => new Promise((r) => server.close(r));
  });
  after(async () => { if (host.close) await host.close(); });

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

  return { host, openCourse };
}

const PROTOCOL = { protocol: 'mlp-explainer', version: 1 };
const cmd = (type, fields = {}) => Object.assign({}, PROTOCOL, { type }, fields);

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

module.exports = { SANDBOX, HOST_SCRIPT, useCourseHost, cmd, got, send, waitFor, count, state };
