/* compare.js: side by side. With compare=<key>:<value> in the link (e.g.
   compare=activation:relu), a second network that differs from the panel's
   in that one setting trains beside it: on the same data (copied from the
   panel's network), from the same initial weights where the shapes allow
   (same layer sizes), and on the same clock (each frame it trains up to the
   panel's epoch; a heavy one in slices, the panel then held within LEAD
   epochs of it). Its decision region is drawn beside the panel's,
   its loss is the second curve of the panel's loss chart, and a line under
   its region gives its epoch, loss and accuracy. */
import { byId } from '../kit/dom.js';
import { formatNumber as fmt } from '../lib/numbers.js';
import { networkOptions } from '../panel/hashstate.js';
import { createRegion } from '../panel/region.js';
import { guessMsPerEpoch, addTiming, SLICE_EPOCH_MS } from '../panel/session.js';

const CHUNK = 4096;          // epochs per step call, one loss each for the chart
// A network whose epoch takes SLICE_EPOCH_MS or more (session.js, as the panel's)
// follows the panel in slices of phases, at most FRAME_MS of a playing frame,
// and reads its loss and accuracy (a pass over all the data each) at most
// every STATE_INTERVAL_MS; the panel trains for what the frame has left, at
// most LEAD epochs ahead of it (session.epochCap), so no backlog builds up.
const FRAME_MS = 3;
const STATE_INTERVAL_MS = 250;
const LEAD = 2;

export function mountCompare(panel) {
  const el = { box: byId('compare'), title: byId('compare-title'), canvas: byId('compare-region'), line: byId('compare-line') };
  if (!el.box) return null;
  const st = { net: null, spec: null, region: null, losses: new Float64Array(CHUNK), lastLine: '',
    msPerEpoch: 0, timing: { epochs: 0, ms: 0 }, lastState: -Infinity, shown: '' };

  function destroy() {
    if (st.net) st.net.destroy();
    st.net = null;
    if (panel.session) panel.session.epochCap = Infinity;
    panel.ui.loss.setCompare && panel.ui.loss.setCompare(null);
  }

  /* A new compare network for the panel's (just rebuilt) network. */
  function build() {
    destroy();
    const spec = panel.settings.compare, main = panel.session && panel.session.net;
    el.box.hidden = !spec || !main;
    if (!spec || !main) return;
    const settings = Object.assign({}, panel.settings, { [spec.key]: spec.value });
    let net;
    try {
      net = panel.session.core.createNetwork(networkOptions(settings));
      net.setData(main.getData('train'));
      if (main.testPointCount > 0) net.setData(main.getData('test'), 'test');
      const sameShape = net.layers.join() === main.layers.join();
      if (sameShape) net.setParams(main.getParams());
      el.title.textContent = `Compare: ${spec.key} = ${spec.value}` + (sameShape ? ', same initial weights' : '');
    } catch (e) {
      if (net) net.destroy();
      el.title.textContent = `Compare: ${spec.key} = ${spec.value} cannot be built: ${e.message}`;
      return;
    }
    st.net = net;
    st.msPerEpoch = guessMsPerEpoch(net);
    st.timing = { epochs: 0, ms: 0 };
    if (!st.region) st.region = createRegion(el.canvas, panel.invalidate);
    if (panel.ui.theme) st.region.setTheme(panel.ui.theme);
    st.region.setNetwork(net);
    if (panel.ui.loss.setCompare) panel.ui.loss.setCompare(`${spec.key} = ${spec.value}`);
    if (panel.ui.loss.addCompare) panel.ui.loss.addCompare(0, net.loss);
    show();
    st.shown = `${net.epoch}:${net.diverged}`;
  }

  /* Trains the compare network up to the panel's epoch: at once, or, for a
     heavy network while playing, in slices for FRAME_MS (the rest waits for
     the next frame). */
  function sync(playing) {
    const main = panel.session && panel.session.net, net = st.net;
    if (!main || !net || net.diverged || net.epoch >= main.epoch) return;
    const sliced = playing && st.msPerEpoch >= SLICE_EPOCH_MS, deadline = performance.now() + FRAME_MS;
    while (net.epoch < main.epoch) {
      const t = performance.now(), e0 = net.epoch, n = Math.min(main.epoch - e0, CHUNK, net.maxStepEpochs);
      if (sliced && t >= deadline) break;
      const per = net.phasesPerEpoch, phases = Math.max(1, Math.floor((deadline - t) * per / st.msPerEpoch));
      const r = sliced ? net.stepPhases(phases, n, st.losses) : net.step(n, st.losses);
      // A slice is timed only if every phase asked for ran (it stops once n epochs are done).
      if (!sliced) addTiming(st, r.epoch - e0, performance.now() - t, net);
      else if (r.epoch - e0 < n) addTiming(st, phases / per, performance.now() - t, net);
      if (panel.ui.loss.addCompare) for (let i = 0; i < r.epoch - e0; i++) panel.ui.loss.addCompare(e0 + i, st.losses[i]);
      if (r.diverged || (!sliced && r.epoch === e0)) break;
    }
    st.region.changed();
  }

  /* Its loss (the chart's last point) and its line, when the epoch changed:
     a heavy network while playing at most every STATE_INTERVAL_MS, since
     each read is a pass over all the data. */
  function showState(playing) {
    const net = st.net, now = performance.now(), key = `${net.epoch}:${net.diverged}`;
    if (key === st.shown) return;
    if (playing && st.msPerEpoch >= SLICE_EPOCH_MS && now - st.lastState < STATE_INTERVAL_MS) return;
    st.shown = key;
    st.lastState = now;
    if (panel.ui.loss.addCompare && !net.diverged) panel.ui.loss.addCompare(net.epoch, net.loss);
    show();
  }

  function show() {
    const net = st.net, acc = net.accuracy();
    const line = net.diverged ? `Diverged at epoch ${net.epoch}` :
      `Epoch ${net.epoch}: loss = ${fmt(net.loss, 3)}` + (acc === null ? '' : `, accuracy ${Math.round(acc * 100)}%`);
    if (line !== st.lastLine) { el.line.textContent = line; st.lastLine = line; }
  }

  panel.rebuildListeners.push(build);
  // compare is a view key: a new value builds the compare network alone.
  panel.hashListeners.push((settings, before, rebuilt) => {
    const a = settings.compare, b = before.compare;
    if (!rebuilt && (a ? `${a.key}:${a.value}` : '') !== (b ? `${b.key}:${b.value}` : '')) { build(); panel.invalidate(); }
  });
  panel.frameHooks.push((playing) => {
    sync(playing);
    const net = st.net, session = panel.session;
    if (!net) return false;
    showState(playing);
    session.epochCap = !net.diverged && st.msPerEpoch >= SLICE_EPOCH_MS ? net.epoch + LEAD : Infinity;
    const behind = !net.diverged && st.net.epoch < session.net.epoch;
    return st.region.draw(playing ? 0 : performance.now() + 3) || behind || st.shown !== `${net.epoch}:${net.diverged}`;
  });
  panel.themeListeners.push((t) => { if (st.region) st.region.setTheme(t); });
  return {
    get network() { return st.net; },
    get active() { return !!st.net; },
  };
}
