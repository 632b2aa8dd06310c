// One output as an editable CodeMirror 6 editor with YAML highlighting, line numbers and
// error markers; the page updates it from the generator and hears about the user's edits.

import { EditorState, Annotation } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, HighlightStyle, indentOnInput, bracketMatching } from "@codemirror/language";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { tags } from "@lezer/highlight";

// Every colour is a custom property of the page (editor.css), inherited into the shadow root, so the
// editor follows Material's light and dark schemes; CodeMirror's own defaults are for a light page only.
const theme = EditorView.theme({
  "&": { height: "100%", maxHeight: "inherit", fontSize: "0.65rem", backgroundColor: "var(--md-code-bg-color, #f5f5f5)", color: "var(--md-code-fg-color, #36464e)" },
  // :focus-within shows the ring as focus arrives; CodeMirror sets cm-focused 10 ms later, from a timer.
  "&.cm-focused, &:focus-within": { outline: "0.125rem solid var(--cs-focus)", outlineOffset: "-0.125rem" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family, monospace)", overflow: "auto" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "transparent", color: "var(--cs-yaml-gutter)", borderRight: "1px solid var(--md-default-fg-color--lightest)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--cs-yaml-active-line)" },
  ".cm-activeLineGutter": { color: "var(--md-code-fg-color)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": { backgroundColor: "var(--cs-yaml-selection)" },
  ".cm-tooltip": { backgroundColor: "var(--md-default-bg-color)", color: "var(--md-default-fg-color)", border: "1px solid var(--md-default-fg-color--lighter)" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--cs-error)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--cs-warning)" },
  ".cm-panels": { backgroundColor: "var(--md-default-bg-color)", color: "var(--md-default-fg-color)" },
});

const yamlColours = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: "var(--cs-yaml-key)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--cs-yaml-string)" },
  { tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace], color: "var(--cs-yaml-punctuation)" },
  { tag: tags.lineComment, color: "var(--cs-yaml-comment)", fontStyle: "italic" },
  { tag: [tags.labelName, tags.typeName], color: "var(--cs-yaml-label)" },
  { tag: [tags.keyword, tags.meta, tags.attributeValue], color: "var(--cs-yaml-meta)" },
]);

const fromGenerator = Annotation.define(); // marks changes the page made, so they are not parsed back

export class YamlEditor {
  /**
   * @param parent the box the editor fills; its data-keys names the page's visible note on how to leave
   *   the editor with the keyboard, which becomes the editor's accessible description
   */
  constructor(parent, name, text, onUserEdit) {
    this.onUserEdit = onUserEdit;
    // A shadow root makes CodeMirror style itself through a constructed stylesheet instead of a
    // <style> element, which the site's CSP (style-src 'self') would block.
    const shadow = parent.attachShadow({ mode: "open" });
    // Tab indents here, so the keyboard needs another way out: Escape, then Tab (CodeMirror's
    // convention). aria-describedby cannot reach across the shadow root, so the note is repeated
    // inside it, hidden: a referenced hidden element still gives its text to the description.
    const keys = document.createElement("p");
    keys.id = "keys";
    keys.hidden = true;
    keys.textContent = document.getElementById(parent.dataset.keys)?.textContent ?? "";
    shadow.append(keys);
    this.view = new EditorView({
      parent: shadow,
      root: shadow,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(yamlColours),
          yaml(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          // tabindex 0: contenteditable is in the tab order already; checkers (axe) only see it with the attribute.
          EditorView.contentAttributes.of({ "aria-label": name, "aria-describedby": keys.id, tabindex: "0" }),
          theme,
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromGenerator))) {
              this.onUserEdit(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
  }

  get text() {
    return this.view.state.doc.toString();
  }

  /**
   * Replace the text with the generator's, changing only the span that differs (keeps scroll and cursor);
   * with diagnostics, their markers change in the same transaction (one view update per keystroke).
   */
  setText(text, diagnostics) {
    const old = this.view.state.doc.toString();
    if (old === text) {
      if (diagnostics) this.setDiagnostics(diagnostics);
      return;
    }
    let start = 0;
    const limit = Math.min(old.length, text.length);
    while (start < limit && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let oldEnd = old.length;
    let newEnd = text.length;
    while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
      oldEnd--;
      newEnd--;
    }
    const change = { changes: { from: start, to: oldEnd, insert: text.slice(start, newEnd) }, annotations: fromGenerator.of(true) };
    if (!diagnostics) {
      this.view.dispatch(change);
      return;
    }
    const key = JSON.stringify(diagnostics);
    if (!diagnostics.length && this.markers === key) {
      this.view.dispatch(change); // no markers before, none now: the lint state need not change
      return;
    }
    // The markers' lines refer to the new text: compute them on the state after the change.
    const next = this.view.state.update(change).state;
    this.markers = key;
    this.view.dispatch({ ...change, effects: setDiagnostics(next, this.#marks(next.doc, diagnostics)).effects });
  }

  /** Show diagnostics that carry a 1-based line as markers on that line. */
  setDiagnostics(diagnostics) {
    const key = JSON.stringify(diagnostics);
    if (!diagnostics.length && this.markers === key) return;
    this.markers = key;
    this.view.dispatch(setDiagnostics(this.view.state, this.#marks(this.view.state.doc, diagnostics)));
  }

  #marks(doc, diagnostics) {
    const marks = [];
    for (const d of diagnostics) {
      if (!d.line || d.line < 1) continue;
      const line = doc.line(Math.min(d.line, doc.lines));
      marks.push({ from: line.from, to: line.to, severity: d.severity === "warning" ? "warning" : "error", message: d.field ? `${d.field}: ${d.message}` : d.message });
    }
    return marks;
  }
}
