/**
 * Course Markdown is rendered without raw HTML and without script URLs, and
 * code blocks keep their language. Renders through the real component (in a
 * tsx child process, see render-to-html.tsx).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const SCRIPT = path.join(__dirname, "render-to-html.tsx");
const ROOT = path.resolve(__dirname, "..", "..", "..");

function render(markdown: string): string {
  return execFileSync(process.execPath, [require.resolve("tsx/cli"), SCRIPT], {
    cwd: ROOT,
    input: markdown,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
}

test("raw HTML, event handlers and javascript: URLs never reach the page; GFM and code blocks work", () => {
  const html = render(
    [
      "# Title",
      "",
      '<script>alert("x")</script>',
      '<img src="x" onerror="alert(1)">',
      "",
      "[click me](javascript:alert(1)) and [docs](https://docs.python.org/3/library/gc.html)",
      "",
      "| a | b |",
      "|---|---|",
      "| `gc` | ~~old~~ |",
      "",
      "```python",
      "import gc",
      "```",
    ].join("\n"),
  );
  expect(html).not.toMatch(/<script|onerror|<img/i);
  expect(html).not.toMatch(/javascript:/i);
  expect(html).toContain("<h1>Title</h1>");
  expect(html).toMatch(
    /<a href="https:\/\/docs\.python\.org\/3\/library\/gc\.html" rel="noopener noreferrer">docs<\/a>/,
  );
  expect(html).toMatch(/<div class="md-table"><table>/);
  expect(html).toContain("<del>old</del>");
  expect(html).toMatch(
    /<pre class="md-code" tabindex="0"><code class="language-python" data-language="python">import gc\n<\/code><\/pre>/,
  );
});
