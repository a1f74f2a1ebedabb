/**
 * Hostile text from instructors (prompts, hints, feedback, line comments) and
 * learners (display names) renders as inert text through the app's real
 * components: no script element, no event-handler attribute, no script URL,
 * no raw HTML element. Rendered by react-dom/server in a tsx child process
 * (see render-hostile.tsx); the browser-side check is in
 * tests/e2e/authorization-matrix.e2e.test.ts.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const SCRIPT = path.join(__dirname, "render-hostile.tsx");
const ROOT = path.resolve(__dirname, "..", "..", "..");

const PAYLOADS = [
  "<script>alert(1)</script>",
  '<img src="x" onerror="alert(1)">',
  "<svg onload=alert(1)></svg>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">raw link</a>',
  "[markdown link](javascript:alert(1))",
  "[entity link](&#106;avascript:alert(1))",
  "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![image](javascript:alert(1))",
  "<javascript:alert(1)>",
  '<div style="background:url(javascript:alert(1))">styled</div>',
  "<b onmouseover=alert(1)>bold</b>",
  '"><script>alert(1)</script>',
  "<!-- comment --><style>body{display:none}</style>",
].join("\n\n");

const NAME = '<img src=x onerror="alert(1)">Mallory';

function render(): Record<string, string> {
  const out = execFileSync(process.execPath, [require.resolve("tsx/cli"), SCRIPT], {
    cwd: ROOT,
    input: JSON.stringify({ payload: PAYLOADS, name: NAME }),
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return JSON.parse(out) as Record<string, string>;
}

/** Every tag and attribute in the HTML, as the browser's tokenizer would see them. */
function tags(html: string): { tag: string; attrs: string[] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)\s*\/?>/g)].map(
    (m) => ({
      tag: m[1].toLowerCase(),
      attrs: [...m[2].matchAll(/([^\s=>]+)(?:=("[^"]*"|'[^']*'|[^\s>]*))?/g)].map(
        (a) => `${a[1].toLowerCase()}=${a[2] ?? ""}`,
      ),
    }),
  );
}

/**
 * Raw HTML never becomes an element: none of the payload's own tags may appear.
 * A Markdown image is allowed, with at most alt and a vetted src (a style,
 * handler or script URL anywhere is caught by the other checks).
 */
function unsafeTag(t: { tag: string; attrs: string[] }): boolean {
  if (["script", "svg", "iframe", "style", "b", "object", "embed", "form"].includes(t.tag)) return true;
  return t.tag === "img" && t.attrs.some((a) => !/^(alt|src)=/.test(a));
}

const rendered = render();

test.each(Object.keys(rendered))("%s: hostile markup renders inert", (where) => {
  const html = rendered[where];
  const found = tags(html);
  expect({
    where,
    dangerousTags: found.filter(unsafeTag).map((t) => `<${t.tag} ${t.attrs.join(" ")}>`),
    handlers: found.flatMap((t) => t.attrs.filter((a) => a.startsWith("on"))),
    scriptUrls: found.flatMap((t) =>
      t.attrs.filter((a) => /^(href|src|action|formaction)=["']?\s*(javascript|data|vbscript):/i.test(a)),
    ),
    styles: found.flatMap((t) => t.attrs.filter((a) => a.startsWith("style="))),
  }).toEqual({ where, dangerousTags: [], handlers: [], scriptUrls: [], styles: [] });
});

test("where the product shows text (hints, names, code comments), the hostile markup is visible as text", () => {
  expect(rendered.hint).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(rendered.reviewCode).toContain("Submission by &lt;img src=x onerror=&quot;alert(1)&quot;&gt;Mallory");
  expect(rendered.checkMessage).toContain("&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;");
});

test("Markdown keeps its safe parts: link text survives without the script URL", () => {
  expect(rendered.prompt).toContain("markdown link");
  expect(rendered.prompt).not.toMatch(/href="javascript:/i);
});
