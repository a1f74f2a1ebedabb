/**
 * Renders hostile text through the app's real components with react-dom/server
 * and prints one HTML string per case as JSON. Run under tsx by
 * xss-rendering.test.ts (react-markdown is ESM-only; jest's CommonJS transform
 * cannot load it, tsx loads it as Node does).
 *
 * stdin: { payload: string, name: string }
 */
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "@/lib/markdown/render";
import { InlineCode } from "@/lib/markdown/inline";
import { HintsPanel } from "@/app/components/learner/HintsPanel";
import { NumberedCode } from "@/app/components/review/NumberedCode";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { payload, name } = JSON.parse(input) as { payload: string; name: string };
  const out: Record<string, string> = {
    // Where instructors' Markdown is shown: lesson, exercise prompt, feedback and line comments (FeedbackList).
    prompt: renderToStaticMarkup(<Markdown>{`Fix the leak.\n\n${payload}`}</Markdown>),
    feedback: renderToStaticMarkup(<Markdown headingOffset={2}>{`Good start.\n\n${payload}`}</Markdown>),
    lineComment: renderToStaticMarkup(<Markdown headingOffset={2}>{payload}</Markdown>),
    // Hints are plain text with inline code spans.
    hint: renderToStaticMarkup(<HintsPanel exerciseId="e" hintCount={2} initialHints={[payload, `\`${payload}\``]} />),
    checkMessage: renderToStaticMarkup(<InlineCode text={payload} />),
    // A learner's display name and a reviewer's line comment in the review page's code table.
    reviewCode: renderToStaticMarkup(
      <NumberedCode
        code={"x = 1\n"}
        caption={`Submission by ${name}`}
        comments={[{ line: 1, body: payload, author: name }]}
      />,
    ),
  };
  process.stdout.write(JSON.stringify(out));
});
