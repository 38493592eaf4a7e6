#!/usr/bin/env node
/* pack-wasm.js: writes web/build/mlp-core.js, the one script that carries
   the wasm module, from Emscripten's glue (built without SINGLE_FILE) and
   its .wasm: the wasm is gzipped (level 9) and then written as base64.

   Why: Emscripten's SINGLE_FILE writes the raw wasm as base64, which gzip
   cannot shrink back to the wasm's own compressed size (base64 hides the
   byte structure): measured, 78 KB gzip for the script. Compressed first,
   the base64 costs only its 4/3 over the gzip, and the script is ~64 KB.
   The wasm stays inside the script, so the page still opens from file://
   (no fetch of a file beside it) and under the strict CSP.

   At load the script's MlpCore(options) inflates the wasm (the page's
   DecompressionStream; Node's zlib) and hands it to Emscripten's factory as
   options.wasmBinary, so nothing is fetched. MlpCore still returns the
   factory's promise of the module, in both environments.

   The glue and that wrapper are then minified by esbuild (whitespace,
   syntax and local names; the global MlpCore and module.exports stay):
   emcc -O3 only strips the glue's whitespace, and this takes its gzip from
   5.2 to 4.0 KB.

   Usage: node tools/pack-wasm.js <glue.js> <module.wasm> <out.js> */
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const esbuild = require('esbuild');

const [glueFile, wasmFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node tools/pack-wasm.js <glue.js> <module.wasm> <out.js>');
  process.exit(2);
}
const glue = fs.readFileSync(glueFile, 'utf8');
const wasm = fs.readFileSync(wasmFile);
if (!/\bvar MlpCore\b/.test(glue)) {
  console.error(`pack-wasm: ${glueFile} does not define MlpCore (built with -sEXPORT_NAME=MlpCore?)`);
  process.exit(1);
}
const packed = zlib.gzipSync(wasm, { level: 9 }).toString('base64');

// Replaces the factory with one that first inflates the wasm; the glue's own
// exports (module.exports in Node, the global in a page) are set again.
const wrapper = `
;(function () {
  var make = MlpCore;
  var packed = ${JSON.stringify(packed)};
  function inflate() {
    if (typeof process === 'object' && process.versions && process.versions.node && typeof require === 'function') {
      return Promise.resolve(require('zlib').gunzipSync(Buffer.from(packed, 'base64')));
    }
    var text = atob(packed), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer();
  }
  MlpCore = function (options) {
    return inflate().then(function (wasm) {
      var o = {};
      for (var k in options) if (Object.prototype.hasOwnProperty.call(options, k)) o[k] = options[k];
      o.wasmBinary = new Uint8Array(wasm);
      return make(o);
    });
  };
  if (typeof exports === 'object' && typeof module === 'object') module.exports = MlpCore;
})();
`;
const script = esbuild.transformSync(`${glue}${wrapper}`, { minify: true, target: 'es2020', legalComments: 'none' }).code;
if (!/\bvar MlpCore\b/.test(script)) {
  console.error('pack-wasm: the minified script lost its global MlpCore');
  process.exit(1);
}
fs.writeFileSync(outFile, script);
console.log(`pack-wasm: ${outFile}: wasm ${wasm.length} B, gzip ${Math.round(packed.length * 3 / 4)} B, script ${script.length} B (glue and wrapper minified from ${glue.length + wrapper.length - packed.length} to ${script.length - packed.length} B)`);
