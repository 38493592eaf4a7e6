#!/usr/bin/env node
/* bundle.js: esbuild's part of the build (make runs it).

     web/js/pages/index.js -> web/build/index.js    (index.html's script)
     web/js/pages/embed.js -> web/build/embed.js    (embed.html's script)
     web/js/core/network.js -> web/build/network.cjs (Node's require('.'))
     web/css/*.css          -> web/build/css/*.css  (the pages' stylesheets, minified)

   The pages' bundles are classic scripts (an IIFE), so they run from file://
   where module scripts are blocked, minified, each with a source map beside
   it. build/mlp-core.js, the wasm module, stays a separate classic script
   loaded before the bundle (it is also what Node requires). The pages link
   the minified stylesheets (about a quarter less gzip than the sources). */
'use strict';
const path = require('path');
const esbuild = require('esbuild');
const fs = require('fs');

const ROOT = path.resolve(__dirname, '..');
const at = (p) => path.join(ROOT, p);

async function main() {
  const page = {
    bundle: true, format: 'iife', minify: !process.env.NO_MINIFY, sourcemap: true, target: 'es2020',
    legalComments: 'none', logLevel: 'warning',
  };
  await Promise.all([
    esbuild.build({ ...page, entryPoints: [at('web/js/pages/index.js')], outfile: at('web/build/index.js') }),
    esbuild.build({ ...page, entryPoints: [at('web/js/pages/embed.js')], outfile: at('web/build/embed.js') }),
    esbuild.build({
      bundle: true, format: 'cjs', platform: 'node', target: 'node18', logLevel: 'warning',
      entryPoints: [at('web/js/core/network.js')], outfile: at('web/build/network.cjs'),
    }),
    ...fs.readdirSync(at('web/css')).filter((f) => f.endsWith('.css')).map((f) => esbuild.build({
      entryPoints: [at(`web/css/${f}`)], outfile: at(`web/build/css/${f}`), minify: true, logLevel: 'warning',
    })),
  ]);
  for (const f of ['index.js', 'embed.js', 'network.cjs']) {
    const size = fs.statSync(at(`web/build/${f}`)).size;
    console.log(`bundle: web/build/${f} ${(size / 1024).toFixed(1)} KB`);
  }
}

main().catch((e) => { console.error(`bundle: ${e.message}`); process.exit(1); });
