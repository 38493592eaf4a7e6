/* index.js: the entry of index.html: the live panel, and around it The
   Mathematics with its two demos and The Code (explainer/explainer.js).
   esbuild bundles it with everything it imports into one classic script,
   web/build/index.js; build/mlp-core.js (the wasm module) is loaded before it. */
import { startPage } from './page.js';
import { mountExplainer } from '../explainer/explainer.js';
import { mountEmbedGenerator } from '../panel/embed-generator.js';

startPage(mountExplainer, { embedGenerator: mountEmbedGenerator });
