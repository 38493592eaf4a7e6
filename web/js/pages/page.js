/* page.js: what both pages do on load: one scheduler (the only
   requestAnimationFrame loop) driven by the browser's clock and visibility,
   the panel as its primary client, then the page's other parts (the
   explainer on index.html) as frame clients, and the debug object for
   tests. In a frame, either page talks to its host page (host-messages.js);
   embed.html also applies the link's embed keys (parts, theme) and its
   "Open the full explainer" link degrades in a sandbox (open-full.js);
   index.html has the Embed box (embed-generator.js, passed in by index.js
   so that embed.html's bundle does not carry it). The page's scripts are
   deferred, so the markup is there. */
import { createScheduler } from '../panel/scheduler.js';
import { mountPanel, currentPhase } from '../panel/panel.js';
import { exposeDebug } from '../panel/debug.js';
import { mountLessons } from '../lessons/lessons-ui.js';
import { mountCompare } from '../compare/compare.js';
import { createEmbedView } from '../panel/embed-view.js';
import { connectHost } from '../panel/host-messages.js';
import { wireOpenFull } from '../panel/open-full.js';

/* mountOthers({ scheduler, onPhase }) -> the parts it mounted, or null.
   options.embed: the page is embed.html (the embed keys apply).
   options.embedGenerator(document, getSettings): mounts the Embed box. */
export function startPage(mountOthers, options = {}) {
  const scheduler = createScheduler({
    now: () => performance.now(),
    requestFrame: (cb) => requestAnimationFrame(cb),
    cancelFrame: (id) => cancelAnimationFrame(id),
    hidden: () => document.hidden,
  });
  document.addEventListener('visibilitychange', scheduler.visibilityChanged);
  const panel = mountPanel(scheduler);
  if (options.embed) {
    const view = createEmbedView(document, () => panel.applyTheme());
    panel.settingsListeners.push((s) => view.apply(s));
  }
  /* fn(phase) now and whenever the phase to show changes: { phase, layer }
     of the phase last stepped in phase mode, the init phase of a new
     network, or null while training runs normally. */
  const onPhase = (fn) => { panel.phaseListeners.push(fn); fn(currentPhase(panel)); };
  /* fn({ optimizer, regularization, features }) for every new network: what
     The Code shows of the update rule, the penalty and the feature map. */
  const onNetwork = (fn) => {
    panel.rebuildListeners.push(() => {
      const net = panel.session.net, f = net.features;
      fn({ optimizer: net.optimizer, regularization: net.regularization,
        features: !!f && !(f.length === 2 && f[0] === 'x1' && f[1] === 'x2') });
    });
  };
  const others = mountOthers ? mountOthers({ scheduler, onPhase, onNetwork }) : null;
  panel.lessons = mountLessons(panel);
  panel.compare = mountCompare(panel);
  const host = connectHost(window, panel);
  wireOpenFull(window, host && host.post);
  if (options.embedGenerator) options.embedGenerator(document, () => panel.settings);
  exposeDebug(panel, others);
  panel.start();
}
