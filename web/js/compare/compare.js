/* compare.js: side by side. With compare=<key>:<value> in the link (e.g.
   compare=activation:relu), a second network that differs from the panel's
   in that one setting trains beside it: on the same data (copied from the
   panel's network), from the same initial weights where the shapes allow
   (same layer sizes), and on the same clock (after each frame it trains up
   to the panel's epoch). Its decision region is drawn beside the panel's,
   its loss is the second curve of the panel's loss chart, and a line under
   its region gives its epoch, loss and accuracy. */
import { byId } from '../kit/dom.js';
import { formatNumber as fmt } from '../lib/numbers.js';
import { networkOptions } from '../panel/hashstate.js';
import { createRegion } from '../panel/region.js';

const CHUNK = 4096;          // epochs per step call, one loss each for the chart

export function mountCompare(panel) {
  const el = { box: byId('compare'), title: byId('compare-title'), canvas: byId('compare-region'), line: byId('compare-line') };
  if (!el.box) return null;
  const st = { net: null, spec: null, region: null, losses: new Float64Array(CHUNK), lastLine: '' };

  function destroy() {
    if (st.net) st.net.destroy();
    st.net = null;
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
    if (!st.region) st.region = createRegion(el.canvas, panel.invalidate);
    if (panel.ui.theme) st.region.setTheme(panel.ui.theme);
    st.region.setNetwork(net);
    if (panel.ui.loss.setCompare) panel.ui.loss.setCompare(`${spec.key} = ${spec.value}`);
    if (panel.ui.loss.addCompare) panel.ui.loss.addCompare(0, net.loss);
    show();
  }

  /* Trains the compare network up to the panel's epoch. */
  function sync() {
    const main = panel.session && panel.session.net, net = st.net;
    if (!main || !net || net.diverged) return false;
    let left = main.epoch - net.epoch;
    if (left <= 0) return false;
    while (left > 0) {
      const e0 = net.epoch, r = net.step(Math.min(left, CHUNK, net.maxStepEpochs), st.losses);
      const ran = r.epoch - e0;
      if (panel.ui.loss.addCompare) for (let i = 0; i < ran; i++) panel.ui.loss.addCompare(e0 + i, st.losses[i]);
      left -= ran;
      if (r.diverged || ran <= 0) break;
    }
    if (panel.ui.loss.addCompare && !net.diverged) panel.ui.loss.addCompare(net.epoch, net.loss);
    st.region.changed();
    show();
    return true;
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
    sync();
    if (st.net) return st.region.draw(playing ? 0 : performance.now() + 3);
    return false;
  });
  panel.themeListeners.push((t) => { if (st.region) st.region.setTheme(t); });
  return {
    get network() { return st.net; },
    get active() { return !!st.net; },
  };
}
