// The editor page: wires the version picker, the form, the two YAML editors and the generator worker.
// Behaviour lives in Python (generator.browser); this file only routes events and paints results.
// It is bundled as a classic script that the page runs as the parser reaches it, so the form is in the
// first paint. CodeMirror is a separate bundle (data-codemirror, modulepreloaded by the page): the
// form renders from this small one first, while the prerendered manifests stand in for the editors.

import { ClusterFormView } from "./form.js";
import { measure } from "./measure.js";
import { GeneratorClient } from "./worker-client.js";
import { readState, writeState, stateLink } from "./url-state.js";
import { TopologyView } from "./topology-view.js";
import { UpgradePanel } from "./upgrade-panel.js";

const KINDS = ["cluster", "clusterstack"];
const MAX_LISTED = 50;
const root = document.getElementById("cs-editor");
const picker = root.querySelector("#cs-stack");
const statusText = root.querySelector(".cs-state-text");
const retry = root.querySelector("[data-retry]");
const notice = root.querySelector(".cs-notice");
const unreleasedNote = root.querySelector(".cs-unreleased");
const problems = root.querySelector(".cs-problems");
const url = (relative) => new URL(relative, document.baseURI).href;

/** What the page knows about one manifest (cluster.yaml or clusterstack.yaml): one record per kind. */
function manifestRecord() {
  return {
    diagnostics: [], // what Python last said about it
    valid: true,
    current: true, // does the editor show the text of the current state?
    editor: null, // its YAML editor, once CodeMirror is loaded
    inFlight: false, // a generate request is running
    again: false, // another change came in meanwhile: generate once more when it returns
    pasted: false, // does the editor show pasted text that was not all taken?
  };
}

const page = {
  data: null, // the selected version's build-time data
  state: null, // {cluster, clusterstack}: the forms as ClusterForm/ClusterStackForm JSON
  manifests: { cluster: manifestRecord(), clusterstack: manifestRecord() },
  dataCache: new Map(),
  editorsReady: null, // resolves once both YAML editors exist
  shownProblems: null, // the diagnostics the form and the problem list show, as JSON: unchanged ones are not redrawn
  parked: {}, // values no version since the user typed them has had a place for (generator.manifests.switching)
  namespace: null, // the Cluster's namespace as last seen: the ClusterStack's follows it while they are equal
  keepUrl: false, // a share link could not be read: leave the address alone until the user changes something
};

const diagnosticsByKind = () => Object.fromEntries(KINDS.map((kind) => [kind, page.manifests[kind].diagnostics]));

const client = new GeneratorClient({
  workerUrl: url(root.dataset.worker),
  runtimeUrl: url(root.dataset.runtime),
  archiveUrl: url(root.dataset.archive),
  onState: setGeneratorState,
});
const topologyView = new TopologyView(root.querySelector("[data-topology]"), client, focusVariable);

/** Move the focus to a ClusterClass variable's form field (its label is the variable's name). */
function focusVariable(name) {
  const label = [...root.querySelectorAll(".cs-form label")].find((l) => l.textContent.trim().replace(/\s*\*$/, "") === name);
  const control = label && document.getElementById(label.htmlFor);
  if (!control) return showNotice(`The form has no field for ${name}.`);
  control.scrollIntoView({ block: "center" });
  control.focus();
}

function setGeneratorState(state, message) {
  root.dataset.generatorState = state;
  retry.hidden = state !== "error";
  if (state === "ready") {
    measure.generatorReady();
    root.dataset.pythonBoot = client.boot; // "snapshot" on a warm start, else "cold"
    statusText.textContent = message ? `${message} Generator ready.` : "Generator ready."; // a restart says why it happened
    if (page.data) resync();
  } else if (state === "loading") statusText.textContent = message ? `${message} Loading the generator…` : "Loading the generator… The form and the default manifests already work.";
  else statusText.textContent = `${message || "The generator stopped."} Your form is kept; press Retry to start it again.`;
  updateDownloads();
}

/** The data the page embeds for its default version (a JSON data block, no fetch), or null. */
function embeddedData(className) {
  const block = document.getElementById("cs-default-data");
  if (!block || block.dataset.stack !== className) return null;
  const data = JSON.parse(block.textContent);
  page.dataCache.set(className, Promise.resolve(data));
  block.remove(); // parsed once; the cache holds it from now on
  return data;
}

/** Replace the prerendered manifests (before the code editors take their place) with a text, or with data's. */
function showPrerendered(text, data) {
  for (const kind of KINDS) {
    const pre = root.querySelector(`[data-editor="${kind}"] pre`);
    if (pre) pre.textContent = text ?? data.manifests[kind].text;
  }
}

async function loadData(className) {
  const option = [...picker.options].find((o) => o.value === className);
  if (!option) return null;
  if (!page.dataCache.has(className)) embeddedData(className);
  if (!page.dataCache.has(className)) {
    page.dataCache.set(className, fetch(url(option.dataset.src)).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status} for ${option.dataset.src}`);
      return r.json();
    }));
  }
  return page.dataCache.get(className);
}

// "About this cluster.yaml" and "Upgrade to…", shown once a cluster.yaml is imported (upgrade-panel.js).
const upgrades = new UpgradePanel({
  client,
  listed: () => [...picker.options],
  current: () => ({ data: page.data, state: page.state }),
  loadData,
  apply: applyUpgrade,
  notify: showNotice,
});
// Right below cluster.yaml: a paste there shows its explanation without moving the pane it was pasted into.
root.querySelector('[data-editor="cluster"]').closest(".cs-output").after(upgrades.element);

// --- state → page ---------------------------------------------------------------------------------

const form = new ClusterFormView(root.querySelector(".cs-form"), (kind, structural) => {
  measure.changed(kind);
  topologyView.interrupt(); // a topology for the old form would hold the worker from this keystroke's YAML
  page.manifests[kind].current = false;
  page.keepUrl = false;
  if (structural) renderForm();
  generate(kind);
  if (kind === "cluster") followNamespace();
  else generate("cluster"); // the Cluster is checked against the ClusterStack's namespace
  scheduleSave();
});

/** The Cluster's namespace in the form, by the key Python's fields table names. */
function clusterNamespace() {
  return page.state.cluster[page.data.fields.namespaces.cluster.key];
}

/** Keep the ClusterStack in the Cluster's namespace while the user has not set them apart (one namespace by default). */
function followNamespace() {
  const pair = page.data.fields.namespaces; // Python's table: each form's namespace key and input id
  const namespace = clusterNamespace();
  const stack = page.state.clusterstack;
  if (namespace !== page.namespace && stack[pair.clusterstack.key] === page.namespace) {
    stack[pair.clusterstack.key] = namespace;
    form.showValue(pair.clusterstack.id, namespace);
    page.manifests.clusterstack.current = false;
    generate("clusterstack");
  }
  page.namespace = namespace;
}

/** Render the whole form (a version switch, an added or removed item); its problem markers go with it. */
function renderForm() {
  form.render(page.data, page.state);
  page.shownProblems = null;
}

const SAVE_INTERVAL_MS = 100; // at most ten URL writes a second: Chromium throttles replaceState beyond 200 per 10 s
const saving = { timer: null, due: false, at: -Infinity }; // the pending URL write

function saveState() {
  if (page.keepUrl) return; // the unreadable link stays in the address bar until the user changes something
  saving.due = false;
  saving.at = performance.now();
  writeState(page.data.className, page.state);
}

/** A keystroke changed the state: write the URL once its YAML is shown, or after a pause without a generator. */
function scheduleSave() {
  saving.due = true;
  saving.timer ??= setTimeout(flushSave, 150);
}

/** Write the URL if a change is not in it yet, at most once per SAVE_INTERVAL_MS (the last change always lands). */
function flushSave() {
  clearTimeout(saving.timer);
  saving.timer = null;
  if (!saving.due) return;
  const wait = saving.at + SAVE_INTERVAL_MS - performance.now();
  if (wait > 0) saving.timer = setTimeout(flushSave, wait);
  else saveState();
}

/** Ask Python for one manifest; while a request runs, remember only that another is due (latest wins). */
async function generate(kind) {
  if (root.dataset.generatorState !== "ready") {
    updateDownloads();
    return;
  }
  if (page.manifests[kind].inFlight) {
    page.manifests[kind].again = true;
    return;
  }
  page.manifests[kind].inFlight = true;
  const started = measure.waiting(kind);
  try {
    if (!page.manifests[kind].editor) await page.editorsReady;
    // A keystroke posts at once: awaiting an already-loaded version would cost a turn of the event loop.
    if (!client.holds(page.data.className)) await client.ensureVersion(page.data);
    const answered = measure.request();
    const result = await client.request("generate", generateRequest(kind, page.state[kind]));
    answered();
    page.manifests[kind].current = true;
    page.manifests[kind].pasted = false;
    page.manifests[kind].editor.setText(result.text, result.diagnostics.filter((d) => d.line));
    if (kind === "cluster") upgrades.changed();
    // "shared" on a cross-origin isolated page, else "message"; written only when it changes (a hot path).
    if (root.dataset.answerChannel !== client.channel) root.dataset.answerChannel = client.channel;
    // The URL follows once the YAML is on screen (queued behind the editor's DOM update, same task), so
    // a reload right after the YAML changed keeps the change, and the write is not in the keystroke's path.
    queueMicrotask(flushSave);
    applyDiagnostics(kind, result.diagnostics, result.valid, true);
    // The topology waits while newer keystrokes are queued: their YAML goes to the worker first.
    if (kind === "cluster" && !page.manifests[kind].again) topologyView.update(page.data, page.state.cluster, measure.oldestWaiting(kind));
    measure.shown(kind, started); // every change made before this request is now on screen
  } catch (error) {
    showNotice(`Could not generate ${kind}.yaml: ${error.message}`);
  } finally {
    page.manifests[kind].inFlight = false;
  }
  if (page.manifests[kind].again) {
    page.manifests[kind].again = false;
    generate(kind);
  }
}

/** The generate request for a form; a Cluster goes with the ClusterStack form, whose namespace it must share. */
function generateRequest(kind, state) {
  return kind === "cluster" ? { kind, form: state, clusterstack: page.state.clusterstack } : { kind, form: state };
}

function applyDiagnostics(kind, diagnostics, valid, markersSet = false) {
  page.manifests[kind].diagnostics = diagnostics;
  page.manifests[kind].valid = valid;
  if (!markersSet) page.manifests[kind].editor.setDiagnostics(diagnostics.filter((d) => d.line));
  const shown = JSON.stringify(diagnosticsByKind());
  if (shown !== page.shownProblems) {
    page.shownProblems = shown;
    renderProblems();
  }
  updateDownloads();
}

function renderProblems() {
  const placed = form.showDiagnostics(diagnosticsByKind());
  problems.replaceChildren();
  for (const severity of ["error", "warning"]) {
    const items = placed.filter((p) => (p.diagnostic.severity === "warning" ? "warning" : "error") === severity);
    if (!items.length) continue;
    const heading = document.createElement("h2");
    heading.textContent = severity === "error" ? `Errors (${items.length})` : `Warnings (${items.length})`;
    const list = document.createElement("ul");
    list.className = `cs-problem-list cs-${severity}s`;
    // A pasted file can have thousands of problems; the first ones are enough to act on.
    for (const { manifest, diagnostic, id } of items.slice(0, MAX_LISTED)) {
      const item = document.createElement("li");
      const text = `${manifest}.yaml${diagnostic.line ? `:${diagnostic.line}` : ""}: ${diagnostic.field ? diagnostic.field + ": " : ""}${diagnostic.message}`;
      if (id) {
        const link = document.createElement("a");
        link.href = `#${id}`;
        link.textContent = text;
        link.addEventListener("click", (event) => {
          event.preventDefault(); // the fragment holds the form state: never replace it with an anchor
          const target = document.getElementById(id);
          target.scrollIntoView({ block: "center" });
          target.focus();
        });
        item.append(link);
      } else item.textContent = text;
      list.append(item);
    }
    if (items.length > MAX_LISTED) {
      const more = document.createElement("li");
      more.textContent = `… and ${items.length - MAX_LISTED} more.`;
      list.append(more);
    }
    problems.append(heading, list);
  }
}

function updateDownloads() {
  for (const kind of KINDS) {
    const download = root.querySelector(`[data-download="${kind}"]`);
    const copyButton = root.querySelector(`[data-copy="${kind}"]`);
    const why = root.querySelector(`#cs-${kind}-why`);
    const errors = page.manifests[kind].diagnostics.filter((d) => d.severity !== "warning");
    // Download and copy take the editor's text: only while it is the state's text may they. `stale` says why
    // it is not, worded to follow "Copy" or "Download and copy".
    let stale = "";
    if (!page.manifests[kind].current) {
      if (root.dataset.generatorState === "error") stale = "disabled: the generator stopped; press Retry";
      else if (page.manifests[kind].pasted) stale = "disabled: the text is what you pasted, with the fields that were not taken; change the form or fix the marked lines";
      else stale = "available once the generator has caught up with your changes";
    }
    let reason = "";
    if (!page.manifests[kind].valid || errors.length) reason = `Download disabled: fix ${errors.length || "the"} error${errors.length === 1 ? "" : "s"} in ${kind}.yaml first.`;
    if (stale) reason = reason ? `${reason} Copy ${stale}.` : `Download and copy ${stale}.`;
    if (download.disabled !== Boolean(reason)) download.disabled = Boolean(reason);
    if (copyButton.disabled !== Boolean(stale)) copyButton.disabled = Boolean(stale);
    if (why.textContent !== reason) why.textContent = reason;
  }
}

// --- YAML → form ----------------------------------------------------------------------------------

async function onYamlEdit(kind, text) {
  page.manifests[kind].current = false;
  page.manifests[kind].pasted = false;
  page.keepUrl = false;
  updateDownloads();
  if (root.dataset.generatorState !== "ready") return;
  try {
    await client.ensureVersion(page.data);
    let parsed = await client.request("parse", { kind, text, current: page.state[kind] });
    if (page.manifests[kind].editor.text !== text) return; // the user typed on; the next parse decides
    let switched = "";
    if (parsed.className && parsed.className !== page.data.className && knownVersion(parsed.className)) {
      // A file of another version the site knows: follow it in the picker, then import it for that version.
      switched = await switchVersion(parsed.className);
      picker.value = parsed.className;
      renderForm();
      generate("clusterstack");
      parsed = await client.request("parse", { kind, text, current: page.state[kind] });
      if (page.manifests[kind].editor.text !== text) return;
    }
    await importParsed(kind, parsed, switched);
    if (kind === "cluster") upgrades.imported(text);
  } catch (error) {
    showNotice(`Could not read ${kind}.yaml: ${error.message}`);
  }
}

/** Take what the parsed text gives (every valid field), show the rest at its lines and say in the notice what was not taken. */
async function importParsed(kind, parsed, switched) {
  const before = switched ? `${switched} ` : "";
  if (!parsed.form) {
    // Nothing can be taken (unreadable text, another kind, an unknown version): the form keeps its values.
    applyDiagnostics(kind, parsed.diagnostics, false);
    const errors = parsed.diagnostics.filter((d) => d.severity !== "warning").length;
    showNotice(`${before}Nothing imported from ${kind}.yaml: ${errors} error${errors === 1 ? "" : "s"}, marked at ${errors === 1 ? "its line" : "their lines"}; the form keeps its values.`);
    return;
  }
  page.state[kind] = parsed.form;
  if (kind === "cluster") followNamespace();
  else generate("cluster"); // the Cluster is checked against the ClusterStack's namespace
  renderForm();
  saveState();
  // Validate the form the text gave; its line numbers refer to the generated text, not this one.
  const checked = await client.request("generate", generateRequest(kind, parsed.form));
  const notTaken = parsed.notTaken || [];
  page.manifests[kind].current = notTaken.length === 0;
  page.manifests[kind].pasted = notTaken.length > 0;
  const shown = (d) => parsed.diagnostics.some((p) => p.field === d.field && p.message === d.message);
  const formOnly = checked.diagnostics.filter((d) => !shown(d)).map((d) => ({ ...d, line: null }));
  applyDiagnostics(kind, [...parsed.diagnostics, ...formOnly], checked.valid && notTaken.length === 0);
  if (!notTaken.length) {
    showNotice(`${before}Imported ${kind}.yaml.`);
    return;
  }
  const listed = notTaken.map((d) => `${d.field || "the text"}${d.line ? ` (line ${d.line})` : ""}`).join(", ");
  showNotice(`${before}Imported ${kind}.yaml except ${notTaken.length} field${notTaken.length === 1 ? "" : "s"}, marked at ${notTaken.length === 1 ? "its line" : "their lines"} and not taken (the form keeps its values there): ${listed}.`);
}

const knownVersion = (className) => [...picker.options].some((o) => o.value === className);

// --- version switch -------------------------------------------------------------------------------

/** The user picked a version in the picker: move the state to it and show both manifests anew. */
async function selectVersion(className) {
  page.keepUrl = false;
  if (!page.data) return;
  showNotice(`Switching to ${className}…`);
  const said = await switchVersion(className);
  showNotice(said);
  showForms();
  saveState();
}

/** Move both forms to another version (values it lacks are parked, parked ones it has come back); return what to tell the user. */
async function switchVersion(className) {
  const data = await loadData(className);
  if (!data) return `Unknown Cluster Stack ${className}.`;
  const previous = page.data;
  const previousState = page.state;
  page.data = data;
  showRelease(data);
  topologyView.show(data);
  try {
    await client.ready;
    await client.ensureVersion(previous);
    await client.ensureVersion(data);
    const switched = await client.request("switch_version", { to: className, cluster: previousState.cluster, clusterstack: previousState.clusterstack, parked: page.parked });
    page.state = { cluster: switched.cluster, clusterstack: switched.clusterstack };
    page.parked = switched.parked;
    page.namespace = clusterNamespace();
    return switchNotice(className, switched);
  } catch (error) {
    page.state = clone(data.defaults);
    page.namespace = clusterNamespace();
    return `Switched to ${className} with its defaults: ${error.message}`;
  }
}

/** Say truthfully what a switch did: carried, parked (comes back later) and restored. */
function switchNotice(className, { dropped, restored, stillParked }) {
  if (!dropped.length && !restored.length) {
    return `Switched to ${className}; all values carried over.${stillParked.length ? ` Still parked for another version: ${stillParked.join("; ")}.` : ""}`;
  }
  const parts = [`Switched to ${className}.`];
  if (dropped.length) parts.push(`Not carried over, parked until you choose a version that has them: ${dropped.join("; ")}.`);
  if (restored.length) parts.push(`Restored from before: ${restored.join("; ")}.`);
  if (stillParked.length) parts.push(`Still parked: ${stillParked.join("; ")}.`);
  return parts.join(" ");
}

/** Show the version an upgrade moved the forms to (generator.browser's "upgrade" answer), as a switch would. */
function applyUpgrade(data, upgraded) {
  showState(data, upgraded);
  saveState();
}

/** Show both forms of a version as given (an upgrade's answer, a link) and generate their manifests. */
function showState(data, { cluster, clusterstack }) {
  page.keepUrl = false;
  page.data = data;
  picker.value = data.className;
  showRelease(data);
  topologyView.show(data);
  page.state = { cluster, clusterstack };
  page.namespace = clusterNamespace();
  showForms();
}

/** Render both forms from page.state and generate their manifests (a new version or a new state). */
function showForms() {
  renderForm();
  for (const kind of KINDS) {
    page.manifests[kind].current = false;
    generate(kind);
  }
}

/** A link opened in this tab while the editor is open (pasted into the address bar, or history moving
 * between two links) changes only the fragment, so the page is not loaded again: show its state, as
 * loading the link would. Without this the form would keep the old state, and the next write (at the
 * latest on pagehide) would replace the link in the address bar with it. The page's own writes use
 * history.replaceState, which fires no hashchange. */
async function followLink() {
  const read = readState();
  if (!read || !page.data) return;
  if (read.damaged) {
    page.keepUrl = true;
    showNotice("The link in the address bar could not be read (it may have been cut short), so the form is unchanged. The address is kept until you change something.");
    return;
  }
  let data;
  try {
    data = await loadData(read.className); // the current version's too: every version's data is cached
  } catch (error) {
    page.keepUrl = true;
    return showNotice(`Could not load ${read.className} (${error.message}), so the form is unchanged.`);
  }
  if (!data) {
    page.keepUrl = true;
    return showNotice(`The link in the address bar names an unknown Cluster Stack, ${read.className}, so the form is unchanged.`);
  }
  page.parked = {}; // values parked from the old state are not the link's
  showState(data, read);
  showNotice(`Showing the state of the link in the address bar (${read.className}).`);
}

/** Mark an unreleased version while it is selected: it may still change, and users should know before they apply it. */
function showRelease(data) {
  const unreleased = data.released === null;
  unreleasedNote.hidden = !unreleased;
  unreleasedNote.textContent = unreleased
    ? `${data.className} is not released: it is the working state of its Cluster Stack and may still change before it is. The manifests work (maintainers test with them); for a cluster you keep, choose a released version.`
    : "";
}

function resync() {
  for (const kind of KINDS) if (!page.manifests[kind].current) generate(kind);
}

// --- buttons --------------------------------------------------------------------------------------

function showNotice(text) {
  notice.textContent = text;
}

function download(kind) {
  const blob = new Blob([page.manifests[kind].editor.text], { type: "application/yaml" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${kind}.yaml`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    showNotice(`Copied ${what}.`);
  } catch (error) {
    showNotice(`Could not copy ${what}: ${error.message}`);
  }
}

const clone = (value) => JSON.parse(JSON.stringify(value));

// --- start ----------------------------------------------------------------------------------------

async function start() {
  client.start();
  const read = readState();
  const saved = read?.damaged ? null : read;
  const wanted = saved?.className || new URLSearchParams(location.search).get("stack") || root.dataset.defaultStack;
  const known = [...picker.options].some((o) => o.value === wanted) ? wanted : root.dataset.defaultStack;
  if (wanted && known !== wanted) showNotice(`Unknown Cluster Stack ${wanted}; showing ${known}.`);
  if (read?.damaged) {
    page.keepUrl = true;
    showNotice("This link could not be read (it may have been cut short), so the form shows the defaults. The address is kept until you change something.");
  }
  picker.value = known;
  // The default version's data is in the page: the form renders without waiting for a fetch. Another
  // version's is fetched; meanwhile the prerendered manifests (the default version's) must not pass
  // for that version's.
  let data = embeddedData(known);
  if (!data) {
    showPrerendered(`# Loading the default manifests of ${known}…\n`);
    data = await loadData(known);
    showPrerendered(null, data);
  }
  page.data = data;
  topologyView.show(data);
  const fromLink = saved && saved.className === known;
  page.state = fromLink ? { cluster: saved.cluster, clusterstack: saved.clusterstack } : clone(data.defaults);
  page.namespace = clusterNamespace();
  showRelease(data);
  for (const kind of KINDS) {
    page.manifests[kind].current = !fromLink;
    page.manifests[kind].diagnostics = data.manifests[kind].diagnostics;
    page.manifests[kind].valid = data.manifests[kind].valid;
  }
  renderForm();
  renderProblems();
  updateDownloads();
  measure.formRendered();
  let editorsDone;
  page.editorsReady = new Promise((resolve) => (editorsDone = resolve));
  // This classic script runs while the page is still parsed: let the theme's script run first, the
  // prerendered manifests stand in for the editors meanwhile.
  if (document.readyState === "loading") await new Promise((resolve) => addEventListener("DOMContentLoaded", resolve, { once: true }));
  // Only once the prerendered manifests were in a frame: when no frame fell between the parse and here,
  // CodeMirror's evaluation and the editors' layout held the first paint back by ~150 ms (README.md).
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const { YamlEditor } = await import(url(root.dataset.codemirror));
  for (const kind of KINDS) {
    const holder = root.querySelector(`[data-editor="${kind}"]`);
    const text = data.manifests[kind].text;
    holder.replaceChildren(); // the prerendered text goes; the editor lives in the holder's shadow root
    page.manifests[kind].editor = new YamlEditor(holder, `${kind}.yaml`, text, (edited) => onYamlEdit(kind, edited));
    root.querySelector(`[data-download="${kind}"]`).addEventListener("click", () => download(kind));
    root.querySelector(`[data-copy="${kind}"]`).addEventListener("click", () => copy(page.manifests[kind].editor.text, `${kind}.yaml`));
  }
  editorsDone();
  // Read by the benchmark when the editors replaced the prerendered manifests before those were ever
  // painted: a task queued from a frame callback runs right after that frame is painted.
  measure.editorsShown();
  saveState();
  root.dataset.formState = "rendered";
  picker.addEventListener("change", () => selectVersion(picker.value));
  root.querySelector("[data-copy-link]").addEventListener("click", () => {
    page.keepUrl = false; // the user asks for this state's link: the address may show it too
    saveState();
    copy(stateLink(page.data.className, page.state), "the link");
  });
  retry.addEventListener("click", () => client.start());
  addEventListener("pagehide", saveState); // a reload right after typing keeps the last keystroke
  addEventListener("hashchange", followLink);
  if (root.dataset.generatorState === "ready") resync();
  // Precaching fetches megabytes: start it only once Python is up, so it never slows the cold start.
  client.ready.catch(() => {}).then(registerServiceWorker);
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !root.dataset.sw) return;
  navigator.serviceWorker.register(url(root.dataset.sw)).then(async () => {
    const registration = await navigator.serviceWorker.ready;
    // Hand the worker what this page loaded (theme CSS/JS, the page itself) so an offline reload has it all.
    const loaded = performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.startsWith(location.origin));
    registration.active?.postMessage({ type: "cache", urls: [location.origin + location.pathname, ...loaded] });
  }, (error) => console.warn("service worker not registered:", error));
}

start().catch((error) => setGeneratorState("error", `The editor could not start: ${error.message}.`));
