/* page.js: the pages in headless Chromium, as a reader meets them.
   Prints figures, never pass/fail (make bench runs it after bench.js).

   1. Weight: every request index.html and embed.html make while loading
      (served from localhost), the bytes of each and their gzip -9 size (what
      a static host that compresses sends), and the request count.
   2. Frames: each page at the fastest speed (500 epochs a frame), playing,
      for the default network and for the larger networks of CONFIGS; the
      panel scrolled into view. For RUNS runs of SECONDS each: the frame
      intervals seen by a requestAnimationFrame observer (median and p95),
      the panel's main-thread work per frame (the scheduler's own timing:
      mean and p95) and the epochs trained per second. Medians over runs.
      A configuration whose link the page refuses (a setting it does not
      offer) is reported as such, not timed.

   Usage: node bench/page.js   (after make; BENCH_PAGE_SECONDS, BENCH_PAGE_RUNS;
   BENCH_PAGE_ONLY=<text> times only the configurations whose label has it) */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const h = require('../tests/browser/helper.js');

const SECONDS = +(process.env.BENCH_PAGE_SECONDS || 5);
const RUNS = +(process.env.BENCH_PAGE_RUNS || 2);
const CONFIGS = [
  ['default 2-4-4 sigmoid', ''],
  ['2-8-8-8-4 tanh', 'activation=tanh&layers=8,8,8'],
  ['8 x 64 relu, all features', 'activation=relu&lr=0.01&layers=64,64,64,64,64,64,64,64&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2'],
];

const median = (a) => { const s = a.slice().sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (a, q) => { const s = a.slice().sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))] : NaN; };
const kb = (n) => (n / 1024).toFixed(1).padStart(7);

async function weigh(browser, origin, page) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  const files = [];
  p.on('response', (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin) return;
    const file = path.join(h.WEB, decodeURIComponent(u.pathname));
    if (fs.existsSync(file) && fs.statSync(file).isFile()) files.push(file);
  });
  await p.goto(`${origin}/${page}`);
  await p.waitForFunction(() => window.mlpDebug && window.mlpDebug.app.ready === true);
  await p.evaluate(() => document.fonts.ready);
  await p.waitForTimeout(500);
  await ctx.close();
  let raw = 0, gz = 0;
  const rows = [...new Set(files)].map((f) => {
    const b = fs.readFileSync(f), z = zlib.gzipSync(b, { level: 9 }).length;
    raw += b.length; gz += z;
    return [path.relative(h.WEB, f), b.length, z];
  }).sort((a, b) => b[2] - a[2]);
  console.log(`\n${page}: ${rows.length} requests, ${kb(raw).trim()} KB, ${kb(gz).trim()} KB gzip`);
  for (const [f, r, z] of rows.slice(0, 8)) console.log(`  ${f.padEnd(44)} ${kb(r)} KB ${kb(z)} KB gzip`);
  if (rows.length > 8) console.log(`  ... and ${rows.length - 8} more (${kb(rows.slice(8).reduce((s, x) => s + x[2], 0)).trim()} KB gzip)`);
}

/* One timed run: frame intervals from a rAF observer, the panel's work per
   frame, epochs per second. */
async function timeRun(p) {
  await p.evaluate(() => { window.mlpDebug.app.resetStats(); });
  const e0 = await p.evaluate(() => window.mlpDebug.app.state().epoch);
  const intervals = await p.evaluate((ms) => new Promise((resolve) => {
    const out = []; let last = 0; const end = performance.now() + ms;
    const tick = (t) => { if (last) out.push(t - last); last = t; if (t < end) requestAnimationFrame(tick); else resolve(out); };
    requestAnimationFrame(tick);
  }), SECONDS * 1000);
  const s = await p.evaluate(() => Object.assign(window.mlpDebug.app.stats(), { epoch: window.mlpDebug.app.state().epoch }));
  return { median: median(intervals), p95: pct(intervals, 0.95), work: s.meanWork, p95Work: s.p95Work, eps: (s.epoch - e0) / SECONDS };
}

async function frames(browser, origin, page, label, hash) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  await p.goto(`${origin}/${page}#${hash}${hash ? '&' : ''}speed=500`);
  await p.waitForFunction(() => window.mlpDebug && window.mlpDebug.app.ready === true);
  const refused = await p.evaluate(() => { const n = document.getElementById('hash-notice'); return n && !n.hidden ? n.textContent : ''; });
  if (refused) { console.log(`  ${label.padEnd(28)} not offered by the page: ${refused.slice(0, 90)}`); await ctx.close(); return; }
  await p.evaluate(() => document.getElementById('panel').scrollIntoView({ behavior: 'instant', block: 'start' })); // the page scrolls smoothly otherwise
  await p.click('#play');
  await p.waitForTimeout(1000);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeRun(p));
  const m = (k) => median(runs.map((r) => r[k]));
  console.log(`  ${label.padEnd(28)} frame ${m('median').toFixed(1).padStart(5)} ms (p95 ${m('p95').toFixed(1).padStart(5)})  ` +
    `work ${m('work').toFixed(1).padStart(4)} ms (p95 ${m('p95Work').toFixed(1).padStart(4)})  ${Math.round(m('eps')).toString().padStart(6)} epochs/s`);
  await ctx.close();
}

(async () => {
  const browser = await h.launch();
  const server = await h.serve();
  const origin = server.origin;
  try {
    console.log('\nPage weight (served from localhost; gzip -9 of each file)');
    for (const page of ['index.html', 'embed.html']) await weigh(browser, origin, page);
    console.log(`\nFrames at 500 epochs/frame, playing (headless Chromium, medians of ${RUNS} x ${SECONDS} s)`);
    for (const page of ['index.html', 'embed.html']) {
      console.log(page);
      for (const [label, hash] of CONFIGS.filter(([l]) => l.includes(process.env.BENCH_PAGE_ONLY || ''))) await frames(browser, origin, page, label, hash);
    }
  } finally {
    await browser.close();
    await server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
