/* copy-text.js: copies a text to the clipboard from a click, where the
   browser allows it: the asynchronous clipboard (not granted to
   cross-origin or sandboxed frames unless the host delegates
   clipboard-write), then the older copy command on a selected text field.
   When neither works the field is left selected for Ctrl+C / Cmd+C.
   Resolves to true if the text was copied. */
export async function copyText(text, field) {
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (e) { /* not allowed here: try the next way */ }
  if (!field) return false;
  field.focus();
  field.select();
  try { return document.execCommand('copy'); } catch (e) { return false; }
}
