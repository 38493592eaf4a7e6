/* demo-approx.js: the universal approximation claim, shown. One hidden layer
   of N sigmoid units and a linear output (the core's regression mode) is
   fitted by squared error to a 1-D target: sin x, a step, |x|, or one the
   reader draws. The plot shows the target points, the fit, and the N scaled
   sigmoids v_i sigma(w_i x + b_i) that, with the output bias c, add up to it:
       fit(x) = c + sum_i v_i sigma(w_i x + b_i).

   Frame-loop contract: this module never schedules frames. The page's single
   requestAnimationFrame loop calls demo.tick() once per frame; a tick trains
   a few epochs (when playing) and redraws only if something changed.

       const demo = mount(container, { core });   // core = await loadCore()
       ... in the page's frame loop: demo.tick();
       demo.destroy();

   Options: core (else loadCore() is awaited; demo.ready resolves when the
   network exists), autoplay (default: true unless the reader prefers
   reduced motion). The controller also has play(), pause(), reset(),
   setUnits(n), setTarget('sine' | 'step' | 'abs' | 'drawn') and
   refreshTheme() (call it after the page switches colour scheme itself).

   The parts: demo-approx-state.js (state and actions), -input.js (controls,
   drawing a target), -draw.js (the plot), -view.js (elements and text).
   Settings live in demo-configs.js, shared with tests/node/regression.test.mjs. */
import { fitCanvas } from '../kit/canvas.js';
import { watchScheme } from '../kit/colors.js';
import { loadCore } from '../core/network.js';
import { readDemoColors, autoplay } from './demo-plot.js';
import { buildApproxDom, syncPlayButton, updateApproxText } from './demo-approx-view.js';
import { createGeometry, createBuffers, drawApprox } from './demo-approx-draw.js';
import {
  createApproxState, createNet, setTarget, setUnits, play, pause, reset, advance,
} from './demo-approx-state.js';
import { bindApproxInput } from './demo-approx-input.js';

export { curves } from './demo-approx-draw.js';

let instances = 0;

export function mount(container, options) {
  const o = options || {};
  const ui = buildApproxDom(container, `ex-approx-${++instances}`);
  const d = createApproxState(ui, autoplay(o));
  const refreshTheme = () => { d.colors = readDemoColors(ui.root); d.dirty = true; };
  refreshTheme();
  const fitted = fitCanvas(ui.canvas, () => { d.dirty = true; });
  d.size = fitted.size;
  d.geom = createGeometry(d.size);
  const buf = createBuffers();
  const unwatch = watchScheme(refreshTheme);
  const listening = new AbortController();
  bindApproxInput(d, listening.signal);
  syncPlayButton(ui, d.running);

  function tick() {
    if (d.destroyed || !d.net) return;
    if (advance(d)) {
      drawApprox(d, buf);
      updateApproxText(d);
    }
  }
  function destroy() {
    if (d.destroyed) return;
    d.destroyed = true;
    fitted.disconnect();
    unwatch();
    listening.abort();
    if (d.net) d.net.destroy();
    d.net = null;
    ui.root.remove();
  }
  const ready = (o.core ? Promise.resolve(o.core) : loadCore()).then((core) => {
    if (d.destroyed) return;
    d.core = core;
    createNet(d);
    updateApproxText(d);
  }, (err) => {
    ui.readout.textContent = `The network could not start: ${err.message}`;
    ui.readout.classList.add('ex-error');
    throw err;
  });

  return {
    ready, tick, refreshTheme, destroy,
    play: () => play(d), pause: () => pause(d), reset: () => reset(d),
    setUnits: (n) => setUnits(d, n), setTarget: (name) => setTarget(d, name),
    get running() { return d.running; },
    get units() { return d.units; },
    get target() { return d.target; },
    get network() { return d.net; },
    get element() { return ui.root; },
  };
}
