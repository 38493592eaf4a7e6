/* open-full.js: "Open the full explainer" in a frame. Outside a frame it is
   a plain link (a new tab). In a frame the click opens the tab itself, and
   when the frame may not open tabs (sandbox="allow-scripts" without
   allow-popups: window.open returns null, and Chrome logs that it blocked
   it) it degrades honestly: it asks the host page to open the address
   (the openFull message, which the README's host script handles), and shows
   the address under the link as text to copy, with a Copy button. */
import { copyText } from './copy-text.js';

/* win: the window; post(type, fields): the host link's poster, or null. */
export function wireOpenFull(win, post) {
  const doc = win.document;
  const link = doc.getElementById('open-full');
  const box = doc.getElementById('open-full-fallback');
  if (!link || !box || win.parent === win) return;
  const url = doc.getElementById('open-full-url');
  const copy = doc.getElementById('open-full-copy');
  const status = doc.getElementById('open-full-status');
  link.addEventListener('click', (e) => {
    e.preventDefault();
    const href = link.href; // absolute, with the current settings (panel.js linkFullPage)
    let w = null;
    try { w = win.open(href, '_blank'); } catch (err) { w = null; }
    if (w) {
      try { w.opener = null; } catch (err) { /* another origin: nothing to cut */ }
      return;
    }
    if (post) post('openFull', { href });
    url.value = href;
    status.textContent = '';
    box.hidden = false;
  });
  copy.addEventListener('click', async () => {
    const ok = await copyText(url.value, url);
    status.textContent = ok ? 'Copied.' : 'Press Ctrl+C (or ⌘C) to copy the selected address.';
  });
}
