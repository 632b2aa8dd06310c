// The editor's Web Worker: loads Pyodide once, imports the generator from its archive, then only routes
// messages {id, type, payload} to generator.browser.dispatch and answers {id, result} or {id, error}.
// Only JSON text crosses the seam, so no Python proxy ever leaves this file.

let dispatch = null;
let pyodide = null;
// The shared answer slots (see worker-client.js): each {control: Int32Array [answered id, length], bytes: Uint8Array}.
let slots = [];
// The page's stop for interruptible requests (see worker-client.js): Int32Array [signal, stopped up to id].
// It writes the id first, then SIGINT into the signal word, which Pyodide polls as its interrupt buffer.
let stop = null;
let signal = null; // stop's first word, the buffer Pyodide polls
const encoder = new TextEncoder();

/** Wake the page waiting on a slot for request id; length -1: the answer (or error) comes as a message. */
function notifySlot(slot, id, length) {
  Atomics.store(slot.control, 1, length);
  Atomics.store(slot.control, 0, id);
  Atomics.notify(slot.control, 0);
}

/** Answer through the shared slot if the answer fits; else by message. */
function answerShared(slot, id, answer) {
  const encoded = encoder.encode(answer);
  if (encoded.length <= slot.bytes.length) {
    slot.bytes.set(encoded);
    notifySlot(slot, id, encoded.length);
  } else {
    notifySlot(slot, id, -1);
    self.postMessage({ id, answer });
  }
}

class Interrupted extends Error {}

/** Dispatch request id, which the page may stop: Python polls the signal word only while this runs.
 *
 * Order matters, because the page may write its stop at any moment: a signal left from an earlier
 * stop (whose request ended before Python saw it) is cleared first; then a stop for this id that came
 * before it started skips it; one that comes while it runs raises KeyboardInterrupt in Python; one
 * that comes after it returned is drained before the buffer is taken away. So no stop ever reaches the
 * next request, which runs with no buffer: a keystroke's YAML is never interrupted. */
function dispatchInterruptible(id, type, payload) {
  Atomics.store(signal, 0, 0);
  if (Atomics.load(stop, 1) >= id) throw new Interrupted();
  pyodide.setInterruptBuffer(signal);
  try {
    const answer = dispatch(type, payload);
    pyodide.checkInterrupt(); // raises if the stop came after the answer: the page no longer wants it
    return answer;
  } finally {
    pyodide.setInterruptBuffer(undefined);
  }
}

/** Was this error the page's stop (skipped, or Python's KeyboardInterrupt)? */
const interrupted = (error) => error instanceof Interrupted || Boolean(error && (error.type === "KeyboardInterrupt" || /KeyboardInterrupt/.test(String(error.message))));

// --- warm starts from a memory snapshot ---------------------------------------------------------
// A cold boot (~3 s) instantiates the runtime, runs CPython's start-up and imports the generator.
// The first boot in a browser also takes a snapshot of the Python heap right after that (Pyodide's
// _makeSnapshot/makeMemorySnapshot of the pinned runtime) and keeps it in Cache Storage; later
// visits, and restarts of this worker, restore it instead (~0.5 s from loading the runtime's module
// to Python ready on the benchmark machine, against ~2.6 s for the cold boot). The key names the build's
// content-addressed runtime, archive and worker, so a new build never restores an old heap; any
// failure to read, store or restore falls back to a cold boot.
const SNAPSHOTS = "cs-python-snapshot"; // its own cache: sw.js deletes the cs-editor-* caches of other builds
let snapshotDue = null; // after a cold boot: () => take and store the snapshot
const ARCHIVE_PATH = "/lib/cs-editor.zip"; // the generator archive in Pyodide's file system

function snapshotKey(runtimeUrl, archiveUrl) {
  const key = new URL(SNAPSHOTS, self.location.href);
  key.search = new URLSearchParams({ runtime: runtimeUrl, archive: archiveUrl, worker: self.location.pathname }).toString();
  return key.href;
}

/** Return the stored snapshot's response (its body is read while the runtime loads), or null. */
async function findSnapshot(key) {
  try {
    return (await (await caches.open(SNAPSHOTS)).match(key)) || null;
  } catch {
    return null; // no Cache Storage (an insecure origin): boot cold
  }
}

async function storeSnapshot(key, bytes) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old); // one build's snapshot only
    await cache.put(key, new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
  } catch (error) {
    console.warn("the Python snapshot was not stored; the next visit boots cold:", error);
  }
}

/** Restore the stored snapshot if there is one, else boot cold and arrange for a snapshot. */
async function bootRuntime(loadPyodide, runtimeUrl, key, stored) {
  if (stored) {
    try {
      // A promise: loadPyodide awaits it only once the runtime's code is loaded, so the 30 MB read overlaps that.
      const heap = stored.arrayBuffer().then((bytes) => new Uint8Array(bytes));
      return { pyodide: await loadPyodide({ indexURL: runtimeUrl, fullStdLib: false, _loadSnapshot: heap }), boot: "snapshot" };
    } catch (error) {
      console.warn("the Python snapshot could not be restored; booting cold:", error);
    }
  }
  // Preparing for a snapshot costs ~6% of a cold boot: only where there is a Cache Storage to keep it in
  // (browsers have none on insecure origins).
  const canStore = typeof self.caches !== "undefined";
  const pyodide = await loadPyodide({ indexURL: runtimeUrl, fullStdLib: false, _makeSnapshot: canStore });
  // Taken before the first request, so no user state is in the heap; synchronously after "ready" is
  // posted, so no request runs in between. generator.browser.warm_up() first imports what requests
  // would import on first use, so a warm start's first answer imports nothing.
  if (canStore) {
    snapshotDue = () => {
      pyodide.pyimport("generator.browser").warm_up();
      return storeSnapshot(key, pyodide.makeMemorySnapshot());
    };
  }
  return { pyodide, boot: "cold" };
}

async function load({ runtimeUrl, archiveUrl }) {
  // Fetch the archive and read the snapshot while the runtime's module loads: start-up is then the
  // runtime's time, not the sum.
  const archive = fetch(archiveUrl).then((response) => {
    if (!response.ok) throw new Error(`could not load ${archiveUrl}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  const key = snapshotKey(runtimeUrl, archiveUrl);
  const [{ loadPyodide }, stored] = await Promise.all([import(runtimeUrl + "pyodide.mjs"), findSnapshot(key)]);
  const booted = await bootRuntime(loadPyodide, runtimeUrl, key, stored);
  pyodide = booted.pyodide;
  const boot = booted.boot;
  // Python imports from the zip itself (zipimport), so a boot writes one file instead of unpacking a
  // tree. The snapshot holds the heap (modules and the zip's directory, read on the cold boot), not
  // the in-memory file system: every boot writes the file again, byte-identical to the one the
  // snapshot describes, because the snapshot's key names the archive's content-addressed URL.
  pyodide.FS.writeFile(ARCHIVE_PATH, new Uint8Array(await archive));
  pyodide.runPython(`import sys\nif ${JSON.stringify(ARCHIVE_PATH)} not in sys.path: sys.path.insert(0, ${JSON.stringify(ARCHIVE_PATH)})`);
  const browser = pyodide.pyimport("generator.browser"); // kept for the worker's lifetime
  dispatch = browser.dispatch;
  return boot;
}

// The page names the runtime and the archive in this worker's URL, so loading starts as this module
// runs; the "init" message (which waits for the page's main thread to forward it) only brings the
// answer slot and asks to be told when Python is ready. One promise: every message waits for it.
const named = new URL(self.location.href).searchParams;
const ready = named.has("runtime") && named.has("archive")
  ? load({ runtimeUrl: named.get("runtime"), archiveUrl: named.get("archive") })
  : Promise.reject(new Error("the worker's URL names no runtime and archive"));
ready.catch(() => {}); // a failure is answered to "init", not reported twice as an unhandled rejection

self.onmessage = async (event) => {
  const { id, type, payload, slot: slotIndex, interruptible } = event.data;
  const slot = Number.isInteger(slotIndex) ? slots[slotIndex] : undefined;
  try {
    if (type === "init") {
      if (payload.slots) slots = payload.slots;
      if (payload.stop) {
        stop = payload.stop;
        signal = new Int32Array(stop.buffer, 0, 1);
      }
      self.postMessage({ id, result: { boot: await ready } });
      const take = snapshotDue; // synchronous: no request runs before the heap is copied
      snapshotDue = null;
      take?.();
      return;
    }
    if (!dispatch) await ready; // once Python is up, a keystroke's request runs without a turn of the event loop
    // generator.browser.dispatch answers a JSON string: {"result": …} or {"error": "…"}; the page parses it.
    const answer = interruptible && stop ? dispatchInterruptible(id, type, payload) : dispatch(type, payload);
    if (slot) answerShared(slot, id, answer);
    else self.postMessage({ id, answer });
  } catch (error) {
    if (slot) notifySlot(slot, id, -1);
    if (interrupted(error)) self.postMessage({ id, error: "interrupted", interrupted: true });
    else self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
