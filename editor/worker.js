// The editor's Web Worker: loads Pyodide once, unpacks the generator archive, then only routes
// messages {id, type, payload} to generator.browser.dispatch and answers {id, result} or {id, error}.
// Only JSON text crosses the seam, so no Python proxy ever leaves this file.

let ready = null; // one promise: every message waits for the runtime loaded by the first "init"
let dispatch = null;
// The shared answer slot (see worker-client.js): {control: Int32Array [answered id, length], bytes: Uint8Array}.
let slot = null;
const encoder = new TextEncoder();

/** Answer through the shared slot if the page asked for it and the answer fits; else by message. */
function answerShared(id, answer) {
  const encoded = encoder.encode(answer);
  const fits = encoded.length <= slot.bytes.length;
  if (fits) slot.bytes.set(encoded);
  Atomics.store(slot.control, 1, fits ? encoded.length : -1); // -1: the answer follows as a message
  Atomics.store(slot.control, 0, id);
  Atomics.notify(slot.control, 0);
  if (!fits) self.postMessage({ id, answer });
}

/** Release a shared slot whose request failed: the page waits on it, the error comes as a message. */
function releaseSlot(id) {
  Atomics.store(slot.control, 1, -1);
  Atomics.store(slot.control, 0, id);
  Atomics.notify(slot.control, 0);
}

async function load({ runtimeUrl, archiveUrl }) {
  // Fetch the archive while Pyodide boots: cold start is then the runtime's time, not the sum.
  const archive = fetch(archiveUrl).then((response) => {
    if (!response.ok) throw new Error(`could not load ${archiveUrl}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  const { loadPyodide } = await import(runtimeUrl + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: runtimeUrl, fullStdLib: false });
  pyodide.unpackArchive(await archive, "zip", { extractDir: "/lib/cs-editor" });
  pyodide.runPython("import sys\nsys.path.insert(0, '/lib/cs-editor')");
  const browser = pyodide.pyimport("generator.browser"); // kept for the worker's lifetime
  dispatch = browser.dispatch;

  return true;
}

self.onmessage = async (event) => {
  const { id, type, payload, shared } = event.data;
  try {
    if (type === "init") {
      if (payload.slot) slot = payload.slot;
      ready ??= load(payload);
      await ready;
      self.postMessage({ id, result: "ready" });
      return;
    }
    if (!ready) throw new Error("the worker was not initialised");
    if (!dispatch) await ready; // once Python is up, a keystroke's request runs without a turn of the event loop
    // generator.browser.dispatch answers a JSON string: {"result": …} or {"error": "…"}; the page parses it.
    const answer = dispatch(type, payload);
    if (shared && slot) answerShared(id, answer);
    else self.postMessage({ id, answer });
  } catch (error) {
    if (shared && slot) releaseSlot(id);
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
