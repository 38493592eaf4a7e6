// The package's entry point for Node: the same wrapper the page uses
// (web/js/core/network.js), built as CommonJS by make (tools/bundle.js),
// told where the wasm module is.
'use strict';
const path = require('path');
let api;
try {
  api = require('./web/build/network.cjs');
} catch (e) {
  throw new Error(`${path.join(__dirname, 'web/build/network.cjs')} is missing: run make`);
}
api.setCoreLoader(() => require('./web/build/mlp-core.js'));
module.exports = api;
