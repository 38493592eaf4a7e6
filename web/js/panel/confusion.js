/* confusion.js: the confusion-matrix view in the Data section: a K x K
   table (rows: true class, columns: predicted), each cell a button with its
   count, shaded by its share of the row; a radio pair picks the training or
   the test points. Choosing a cell rings its points on the region (again:
   none). The counts come from the panel (confusion-layout.js); the table is
   rebuilt only when K changes, and a cell's text only rewritten when its
   count does. */
import { byId, el } from '../kit/dom.js';
import { layout, cellLabel } from './confusion-layout.js';
import { markerIcon } from './data-area.js';

/* The K x K table in `box`, headed by the classes' markers; returns the
   cells' buttons, row-major; onCell(t, p) when one is pressed. */
function buildTable(box, k, onCell) {
  box.textContent = '';
  const table = el('table', { class: 'confusion-table' });
  table.appendChild(el('caption', { class: 'sr-only' }, 'Confusion matrix: rows are the true class, columns the predicted class'));
  const head = el('tr');
  head.appendChild(el('th', { scope: 'col' }, 'true ↓, predicted →'));
  for (let p = 0; p < k; p++) {
    const th = el('th', { scope: 'col' });
    th.append(markerIcon(p), String(p));
    head.appendChild(th);
  }
  table.appendChild(el('thead')).appendChild(head);
  const body = table.appendChild(el('tbody')), buttons = [];
  for (let t = 0; t < k; t++) {
    const tr = body.appendChild(el('tr'));
    const th = el('th', { scope: 'row' });
    th.append(markerIcon(t), String(t));
    tr.appendChild(th);
    for (let p = 0; p < k; p++) {
      const b = el('button', { type: 'button', class: t === p ? 'cell diagonal' : 'cell', 'aria-pressed': 'false' }, '0');
      b.addEventListener('click', () => onCell(t, p));
      tr.appendChild(el('td')).appendChild(b);
      buttons.push(b);
    }
  }
  box.appendChild(table);
  return buttons;
}

/* on: { choose(cell | null), which(name) }. */
export function createConfusion(on) {
  const box = byId('confusion-box'), testRadio = byId('confusion-test');
  let K = 0, buttons = [], chosen = null, which = 'train';
  for (const r of document.querySelectorAll('input[name="confusion-set"]')) {
    r.addEventListener('change', () => { if (r.checked) { which = r.value; choose(null); on.which(which); } });
  }

  function choose(cell) {
    chosen = cell;
    buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(!!cell && i === cell.t * K + cell.p)));
    on.choose(cell);
  }

  function build(k) {
    K = k;
    buttons = buildTable(box, k, (t, p) => choose(chosen && chosen.t === t && chosen.p === p ? null : { t, p }));
  }

  return {
    get which() { return which; },
    get chosen() { return chosen; },
    /* A new network: K classes (0: regression, no matrix), a test set or not. */
    reset(k, hasTest) {
      testRadio.disabled = !hasTest;
      if (!hasTest && which === 'test') { which = 'train'; document.querySelector('input[name="confusion-set"][value="train"]').checked = true; }
      chosen = null;
      if (k !== K) build(k);
      else buttons.forEach((b) => b.setAttribute('aria-pressed', 'false'));
    },
    /* The counts (net.confusion(which)); returns the layout shown. */
    show(counts) {
      const L = layout(counts, K);
      L.cells.forEach((c, i) => {
        const b = buttons[i], text = String(c.count);
        if (b.textContent !== text) b.textContent = text;
        b.setAttribute('aria-label', cellLabel(c));
        b.style.setProperty('--share', c.share.toFixed(3));
        b.classList.toggle('strong', c.share > 0.5);
      });
      return L;
    },
  };
}
