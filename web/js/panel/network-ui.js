/* network-ui.js: the network playground's parts of the panel, put together:
   the layer editor and the feature toggles under the diagram, the
   "Network" settings, Export / Import / Share, the neuron maps and weight
   editing. Each turns what the reader does into a call on `actions`
   (panel-actions.js); after each new network (p.networkHooks) and each
   change of the weights (p.paramHooks) they show what the network is. */
import { byId } from '../kit/dom.js';
import { hiddenWidths } from './keys/network-keys.js';
import { createLayerEditor } from './layer-editor.js';
import { createFeatureToggles, featureLabels } from './features-ui.js';
import { createTrainSettings } from './train-settings.js';
import { createRunIO } from './run-io.js';
import { createNeuronMaps } from './neuron-maps.js';
import { createWeightEditor } from './weight-edit.js';

const TALL_UNITS = 16; // a layer wider than this gets a taller diagram

export function mountNetworkUi(p) {
  const { actions, ui } = p;
  const diagramBox = ui.diagramCanvas.parentElement;
  const ready = () => !!(p.session && p.session.net); // nothing to change before the core loads
  const layers = createLayerEditor(byId('layer-editor'), byId('layer-announce'), (widths, text) => {
    if (!ready()) return;
    pending = text;
    actions.setLayers(widths);
  });
  const features = createFeatureToggles(byId('feature-toggles'), (keys) => {
    if (!ready()) return;
    pending = `Inputs: ${featureLabels(keys || ['x1', 'x2']).join(', ')}`;
    actions.setNetworkSetting('features', keys);
  });
  const settings = createTrainSettings((key, v) => { if (ready()) actions.setNetworkSetting(key, v); });
  const maps = createNeuronMaps(p);
  const net = () => (p.session ? p.session.net : null);
  createWeightEditor(ui.diagram, diagramBox, {
    current: (i) => net().getParams()[i],
    apply: (i, v, text) => actions.setParam(i, v, text),
  });
  createRunIO({ net, load: (run) => { if (!ready()) throw new Error('the network has not loaded yet'); actions.importRun(run); } });
  let pending = '';

  p.networkHooks.push((n) => {
    const s = p.settings;
    layers.show(hiddenWidths(s));
    features.show(s.features);
    settings.show(s);
    ui.diagram.setInputNames(featureLabels(s.features));
    ui.diagramCanvas.closest('.view').classList.toggle('tall', Math.max(...n.layers) > TALL_UNITS);
    maps.networkChanged(n);
    if (pending) { layers.announce(pending, n.layers.join(' → ')); pending = ''; }
  });
  p.paramHooks.push(() => maps.paramsChanged());
  return {
    themeChanged(t) { features.setTheme(t); maps.refresh(); },
  };
}
