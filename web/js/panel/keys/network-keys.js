/* network-keys.js: the link's settings for the network's shape and training
   (the network playground). Empty until the network editor lands.
     rules:    key -> rule (see parsers.js)
     defaults: key -> value when the link does not set it
     options(settings) -> the createNetwork options these keys set */
export const rules = {};
export const defaults = {};
export function options() { return {}; }
