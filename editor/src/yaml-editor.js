// One output as an editable CodeMirror 6 editor with YAML highlighting, line numbers and
// error markers; the page updates it from the generator and hears about the user's edits.

import { EditorState, Annotation } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching } from "@codemirror/language";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

const theme = EditorView.theme({
  "&": { maxHeight: "36rem", fontSize: "0.65rem", backgroundColor: "var(--md-code-bg-color, #f5f5f5)", color: "var(--md-code-fg-color, #36464e)" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family, monospace)", overflow: "auto" },
  ".cm-gutters": { backgroundColor: "transparent" },
});

const fromGenerator = Annotation.define(); // marks changes the page made, so they are not parsed back

export class YamlEditor {
  constructor(parent, name, text, onUserEdit) {
    this.onUserEdit = onUserEdit;
    // A shadow root makes CodeMirror style itself through a constructed stylesheet instead of a
    // <style> element, which the site's CSP (style-src 'self') would block.
    const shadow = parent.attachShadow({ mode: "open" });
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
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          yaml(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ "aria-label": name }),
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
