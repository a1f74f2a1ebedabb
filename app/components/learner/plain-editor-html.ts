/**
 * The HTML of the text area that holds the learner's code until CodeMirror
 * takes over (CodeEditor.tsx). It is inner HTML, not a React element, so that
 * hydration leaves it alone: React resets a <textarea>'s value when it
 * hydrates one, and would drop what the learner typed before.
 *
 * The code is the learner's own and hostile by assumption: `&` and `<` are
 * escaped, so nothing in it can end the element or start another.
 */
const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");

export function plainEditorHtml(
  code: string,
  { labelledBy, describedBy }: { labelledBy: string; describedBy: string },
) {
  // The parser drops one newline right after <textarea>: the leading one keeps the code's own.
  return (
    `<textarea class="code-editor-plain" spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"` +
    ` aria-labelledby="${escapeAttribute(labelledBy)}" aria-describedby="${escapeAttribute(describedBy)}">` +
    `\n${escapeText(code)}</textarea>`
  );
}
