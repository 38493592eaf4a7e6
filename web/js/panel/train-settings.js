/* train-settings.js: the "Network" settings (optimizer and its β₁, β₂, ε;
   L1/L2 and its rate λ; batch size; initialization). Each is a native,
   labelled control; a value is checked with the link's own rule
   (keys/network-keys.js), so what the control takes is what the link
   takes, and a refused value is named as text and put back. Each change
   builds a new network (set(key, value)). */
import { byId } from '../kit/dom.js';
import { rules, BATCH_SIZES } from './keys/network-keys.js';

const NAMES = { beta1: 'β₁', beta2: 'β₂', epsilon: 'ε', regRate: 'The regularization rate λ' };
const IDS = { optimizer: 'optimizer', beta1: 'beta1', beta2: 'beta2', epsilon: 'epsilon', reg: 'reg', regRate: 'reg-rate', batch: 'batch', init: 'init' };

function fillBatch(el, extra) {
  el.textContent = '';
  const sizes = BATCH_SIZES.slice();
  if (!sizes.includes(extra)) sizes.push(extra);
  sizes.sort((a, b) => a - b);
  for (const n of sizes) {
    const o = document.createElement('option');
    o.value = String(n);
    o.textContent = n === 0 ? 'all points (the seed\'s)' : BATCH_SIZES.includes(n) ? String(n) : `${n} (from link)`;
    el.appendChild(o);
  }
}

export function createTrainSettings(set) {
  const el = {};
  for (const key in IDS) el[key] = byId(IDS[key]);
  const msg = byId('network-settings-msg');
  let shown = null;

  for (const key in IDS) {
    el[key].addEventListener('change', () => {
      const text = el[key].value.trim(), v = rules[key].parse(text);
      if (v === undefined) {
        msg.textContent = `${NAMES[key] || key} must be ${rules[key].rule}, got "${text.slice(0, 20)}"; it stays ${shown[key]}.`;
        el[key].value = String(shown[key]);
        return;
      }
      msg.textContent = '';
      if (v !== shown[key]) set(key, v);
    });
  }

  return {
    show(s) {
      shown = Object.assign({}, s);
      fillBatch(el.batch, s.batch);
      for (const key in IDS) if (document.activeElement !== el[key] || key === 'batch') el[key].value = String(s[key]);
      byId('beta1-field').hidden = s.optimizer === 'sgd';
      byId('beta1-label').textContent = s.optimizer === 'momentum' ? 'Momentum β' : 'β₁';
      byId('beta2-field').hidden = byId('epsilon-field').hidden = s.optimizer !== 'adam';
      byId('reg-rate-field').hidden = s.reg === 'none';
    },
    setEnabled(on) { for (const key in IDS) el[key].disabled = !on; },
  };
}
