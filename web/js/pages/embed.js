/* embed.js: the entry of embed.html, the live panel alone (for course pages'
   iframes). esbuild bundles it with everything it imports into one classic
   script, web/build/embed.js; build/mlp-core.js (the wasm module) is loaded
   before it. */
import { startPage } from './page.js';

startPage(null);
