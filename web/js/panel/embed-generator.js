/* embed-generator.js: index.html's "Embed this panel" box. It writes the
   iframe snippet for the panel's current settings (the link's keys, the
   parts chosen here and the theme) and the few lines of host script that
   grow the frame to its content, with a Copy button. Built into
   #embed-tool-body when the page has it. */
import * as hs from './hashstate.js';
import { PARTS, visibleParts } from './keys/embed-keys.js';
import { copyText } from './copy-text.js';

const PART_LABELS = {
  title: 'title', controls: 'controls', readout: 'readout', narration: 'narration',
  diagram: 'network diagram', region: 'decision region', loss: 'loss chart',
};

/* The host script: grows each panel (iframe.mlp-panel) to the height it
   reports, and opens the full explainer when a sandboxed panel asks. */
// Spelled so that no script tag appears in the bundle's text (the one-file
// build inlines the bundle in a script element).
const SCRIPT = 'script';
export const HOST_SCRIPT = `<${SCRIPT}>
/* mlp-explainer panels: grow each to its content; open the full explainer when asked. */
addEventListener('message', function (e) {
  var m = e.data;
  if (!m || m.protocol !== 'mlp-explainer') return;
  document.querySelectorAll('iframe.mlp-panel').forEach(function (f) {
    if (f.contentWindow !== e.source) return; // only this panel's own messages
    var folder = f.src.replace(/[#?].*$/, '').replace(/[^/]*$/, '');
    if (m.type === 'height' && m.height > 0) f.style.height = Math.min(m.height, 20000) + 'px';
    if (m.type === 'openFull' && String(m.href).indexOf(folder) === 0) window.open(m.href, '_blank', 'noopener');
  });
});
</${SCRIPT}>`;

/* The snippet for an embed page's address and settings. */
export function snippet(pageUrl, settings, { sandbox = true } = {}) {
  const src = `${pageUrl.split('#')[0]}#${hs.serialize(settings)}`;
  const attrs = [`src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`, 'class="mlp-panel"',
    'title="A neural network learning to separate four clusters"', 'width="100%" height="1600"'];
  if (sandbox) attrs.push('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');
  attrs.push('loading="lazy"');
  return `<iframe ${attrs.join('\n        ')}></iframe>\n${HOST_SCRIPT}\n`;
}

function el(doc, tag, props = {}, kids = []) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) e.appendChild(k);
  return e;
}

/* doc: the document; getSettings(): the panel's settings now. */
export function mountEmbedGenerator(doc, getSettings) {
  const body = doc.getElementById('embed-tool-body');
  const details = doc.getElementById('embed-tool');
  const page = doc.getElementById('embed-page');
  if (!body || !details || !page) return null;
  const boxes = {};
  const parts = el(doc, 'fieldset', { class: 'embed-parts' }, [el(doc, 'legend', { text: 'Show' })]);
  for (const part of PARTS) {
    const input = el(doc, 'input', { type: 'checkbox', id: `embed-part-${part}` });
    input.checked = true;
    boxes[part] = input;
    parts.appendChild(el(doc, 'label', { class: 'check', for: `embed-part-${part}` }, [input, doc.createTextNode(` ${PART_LABELS[part]}`)]));
  }
  const theme = el(doc, 'select', { id: 'embed-theme' });
  for (const [v, label] of [['auto', 'the reader\'s (auto)'], ['light', 'light'], ['dark', 'dark']]) {
    theme.appendChild(el(doc, 'option', { value: v, text: label }));
  }
  const sandbox = el(doc, 'input', { type: 'checkbox', id: 'embed-sandbox' });
  sandbox.checked = true;
  const code = el(doc, 'textarea', { id: 'embed-code', readonly: '', rows: '14', spellcheck: 'false', 'aria-label': 'The embed code' });
  const copy = el(doc, 'button', { type: 'button', id: 'embed-copy', text: 'Copy' });
  const status = el(doc, 'p', { class: 'copy-status', id: 'embed-status', role: 'status' });
  body.append(
    parts,
    el(doc, 'div', { class: 'embed-options' }, [
      el(doc, 'label', { for: 'embed-theme', text: 'Theme ' }), theme,
      el(doc, 'label', { class: 'check', for: 'embed-sandbox' }, [sandbox, doc.createTextNode(' sandboxed frame (recommended)')]),
    ]),
    code, el(doc, 'div', { class: 'copy-row' }, [copy]), status);

  let seeded = false;
  function update() {
    const s = Object.assign({}, getSettings());
    if (!seeded) { // the first time: the link's own parts and theme
      seeded = true;
      const v = visibleParts(s);
      for (const part of PARTS) boxes[part].checked = v.parts.has(part);
      theme.value = s.theme || 'auto';
    }
    const on = PARTS.filter((x) => boxes[x].checked);
    s.show = on.length === PARTS.length || on.length === 0 ? 'all' : on.join(',');
    s.hide = 'none';
    s.theme = theme.value;
    code.value = snippet(page.href, s, { sandbox: sandbox.checked });
    status.textContent = '';
  }
  details.addEventListener('toggle', () => { if (details.open) update(); });
  body.addEventListener('change', update);
  // The panel's controls change the settings: follow them (after the panel has).
  const panel = doc.getElementById('panel');
  if (panel) panel.addEventListener('change', () => { if (details.open) setTimeout(update, 0); });
  copy.addEventListener('click', async () => {
    update();
    const ok = await copyText(code.value, code);
    status.textContent = ok ? 'Copied: paste it into the course page\'s HTML.' : 'Press Ctrl+C (or ⌘C) to copy the selected code.';
  });
  return { update, get code() { return code.value; } };
}
