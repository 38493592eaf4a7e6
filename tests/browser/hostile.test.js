/* hostile.test.js: the pages under hostile links (issue 12). Both pages
   (index.html and embed.html) are loaded with hostile hashes and given
   hostile hashes while training; then each is loaded under Trusted Types.
   Throughout: no payload ever runs (each would set a flag), no console
   error or warning and no page error, the readouts show finite numbers or
   '–', the link's notice stays plain text, and afterwards the page still
   trains. (Random UI actions: hostile-actions.test.js; the checks both
   share: hostile-common.js.)

   The cases are generated: every key of the link (hashstate.js's RULES, so
   keys added later are covered with no change here) gets every hostile
   value class; each case states its expected outcome, which is checked
   against hashstate.parse in Node (the oracle) and the page against the
   oracle. The pages run with Content-Security-Policy bypassed, so a payload
   that the page inserted as HTML would run (the policy must not be what
   stops it); one more load of each page enforces Trusted Types, which any
   HTML-string sink would break. */
'use strict';
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { pathToFileURL } = require('url');
const h = require('./helper.js');
const { PAGES, FLAG, inspect, checkSafe, hostileContext, watch, ready, problems, payloadRequests, stillTrains } =
  require('./hostile-common.js');

const env = h.useBrowserAndServer();
let hs;   // web/js/panel/hashstate.js: the link's parser, the oracle
before(async () => { hs = await import(pathToFileURL(path.join(h.WEB, 'js', 'panel', 'hashstate.js')).href); });

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
