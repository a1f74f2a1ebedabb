/**
 * The text area the exercise page renders before CodeMirror takes over
 * (app/components/learner/plain-editor-html.ts): inner HTML built from the
 * learner's own code, so nothing in that code may escape the element.
 */
import { plainEditorHtml } from "@/app/components/learner/plain-editor-html";

const ids = { labelledBy: "editor-label", describedBy: "editor-help" };

/** The element's text as the HTML parser reads it: RCDATA ends only at "</textarea", entities decode. */
function textAreaText(html: string): string {
  const match = /^<textarea [^<>]*>([^<]*)<\/textarea>$/.exec(html);
  if (!match) throw new Error(`not one text area: ${html}`);
  const text = match[1].replace(/&lt;/g, "<").replace(/&amp;/g, "&");
  return text.startsWith("\n") ? text.slice(1) : text; // the parser drops one leading newline
}

test.each([
  ['x = "</textarea><script>alert(1)</script>"\n'],
  ["# &lt; and &amp; stay as typed, & so does this\n"],
  ["\n\nprint(1)  # leading blank lines\n"],
  [""],
])("the code comes back exactly and cannot leave the element: %j", (code) => {
  const html = plainEditorHtml(code, ids);
  expect(textAreaText(html)).toBe(code);
});

test("the labels name the editor", () => {
  const html = plainEditorHtml("pass\n", ids);
  expect(html).toContain('aria-labelledby="editor-label"');
  expect(html).toContain('aria-describedby="editor-help"');
  expect(plainEditorHtml("", { labelledBy: 'a" onfocus="x', describedBy: "b" })).not.toContain('" onfocus');
});
