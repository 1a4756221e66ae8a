// Draftail, the admin's rich text editor, copies what is typed into its form field only a
// quarter of a second after the last change. A form sent sooner, as Save draft's Ctrl+S
// (Cmd+S) does straight after typing, sends the text as it was before: the words typed last
// are lost, and nothing says so. So each rich text field of a form being sent is copied in
// first, as Draftail would copy it: the submit event comes before the browser reads the
// form's fields. Each editor keeps a reference to itself on its hidden input (Wagtail's own
// widget code reads the editor's state through it).

// Wagtail marks where comments are anchored with inline styles of this prefix, and leaves
// them out of the saved text.
const COMMENT_STYLE = 'COMMENT-';

const copyIn = (input) => {
  const editor = input.draftailEditor;
  const serialise = window.Draftail?.serialiseEditorStateToRaw;
  if (!editor?.getEditorState || !serialise) return;
  const raw = serialise(editor.getEditorState());
  raw?.blocks.forEach((block) => {
    block.inlineStyleRanges = block.inlineStyleRanges.filter(
      (range) => !range.style.startsWith(COMMENT_STYLE),
    );
  });
  input.rawContentState = raw;
  input.value = JSON.stringify(raw);
};

document.addEventListener(
  'submit',
  (event) => {
    event.target.querySelectorAll('input[type=hidden]').forEach(copyIn);
  },
  true,
);
