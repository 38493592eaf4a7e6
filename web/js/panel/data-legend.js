/* data-legend.js: the words and keys around the region and the loss chart
   that depend on the data: the class legend (K classes in their colours and
   shapes; the seed's quadrants keep their places), the colour scale of a
   regression, the region's one-line key, the loss chart's title, reference
   and test-loss key. Rewritten when a network is built, never per frame. */
import { byId, el } from '../kit/dom.js';
import { CLASS_PLACES } from '../kit/markers.js';
import { fitCanvas } from '../kit/canvas.js';
import { markerIcon } from './data-area.js';
import { divergingRgb } from './data-colormap.js';

const CLASS_TEXT = 'Each pixel takes the colour of the class the network predicts there, paler where it is unsure.';
const LINEAR_TEXT = 'Each pixel\'s colour is the network\'s output there on the scale above: blue above 0, orange below, ' +
  'pale near 0. Each point is coloured by its target.';

export function createDataLegend(invalidate) {
  const e = {
    classes: byId('class-legend'), scale: byId('region-scale'), bar: byId('region-scale-bar'),
    lo: byId('scale-lo'), hi: byId('scale-hi'), text: byId('region-text'),
    lossTitle: byId('loss-title'), lossRef: byId('loss-ref-text'), testKey: byId('loss-test-key'),
  };
  let shownKey = 'quadrants:4'; // the markup's own legend
  let range = 1, theme = null, linear = false;
  const barSize = fitCanvas(e.bar, () => paintBar()).size;

  function paintBar() {
    if (!theme || !linear || barSize.width === 0) return;
    const w = e.bar.width, h = e.bar.height, ctx = e.bar.getContext('2d');
    const img = ctx.createImageData(w, h);
    for (let x = 0; x < w; x++) {
      const c = divergingRgb(theme, ((x + 0.5) / w * 2 - 1) * range, range);
      for (let y = 0; y < h; y++) img.data.set([c[0], c[1], c[2], 255], (y * w + x) * 4);
    }
    ctx.putImageData(img, 0, 0);
  }

  function classLegend(dataset, K) {
    const key = `${dataset === 'quadrants' ? 'quadrants' : 'classes'}:${K}`;
    if (key === shownKey) return;
    shownKey = key;
    e.classes.textContent = '';
    for (let k = 0; k < K; k++) {
      const li = el('li');
      li.append(markerIcon(k), dataset === 'quadrants' && K === 4 ? `class ${k}, ${CLASS_PLACES[k]}` : `class ${k}`);
      e.classes.appendChild(li);
    }
  }

  return {
    /* A new network: dataset name, K (outputs), linear, the colour range, test set or not,
       and the loss chart's reference value. */
    set({ dataset, K, isLinear, scaleRange, hasTest, reference }) {
      linear = isLinear;
      range = scaleRange;
      e.classes.hidden = linear;
      e.scale.hidden = !linear;
      if (!linear) classLegend(dataset, K);
      e.lo.textContent = String(-range);
      e.hi.textContent = String(range);
      if (e.text.textContent !== (linear ? LINEAR_TEXT : CLASS_TEXT)) e.text.textContent = linear ? LINEAR_TEXT : CLASS_TEXT;
      e.lossTitle.textContent = linear ? 'Mean Squared Error' : 'Cross-Entropy Loss';
      e.lossRef.textContent = linear ? `${reference.toFixed(3)}, always guessing the mean target` :
        `ln ${K} = ${reference.toFixed(3)}, a uniform guess`;
      e.testKey.hidden = !hasTest;
      paintBar();
      invalidate();
    },
    setTheme(t) { theme = t; paintBar(); },
  };
}
