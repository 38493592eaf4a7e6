#!/usr/bin/env node
/* prepare.js: npm's "prepare" script. npm runs it on `npm pack` (so the
   tarball holds the built module), on `npm install <git url>` (in its clone,
   with the devDependencies installed, before packing it) and on a plain
   `npm install` / `npm ci` in a checkout. It makes what require('.') loads:

     web/build/mlp-core.js   the wasm module (needs emcc)
     web/build/network.cjs   the wrapper, bundled by esbuild (needs cc for
                             web/build/limits.mjs, and katex for content.mjs)

   An install from the packed tarball runs nothing: those files are in it.
   Skipped when make itself runs npm (tools/setup.sh's npm ci): make builds
   them next. Without emcc, cc or make it fails for npm pack and for a git
   dependency (whose module would be missing) and only warns for npm install
   or npm ci in a checkout (make installs the tools and builds). Make's output goes to stderr, so `npm pack --json` stays JSON. */
'use strict';
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const TARGETS = ['web/build/mlp-core.js', 'web/build/network.cjs'];
const command = process.env.npm_command || '';

if (process.env.MAKELEVEL && command !== 'pack') process.exit(0);

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [process.env.EMCC || 'emcc', process.env.CC || 'cc', 'make'].filter((c) => !has(c));
const built = TARGETS.every((t) => fs.existsSync(path.join(ROOT, t)));

// A git dependency is prepared in a clone under npm's cache (…/_cacache/tmp/git-cloneXXXX).
const gitDependency = /^git-clone/.test(path.basename(ROOT)) ||
  (process.env.npm_config_cache && ROOT.startsWith(path.join(process.env.npm_config_cache, '_cacache')));

if (missing.length > 0) {
  if (built) {
    console.error(`prepare: ${missing.join(', ')} not found; using the built ${TARGETS.join(', ')}`);
    process.exit(0);
  }
  if (command !== 'pack' && !gitDependency) {
    // npm install / npm ci in a checkout: make installs the tools (tools/setup.sh) and builds.
    console.error(`prepare: ${missing.join(', ')} not found; run make (it installs what is missing) before require('.')`);
    process.exit(0);
  }
  console.error([
    `prepare: building mlp-explainer's Node module needs ${missing.join(', ')} (not found).`,
    '  Debian/Ubuntu: apt-get install emscripten gcc make   (or run tools/setup.sh build as root)',
    '  Or install the packed tarball instead, which holds the built module and needs no compiler:',
    '  in a checkout with the tools, `npm pack`, then `npm install ./mlp-explainer-<version>.tgz`.',
  ].join('\n'));
  process.exit(1);
}

const r = spawnSync('make', ['--no-print-directory', ...TARGETS], { cwd: ROOT, stdio: ['ignore', 2, 2] });
if (r.status !== 0) {
  console.error(`prepare: make ${TARGETS.join(' ')} failed${r.error ? `: ${r.error.message}` : ''}`);
  process.exit(1);
}
