/* debug.js: the one object through which tests and measurements look into
   a running page (the browser suites, make bench's frame benchmark). It is
   the only global the page's script defines: globalThis.mlpDebug. Nothing
   in the page reads it. */
import { formatNumber } from '../lib/numbers.js';
import { syncViews, readState, summary, emitPhase } from './panel.js';

/* panel: mountPanel's state; explainer: the explainer's parts, if any. */
export function exposeDebug(panel, explainer) {
  const p = panel, s = () => p.session;
  const app = {
    get ready() { return p.ready; },
    get network() { return s() ? s().net : null; },
    invalidate: p.invalidate,
    /* The network changed outside the frame loop: redraw every view from it. */
    refresh() { p.paramsDirty = true; p.invalidate(); },
    state() {
      const net = s() && s().net;
      return {
        epoch: net ? net.epoch : 0, loss: net ? net.loss : NaN, accuracy: net ? net.accuracy() : NaN,
        phase: net ? net.phase.phase : 'init', playing: !!net && s().playing, diverged: !!net && s().diverged,
        settings: Object.assign({}, p.settings), phaseMode: p.phase.active, selected: p.selected,
        history: { count: p.ui.loss.history.count, width: p.ui.loss.history.width },
        refined: p.ui.region.refined,
      };
    },
    stats() {
      const c = s().counts;
      return Object.assign(p.scheduler.stats(), {
        playedFrames: c.played, trainedFrames: c.trained, sharedFrames: c.shared, skippedFrames: c.skipped, epochs: c.epochs,
        budgetCuts: c.budgetCuts, minEpochs: c.trained ? c.minEpochs : 0, maxEpochs: c.maxEpochs,
        trainBudget: s().trainBudget,
      });
    },
    resetStats() { p.scheduler.resetStats(); s().resetCounts(); },
    setTrainBudget(ms) { s().setTrainBudget(ms); },
    /* Trains n epochs at once, recording each epoch's loss as the frame loop does. */
    advance(n) {
      if (p.phase.leave()) emitPhase(p);
      s().trainChunks(n, Infinity);
      p.paramsDirty = true;
      if (!s().diverged) {
        syncViews(p);
        readState(p);
        p.ui.readout.narrate(summary(p, 'Epoch'));
      }
      p.invalidate();
    },
    /* Mean milliseconds to redraw the loss chart, as a frame would, over n redraws. */
    timeLossDraw(n = 1) {
      const t = performance.now();
      for (let i = 0; i < n; i++) { p.ui.loss.invalidate(); p.ui.loss.draw(); }
      return (performance.now() - t) / n;
    },
    regionToDevice: (x, y) => p.ui.region.toDevice(x, y),
    get views() { return { diagram: p.ui.diagram, region: p.ui.region, loss: p.ui.loss }; },
    tints: () => p.ui.theme.tints.slice(0, p.ui.region.K).map((c) => c.slice()), // the network's classes
    get lesson() { return p.lessons ? p.lessons.current : null; },
    get compareNetwork() { return p.compare ? p.compare.network : null; },
    background: () => p.ui.theme.bg.slice(),
  };
  Object.defineProperty(globalThis, 'mlpDebug', { value: Object.freeze({ app, explainer, formatNumber }), configurable: true });
}
