/* hostile.test.js: the pages under hostile input (issue 12). Both pages
   (index.html and embed.html) are loaded with hostile hashes, given hostile
   hashes while training, and driven by 1,000 random UI actions while
   training. Throughout: no payload ever runs (each would set a flag), no
   console error or warning and no page error, the readouts show finite
   numbers or '–', the link's notice stays plain text, and afterwards the
   page still trains.

   The cases are generated: every key of the link (hashstate.js's RULES, so
   keys added later are covered with no change here) gets every hostile
   value class; each case states its expected outcome, which is checked
   against hashstate.parse in Node (the oracle) and the page against the
   oracle. The pages run with Content-Security-Policy bypassed, so a payload
   that the page inserted as HTML would run (the policy must not be what
   stops it); one more load of each page enforces Trusted Types, which any
   HTML-string sink would break.

   The random actions are seeded, so every run of the suite makes the same
   ones (seed FIXED_SEED, which once stalled a page drawing 7,000 points):
   HOSTILE_SEED=<n> runs another sequence, HOSTILE_SEED=random a new one
   (the seed is printed, to repeat it). HOSTILE_ACTIONS=<n> changes their
   number (default 1000). */
'use strict';
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { pathToFileURL } = require('url');
const h = require('./helper.js');

const env = h.useBrowserAndServer();
let hs;   // web/js/panel/hashstate.js: the link's parser, the oracle
before(async () => { hs = await import(pathToFileURL(path.join(h.WEB, 'js', 'panel', 'hashstate.js')).href); });

const PAGES = ['index.html', 'embed.html'];
const FIXED_SEED = 1885439398;
const FLAG = '__hostile';
const MAX_CHUNK = 900;         // a hash under hashstate's 1000-character limit

/* ---- the cases ------------------------------------------------------------- */

/* Injection payloads; each sets window.__hostile to its id if it ever runs. */
const INJECTIONS = [
  (id) => `<img src=x onerror="window.${FLAG}='${id}'">`,
  (id) => `<script>window.${FLAG}='${id}'</script>`,
  (id) => `"><svg onload=window.${FLAG}='${id}'>`,
  (id) => `'><iframe srcdoc="<script>parent.${FLAG}='${id}'</script>">`,
  (id) => `javascript:window.${FLAG}='${id}'`,
  (id) => `</p><details open ontoggle=window.${FLAG}='${id}'>`,
  (id) => `{{constructor.constructor('window.${FLAG}="${id}"')()}}`,
  (id) => `\${window.${FLAG}='${id}'}`,
  (id) => `<math><mtext><table><mglyph><style><img src=x onerror=window.${FLAG}='${id}'>`,
  (id) => `<form id=mlpDebug><input name=app onfocus=window.${FLAG}='${id}' autofocus>`,
  (id) => `<a href="javascript:window.${FLAG}='${id}'" id=hash-notice>x</a>`,
];
/* Values no rule of the link accepts: each key given one must be refused
   (as must the injections, and a key without a value). A key added later
   whose rule accepts one of them (free text, say) fails the first test
   below: give it its own expectation in makeCases. */
const REFUSED_VALUES = [
  'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '99999999999999999999', '0x10',
  'null', '[object Object]', '4%00', '%E2%80%AE4' /* right-to-left override */, '4%E2%80%8B' /* zero-width space */,
  '%EF%BC%94' /* fullwidth 4 */, '%D9%A4' /* Arabic-Indic 4 */, '%F0%9F%A7%A0' /* an emoji */,
];
/* Encodings decodeURIComponent refuses: the key is named as not valid URL encoding. */
const BAD_ENCODINGS = ['%', '%E0%A4%A', '%C0%AF' /* overlong UTF-8 */, '%ED%A0%80' /* a lone surrogate */, '%uFFFD'];
/* Values whose outcome depends on the key's rule: the oracle decides, the page must agree. */
const RULE_VALUES = ['', '-0', '+4', '1e-324', '%0A4%20' /* trimmed */];
/* Keys that are no setting, prototype names first; several per hash. */
const FOREIGN_KEYS = [['__proto__', 'constructor', 'prototype'], ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'],
  ['__proto__%5Bhidden%5D', 'constructor.prototype.hidden', 'constructor%5Bprototype%5D%5Bhidden%5D'],
  ['HIDDEN', 'hidden%00', '%20hidden', 'hidden%E2%80%8B']];
/* The injections also given raw (unencoded, as a hand-made link would be). */
const RAW_INJECTIONS = [0, 1, 2, 8];

/* Splits parts into hashes of at most MAX_CHUNK characters; a part that is
   an array (a key given twice) stays in one hash. */
function chunk(parts) {
  const out = [];
  let cur = [];
  // Lengths as the page sees the hash: the URL percent-encodes raw characters.
  const seen = (text) => new URL(`http://h/#${text}`).hash.length - 1;
  for (const p of parts) {
    const text = [].concat(p).join('&');
    if (cur.length && seen(cur.concat(text).join('&')) > MAX_CHUNK) { out.push(cur); cur = []; }
    cur.push(text);
  }
  if (cur.length) out.push(cur);
  return out;
}

/* Every case: { name, hash, refused: keys that must be named in the notice,
   settings: values that must hold (key -> value), linkRefused: the whole link
   refused, anchor: navigation, not settings }. */
function makeCases(keys, defaults, format) {
  const cases = [];
  const add = (name, parts, expect = {}) => {
    for (const [i, c] of chunk(parts).entries()) {
      const keysHere = new Set(c.flatMap((p) => p.split('&')).map((p) => p.split('=')[0]));
      const refused = (expect.refused || []).filter((k) => keysHere.has(encodeURIComponent(k)) || keysHere.has(k));
      cases.push(Object.assign({ name: `${name}${i ? ` (${i + 1})` : ''}`, hash: '#' + c.join('&') }, expect, { refused }));
    }
  };
  INJECTIONS.forEach((make, i) => {
    add(`injection ${i + 1} in every key`, keys.map((k) => `${k}=${encodeURIComponent(make(`inj${i}-${k}`))}`), { refused: keys });
    if (RAW_INJECTIONS.includes(i)) add(`injection ${i + 1} raw (unencoded) in every key`, keys.map((k) => `${k}=${make(`raw${i}-${k}`)}`), { refused: keys });
  });
  REFUSED_VALUES.forEach((v) => add(`${decodeURIComponentSafe(v)} in every key`, keys.map((k) => `${k}=${v}`), { refused: keys }));
  BAD_ENCODINGS.forEach((v) => add(`bad encoding ${v} in every key`, keys.map((k) => `${k}=${v}`), { refused: keys }));
  RULE_VALUES.forEach((v) => add(`"${v}" in every key (the rule decides)`, keys.map((k) => `${k}=${v}`), { oracleOnly: true }));
  add('every key without a value', keys.slice(), { refused: keys });
  FOREIGN_KEYS.forEach((ks) => add(`foreign keys ${ks.join(' ')}`, [...ks.map((k) => `${k}=8`), 'hidden=8'],
    { refused: ks.map(decodeURIComponentSafe), settings: { hidden: 8 } }));
  add('every key twice, valid then hostile', keys.map((k) => [`${k}=${encodeURIComponent(format(k, defaults[k]))}`, `${k}=%3Cb%3E`]), { refused: keys, settings: defaults });
  add('every key twice, hostile then valid', keys.map((k) => [`${k}=%3Cb%3E`, `${k}=${encodeURIComponent(format(k, defaults[k]))}`]), { refused: keys, settings: defaults });
  add('hidden twice, both valid: the last wins', ['hidden=8', 'hidden=2'], { settings: { hidden: 2 } });
  add('an encoded key is the key', ['hid%64en=7'], { settings: { hidden: 7 } });
  cases.push({ name: 'an overlong value', hash: `#hidden=${'9'.repeat(5000)}`, linkRefused: true, refused: [] });
  cases.push({ name: 'an overlong key', hash: `#${'k'.repeat(3000)}=1`, linkRefused: true, refused: [] });
  cases.push({ name: 'empty parts and stray separators', hash: '#&&&=&==&hidden==4&=4&hidden=4=4', oracleOnly: true, refused: [] });
  cases.push({ name: 'a lone #', hash: '#', refused: [], settings: defaults });
  cases.push({ name: 'an element id is navigation, not settings', hash: '#panel', anchor: true, refused: [], settings: defaults });
  cases.push({ name: 'a prototype name as a bare hash', hash: '#__proto__', refused: ['__proto__'] });
  cases.push({ name: '300 unknown keys', hash: '#' + Array.from({ length: 300 }, (_, i) => `k${i}`).join('&').slice(0, 990), oracleOnly: true, refused: [] });
  return cases;
}

function decodeURIComponentSafe(s) { try { return decodeURIComponent(s); } catch (e) { return s; } }

/* What the page must show for a case: hashstate.parse of the hash the page
   sees (percent-encoded as the URL parser leaves it), or of '' for an
   element's id. */
function oracle(c, base) {
  const seen = new URL(base + c.hash).hash;
  return { seen, parsed: hs.parse(c.anchor ? '' : seen) };
}

/* The case's own expectation, against the oracle (a failure here means the
   parser accepts what it must refuse, or the generator is wrong). */
function checkExpectation(c, parsed) {
  const named = new Set(parsed.problems.map((p) => p.key));
  if (c.linkRefused) {
    assert.deepEqual(parsed.problems.map((p) => p.key), ['link'], `${c.name}: the whole link is refused`);
    assert.deepEqual(parsed.settings, hs.DEFAULTS, `${c.name}: defaults`);
  }
  for (const k of c.refused) assert.ok(named.has(k), `${c.name} (${c.hash.slice(0, 60)}): ${k} must be refused (problems: ${[...named].join(', ')})`);
  for (const [k, v] of Object.entries(c.settings || {})) assert.equal(parsed.settings[k], v, `${c.name}: ${k}`);
}

/* ---- the page's state ------------------------------------------------------ */

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

/* Plays if not playing; clears a divergence first; resolves once the epoch
   has advanced (the page still trains). */
async function stillTrains(page, where) {
  const alertShown = await page.isVisible('#diverged-alert');
  if (alertShown) await page.click('#diverged-reset-lr');
  const s0 = await page.evaluate(() => window.mlpDebug.app.state());
  if (!s0.playing) await page.click('#play');
  await page.waitForFunction((e0) => window.mlpDebug.app.state().epoch > e0, s0.epoch, { timeout: 15000 })
    .catch(async () => {
      const s = await page.evaluate(() => ({ state: window.mlpDebug.app.state(), hash: location.hash }));
      assert.fail(`${where}: the epoch did not advance past ${s0.epoch} after Play; now epoch ${s.state.epoch}, ` +
        `playing ${s.state.playing}, ${s.hash}`);
    });
}

/* ---- the suites ------------------------------------------------------------ */

// The two pages' suites run side by side (each in its own browser context).
describe('hostile hashes', { concurrency: 2 }, () => {
  let cases;
  before(() => {
    // A value as the link writes it (hashstate.js's format).
    const format = (k, v) => (hs.RULES[k].format ? hs.RULES[k].format(v) : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
    cases = makeCases(Object.keys(hs.RULES), hs.DEFAULTS, format);
  });

  test('the cases: at least 50, every key of the link in each value class, each expectation held by the parser', (t) => {
    const keys = Object.keys(hs.RULES);
    assert.ok(cases.length >= 50, `${cases.length} cases`);
    for (const k of keys) {
      const hits = cases.filter((c) => c.hash.includes(`#${k}=`) || c.hash.includes(`&${k}=`)).length;
      assert.ok(hits >= INJECTIONS.length + REFUSED_VALUES.length + BAD_ENCODINGS.length, `key ${k} is in only ${hits} cases`);
    }
    for (const c of cases) checkExpectation(c, oracle(c, 'http://127.0.0.1/embed.html').parsed);
    t.diagnostic(`${cases.length} hostile hashes over ${keys.length} keys (${keys.join(', ')})`);
  });

  for (const pageName of PAGES) {
    test(`${pageName}: each hostile hash on load: nothing injected, the oracle's settings, the notice as text`, async (t) => {
      const base = `${env.server.origin}/${pageName}`;
      const context = await hostileContext(env.browser);
      const page = await context.newPage();
      const log = watch(page);
      try {
        await page.goto(base + '#seed=1');
        await ready(page);
        const baseline = await inspect(page);
        let refusedSeen = 0;
        for (const c of cases) {
          const where = `${pageName} ${c.name} (${c.hash.slice(0, 80)})`;
          await page.goto('about:blank');
          await page.goto(base + c.hash, { waitUntil: 'domcontentloaded' });
          await ready(page);
          const r = await inspect(page);
          const { parsed } = oracle(c, base);
          checkSafe(r, where);
          assert.deepEqual(r.elements, baseline.elements, `${where}: elements added or removed`);
          assert.deepEqual(r.settings, parsed.settings, `${where}: the page's settings are the parser's`);
          if (parsed.problems.length) {
            assert.equal(r.noticeHidden, false, `${where}: notice shown`);
            for (const p of parsed.problems) assert.ok(r.noticeText.includes(p.message), `${where}: notice names ${p.key}`);
            refusedSeen += parsed.problems.length;
          } else assert.equal(r.noticeHidden, true, `${where}: no notice`);
          assert.deepEqual(problems(log), [], `${where}: console and page errors`);
        }
        assert.deepEqual(payloadRequests(log), [], `${pageName}: a payload's request`);
        await stillTrains(page, pageName);
        t.diagnostic(`${cases.length} loads, ${refusedSeen} refused entries named in the notice`);
      } finally {
        await context.close();
      }
    });

    test(`${pageName}: hostile hashes while training`, async (t) => {
      const base = `${env.server.origin}/${pageName}`;
      const context = await hostileContext(env.browser);
      const page = await context.newPage();
      const log = watch(page);
      try {
        await page.goto(base + '#seed=1&speed=10');
        await ready(page);
        await page.click('#play');
        let e0 = (await page.evaluate(() => window.mlpDebug.app.state())).epoch;
        for (const c of cases) {
          const where = `${pageName} while training: ${c.name}`;
          await page.evaluate((hash) => { location.hash = hash; }, c.hash);
          const r = await inspect(page);
          checkSafe(r, where);
          if (!c.anchor) assert.deepEqual(r.settings, oracle(c, base).parsed.settings, `${where}: settings`);
          assert.deepEqual(problems(log), [], `${where}: console and page errors`);
        }
        await page.evaluate(() => { location.hash = '#seed=3&speed=5'; });
        await stillTrains(page, `${pageName} after the hash changes`);
        e0 = (await page.evaluate(() => window.mlpDebug.app.state())).epoch;
        assert.ok(e0 > 0);
        assert.deepEqual(payloadRequests(log), []);
        assert.deepEqual(problems(log), []);
        t.diagnostic(`${cases.length} hash changes`);
      } finally {
        await context.close();
      }
    });
  }
});

/* ---- random UI actions ------------------------------------------------------ */

/* mulberry32: a small seeded generator, so a run can be repeated. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
}

/* Runs `draws.length` actions in the page: each enumerates the panel's
   enabled, visible controls afresh (so controls added later, or shown only
   now, are covered) and acts on the one draws[i][0] picks, the way its kind
   allows. Yields a frame every few actions so training goes on. Returns
   what was done, for the failure message. */
function act(page, draws) {
  return page.evaluate(async ({ draws, flag }) => {
    const panel = document.getElementById('panel');
    const visible = (e) => e.getClientRects().length > 0 && !e.closest('[hidden]');
    // What a number field can hold: a person's letters leave it '' (setting
    // an unparsable string from a script would only make Chromium warn).
    const NUMBERS = ['', '-0', '-1', '0.5', '99999999999', '1e308', '-1e308', '1e-320', '4294967296'];
    const TEXTS = ['', '<img src=x onerror=window.__hostile=1>', '__proto__', 'NaN', '%E0', '\u202e', 'x'.repeat(5000)];
    const KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Enter', ' ', 'Escape', 'PageUp', 'PageDown'];
    const fire = (e, type) => e.dispatchEvent(new Event(type, { bubbles: true }));
    const done = [];
    for (let i = 0; i < draws.length; i++) {
      const [pick, a, b] = draws[i];
      const controls = [...panel.querySelectorAll('button, input, select, textarea, summary, details, canvas, [tabindex]')]
        .filter((e) => !e.disabled && visible(e) && e.type !== 'file'); // a file input opens a dialog
      if (!controls.length) { done.push('none'); continue; }
      const e = controls[pick % controls.length];
      const tag = e.tagName.toLowerCase(), type = (e.type || '').toLowerCase();
      const label = `${tag}${e.id ? '#' + e.id : ''}${type ? '[' + type + ']' : ''}`;
      if (tag === 'button' || tag === 'summary' || type === 'checkbox' || type === 'radio') {
        e.click();
        done.push(`click ${label}`);
      } else if (tag === 'details') {
        e.open = !e.open;
        done.push(`toggle ${label}`);
      } else if (tag === 'select') {
        const n = e.options.length;
        if (n) e.selectedIndex = a % n;
        fire(e, 'input'); fire(e, 'change');
        done.push(`select ${label} ${e.value}`);
      } else if (type === 'range') {
        const lo = +e.min || 0, hi = e.max === '' ? 100 : +e.max, step = +e.step || 1;
        e.value = String(lo + (a % (Math.floor((hi - lo) / step) + 1)) * step);
        fire(e, 'input'); if (b % 2) fire(e, 'change');
        done.push(`range ${label} ${e.value}`);
      } else if (tag === 'input' || tag === 'textarea') {
        const lo = e.min === '' ? 0 : +e.min, hi = e.max === '' ? 1000 : +e.max;
        const v = b % 3 ? String(lo + (a % (hi - lo + 1))) : (type === 'number' ? NUMBERS : TEXTS)[a % (type === 'number' ? NUMBERS : TEXTS).length];
        e.focus(); e.value = v;
        fire(e, 'input'); fire(e, 'change');
        if (b % 5 === 0) e.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        done.push(`type ${label} ${JSON.stringify(v)}`);
      } else {
        // a canvas or other focusable element: a click somewhere on it, or keys
        const r = e.getBoundingClientRect();
        const x = r.left + (a % 1000) / 1000 * r.width, y = r.top + (b % 1000) / 1000 * r.height;
        if (b % 2) {
          for (const t of ['pointermove', 'pointerdown', 'pointerup']) {
            e.dispatchEvent(new PointerEvent(t, { bubbles: true, clientX: x, clientY: y, pointerType: 'mouse' }));
          }
          e.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }));
          done.push(`click ${label} at ${Math.round(x - r.left)},${Math.round(y - r.top)}`);
        } else {
          e.focus();
          const key = KEYS[a % KEYS.length];
          e.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
          done.push(`key ${key} on ${label}`);
        }
      }
      if (window[flag] !== undefined) break;
      if (i % 4 === 3) await new Promise((r) => requestAnimationFrame(r));
    }
    return done;
  }, { draws, flag: FLAG });
}

describe('1,000 random UI actions while training', () => {
  const given = process.env.HOSTILE_SEED;
  const seed = given === 'random' ? (Date.now() ^ (process.pid << 16)) >>> 0 : given ? Number(given) >>> 0 : FIXED_SEED;
  const count = process.env.HOSTILE_ACTIONS ? Number(process.env.HOSTILE_ACTIONS) : 1000;
  for (const pageName of PAGES) {
    test(`${pageName}: ${count} seeded random actions (HOSTILE_SEED=${seed})`, async (t) => {
      t.diagnostic(`seed ${seed}: repeat with HOSTILE_SEED=${seed}`);
      const next = prng(seed ^ (pageName === 'embed.html' ? 0x9e3779b9 : 0));
      const context = await hostileContext(env.browser);
      const page = await context.newPage();
      const log = watch(page);
      const history = [];
      try {
        await page.goto(`${env.server.origin}/${pageName}#seed=1&speed=5`);
        await ready(page);
        await page.click('#play');
        const BATCH = 25;
        for (let done = 0; done < count; done += BATCH) {
          const draws = Array.from({ length: Math.min(BATCH, count - done) }, () => [next(), next(), next()]);
          history.push(...await act(page, draws));
          const where = `${pageName} (HOSTILE_SEED=${seed}) after action ${history.length}: ${history.slice(-3).join('; ')}`;
          const r = await inspect(page);
          checkSafe(r, where);
          assert.deepEqual(problems(log), [], `${where}: console and page errors`);
        }
        const kinds = new Set(history.map((a) => a.split(' ').slice(0, 2).join(' ')));
        assert.ok(kinds.size >= 8, `only ${kinds.size} kinds of action: ${[...kinds].join(', ')}`);
        await stillTrains(page, `${pageName} after ${count} actions (HOSTILE_SEED=${seed})`);
        assert.deepEqual(problems(log), []);
        t.diagnostic(`${history.length} actions on ${kinds.size} controls and kinds: ${[...kinds].sort().join(', ')}`);
      } finally {
        await context.close();
      }
    });
  }
});

/* ---- Trusted Types ---------------------------------------------------------- */

describe('Trusted Types enforced', () => {
  for (const pageName of PAGES) {
    test(`${pageName} runs with require-trusted-types-for 'script' (no HTML-string sink anywhere)`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.route('**/*.html*', async (route) => {
        const response = await route.fetch();
        const headers = response.headers();
        headers['content-security-policy'] = `${headers['content-security-policy']}, require-trusted-types-for 'script'`;
        await route.fulfill({ response, headers });
      });
      const page = await context.newPage();
      const log = watch(page);
      try {
        await page.goto(`${env.server.origin}/${pageName}#seed=1`);
        await ready(page);
        if (pageName === 'index.html') {
          const parts = await page.evaluate(() => [document.querySelectorAll('#mathematics .katex').length,
            document.querySelectorAll('#code .ex-step .katex').length]);
          assert.ok(parts[0] > 20 && parts[1] >= 8, `formulas built: ${parts}`);
        }
        await stillTrains(page, `${pageName} under Trusted Types`);
        assert.deepEqual(problems(log), []);
      } finally {
        await context.close();
      }
    });
  }
});
