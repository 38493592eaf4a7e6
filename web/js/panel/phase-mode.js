/* phase-mode.js: Step phase. It walks one training iteration phase by phase
   (network.stepPhase), keeps the snapshot of the phase last stepped, and
   shows it: the diagram's overlay and legend (phase-view.js) and the
   narration (phase-narration.js), both for the followed point. Play, Step,
   Reset and a new network leave the mode. */
import { phaseView } from './phase-view.js';
import { narrate } from './phase-narration.js';

/* ui: { diagram, legend (an element), readout }. */
export function createPhaseMode(ui) {
  let snapshot = null;

  function show(point) {
    const v = phaseView(snapshot, point);
    ui.diagram.setOverlay(v.overlay);
    ui.legend.textContent = v.text;
    ui.legend.hidden = false;
    ui.readout.narrate(narrate(snapshot, point), true);
  }

  return {
    get active() { return snapshot !== null; },
    get snapshot() { return snapshot; },
    /* Performs the next phase of net's iteration and shows it; returns its snapshot. */
    step(net, point) {
      snapshot = net.stepPhase();
      if (!snapshot.diverged) show(point);
      return snapshot;
    },
    /* The followed point changed: show the same phase for it. */
    follow(point) { if (snapshot) show(point); },
    /* Back to normal mode: weights on the diagram, no phase legend. True if it was active. */
    leave() {
      if (!snapshot) return false;
      snapshot = null;
      ui.diagram.setOverlay(null);
      ui.legend.hidden = true;
      ui.legend.textContent = '';
      return true;
    },
  };
}
