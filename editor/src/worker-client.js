// The page's side of the worker protocol: one request → one promise, bounded in time.
// A worker that does not answer in time is terminated and started again; a crash is reported.

import { measure } from "./measure.js";

const INIT_TIMEOUT_MS = 120000; // a cold start on a slow machine: the runtime is tens of MB
const REQUEST_TIMEOUT_MS = 8000; // generation takes milliseconds; anything this slow is runaway input
const SLOT_BYTES = 1 << 20; // answers up to 1 MiB come through shared memory; larger ones by message
// A keystroke's YAML must not find the slot taken by a request still running (the topology, an
// explanation): one slot per request that can be in flight at once, and a spare.
const SLOTS = 3;

// Why a shared answer slot: after a keystroke, Chromium holds messages from workers back until it
// has rendered the next frame, which made a worker's answer wait ~6 ms after Python had finished.
// Atomics.waitAsync wakes the page without that wait. It needs SharedArrayBuffer, which browsers
// give only to cross-origin isolated pages (the nginx config sends COOP and COEP); elsewhere every
// answer comes by message, a little slower, with the same results.
//
// Why interruptible requests: Python in the worker runs one request at a time, so a keystroke's YAML
// would wait for a topology computation still running for an older form (a few ms, tens on a slow
// machine). A request sent with {interruptible: true} can be stopped by interrupt(): the page writes
// the newest such id and then SIGINT into shared memory; the worker skips a stopped request it has not
// started, and Python, which polls the signal while (only while) such a request runs, raises
// KeyboardInterrupt in a running one. Either way the request rejects with an error whose .interrupted
// is true. Only pure, recomputable requests are sent so; without SharedArrayBuffer they run to the end.
const sharedAnswers = () => globalThis.crossOriginIsolated === true && typeof Atomics.waitAsync === "function";
const decoder = new TextDecoder();

export class GeneratorClient {
  constructor({ workerUrl, runtimeUrl, archiveUrl, onState }) {
    // The worker reads the runtime and archive from its URL and starts loading at once (see worker.js).
    this.workerUrl = `${workerUrl}?${new URLSearchParams({ runtime: runtimeUrl, archive: archiveUrl })}`;
    this.onState = onState; // (state: "loading"|"ready"|"error", message?: string) => void
    this.nextId = 1;
    this.pending = new Map();
    this.loaded = new Set(); // class names whose StackVersion this worker instance holds
    this.worker = null;
    this.ready = null;
    this.slots = []; // [{control, bytes, busy}]: the shared answer slots of the current worker, if isolated
    this.stopWords = null; // Int32Array [signal, stopped up to id] on shared memory: see interrupt() and worker.js
    this.interruptible = new Set(); // ids of the interruptible requests not answered yet
    this.channel = "message"; // how the last answer arrived: "shared" or "message" (read by the tests)
  }

  /** Start (or restart) the worker; resolve when Python answers "ready". A reason (why it restarted) is passed
   * to onState with "loading" and again with "ready": the loading state of a warm restart lasts only a
   * fraction of a second, so a reader who only saw "ready" still learns that the last input was dropped. */
  start(reason) {
    this.stop(reason || "the generator was restarted");
    this.loaded = new Set();
    this.onState("loading", reason);
    this.worker = new Worker(this.workerUrl, { type: "module", name: "cluster-stacks-generator" });
    this.worker.onmessage = (event) => this.#answer(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(`The generator crashed: ${event.message || "the worker stopped"}.`);
    };
    this.isReady = false;
    const worker = this.worker;
    // Fresh slots per worker: a slot a terminated worker held is never waited on again.
    const shared = sharedAnswers();
    this.slots = shared ? Array.from({ length: SLOTS }, () => ({ control: new Int32Array(new SharedArrayBuffer(8)), bytes: new Uint8Array(new SharedArrayBuffer(SLOT_BYTES)), busy: false })) : [];
    this.stopWords = shared ? new Int32Array(new SharedArrayBuffer(8)) : null;
    const init = shared ? { slots: this.slots.map(({ control, bytes }) => ({ control, bytes })), stop: this.stopWords } : {};
    this.ready = this.#send("init", init, INIT_TIMEOUT_MS).then(
      (started) => {
        if (this.worker === worker) this.isReady = true;
        this.boot = started.boot; // "snapshot" (a warm start) or "cold"
        if (this.worker === worker) this.onState("ready", reason);
      },
      (error) => {
        this.#fail(`The generator could not start: ${error.message}`);
        throw error;
      },
    );
    this.ready.catch(() => {}); // reported through onState; callers that await it see the rejection
    return this.ready;
  }

  stop(reason) {
    this.isReady = false;
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(reason || "the generator stopped"));
    }
    this.pending.clear();
    this.interruptible.clear();
  }

  /** Send one typed request with a JSON payload; resolve with the parsed result.
   * With {interruptible: true}, interrupt() may stop it (see the top of this file). */
  async request(type, payload, { interruptible = false } = {}) {
    if (!this.ready) throw new Error("the generator is not started");
    if (!this.isReady) await this.ready;
    return this.#send(type, JSON.stringify(payload), REQUEST_TIMEOUT_MS, true, interruptible && this.stopWords !== null);
  }

  /** Stop every interruptible request sent so far, running or still queued: their answers are no longer
   * wanted, and each rejects with .interrupted. True if there was one. */
  interrupt() {
    if (!this.stopWords || this.interruptible.size === 0) return false;
    Atomics.store(this.stopWords, 1, Math.max(...this.interruptible)); // first the ids: a queued one is skipped
    Atomics.store(this.stopWords, 0, 2); // then SIGINT: KeyboardInterrupt in the running one's Python
    return true;
  }

  /** Is this version loaded and the worker ready, so a request can be sent without waiting? */
  holds(className) {
    return this.isReady && this.loaded.has(className);
  }

  /** Make sure the worker holds this version (after a restart it holds none). */
  async ensureVersion(data) {
    if (this.holds(data.className)) return;
    await this.ready;
    if (this.loaded.has(data.className)) return;
    await this.request("load_version", data.version);
    this.loaded.add(data.className);
  }

  #send(type, payload, timeoutMs, mayShare = false, interruptible = false) {
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.interruptible.delete(id);
        reject(new Error(`the generator did not answer within ${timeoutMs / 1000} s and was restarted`));
        if (this.worker === worker) this.#restart("The generator took too long on the last input and was restarted.");
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      if (interruptible) this.interruptible.add(id);
      // One request holds a slot at a time; one sent while every slot is taken is answered by message.
      const index = mayShare ? this.slots.findIndex((slot) => !slot.busy) : -1;
      if (index >= 0) this.#awaitSlot(id, this.slots[index]);
      worker.postMessage({ id, type, payload, slot: index >= 0 ? index : undefined, interruptible });
    });
  }

  /** Take the slot for request id and read its answer when the worker notifies. */
  #awaitSlot(id, slot) {
    slot.busy = true;
    Atomics.store(slot.control, 0, 0);
    const waited = Atomics.waitAsync(slot.control, 0, 0);
    (waited.async ? waited.value : Promise.resolve()).then(() => {
      slot.busy = false;
      const length = Atomics.load(slot.control, 1);
      if (Atomics.load(slot.control, 0) !== id || length < 0) return; // answered by message instead
      // slice() copies into unshared memory: TextDecoder does not read shared buffers.
      this.#answer({ id, answer: decoder.decode(slot.bytes.slice(0, length)) }, "shared");
    });
  }

  #answer({ id, result, error, answer, interrupted }, channel = "message") {
    const entry = this.pending.get(id);
    if (!entry) return; // answer to a request of a worker we already replaced
    if (answer !== undefined) this.channel = channel;
    this.pending.delete(id);
    this.interruptible.delete(id);
    clearTimeout(entry.timer);
    if (interrupted) {
      entry.reject(Object.assign(new Error("the request was interrupted"), { interrupted: true }));
      return;
    }
    if (answer !== undefined) {
      // generator.browser.dispatch's JSON text, posted as is: {"result": …} or {"error": "…"}.
      const parsed = JSON.parse(answer);
      if ("error" in parsed) entry.reject(new Error(parsed.error));
      else entry.resolve(parsed.result);
    } else if (error !== undefined) entry.reject(new Error(error));
    else entry.resolve(result);
  }

  /** Replace a runaway worker. Each restart is logged as a performance mark, an event nobody can miss:
   * the "loading" state between the two workers may be too short for a poller to see. */
  #restart(reason) {
    measure.generatorRestarted(reason);
    this.start(reason);
  }

  #fail(message) {
    this.stop(message);
    this.onState("error", message);
  }
}
