// "About this cluster.yaml" and "Upgrade to…" (issue 19): after a cluster.yaml is imported, say which
// version it uses, the state of each of its variables, which newer versions of its stack exist (each
// with a link to the comparison page), and move the editor to one of them. Python decides all of it
// (generator.explain and generator.upgrade, through generator.browser's "explain" and "upgrade");
// this module only asks and paints. Every value comes from a pasted file: it is set as text, never
// as markup.

const REFRESH_MS = 400; // after the form changes, explain again once the user pauses
// What each kind of note (generator.upgrade's constants) is called where the notes are listed.
const NOTE_LABELS = {
  class: "Version",
  kept: "Kept",
  renamed: "Renamed",
  dropped: "Dropped",
  "suggested-rename": "Perhaps renamed",
  "new-required": "New and required",
  "default-changed": "Default changed",
  added: "New",
  "machine-deployment": "Machine deployment",
  clusterstack: "clusterstack.yaml",
};
// Variable states (generator.explain's constants), in the order they are shown, and whether their list starts open.
const STATES = [
  ["set", "Set in the file", true],
  ["unknown", "Not defined by this version", true],
  ["unset", "Not set, no default", true],
  ["defaulted", "Not set: Cluster API fills in the default", false],
];

const shownValue = (value) => JSON.stringify(value); // as the notes quote values: strings in quotes

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export class UpgradePanel {
  /**
   * @param client the GeneratorClient
   * @param listed () => HTMLOptionElement[]: the picker's options, every version the site lists
   * @param current () => {data, state}: the selected version's data and the page's forms
   * @param loadData (className) => Promise<data|null>: a version's build-time data
   * @param apply (data, upgraded) => void: switch the page to the target version with the upgraded forms
   * @param notify (text) => void: the page's notice (a live region)
   */
  constructor({ client, listed, current, loadData, apply, notify }) {
    Object.assign(this, { client, listed, current, loadData, apply, notify });
    this.active = false; // shown once a cluster.yaml was imported; from then on it follows the cluster.yaml
    this.asked = 0; // the latest explain request: older answers are dropped
    this.timer = null;
    this.element = el("section", { class: "cs-explain", "aria-labelledby": "cs-explain-title", hidden: true });
    this.summary = el("p", { class: "cs-explain-summary" });
    this.variables = el("div", { class: "cs-explain-variables" });
    this.newer = el("div", { class: "cs-explain-newer" });
    this.select = el("select", { id: "cs-upgrade-to" });
    this.button = el("button", { type: "button", class: "md-button", text: "Upgrade" });
    this.control = el("div", { class: "cs-upgrade" }, el("label", { for: "cs-upgrade-to", text: "Upgrade to…" }), this.select, this.button);
    this.notes = el("div", { class: "cs-upgrade-notes", hidden: true });
    this.element.append(el("h2", { id: "cs-explain-title", text: "About this cluster.yaml" }), this.summary, this.variables, this.newer, this.control, this.notes);
    this.button.addEventListener("click", () => this.upgrade());
  }

  /** A cluster.yaml was imported (pasted or typed): explain it, and forget the notes of an earlier upgrade. */
  imported(text) {
    this.active = true;
    this.notes.hidden = true;
    return this.explain({ text }); // the text itself: it may name variables the form cannot take
  }

  /** The form changed (a field, a version switch, an upgrade): explain the Cluster it generates once the user pauses. */
  changed() {
    if (!this.active) return;
    clearTimeout(this.timer);
    // The form, not its text: no parse, so the worker stays free for the next keystroke.
    this.timer = setTimeout(() => this.explain({ form: this.current().state.cluster }), REFRESH_MS);
  }

  async explain(what) {
    clearTimeout(this.timer);
    const asked = ++this.asked;
    try {
      const { data } = this.current();
      await this.client.ensureVersion(data); // after a worker restart it holds none
      const explanation = await this.client.request("explain", { ...what, known: this.listed().map((o) => o.value) });
      if (asked !== this.asked) return; // a newer text is being explained
      this.render(explanation);
      this.element.dataset.answered = String(asked); // how many explanations arrived: tests wait for the next one
    } catch (error) {
      if (asked === this.asked) this.notify(`Could not explain cluster.yaml: ${error.message}`);
    }
  }

  /** Paint an explanation (generator.explain.Explanation.to_dict()). */
  render({ className, known, variables, newer }) {
    // Unreadable text (a paste cut short, a keystroke mid-edit): the problem list says why, and the last
    // explanation stays rather than the page jumping under the cursor.
    if (!className) return;
    this.element.hidden = false;
    const options = new Map(this.listed().map((o) => [o.value, o]));
    const own = options.get(className);
    if (!known) {
      this.summary.replaceChildren("It names the ClusterClass ", el("code", { text: className }), ", which no version on this site provides.");
    } else {
      this.summary.replaceChildren("It uses ", el("strong", { text: className }), own?.hasAttribute("data-unreleased") ? " (unreleased)" : "", ".");
    }
    this.variables.replaceChildren(...this.variableLists(variables, known));
    this.renderNewer(className, known ? newer : [], options, known);
  }

  variableLists(variables, known) {
    const lists = [];
    for (const [state, stateLabel, open] of STATES) {
      const label = known ? stateLabel : "Set in the file"; // of a class no version here provides, every variable is "unknown"
      const items = variables.filter((v) => v.state === state);
      if (!items.length) continue;
      const list = el("ul", { class: `cs-explain-list cs-state-${state}` });
      for (const variable of items) {
        const item = el("li", {}, el("code", { text: variable.name }));
        if (state !== "unset") item.append(" = ", el("code", { class: "cs-explain-value", text: shownValue(variable.value) }));
        if (variable.required && state !== "set") item.append(el("span", { class: "cs-required", text: " required" }));
        list.append(item);
      }
      const required = state === "unset" && items.some((v) => v.required);
      // A list the user opened or closed stays so when the explanation follows a change of the form.
      const shown = this.variables.querySelector(`details[data-state="${state}"]`);
      const isOpen = shown ? shown.open : open && (state !== "unset" || required);
      lists.push(el("details", { "data-state": state, open: isOpen }, el("summary", { text: `${label} (${items.length})` }), list));
    }
    return lists;
  }

  renderNewer(className, newer, options, known) {
    if (!newer.length) {
      this.newer.replaceChildren(known ? el("p", { text: "No newer version of this stack is listed here." }) : "");
      this.control.hidden = true;
      return;
    }
    const list = el("ul", { class: "cs-explain-list" });
    for (const name of newer) {
      const href = new URL(`../compare/?${new URLSearchParams({ from: className, to: name })}`, document.baseURI).href;
      const unreleased = options.get(name)?.hasAttribute("data-unreleased");
      list.append(el("li", {}, el("a", { href, text: `Compare ${className} with ${name}` }), unreleased ? " (unreleased)" : ""));
    }
    this.newer.replaceChildren(el("h3", { text: `Newer versions of this stack (${newer.length})` }), list);
    // Keep the control (and its focus) and the user's choice while it is still offered.
    const chosen = this.select.value;
    this.select.replaceChildren(...newer.map((name) => el("option", { value: name, text: `${name}${options.get(name)?.hasAttribute("data-unreleased") ? " – unreleased" : ""}` })));
    if (newer.includes(chosen)) this.select.value = chosen;
    this.control.hidden = false;
  }

  /** Move the page's forms to the chosen version in the worker, switch the editor to it, and say what changed. */
  async upgrade() {
    const to = this.select.value;
    if (!to) return;
    this.button.disabled = true;
    this.notify(`Upgrading to ${to}…`);
    try {
      const target = await this.loadData(to);
      if (!target) throw new Error(`${to} is not listed`);
      const { data, state } = this.current();
      await this.client.ensureVersion(data);
      await this.client.ensureVersion(target);
      // Both versions' templates (where the site has them) let the worker say which machines roll.
      for (const version of [data, target]) {
        if (version.topology?.inputs) await this.client.request("load_topology", { className: version.className, inputs: version.topology.inputs });
      }
      const upgraded = await this.client.request("upgrade", { to, cluster: state.cluster, clusterstack: state.clusterstack, renames: target.renames || [] });
      this.apply(target, upgraded);
      this.renderNotes(data.className, to, upgraded);
      this.notify(upgradeNotice(to, upgraded));
    } catch (error) {
      this.notify(`Could not upgrade to ${to}: ${error.message}`);
    } finally {
      this.button.disabled = false;
    }
  }

  renderNotes(from, to, { notes, valid, diagnostics, plan }) {
    const kept = notes.filter((n) => n.kind === "kept").map((n) => n.subject);
    const list = el("ul", { class: "cs-explain-list cs-upgrade-note-list" });
    if (kept.length) list.append(el("li", {}, el("strong", { text: "Kept: " }), kept.join(", ")));
    for (const note of notes.filter((n) => n.kind !== "kept")) {
      const item = el("li", { "data-kind": note.kind }, el("strong", { text: `${NOTE_LABELS[note.kind] || note.kind}: ` }));
      if (note.subject) item.append(el("code", { text: note.subject }), " ");
      item.append(note.message);
      list.append(item);
    }
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const heading = el("h3", { id: "cs-upgrade-notes-title", tabindex: "-1", text: `What the upgrade from ${from} to ${to} did` });
    const verdict = el("p", { text: valid ? `The upgraded cluster.yaml is valid for ${to}.` : `The upgraded cluster.yaml has ${errors || "some"} error${errors === 1 ? "" : "s"} for ${to}: see Errors.` });
    this.notes.replaceChildren(heading, verdict, list, ...planParts(from, plan));
    this.notes.hidden = false;
    // The control may go (no newer version left): keep keyboard users where the result is.
    if (this.element.contains(document.activeElement) || document.activeElement === document.body) heading.focus();
  }
}

/** What the rollout plan (generator.browser's "upgrade" answer, from generator.rollout) says, as a heading, a verdict and its list. */
function planParts(from, plan) {
  const heading = el("h3", { text: "Which machines are replaced" });
  if (!plan?.available) {
    const missing = plan?.missing?.length ? plan.missing.join(" and ") : from;
    return [heading, el("p", { class: "cs-plan-missing", text: `Not known here: the templates of ${missing} are not on this site (a release whose source moved on keeps only its ClusterClass). \`python -m generator upgrade --plan\` says it where the stacks folder has them.` })];
  }
  const parts = [heading, el("p", { class: "cs-plan-verdict", text: planVerdict(plan) })];
  const list = el("ul", { class: "cs-explain-list cs-plan-rollouts" });
  for (const line of [...plan.rollouts, ...plan.problems]) list.append(el("li", { text: line }));
  if (list.children.length) parts.push(list);
  return parts;
}

function planVerdict(plan) {
  if (plan.problems.length) return "The plan could not be computed:";
  const objects = `${plan.changedObjects} object${plan.changedObjects === 1 ? "" : "s"} of the cluster change`;
  return plan.replacesMachines ? `Machines are replaced: ${objects}.` : `No machine is replaced: ${objects}, updated in place.`;
}

/** The notice after an upgrade: every note in one paragraph a screen reader reads out (the panel lists them too). */
export function upgradeNotice(to, { notes, valid, plan }) {
  const parts = [`Upgraded to ${to}.`];
  const kept = notes.filter((n) => n.kind === "kept").map((n) => n.subject);
  if (kept.length) parts.push(`Kept: ${kept.join(", ")}.`);
  const added = notes.filter((n) => n.kind === "added").map((n) => n.subject);
  for (const [kind, label] of Object.entries(NOTE_LABELS)) {
    if (kind === "kept" || kind === "added" || kind === "class") continue;
    const said = notes.filter((n) => n.kind === kind).map((n) => (n.subject ? `${n.subject}: ${n.message}` : n.message));
    if (said.length) parts.push(`${label}: ${said.join("; ")}.`);
  }
  if (added.length) parts.push(`New, optional: ${added.join(", ")}.`);
  if (!valid) parts.push("The upgraded cluster.yaml does not validate yet: see Errors.");
  if (plan?.available && !plan.problems.length) parts.push(`${planVerdict(plan)} ${plan.rollouts.join("; ")}.`);
  return parts.join(" ");
}
