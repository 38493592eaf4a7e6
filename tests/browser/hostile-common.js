/* hostile-common.js: what the two hostile suites share (hostile.test.js:
   hashes and Trusted Types; hostile-actions.test.js: random UI actions):
   reading the page's state after a case, the checks every case makes, a
   context with CSP bypassed, and "the page still trains". */
'use strict';
const assert = require('node:assert/strict');
const h = require('./helper.js');

const PAGES = ['index.html', 'embed.html'];
const FLAG = '__hostile';

const READOUT = /^(–|−?\d+(\.\d+)?(·10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?)$/;

/* Everything a case checks, read in the page after two frames (an onerror
   or onload handler would have run by then). */
function inspect(page) {
  return page.evaluate(async (flag) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 30));
    const notice = document.getElementById('hash-notice');
    const app = window.mlpDebug && window.mlpDebug.app;
    return {
      flag: window[flag], polluted: ({}).hidden !== undefined || ({}).activation !== undefined,
      debugIntact: !!(app && typeof app.state === 'function'),
      noticeHidden: notice.hidden, noticeText: notice.textContent,
      noticeNodes: [...notice.childNodes].map((n) => n.nodeType),
      settings: app ? app.state().settings : null,
      playing: app ? app.state().playing : null,
      readout: ['ro-epoch', 'ro-loss', 'ro-accuracy'].map((id) => document.getElementById(id).textContent),
      elements: ['script', 'img', 'iframe', 'svg', 'form', 'details', 'math', 'a', 'style'].map((t) => document.getElementsByTagName(t).length),
      hostileIds: document.querySelectorAll('#hash-notice ~ #hash-notice, a#hash-notice, form#mlpDebug').length,
    };
  }, FLAG);
}

function checkReadout(r, where) {
  const [epoch, loss, acc] = r.readout;
  assert.match(epoch, /^\d+$/, `${where}: epoch readout ${JSON.stringify(epoch)}`);
  assert.match(loss, READOUT, `${where}: loss readout ${JSON.stringify(loss)}`);
  assert.match(acc, /^(–|\d{1,3}%)$/, `${where}: accuracy readout ${JSON.stringify(acc)}`);
}

function checkSafe(r, where) {
  assert.equal(r.flag, undefined, `${where}: a payload ran (${r.flag})`);
  assert.equal(r.polluted, false, `${where}: Object.prototype polluted`);
  assert.equal(r.debugIntact, true, `${where}: window.mlpDebug clobbered`);
  assert.equal(r.hostileIds, 0, `${where}: an element from a payload is in the page`);
  assert.ok(r.noticeNodes.every((t) => t === 3), `${where}: the notice holds only text (${r.noticeNodes})`);
  checkReadout(r, where);
}

/* A context with CSP bypassed (so only the page's own handling stops a
   payload) and a log of console messages, page errors and requests. */
async function hostileContext(browser, extra = {}) {
  const context = await browser.newContext(Object.assign({ bypassCSP: true, viewport: { width: 1280, height: 800 } }, extra));
  return context;
}

const watch = h.watch;

const ready = (page) => page.waitForFunction(() => window.mlpDebug && window.mlpDebug.app && window.mlpDebug.app.ready === true,
  null, { timeout: 20000 });

/* Console errors and warnings, page errors and failed requests, but for
   the requests (fonts, mostly) that this suite's own navigation to the next
   case aborts, and Chromium's warning that a script's click (this suite's,
   not a reader's) may not open a file chooser (Import run). */
const SYNTHETIC_CLICK = /^File chooser dialog can only be shown with a user activation\.$/;
function problems(log) {
  return h.problems(Object.assign({}, log, {
    failed: log.failed.filter((f) => !/net::ERR_ABORTED$/.test(f)),
    console: log.console.filter((m) => !(m.type === 'warning' && SYNTHETIC_CLICK.test(m.text))),
  }));
}

/* Requests a payload would make (img src=x, a javascript: URL). */
const payloadRequests = (log) => log.requests.filter((u) => /\/x($|[?#])|^javascript:/.test(u));

/* Plays if not playing (clearing a divergence first) and resolves once the
   epoch has advanced: the page still trains. The settings the actions left
   may diverge at once (a learning rate of 100, or an L2 rate whose decay
   alone overshoots, which the default learning rate does not cure): then
   the page must say so (its alert), and the seed's own link, set next, must
   train. */
async function stillTrains(page, where) {
  if (await playUntil(page) === 'trained') return;
  if (await page.isVisible('#diverged-alert')) await page.click('#diverged-reset-lr');
  const second = await playUntil(page);
  if (second === 'trained') return;
  const shown = await page.isVisible('#diverged-alert');
  assert.ok(second === 'diverged' && shown, `${where}: after Play the epoch did not advance and ` +
    `the page did not say it diverged (${second}, alert shown: ${shown}); ${await page.evaluate(() => location.hash)}`);
  await page.evaluate(() => { location.hash = '#seed=1'; });
  await page.waitForFunction(() => !window.mlpDebug.app.state().diverged && window.mlpDebug.app.state().settings.lr === 0.1);
  assert.equal(await playUntil(page), 'trained', `${where}: the seed's link, set after a divergence, did not train`);
}

/* Plays if not playing; 'trained' once the epoch advances, 'diverged' if
   the run diverges first, 'stalled' if neither happens in 15 s. */
async function playUntil(page) {
  const s0 = await page.evaluate(() => window.mlpDebug.app.state());
  if (s0.diverged) return 'diverged';
  if (!s0.playing) await page.click('#play');
  return page.waitForFunction((e0) => {
    const s = window.mlpDebug.app.state();
    return s.epoch > e0 ? 'trained' : s.diverged ? 'diverged' : false;
  }, s0.epoch, { timeout: 15000 }).then((r) => r.jsonValue(), () => 'stalled');
}

module.exports = { PAGES, FLAG, inspect, checkReadout, checkSafe, hostileContext, watch, ready, problems, payloadRequests, stillTrains };
