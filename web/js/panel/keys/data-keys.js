/* data-keys.js: the link's settings for the data the panel trains on
   (the data playground). Empty until the data area lands.
     rules:    key -> rule (see parsers.js)
     defaults: key -> value when the link does not set it
     options(settings) -> the createNetwork options these keys set */
export const rules = {};
export const defaults = {};
export function options() { return {}; }
