/* dom.js: building elements. Text is only ever set as text, never parsed as
   HTML, so a value from a link or a file cannot inject markup. */

/* A new element with attributes and, if given, text. */
export function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function byId(id) { return document.getElementById(id); }
