// The page's side of the worker protocol: one request → one promise, bounded in time.
// A worker that does not answer in time is terminated and started again; a crash is reported.

const INIT_TIMEOUT_MS = 120000; // a cold start on a slow machine: the runtime is tens of MB
const REQUEST_TIMEOUT_MS = 8000; // generation takes milliseconds; anything this slow is runaway input

export class GeneratorClient {
  constructor({ workerUrl, runtimeUrl, archiveUrl, onState }) {
    this.workerUrl = workerUrl;
    this.init = { runtimeUrl, archiveUrl };
    this.onState = onState; // (state: "loading"|"ready"|"error", message?: string) => void
    this.nextId = 1;
    this.pending = new Map();
    this.loaded = new Set(); // class names whose StackVersion this worker instance holds
    this.worker = null;
    this.ready = null;
  }

  /** Start (or restart) the worker; resolve when Python answers "ready". */
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
    this.ready = this.#send("init", this.init, INIT_TIMEOUT_MS).then(
      () => {
        if (this.worker === worker) this.isReady = true;
        this.onState("ready");
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
  }

  /** Send one typed request with a JSON payload; resolve with the parsed result. */
  async request(type, payload) {
    if (!this.ready) throw new Error("the generator is not started");
    if (!this.isReady) await this.ready;
    return this.#send(type, JSON.stringify(payload), REQUEST_TIMEOUT_MS);
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

  #send(type, payload, timeoutMs) {
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the generator did not answer within ${timeoutMs / 1000} s and was restarted`));
        if (this.worker === worker) this.start("The generator took too long on the last input and was restarted.");
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, type, payload });
    });
  }

  #answer({ id, result, error, answer }) {
    const entry = this.pending.get(id);
    if (!entry) return; // answer to a request of a worker we already replaced
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (answer !== undefined) {
      // generator.browser.dispatch's JSON text, posted as is: {"result": …} or {"error": "…"}.
      const parsed = JSON.parse(answer);
      if ("error" in parsed) entry.reject(new Error(parsed.error));
      else entry.resolve(parsed.result);
    } else if (error !== undefined) entry.reject(new Error(error));
    else entry.resolve(result);
  }

  #fail(message) {
    this.stop(message);
    this.onState("error", message);
  }
}
