/* data-csv.js: the points as CSV in the Data section. Save writes the
   training (or test) set as the core formats it (net.toCSV: a header, then
   x1,x2,label or x1,x2,target with every double exact) to a file the reader
   downloads; Load reads a file the reader picks into the running network
   (net.loadCSV), holding out the link's test fraction of its rows as the
   test set. A malformed file is refused with the core's message, which
   names the line and the column, and the data stay as they were. Nothing
   leaves the page: the file is read and written locally. */
import { byId } from '../kit/dom.js';

const MAX_BYTES = 2e6; // 10,000 rows of exact doubles fit well under this

/* Downloads `text` as `name` (a blob URL, revoked once the click is done). */
function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/* p: the panel; on: { loaded(message), failed(message) }. */
export function watchCsv(p, on) {
  const save = byId('data-csv-save'), saveTest = byId('data-csv-save-test'), load = byId('data-csv-load');
  const name = (which) => `${p.settings.dataset}-${which}.csv`;
  save.addEventListener('click', () => { if (p.session && p.session.net) download(p.session.net.toCSV('train'), name('train')); });
  saveTest.addEventListener('click', () => { if (p.session && p.session.net) download(p.session.net.toCSV('test'), name('test')); });
  load.addEventListener('change', async () => {
    const file = load.files && load.files[0];
    load.value = '';
    if (!file || !p.session || !p.session.net) return;
    if (file.size > MAX_BYTES) { on.failed(`${file.name} is ${file.size} bytes; a file of points is at most ${MAX_BYTES}.`); return; }
    let text;
    try { text = await file.text(); } catch (e) { on.failed(`${file.name} could not be read.`); return; }
    const net = p.session.net;
    try {
      net.loadCSV(text, { testFraction: p.settings.test });
    } catch (e) {
      on.failed(`${file.name} was not loaded: ${e.message}. The points are unchanged.`);
      return;
    }
    on.loaded(`Loaded ${net.pointCount} training points${net.testPointCount ? ` and ${net.testPointCount} test points` : ''} from ${file.name}.`);
  });
  return { showTest(on) { saveTest.hidden = !on; } };
}
