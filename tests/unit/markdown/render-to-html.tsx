/**
 * Renders Markdown read from stdin with lib/markdown/render.tsx and prints the
 * HTML. Run under tsx by render.test.ts: react-markdown is ESM-only, which
 * jest's CommonJS transform cannot load, while tsx loads it as Node does.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "@/lib/markdown/render";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  process.stdout.write(renderToStaticMarkup(<Markdown>{input}</Markdown>));
});
