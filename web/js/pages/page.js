/* page.js: what both pages do on load: one scheduler (the only
   requestAnimationFrame loop) driven by the browser's clock and visibility,
   the panel as its primary client, then the page's other parts (the
   explainer on index.html) as frame clients, and the debug object for
   tests. The page's scripts are deferred, so the markup is there. */
import { createScheduler } from '../panel/scheduler.js';
import { mountPanel, currentPhase } from '../panel/panel.js';
import { exposeDebug } from '../panel/debug.js';
import { mountLessons } from '../lessons/lessons-ui.js';
import { mountCompare } from '../compare/compare.js';

/* mountOthers({ scheduler, onPhase }) -> the parts it mounted, or null. */
export function startPage(mountOthers) {
  const scheduler = createScheduler({
    now: () => performance.now(),
    requestFrame: (cb) => requestAnimationFrame(cb),
    cancelFrame: (id) => cancelAnimationFrame(id),
    hidden: () => document.hidden,
  });
  document.addEventListener('visibilitychange', scheduler.visibilityChanged);
  const panel = mountPanel(scheduler);
  /* fn(phase) now and whenever the phase to show changes: { phase, layer }
     of the phase last stepped in phase mode, the init phase of a new
     network, or null while training runs normally. */
  const onPhase = (fn) => { panel.phaseListeners.push(fn); fn(currentPhase(panel)); };
  const others = mountOthers ? mountOthers({ scheduler, onPhase }) : null;
  panel.lessons = mountLessons(panel);
  panel.compare = mountCompare(panel);
  exposeDebug(panel, others);
  panel.start();
}
