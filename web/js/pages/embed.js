/* embed.js: the entry of embed.html, the live panel alone (for course pages'
   iframes): the link's embed keys apply (show, hide, controls, theme), and
   in a frame it talks to its host page (page.js). esbuild bundles it with
   everything it imports into one classic script, web/build/embed.js;
   build/mlp-core.js (the wasm module) is loaded before it. */
import { startPage } from './page.js';

startPage(null, { embed: true });
