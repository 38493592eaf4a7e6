/* host-protocol.js: the messages between the panel in an iframe and the
   page that embeds it (README, "Talking to the host page"). Pure: it checks
   what the host sends and builds what the panel sends; host-messages.js
   does the posting. Every message is a plain object
       { protocol: 'mlp-explainer', version: 1, type, ...fields }.

   Host -> panel (commands):
     play, pause, stepPhase, reset        no fields
     step        { n }                    n epochs, a whole number 1-10000 (default 1)
     configure   { settings }             link keys -> values, e.g. { lr: 0.3, show: 'region,loss' }
   Any command may carry an `id` (a string of at most 100 characters or a
   number), echoed in the error it causes.

   Panel -> host (events):
     ready     { hash, height }             the network is built and the commands work
     settings  { hash }                     the settings changed (configure, a new hash, the controls)
     height    { height }                   the page's content height in CSS pixels, on load and on every change
     epoch     { epoch, loss, accuracy, playing }   at most 4 a second, when something changed
     phase     { phase, layer, epoch }      the network's phase changed (Step phase)
     diverged  { epoch, loss }              training diverged and stopped
     openFull  { href }                     the reader asked for the full explainer and the frame cannot open tabs
     error     { field, message, command, id }      a command was refused; field names what is wrong */
import { RULES } from './hashstate.js';

export const PROTOCOL = 'mlp-explainer';
export const VERSION = 1;
export const MAX_STEP = 10000;
const COMMANDS = {
  play: [], pause: [], stepPhase: [], reset: [], step: ['n'], configure: ['settings'],
};
const COMMON = ['protocol', 'version', 'type', 'id'];

/* A message from the panel. */
export function message(type, fields = {}) {
  return Object.assign({ protocol: PROTOCOL, version: VERSION, type }, fields);
}

const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
const show = (v) => { const s = typeof v === 'string' ? JSON.stringify(v) : String(v); return s.length > 40 ? s.slice(0, 40) + '…' : s; };

/* A value of a configure setting -> its text in a link, or undefined. */
function asText(v) {
  if (typeof v === 'string') return v.length <= 200 ? v : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return undefined;
}

/* data (a message's data) ->
     null                                    not this protocol's: ignore it
     { error: { field, message, command, id } }   refused
     { command: { type, id, n?, settings? } }     settings: key -> the text its rule accepted */
export function checkCommand(data) {
  if (!isPlain(data) || data.protocol !== PROTOCOL) return null;
  const command = typeof data.type === 'string' && data.type.length <= 40 ? data.type : undefined;
  let id;
  if (typeof data.id === 'string' && data.id.length <= 100) id = data.id;
  else if (typeof data.id === 'number' && Number.isFinite(data.id)) id = data.id;
  const fail = (field, text) => ({ error: { field, message: text, command, id } });
  if (data.id !== undefined && id === undefined) return fail('id', 'id must be a string of at most 100 characters or a number');
  if (data.version !== VERSION) return fail('version', `version must be ${VERSION}, got ${show(data.version)}`);
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, data.type)) {
    return fail('type', `type must be one of ${Object.keys(COMMANDS).join(', ')}, got ${show(data.type)}`);
  }
  const allowed = COMMON.concat(COMMANDS[data.type]);
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) return fail(key, `${data.type} has no field ${show(key)} (its fields: ${allowed.join(', ')})`);
  }
  const out = { type: data.type, id };
  if (data.type === 'step') {
    const n = data.n === undefined ? 1 : data.n;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_STEP) {
      return fail('n', `n must be a whole number from 1 to ${MAX_STEP}, got ${show(n)}`);
    }
    out.n = n;
  }
  if (data.type === 'configure') {
    if (!isPlain(data.settings)) return fail('settings', 'settings must be an object of link keys and values, e.g. { "lr": 0.3 }');
    const keys = Object.keys(data.settings);
    if (keys.length === 0) return fail('settings', 'settings names no key');
    out.settings = {};
    for (const key of keys) {
      const field = `settings.${key}`;
      if (!Object.prototype.hasOwnProperty.call(RULES, key)) {
        return fail(field, `${show(key)} is not a setting (known: ${Object.keys(RULES).join(', ')})`);
      }
      const text = asText(data.settings[key]);
      if (text === undefined || RULES[key].parse(text.trim()) === undefined) {
        return fail(field, `${key} must be ${RULES[key].rule}, got ${show(data.settings[key])}`);
      }
      out.settings[key] = RULES[key].parse(text.trim());
    }
  }
  return { command: out };
}
