/* guard.js: the wrapper's public calls throw only Errors. Every public
   method and setter of Network is wrapped (guardMethods); createNetwork and
   restoreNetwork call through guard. */
import { isWrapperError, wrapperError } from './limits.js';
import { describe } from './args.js';

/* A public call throws only Errors. What a caller's value
   throws while the wrapper reads it (a getter, a Proxy trap, a revoked
   Proxy: 42, a Symbol, a TypeError) becomes an Error naming the call, the
   original kept as its cause; the wrapper's own Errors pass unchanged. */
function asError(e, name) {
  try {
    if (isWrapperError(e)) return e;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : describe(e);
    return wrapped(`${name}: reading an argument threw ${typeof what === 'string' ? what : describe(what)}`, e);
  } catch (inner) {
    return wrapped(`${name}: reading an argument threw an unreadable value`, e);
  }
}

function wrapped(message, cause) {
  const e = wrapperError(message);
  e.cause = cause;
  return e;
}

export function guard(name, fn) {
  try { return fn(); } catch (e) { throw asError(e, name); }
}

/* Wraps every public method and setter of proto so it throws only Errors
   (getters take no argument, so only the wrapper's own Errors can come out
   of them). No closure or argument array per call: the per-frame calls
   (predictGrid, step) allocate nothing more; no method takes over 4
   arguments, and an omitted one arrives as undefined, which takes the
   default as before. */
export function guardMethods(proto) {
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
    if (name === 'constructor' || name.startsWith('_')) continue;
    if (typeof d.value === 'function') {
      const fn = d.value;
      if (fn.length > 4) throw new Error(`guardMethods: ${name} takes ${fn.length} arguments`);
      d.value = {
        [name](a, b, c, e) { try { return fn.call(this, a, b, c, e); } catch (x) { throw asError(x, name); } },
      }[name];
    } else if (d.set) {
      const set = d.set;
      d.set = function (v) { try { set.call(this, v); } catch (x) { throw asError(x, name); } };
    } else continue;
    Object.defineProperty(proto, name, d);
  }
}
