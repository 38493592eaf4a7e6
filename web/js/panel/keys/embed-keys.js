/* embed-keys.js: the link's settings for how the panel is shown in a host
   page. All are view keys: they never rebuild the network. They apply in
   embed.html (and its one-file build) through embed-view.js; index.html
   keeps them in its hash (so its Embed button and copied links carry them)
   but always shows the whole panel in the reader's colour scheme.

     show=region,loss        only these parts ['all']
     hide=controls,narration every part but these ['none']
     controls=play,step,reset only these controls, the others hidden; none: no controls ['all']
     theme=light|dark|auto   the colour scheme; auto follows the reader's OS ['auto']

     rules:    key -> rule (see parsers.js), each with view: true
     defaults: key -> value when the link does not set it */

/* The parts of the panel a link can show or hide (embed-view.js maps them
   to the markup). */
export const PARTS = ['title', 'controls', 'readout', 'narration', 'diagram', 'region', 'loss'];
/* The controls a link can keep (controls=...): the buttons, the settings'
   fields, and the two controls inside the views. */
export const CONTROLS = ['play', 'step', 'step-phase', 'reset', 'new-seed', 'speed', 'lr', 'activation',
  'hidden', 'seed', 'log', 'point'];
export const THEMES = ['auto', 'light', 'dark'];

/* A comma-separated list of names from `names`, each at most once, kept in
   the order of `names` (so equal lists write the same link); the `words`
   (all, none) stand for themselves. */
function list(names, ...words) {
  return {
    parse(v) {
      if (words.includes(v)) return v;
      const given = v.split(',').map((x) => x.trim());
      if (given.some((x) => !names.includes(x))) return undefined;
      const out = names.filter((x) => given.includes(x));
      return out.length ? out.join(',') : undefined;
    },
    rule: `${words.join(' or ')}, or a comma-separated list of ${names.join(', ')}`,
    view: true,
  };
}

export const rules = {
  show: list(PARTS, 'all'),
  hide: list(PARTS, 'none'),
  controls: list(CONTROLS, 'all', 'none'),
  theme: { parse: (v) => (THEMES.includes(v) ? v : undefined), rule: `one of ${THEMES.join(', ')}`, view: true },
};
export const defaults = { show: 'all', hide: 'none', controls: 'all', theme: 'auto' };

/* settings -> { parts: Set of the parts shown, controls: Set of the
   controls shown, or null for all }. */
export function visibleParts(s) {
  const shown = s.show === 'all' || !s.show ? PARTS.slice() : s.show.split(',');
  const hidden = s.hide === 'none' || !s.hide ? [] : s.hide.split(',');
  if (s.controls === 'none') hidden.push('controls');
  return {
    parts: new Set(shown.filter((x) => !hidden.includes(x))),
    controls: s.controls === 'all' || !s.controls ? null : new Set(s.controls === 'none' ? [] : s.controls.split(',')),
  };
}
