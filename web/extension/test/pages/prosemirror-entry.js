// The test page's ProseMirror editor (bundled by the test into prosemirror.js).
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { schema } from "prosemirror-schema-basic";
import { baseKeymap } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";

window.pmView = new EditorView(document.getElementById("box"), {
  state: EditorState.create({ schema, plugins: [keymap(baseKeymap)] }),
});
