// The form state in the URL fragment: base64url of UTF-8 JSON {v, c, s}. A link reproduces the form,
// and a reload keeps it, without the state ever being sent to a server (fragments are not).

function encode(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Return {className, cluster, clusterstack} from the fragment, null when there is none, or {damaged: true}
 * when a state is there but cannot be read (a link cut short in a mail or chat).
 */
export function readState() {
  const fragment = location.hash.slice(1);
  if (!fragment.startsWith("s=")) return null;
  try {
    const data = JSON.parse(decode(fragment.slice(2)));
    if (typeof data.v !== "string" || !isObject(data.c) || !isObject(data.s)) return { damaged: true };
    return { className: data.v, cluster: data.c, clusterstack: data.s };
  } catch {
    return { damaged: true };
  }
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

function fragment(className, state) {
  return "#s=" + encode(JSON.stringify({ v: className, c: state.cluster, s: state.clusterstack }));
}

/** Put the state into the address bar without a history entry per keystroke. */
export function writeState(className, state) {
  const search = `?stack=${encodeURIComponent(className)}`;
  history.replaceState(null, "", location.pathname + search + fragment(className, state));
}

/** Return the link that reproduces this state for someone else. */
export function stateLink(className, state) {
  return location.origin + location.pathname + `?stack=${encodeURIComponent(className)}` + fragment(className, state);
}
