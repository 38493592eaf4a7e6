#!/usr/bin/env node
/* build-dist.js: the one-file offline build (make dist).

     web/index.html -> dist/neural-network.html        the whole explainer
     web/embed.html -> dist/neural-network-panel.html  the live panel alone

   Each is one self-contained file, for a learning platform's upload, a USB
   stick or an e-mail: the stylesheets become <style> elements (KaTeX's fonts
   as data: URLs), the wasm module and the page's bundle become <script>
   elements at the end of <body> (inline scripts do not wait like deferred
   ones, so they run after the markup), and the Content-Security-Policy
   allows exactly those elements by their SHA-256 hashes, with no
   'unsafe-inline' for scripts or style elements (KaTeX's style attributes
   keep style-src-attr 'unsafe-inline', as on the served page). Nothing is
   fetched: the favicon is an empty data: URL. Run after make. */
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'web');
const DIST = path.join(ROOT, 'dist');
const PAGES = [
  { from: 'index.html', to: 'neural-network.html', bundle: 'build/index.js' },
  { from: 'embed.html', to: 'neural-network-panel.html', bundle: 'build/embed.js' },
];
// The other page of the pair, as links between them name it.
const RENAMED = { 'index.html': 'neural-network.html', 'embed.html': 'neural-network-panel.html' };

function fail(message) {
  console.error(`build-dist: ${message}`);
  process.exit(1);
}

function read(rel) {
  const file = path.join(WEB, rel);
  if (!fs.existsSync(file)) fail(`${path.relative(ROOT, file)} is missing: run make first`);
  return fs.readFileSync(file, 'utf8');
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/* A stylesheet's text with its url(...) references (KaTeX's fonts) inlined
   as data: URLs. */
function inlineStyle(rel) {
  const dir = path.dirname(rel);
  return read(rel).replace(/url\(([^)'"]+)\)/g, (m, url) => {
    if (url.startsWith('data:')) return m;
    const file = path.join(WEB, dir, url);
    if (!fs.existsSync(file)) fail(`${rel} refers to ${url}, which is missing`);
    const type = url.endsWith('.woff2') ? 'font/woff2' : 'application/octet-stream';
    return `url(data:${type};base64,${fs.readFileSync(file).toString('base64')})`;
  });
}

/* A script's text made safe inside <script>...</script>: no "</script" or
   "<!--" sequence (which would end or change the element), no source map
   comment (there is no file beside it to load). */
function inlineScript(rel) {
  const text = read(rel).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
    .replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  if (/<\/script|<!--/i.test(text)) fail(`${rel} still holds a sequence that would break its <script> element`);
  return text;
}

function build(page) {
  let html = read(page.from);
  const styles = [];
  html = html.replace(/<link rel="stylesheet" href="([^"]+)">\n?/g, (m, href) => {
    styles.push(inlineStyle(href));
    return `<style>${styles[styles.length - 1]}</style>\n`;
  });
  html = html.replace(/<link rel="icon" href="[^"]+">/, () => '<link rel="icon" href="data:,">');
  const scripts = [inlineScript('build/mlp-core.js'), inlineScript(page.bundle)];
  html = html.replace(/<script defer src="[^"]+"><\/script>\n/g, '');
  if (/<script[^>]*src=|<link rel="stylesheet"/.test(html)) fail(`${page.from}: an external script or stylesheet is left`);
  // Replacer functions throughout: a replacement string would read "$&" or
  // "$'" inside minified code as patterns.
  html = html.replace('</body>', () => scripts.map((s) => `<script>${s}</script>\n`).join('') + '</body>');
  for (const [from, to] of Object.entries(RENAMED)) html = html.split(`href="${from}`).join(`href="${to}`);
  const csp = ["default-src 'none'", `script-src ${scripts.map(sha256).join(' ')} 'wasm-unsafe-eval'`,
    'connect-src data:', 'img-src data:', `style-src ${styles.map(sha256).join(' ')}`,
    "style-src-attr 'unsafe-inline'", 'font-src data:', "object-src 'none'", "base-uri 'none'",
    "form-action 'none'"].join('; ');
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
  if (!meta.test(html)) fail(`${page.from} has no Content-Security-Policy meta tag`);
  html = html.replace(meta, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  fs.writeFileSync(path.join(DIST, page.to), html);
  return html.length;
}

fs.mkdirSync(DIST, { recursive: true });
for (const page of PAGES) {
  const bytes = build(page);
  console.log(`build-dist: dist/${page.to} ${(bytes / 1024).toFixed(0)} KB`);
}
