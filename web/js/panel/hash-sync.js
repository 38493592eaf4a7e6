/* hash-sync.js: the panel's settings <-> the page's URL hash. A link holds
   the settings (hashstate.js parses and writes them); a hash that names an
   element of the page (#mathematics, a skip link's target) is navigation
   and leaves them alone. Writing replaces the history entry, so settings
   changed with the controls add no Back steps. */
import * as hs from './hashstate.js';

/* A hash naming an element of the page is navigation, not settings. */
function isAnchor(hash) {
  const id = hash.slice(1);
  if (id === '' || id.includes('=')) return false;
  try { return !!document.getElementById(decodeURIComponent(id)); } catch (e) { return false; }
}

/* onChange(settings, problems): a new hash arrived (not one written here). */
export function createHashSync(onChange) {
  let lastHash = '';

  /* The current hash -> { settings, problems }. */
  function read() {
    const parsed = hs.parse(isAnchor(location.hash) ? '' : location.hash);
    lastHash = location.hash;
    return parsed;
  }

  window.addEventListener('hashchange', () => {
    if (location.hash === lastHash) return;
    if (isAnchor(location.hash)) { lastHash = location.hash; return; }
    const { settings, problems } = read();
    onChange(settings, problems);
  });

  return {
    read,
    /* The settings -> the hash, without adding a history entry; returns it. */
    write(settings) {
      const h = '#' + hs.serialize(settings);
      lastHash = h;
      if (location.hash !== h) history.replaceState(null, '', h);
      return h;
    },
    get hash() { return location.hash; },
  };
}
