/* helper.js: what the browser tests share. Launches Debian's Chromium
   through playwright-core (no downloaded browser), serves web/ with the
   project's own server and Content-Security-Policy on a free port, opens
   pages that record every console message, page error and request, and
   writes screenshots to test-results/. */
'use strict';
const { before, after } = require('node:test');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');
const { createServer } = require('../../tools/serve.js');

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'web');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

async function launch() {
  if (!fs.existsSync(path.join(WEB, 'build', 'mlp-core.js'))) {
    throw new Error('web/build/mlp-core.js is missing: run make');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/* Serves web/ on 127.0.0.1 at a free port: { origin, close() }. */
async function serve() {
  const server = createServer(WEB);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

/* file:// URL of a page in web/, with an optional '#...' hash. */
function fileUrl(page, hash = '') { return pathToFileURL(path.join(WEB, page)).href + hash; }

/* Opens url in a fresh context. Returns { page, context, log } where log
   holds console messages { type, text }, page errors, and every request URL.
   options: viewport, deviceScaleFactor, colorScheme, reducedMotion. */
/* Records a page's console messages { type, text }, page errors, every
   request URL and failed request; a dialog is dismissed and counted as an error. */
function watch(page) {
  const log = { console: [], errors: [], requests: [], failed: [] };
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on('dialog', (d) => { log.errors.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  return log;
}

async function open(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    colorScheme: options.colorScheme || 'light',
    reducedMotion: options.reducedMotion || 'no-preference',
  });
  const page = await context.newPage();
  const log = watch(page);
  await page.goto(url);
  await page.waitForFunction(() => window.mlpDebug && window.mlpDebug.app && window.mlpDebug.app.ready === true,
    null, { timeout: 15000 });
  return { page, context, log };
}

/* Console errors and warnings, page errors, and failed requests. */
function problems(log) {
  return log.console.filter((m) => m.type === 'error' || m.type === 'warning')
    .map((m) => `${m.type}: ${m.text}`).concat(log.errors, log.failed.map((f) => `failed: ${f}`));
}

/* Requests that left the page's own origin (file://, or the test server);
   data: URLs are the core loading its embedded wasm. */
function foreignRequests(log, origin) {
  return log.requests.filter((u) => !(u.startsWith('data:') || (origin ? u.startsWith(origin + '/') : u.startsWith('file://'))));
}

/* The readout as the student sees it. */
async function readout(page) {
  return page.evaluate(() => ({
    epoch: document.getElementById('ro-epoch').textContent,
    loss: document.getElementById('ro-loss').textContent,
    accuracy: document.getElementById('ro-accuracy').textContent,
    phase: document.getElementById('ro-phase').textContent,
    narration: document.getElementById('narration').textContent,
  }));
}

async function screenshot(page, name, options = {}) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  await page.screenshot(Object.assign({ path: file }, options));
  return file;
}

/* Reads the region canvas once and, for each data point in `centres`,
   classifies a side x side grid of pixels around it (spaced `step` data units)
   by colour: a pixel votes for the class whose tint lies in the direction it
   departs from the plot background (largest cosine between pixel - background
   and tint - background), so a pale, unsure pixel still votes for its hue.
   Returns per centre { votes: [count per class], strength } where strength
   is the mean departure from the background as a fraction of the voted
   tint's (0 = background, 1 = a fully sure pixel). */
async function regionVotes(page, centres, side = 5, step = 0.08) {
  return page.evaluate(({ centres, side, step }) => {
    const app = window.mlpDebug.app;
    const canvas = document.getElementById('region');
    const img = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const tints = app.tints(), bg = app.background();
    const dirs = tints.map((t) => t.map((v, i) => v - bg[i]));
    const norms = dirs.map((d) => Math.hypot(...d));
    const h = (side - 1) / 2;
    return centres.map(([x, y]) => {
      const votes = tints.map(() => 0);
      let strength = 0;
      for (let i = 0; i < side; i++) {
        for (let j = 0; j < side; j++) {
          const p = app.regionToDevice(x + (i - h) * step, y + (j - h) * step);
          const o = (Math.floor(p.y) * canvas.width + Math.floor(p.x)) * 4;
          const v = [img[o] - bg[0], img[o + 1] - bg[1], img[o + 2] - bg[2]];
          const len = Math.hypot(...v);
          let best = 0, bestCos = -Infinity;
          dirs.forEach((d, k) => {
            const cos = len > 0 ? (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / (len * norms[k]) : -1;
            if (cos > bestCos) { bestCos = cos; best = k; }
          });
          votes[best]++;
          strength += len / norms[best];
        }
      }
      return { votes, strength: strength / (side * side) };
    });
  }, { centres, side, step });
}

/* Registers hooks that start Chromium and the project's server before a
   test file's tests and stop both after them; the returned object's
   `browser` and `server` are set once they run. */
function useBrowserAndServer() {
  const env = { browser: null, server: null };
  before(async () => {
    env.browser = await launch();
    env.server = await serve();
  });
  after(async () => {
    await env.browser.close();
    await env.server.close();
  });
  return env;
}

module.exports = { useBrowserAndServer, launch, serve, open, watch, fileUrl, problems, foreignRequests, readout, screenshot, regionVotes, RESULTS, WEB, ROOT };
