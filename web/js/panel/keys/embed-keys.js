/* embed-keys.js: the link's settings for how the panel is shown in a host
   page (parts, theme). All are view keys: they never rebuild the network.
   Empty until the course-site kit lands.
     rules:    key -> rule (see parsers.js), each with view: true
     defaults: key -> value when the link does not set it */
export const rules = {};
export const defaults = {};
