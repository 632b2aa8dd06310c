// The third output, "What Cluster API creates": the objects of the topology as a tree, each expandable
// to its YAML, the fields the ClusterClass's patches set linked back to the form, the addons on demand.
// Python computes everything (generator.topology.preview via generator.browser); this only paints it.

import { measure } from "./measure.js";

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
};

export class TopologyView {
  /**
   * @param {HTMLElement} section the prerendered [data-topology] section
   * @param {object} client the GeneratorClient
   * @param {(variable: string) => void} focusVariable moves the focus to a variable's form field
   */
  constructor(section, client, focusVariable) {
    this.section = section;
    this.client = client;
    this.focusVariable = focusVariable;
    this.body = section.querySelector(".cs-topology-body");
    this.addons = section.querySelector(".cs-topology-addons");
    this.download = section.querySelector('[data-download="topology"]');
    this.why = section.querySelector("#cs-topology-why");
    this.data = null; // the version's build-time data
    this.form = null; // the cluster form the last request was for
    this.result = null; // the last answer: {objects, addons, warnings, errors, problems, yaml}
    this.busy = false;
    this.again = false; // refresh() was called while a request was out
    this.shown = null; // what the answer on screen was asked for (#key()): the same request is never sent again
    this.scheduled = null; // {frame} or {timer}: a refresh waiting for the YAML's frame to be painted
    this.download.addEventListener("click", () => this.#download());
    this.addons.addEventListener("toggle", () => this.addons.open && this.refresh());
  }

  /** Show a version's default topology (prerendered at build time) until the generator answers. */
  show(data) {
    this.data = data;
    this.result = data.topology ? data.topology.default : null;
    this.shown = null; // the prerendered default: the first form is computed
    this.#paint();
  }

  /** The cluster form changed and its YAML is shown: compute the topology once that frame is painted.
   *
   * The worker runs one request at a time. Asked at once, the topology would often still be running
   * when the next keystroke's YAML is asked for; after the frame, a typist's next key usually comes
   * first and cancels it (interrupt()), and one that comes later stops the computation itself. */
  update(data, form, since = measure.now()) {
    this.data = data;
    this.form = form;
    this.since ??= since; // the oldest change not shown yet: "keystroke → topology" is measured from it
    if (this.scheduled) return;
    const frame = requestAnimationFrame(() => {
      this.scheduled = { timer: setTimeout(() => {
        this.scheduled = null;
        this.refresh();
      }) };
    });
    this.scheduled = { frame };
  }

  /** The form is changing again (a keystroke): drop a topology not started yet and stop one running for
   * the old form, so the worker is free for the keystroke's YAML, whose answer asks again (update()). */
  interrupt() {
    if (this.scheduled) {
      cancelAnimationFrame(this.scheduled.frame);
      clearTimeout(this.scheduled.timer);
      this.scheduled = null;
    }
    if (this.busy) this.client.interrupt();
  }

  async refresh() {
    if (!this.data || !this.form || !this.data.topology) return this.#paint();
    if (this.busy) {
      this.again = true;
      return;
    }
    // On screen already: the form's YAML came back unchanged (the same value typed again, or a change
    // that reached the request before its own YAML did). Computing it again would hold the worker.
    if (this.#key(this.addons.open) === this.shown) {
      this.since = null;
      return;
    }
    this.busy = true;
    const started = this.since ?? measure.now();
    this.since = null;
    // Counters, not transient states, for tests and the benchmark: how many answers were painted and
    // how many computations a newer form stopped. "computing" is set while the request is out.
    const counters = this.section.dataset;
    try {
      let asked;
      [asked, this.result] = await this.#request(this.addons.open);
      this.shown = asked;
      this.#paint();
      counters.painted = String(Number(counters.painted || 0) + 1);
      measure.topologyShown(started);
    } catch (error) {
      if (error.interrupted) {
        counters.interrupted = String(Number(counters.interrupted || 0) + 1);
        this.since = Math.min(this.since ?? started, started); // that change is still not shown: its wait goes on
      } else {
        this.shown = null; // the error is on screen, not an answer: the next refresh tries again
        this.#status(`Could not compute the topology: ${error.message}`);
      }
    } finally {
      this.busy = false;
      delete counters.computing;
    }
    if (this.again) {
      this.again = false;
      this.refresh(); // returns at once if the answer just painted is for the form as it is now
    }
  }

  /** What a topology request asks for: the version, the form as it is now (the page changes it in place,
   * before its YAML and update() come) and whether it renders the addons. */
  #key(addons) {
    return JSON.stringify([this.data.className, this.form, addons]);
  }

  async #request(addons) {
    const key = `topology:${this.data.className}`;
    if (!this.client.loaded.has(key)) {
      await this.client.request("load_topology", { className: this.data.className, inputs: this.data.topology.inputs });
      this.client.loaded.add(key); // forgotten with the worker: a restarted one loads it again
    }
    const answered = measure.request("cs-topology-roundtrip"); // the worker's share
    const asked = this.#key(addons); // as posted: the form may change while the answer is computed
    const answer = this.client.request("topology", { form: this.form, addons }, { interruptible: true });
    this.section.dataset.computing = "true"; // posted: a keystroke from now on stops it
    const result = await answer;
    answered();
    return [asked, result];
  }

  #status(text) {
    const status = this.body.querySelector(".cs-topology-status");
    if (status) status.textContent = text;
  }

  #paint() {
    if (!this.data || !this.data.topology) {
      this.body.replaceChildren(el("p", { class: "cs-topology-status" }, "The templates of this version are not in the stacks folder: its topology is not available."));
      this.#downloads();
      return;
    }
    const result = this.result;
    const open = new Set([...this.body.querySelectorAll("details[open]")].map((d) => d.dataset.object));
    const status = el("p", { class: "cs-topology-status", role: "status" });
    const count = result.objects.length;
    status.textContent = result.errors.length ? `Cluster API would stop here: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}.` : `${count} objects.`;
    const parts = [status];
    if (result.problems.length || result.errors.length || result.warnings.length) parts.push(this.#problems(result));
    parts.push(this.#tree(result.objects, open));
    this.body.replaceChildren(...parts);
    if (this.addons.open) this.#paintAddons(result.addons);
    this.#downloads();
  }

  #problems(result) {
    const list = el("ul", { class: "cs-problem-list cs-errors cs-topology-problems" });
    const described = new Set();
    for (const problem of result.problems) {
      const where = `${problem.field}${problem.line ? ` (template line ${problem.line})` : ""}`;
      const item = el("li", {}, el("strong", {}, `patch ${problem.patch}`), ` for ${problem.target} at `, el("code", {}, where), `: ${problem.message}`);
      list.append(item);
      described.add(problem.message);
    }
    for (const error of result.errors) if (![...described].some((m) => error.includes(m))) list.append(el("li", {}, error));
    for (const warning of result.warnings) list.append(el("li", { class: "cs-warning" }, `⚠ ${warning}`));
    return list;
  }

  #tree(objects, open) {
    const children = new Map();
    objects.forEach((obj, index) => {
      const parent = obj.parent ?? -1;
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(index);
    });
    const items = (parent) =>
      (children.get(parent) || []).map((index) => {
        const obj = objects[index];
        const id = `${obj.kind}/${obj.name}`;
        const details = el("details", { "data-object": id }, el("summary", {}, `${obj.kind} `, el("code", {}, obj.name)));
        if (open.has(id)) details.open = true;
        if (obj.fields.length) details.append(this.#fields(obj.fields));
        details.append(el("pre", {}, obj.yaml));
        const item = el("li", {}, details);
        if (children.has(index)) item.append(el("ul", {}, ...items(index)));
        return item;
      });
    return el("ul", { class: "cs-topology-tree" }, ...items(-1));
  }

  #fields(fields) {
    const list = el("ul", { class: "cs-topology-fields", "aria-label": "Fields the ClusterClass's patches set" });
    for (const field of fields) {
      const item = el("li", {}, el("code", {}, field.path), ` ← patch ${field.patch}`);
      for (const variable of field.variables) {
        const link = el("button", { type: "button", class: "cs-link" }, variable);
        link.addEventListener("click", () => this.focusVariable(variable));
        item.append(" ", link);
      }
      list.append(item);
    }
    return list;
  }

  #paintAddons(addons) {
    const holder = this.addons.querySelector(".cs-addons");
    if (!addons.length) {
      holder.replaceChildren(el("p", {}, this.busy ? "Rendering the addons…" : "This version has no addons."));
      return;
    }
    holder.replaceChildren(
      ...addons.map((addon) => {
        const details = el("details", { "data-addon": addon.name }, el("summary", {}, `${addon.name}: ${addon.rendered ? `${addon.objects.length} objects` : "not rendered"}`));
        if (!addon.rendered) details.append(el("p", { class: "cs-why" }, addon.reason));
        details.append(el("p", {}, "Values:"), el("pre", {}, JSON.stringify(addon.values, null, 2)));
        if (addon.yaml) details.append(el("pre", {}, addon.yaml));
        return details;
      }),
    );
  }

  #downloads() {
    const result = this.result;
    let reason = "";
    if (!this.data || !this.data.topology || !result) reason = "Download disabled: this version's topology is not available.";
    else if (result.errors.length) reason = "Download disabled: Cluster API would stop at the errors above.";
    if (this.download.disabled !== Boolean(reason)) this.download.disabled = Boolean(reason);
    if (this.why.textContent !== reason) this.why.textContent = reason;
  }

  /** Download every object, the addons' included (computed now if their section was never opened). */
  async #download() {
    let result = this.result;
    if (!result) return;
    if (this.form && this.client.isReady && !this.addons.open) {
      try {
        [, result] = await this.#request(true);
      } catch (error) {
        this.#status(`The addons could not be rendered, downloading without them: ${error.message}`);
      }
    }
    const blob = new Blob([result.yaml], { type: "application/yaml" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "topology.yaml" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
