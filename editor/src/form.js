// The form: built from the build-time description of a version (generator.browser.version_view): the
// fixed Cluster and ClusterStack inputs as Python's table lists them (generator.manifests.form_inputs:
// form key, manifest path, label, help, control) and the ClusterClass variables (form_schema, each with
// its help line worded in Python). It only edits plain state objects and reports which manifest
// changed; generation and validation happen in Python.

let idCounter = 0;
const nextId = (stem) => `cs-${stem.replace(/[^A-Za-z0-9_-]/g, "-")}-${++idCounter}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const show = (value) => (typeof value === "string" ? value : JSON.stringify(value));

function getIn(object, path) {
  let node = object;
  for (const key of path) {
    if (node === undefined || node === null) return undefined;
    node = node[key];
  }
  return node;
}

/** Set (or, for undefined, delete) a value at a path, creating containers on the way. */
function setIn(object, path, value) {
  let node = object;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null || typeof node[key] !== "object") node[key] = typeof path[i + 1] === "number" ? [] : {};
    node = node[key];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node[last] = null;
    else delete node[last];
  } else node[last] = value;
}

export class ClusterFormView {
  /**
   * @param form the <form> element
   * @param onChange (manifest: "cluster"|"clusterstack", structural: boolean) => void
   */
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    this.fields = []; // {wrapper, control, manifest, fieldPath}
  }

  /** Render every field for one version and its current state. */
  render(data, state) {
    this.data = data;
    this.state = state;
    this.fields = [];
    // Every control, buttons included, has a data-key that names it across renders, so the keyboard
    // stays where it was; a remove button names where to go when its row was the last (data-focus-next).
    const focused = document.activeElement && this.form.contains(document.activeElement) ? document.activeElement : null;
    const wanted = focused ? [focused.dataset.key, focused.dataset.focusNext].filter(Boolean) : [];
    const parts = [this.#clusterSection(), this.#variablesSection(), this.#clusterStackSection()];
    this.form.replaceChildren(...parts);
    for (const key of wanted) {
      const again = this.form.querySelector(`[data-key="${CSS.escape(key)}"]`);
      if (again) {
        again.focus();
        break;
      }
    }
  }

  /** Show a value the page changed in one input (the ClusterStack's namespace following the Cluster's) without a re-render. */
  showValue(key, value) {
    const control = this.form.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (control && control.value !== value) control.value = value;
  }

  // --- plumbing ---------------------------------------------------------------------------------

  #field({ key, label, help, required, manifest, fieldPath, control, wide }) {
    const wrapper = el("div", { class: "cs-field" + (wide ? " cs-field--wide" : ""), "data-field": fieldPath, "data-manifest": manifest });
    control.id ||= nextId(key);
    control.dataset.key = key;
    const helpId = `${control.id}-help`;
    const errorId = `${control.id}-error`;
    control.setAttribute("aria-describedby", `${helpId} ${errorId}`);
    if (required) control.setAttribute("aria-required", "true");
    // The label holds exactly the name (screen readers and tests find the field by it); the marker sits beside it.
    const labelNode = el("label", { for: control.id }, label);
    const marker = required ? el("span", { class: "cs-required", "aria-hidden": "true", title: "required", text: "*" }) : null;
    if (control.type === "checkbox") wrapper.append(el("div", { class: "cs-check" }, control, labelNode, marker));
    else wrapper.append(el("div", { class: "cs-label" }, labelNode, marker), control);
    wrapper.append(el("p", { class: "cs-help", id: helpId }, help || ""), el("p", { class: "cs-field-error", id: errorId }));
    this.fields.push({ wrapper, control, manifest, fieldPath });
    return wrapper;
  }

  #changed(manifest, structural = false) {
    this.onChange(manifest, structural);
  }

  #input({ type = "text", value, key, manifest, path, parse, placeholder, attrs = {} }) {
    const control = el("input", { type, placeholder, autocomplete: "off", spellcheck: false, ...attrs });
    if (type === "checkbox") control.checked = Boolean(value);
    else control.value = value === undefined || value === null ? "" : String(value);
    control.addEventListener("input", () => {
      const raw = type === "checkbox" ? control.checked : control.value;
      setIn(this.state[manifest], path, parse ? parse(raw) : raw);
      this.#changed(manifest);
    });
    control.dataset.key = key;
    return control;
  }

  #select({ options, value, manifest, path, parse, unsetLabel }) {
    const control = el("select");
    if (unsetLabel !== undefined) control.append(el("option", { value: "", text: unsetLabel }));
    for (const option of options) control.append(el("option", { value: show(option), text: show(option) }));
    control.value = value === undefined || value === null ? "" : show(value);
    control.addEventListener("change", () => {
      setIn(this.state[manifest], path, control.value === "" && unsetLabel !== undefined ? undefined : parse ? parse(control.value) : control.value);
      this.#changed(manifest);
    });
    return control;
  }

  // --- the fixed inputs (Python's table) -------------------------------------------------------------

  /** One fixed input: a control of its kind on state[manifest] at `path`, in a field labelled and placed by the table. */
  #fixed(input, manifest, { path = [input.key], id = input.id, label = input.label, fieldPath = input.path, options = input.options, role = input.role, help = input.help } = {}) {
    const value = getIn(this.state[manifest], path);
    if (input.control === "overrides") return this.#overrides(label, role, help, path, fieldPath);
    let control;
    if (input.control === "number") control = this.#input({ type: "number", value, key: id, manifest, path, parse: toInteger, attrs: { min: "0", step: "1" } });
    else if (input.control === "list") control = this.#input({ value: (value || []).join(", "), key: id, manifest, path, parse: toList });
    else if (input.control === "checkbox") control = this.#input({ type: "checkbox", value, key: id, manifest, path });
    // A value the choices lack (typed into the YAML, or kept from another version) stays selectable, so it is not silently replaced.
    else if (input.control === "select") control = this.#select({ options: !value || options.includes(value) ? options : [...options, value], value, manifest, path });
    else control = this.#input({ value, key: id, manifest, path });
    return this.#field({ key: id, label, help, required: input.required, manifest, fieldPath, control });
  }


  // --- Cluster ----------------------------------------------------------------------------------

  #clusterSection() {
    const section = el("fieldset", { class: "cs-group" }, el("legend", { text: "Cluster", elementtiming: "cs-form" }));
    section.append(...this.data.fields.cluster.map((input) => this.#fixed(input, "cluster")), this.#machineDeployments());
    return section;
  }

  /**
   * One role's variable overrides (control plane or one machine deployment): each set override is
   * the variable's own field, labelled "<variable> (<role>)"; a picker adds one for a variable not yet overridden.
   */
  #overrides(title, role, help, statePath, fieldBase) {
    if (!this.data.form.length) return document.createDocumentFragment(); // nothing to override
    const m = "cluster";
    const values = getIn(this.state.cluster, statePath) || {};
    const group = el("fieldset", { class: "cs-group cs-list", "data-field": fieldBase, "data-manifest": m }, el("legend", { text: title }));
    group.append(el("p", { class: "cs-help", text: help }), el("p", { class: "cs-field-error" }));
    this.fields.push({ wrapper: group, control: null, manifest: m, fieldPath: fieldBase });
    for (const name of Object.keys(values)) {
      const schema = this.data.form.find((candidate) => candidate.name === name);
      const row = el("div", { class: "cs-item" });
      if (schema) row.append(this.#schemaField(schema, `${name} (${role})`, [...statePath, name], `${fieldBase}[${name}].value`, values[name], schema.default, false));
      else row.append(el("p", { class: "cs-help", text: `${name}: this ClusterClass defines no such variable.` }));
      row.append(el("button", { type: "button", class: "md-button cs-remove", text: `Remove override ${name} (${role})`, onclick: () => {
        const rest = { ...values };
        delete rest[name];
        setIn(this.state.cluster, statePath, Object.keys(rest).length ? rest : undefined);
        this.#changed(m, true);
      } }));
      group.append(row);
    }
    const unused = this.data.form.filter((schema) => !(schema.name in values));
    if (unused.length) {
      const picker = el("select", { "aria-label": `Add override for ${role}` }, el("option", { value: "", text: "Add an override…" }));
      for (const schema of unused) picker.append(el("option", { value: schema.name, text: schema.name }));
      picker.addEventListener("change", () => {
        const schema = unused.find((candidate) => candidate.name === picker.value);
        if (!schema) return;
        setIn(this.state.cluster, statePath, { ...values, [schema.name]: clone(schema.default) ?? emptyOf(schema) });
        this.#changed(m, true);
      });
      group.append(picker);
    }
    return group;
  }

  #machineDeployments() {
    const m = "cluster";
    const { key, path: listPath, inputs, added } = this.data.fields.machineDeployments;
    const keyOf = Object.fromEntries(inputs.map((input) => [input.id, input.key]));
    const list = this.state.cluster[key] || (this.state.cluster[key] = []);
    const classes = this.data.machineDeploymentClasses;
    const group = el("fieldset", { class: "cs-group cs-list", "data-field": listPath, "data-manifest": m }, el("legend", { text: "Machine deployments" }));
    list.forEach((md, index) => {
      const item = el("div", { class: "cs-item" });
      for (const input of inputs) {
        item.append(
          this.#fixed(input, m, {
            path: [key, index, input.key],
            id: `md-${index}-${input.id}`,
            label: input.label.replace("{n}", String(index + 1)),
            fieldPath: `${listPath}[${index}].${input.path}`,
            options: classes,
            role: input.role && input.role.replace("{n}", String(index + 1)),
            help: input.help.replace("{n}", String(index + 1)),
          }),
        );
      }
      item.append(el("button", { type: "button", class: "md-button cs-remove", "data-key": `md-${index}-remove`, "data-focus-next": "md-add", text: `Remove machine deployment ${index + 1}`, onclick: () => { list.splice(index, 1); this.#changed(m, true); } }));
      group.append(item);
    });
    group.append(
      el("button", {
        type: "button",
        class: "md-button",
        "data-key": "md-add",
        text: "Add machine deployment",
        onclick: () => {
          // Python's new pool (generator.manifests.forms.new_machine_deployment), numbered past the names in use.
          const names = new Set(list.map((md) => md[keyOf.name]));
          const named = (n) => added[keyOf.name].replace("{n}", String(n));
          let n = list.length;
          while (names.has(named(n))) n++;
          list.push({ ...clone(added), [keyOf.name]: named(n) });
          this.#changed(m, true);
        },
      }),
    );
    return group;
  }

  // --- ClusterClass variables -------------------------------------------------------------------

  #variablesSection() {
    const section = el("fieldset", { class: "cs-group" }, el("legend", { text: "Variables" }));
    const { key, path } = this.data.fields.variables;
    const variables = this.state.cluster[key] || (this.state.cluster[key] = {});
    if (!this.data.form.length) section.append(el("p", { text: "This ClusterClass defines no variables." }));
    for (const schema of this.data.form) {
      section.append(this.#schemaField(schema, schema.name, [key, schema.name], `${path}[${schema.name}].value`, variables[schema.name], schema.default, Boolean(schema.required)));
    }
    return section;
  }

  /** Render one schema level: a group for objects, a list for arrays, a control for scalars. */
  #schemaField(schema, label, path, fieldPath, value, fallback, required) {
    const m = "cluster";
    const key = path.join(".");
    const help = schema.help || "";
    if (schema.type === "object" && Array.isArray(schema.properties) && schema.properties.length) {
      const group = el("fieldset", { class: "cs-group cs-object", "data-field": fieldPath, "data-manifest": m }, el("legend", {}, label, required ? el("span", { class: "cs-required", "aria-hidden": "true", text: " *" }) : null));
      if (help) group.append(el("p", { class: "cs-help", text: help }));
      group.append(el("p", { class: "cs-field-error" }));
      this.fields.push({ wrapper: group, control: null, manifest: m, fieldPath });
      const requiredProps = new Set(schema.requiredProperties || []);
      for (const property of schema.properties) {
        const childValue = value && typeof value === "object" ? value[property.name] : undefined;
        const childDefault = fallback && typeof fallback === "object" ? fallback[property.name] : property.default;
        group.append(this.#schemaField(property, property.name, [...path, property.name], `${fieldPath}.${property.name}`, childValue, childDefault, Boolean(property.required) || requiredProps.has(property.name)));
      }
      return group;
    }
    if (schema.type === "array" && schema.items && !schema.enum) {
      return this.#arrayField(schema, label, path, fieldPath, value, fallback, required);
    }
    let control;
    if (Array.isArray(schema.enum)) {
      control = this.#select({ options: schema.enum, value, manifest: m, path, parse: (raw) => schema.enum.find((option) => show(option) === raw), unsetLabel: fallback !== undefined ? `default (${show(fallback)})` : "not set" });
    } else if (schema.type === "boolean") {
      control = this.#input({ type: "checkbox", value: value ?? fallback ?? false, key, manifest: m, path });
    } else if (schema.type === "integer" || schema.type === "number") {
      control = this.#input({ type: "number", value, key, manifest: m, path, placeholder: fallback !== undefined ? show(fallback) : undefined, parse: schema.type === "integer" ? toInteger : toNumber, attrs: { min: bound(schema.minimum), max: bound(schema.maximum), step: schema.type === "integer" ? "1" : "any" } });
    } else if (schema.type === "string" || schema.intOrString) {
      control = this.#input({ value, key, manifest: m, path, placeholder: fallback !== undefined ? show(fallback) : undefined, parse: schema.intOrString ? toIntOrString : emptyToUnset });
    } else {
      // Free-form objects and values the form cannot split up: edit them as JSON.
      control = el("textarea", { rows: 3, spellcheck: false, placeholder: fallback !== undefined ? JSON.stringify(fallback) : "" });
      control.value = value === undefined ? "" : JSON.stringify(value, null, 2);
      control.addEventListener("input", () => {
        const error = control.closest(".cs-field").querySelector(".cs-field-error");
        if (control.value.trim() === "") setIn(this.state.cluster, path, undefined);
        else {
          try {
            setIn(this.state.cluster, path, JSON.parse(control.value));
            error.textContent = "";
          } catch {
            error.textContent = "Not valid JSON yet; the last valid value is used.";
            return;
          }
        }
        this.#changed(m);
      });
    }
    return this.#field({ key, label, help, required, manifest: m, fieldPath, control, wide: control.tagName === "TEXTAREA" });
  }

  #arrayField(schema, label, path, fieldPath, value, fallback, required) {
    const m = "cluster";
    const key = path.join(".");
    const items = Array.isArray(value) ? value : null;
    const group = el("fieldset", { class: "cs-group cs-list", "data-field": fieldPath, "data-manifest": m }, el("legend", {}, label, required ? el("span", { class: "cs-required", "aria-hidden": "true", text: " *" }) : null));
    const help = schema.help || "";
    if (help) group.append(el("p", { class: "cs-help", text: help }));
    group.append(el("p", { class: "cs-field-error" }));
    this.fields.push({ wrapper: group, control: null, manifest: m, fieldPath });
    const shown = items || (Array.isArray(fallback) ? fallback : []);
    shown.forEach((item, index) => {
      const row = el("div", { class: "cs-item" });
      if (items) {
        row.append(this.#schemaField(schema.items, `${label}[${index}]`, [...path, index], `${fieldPath}[${index}]`, item, undefined, false));
        row.append(el("button", { type: "button", class: "md-button cs-remove", "data-key": `${key}.${index}:remove`, "data-focus-next": `${key}:add`, text: `Remove ${label} item ${index + 1}`, onclick: () => { items.splice(index, 1); this.#changed(m, true); } }));
      } else {
        row.append(el("code", { text: show(item) }), el("span", { class: "cs-help", text: " (default)" }));
      }
      group.append(row);
    });
    group.append(
      el("button", {
        type: "button",
        class: "md-button",
        "data-key": `${key}:add`,
        text: `Add ${label} item`,
        onclick: () => {
          // The first edit copies the default list, so adding an item keeps the defaults.
          const list = items || clone(Array.isArray(fallback) ? fallback : []);
          list.push(clone(schema.items.default) ?? emptyOf(schema.items));
          setIn(this.state.cluster, path, list);
          this.#changed(m, true);
        },
      }),
    );
    return group;
  }

  // --- ClusterStack ----------------------------------------------------------------------------

  #clusterStackSection() {
    const section = el("fieldset", { class: "cs-group" }, el("legend", { text: "ClusterStack" }));
    section.append(...this.data.fields.clusterstack.map((input) => this.#fixed(input, "clusterstack")));
    return section;
  }

  // --- diagnostics ------------------------------------------------------------------------------

  /** Put each diagnostic next to the field whose path is its longest prefix; return {diagnostic, id} pairs. */
  showDiagnostics(byManifest) {
    for (const field of this.fields) {
      const error = field.wrapper.querySelector(":scope > .cs-field-error");
      if (error && !error.dataset.local) error.textContent = "";
      field.wrapper.classList.remove("cs-invalid", "cs-warned");
      if (field.control) field.control.removeAttribute("aria-invalid");
    }
    const placed = [];
    for (const [manifest, diagnostics] of Object.entries(byManifest)) {
      for (const diagnostic of diagnostics) {
        const field = this.#fieldFor(manifest, diagnostic.field);
        if (field) {
          const error = field.wrapper.querySelector(":scope > .cs-field-error");
          error.textContent = (error.textContent ? error.textContent + " " : "") + (diagnostic.severity === "warning" ? "Warning: " : "") + diagnostic.message;
          field.wrapper.classList.add(diagnostic.severity === "warning" ? "cs-warned" : "cs-invalid");
          if (field.control && diagnostic.severity !== "warning") field.control.setAttribute("aria-invalid", "true");
        }
        placed.push({ manifest, diagnostic, id: field ? (field.control ? field.control.id : field.focusId || "") : "" });
      }
    }
    return placed;
  }

  #fieldFor(manifest, path) {
    let best = null;
    for (const field of this.fields) {
      if (field.manifest !== manifest || !path) continue;
      const p = field.fieldPath;
      const boundary = path.length === p.length || path[p.length] === "." || path[p.length] === "[";
      // An error about a whole variable (Cluster API's "…variables[name]") belongs to that variable's field too.
      if (((path.startsWith(p) && boundary) || p === path + ".value") && (!best || p.length > best.fieldPath.length)) best = field;
    }
    // A group (object or list) takes its first control's id so the problem list can link somewhere.
    if (best && !best.control) {
      const inner = best.wrapper.querySelector("input, select, textarea, button");
      return { ...best, control: null, focusId: inner && inner.id };
    }
    return best;
  }
}

const bound = (value) => (value === undefined ? undefined : String(value));
const emptyToUnset = (raw) => (raw === "" ? undefined : raw);
const toList = (raw) => raw.split(",").map((item) => item.trim()).filter(Boolean);

function toInteger(raw) {
  if (raw === "") return undefined;
  const number = Number(raw);
  return Number.isInteger(number) ? number : raw; // a non-integer reaches Python, which says why it is wrong
}

function toNumber(raw) {
  if (raw === "") return undefined;
  const number = Number(raw);
  return Number.isFinite(number) ? number : raw;
}

function toIntOrString(raw) {
  if (raw === "") return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

function emptyOf(schema) {
  if (schema.type === "object") return {};
  if (schema.type === "array") return [];
  if (schema.type === "boolean") return false;
  if (schema.type === "integer" || schema.type === "number") return schema.minimum ?? 0;
  return "";
}
