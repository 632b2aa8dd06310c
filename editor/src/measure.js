// Every measurement hook of the editor, in one place. The benchmark (bench/) and DevTools' Timings read
// these marks and measures; the editor's behaviour never depends on them, and no other part of the page
// marks or measures anything.

const pending = { cluster: [], clusterstack: [] }; // start times of changes not yet on screen, by manifest

export const measure = {
  /** Python answered "ready" (cold or warm start). */
  generatorReady() {
    performance.mark("cs-generator-ready");
  },

  /** The worker was replaced (runaway or crashed); `reason` is why. Tests wait for this mark: the "loading"
   * state between the two workers may be too short for a poller to see. */
  generatorRestarted(reason) {
    performance.mark("cs-generator-restarted", { detail: reason });
  },

  /** The form is on screen (for profiling; the benchmark reads Element Timing instead). */
  formRendered() {
    performance.mark("cs-form-rendered");
  },

  /** The code editors replaced the prerendered manifests: marked right after the frame that shows them is painted. */
  editorsShown() {
    requestAnimationFrame(() => setTimeout(() => performance.mark("cs-editors-painted")));
  },

  /** A change to one manifest's form began now. */
  changed(kind) {
    pending[kind].push(performance.now());
  },

  /** How many changes of a manifest are waiting to be shown (a request answers those made before it). */
  waiting(kind) {
    return pending[kind].length;
  },

  /** When the oldest change of a manifest not yet on screen began (undefined when none waits). */
  oldestWaiting(kind) {
    return pending[kind][0];
  },

  /** A request to the worker starts; call the returned function when its answer is in: the worker's and Python's share. */
  request(name = "cs-generate-roundtrip") {
    const asked = performance.now();
    return () => performance.measure(name, { start: asked, end: performance.now() });
  },

  /** The time now, as the marks and measures count it (a change's start, when none is waiting). */
  now() {
    return performance.now();
  },

  /** The topology for a change that began at `start` is on screen. */
  topologyShown(start) {
    performance.measure("cs-keystroke-to-topology", { start, end: performance.now() });
  },

  /** The first `count` waiting changes of a manifest are on screen: record how long each took, keystroke to YAML. */
  shown(kind, count) {
    const now = performance.now();
    for (const start of pending[kind].splice(0, count)) performance.measure("cs-keystroke-to-yaml", { start, end: now });
  },
};
