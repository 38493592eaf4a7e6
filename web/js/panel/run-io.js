/* run-io.js: Export, Import and Share. Export downloads the run
   (net.toJSON(): configuration, data, weights, optimizer and generator
   state, epoch) through a Blob link: nothing leaves the page. Import reads
   a file the reader picks and hands the parsed run to `load`, which throws
   the API's own errors; they are shown as text. Share copies the page's
   link (the configuration), or, where the clipboard is not allowed, shows
   it in a text field, selected, to copy by hand. */
import { byId } from '../kit/dom.js';
import { FEATURE_KEYS, canonicalFeatures } from './keys/network-keys.js';

/* A saved run's configuration -> the link's settings it corresponds to. */
export function runSettings(config, settings) {
  const s = Object.assign({}, settings);
  const hidden = config.layers.slice(1, -1);
  if (hidden.length === 1 && hidden[0] <= 8) { s.hidden = hidden[0]; s.layers = null; } else s.layers = hidden;
  const byName = {};
  for (const k in FEATURE_KEYS) byName[FEATURE_KEYS[k]] = k;
  s.features = config.features ? canonicalFeatures(config.features.map((f) => byName[f])) : null;
  Object.assign(s, {
    activation: config.activation, lr: config.learningRate, seed: config.seed, init: config.init,
    batch: config.batchSize, optimizer: config.optimizer, beta1: config.beta1, beta2: config.beta2,
    epsilon: config.epsilon, reg: config.regularization,
  });
  if (config.regularization !== 'none') s.regRate = config.regularizationRate;
  return s;
}

/* net(): the live network; load(run) adopts a parsed run or throws. */
export function createRunIO({ net, load }) {
  const status = byId('run-io-status'), file = byId('import-file'), field = byId('share-field');
  const say = (text) => { status.textContent = text; };

  byId('export-run').addEventListener('click', () => {
    const n = net();
    if (!n) return;
    const blob = new Blob([JSON.stringify(n)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `mlp-run-epoch-${n.epoch}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    say(`Exported the run at epoch ${n.epoch} as ${a.download} (${Math.round(blob.size / 1024)} KB).`);
  });

  byId('import-run').addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    file.value = '';
    if (!f) return;
    let run;
    try {
      run = JSON.parse(await f.text());
    } catch (e) {
      say(`${f.name} could not be imported: it is not JSON (${e.message}).`);
      return;
    }
    try {
      load(run);
      say(`Imported ${f.name}: epoch ${net().epoch}, loss ${net().loss.toFixed(3)}. Play continues the run exactly.`);
    } catch (e) {
      say(`${f.name} could not be imported: ${e && e.message ? e.message : e}. The network is unchanged.`);
    }
  });

  byId('share-link').addEventListener('click', async () => {
    const url = location.href;
    field.hidden = true;
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      say('Link copied. It gives these settings: opened, it trains the same run from epoch 0.');
    } catch (e) {
      field.value = url;
      field.hidden = false;
      field.focus();
      field.select();
      say('The link is selected in the field above: copy it (Ctrl+C or ⌘C).');
    }
  });
  return { say };
}
