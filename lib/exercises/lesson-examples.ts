/**
 * Lesson examples are executable: a ```python block immediately followed by an
 * ```output block promises that the code prints exactly that output on the
 * platform's Python (Pyodide, 32-bit, Python 3.14). This module finds those
 * pairs and checks the promise, so a lesson can never show output that the
 * learner's own run contradicts.
 */
import type { PyodideAPI } from "pyodide";

export interface LessonExample {
  /** 1-based line of the ```python fence in the Markdown file. */
  line: number;
  code: string;
  expected: string;
}

export interface ExampleOutcome {
  example: LessonExample;
  actual: string;
  ok: boolean;
}

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)\s*$/;

/**
 * Every ```python block whose next non-blank line opens an ```output block.
 * A python block without an output block is prose illustration and not run.
 */
export function extractExamples(markdown: string): LessonExample[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: { lang: string; line: number; body: string; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i].startsWith(open[1]) && lines[i].trim() === open[1]); i++)
      body.push(lines[i]);
    blocks.push({ lang: open[2].toLowerCase(), line: start + 1, body: body.join("\n"), end: i });
  }
  const examples: LessonExample[] = [];
  for (let b = 0; b + 1 < blocks.length; b++) {
    const [code, out] = [blocks[b], blocks[b + 1]];
    const between = lines.slice(code.end + 1, out.line - 1);
    if (code.lang === "python" && out.lang === "output" && between.every((l) => l.trim() === "")) {
      examples.push({ line: code.line, code: code.body, expected: out.body });
    }
  }
  return examples;
}

/**
 * Runs the example in a fresh namespace as `__main__`, after a full collection
 * so that garbage left by an earlier example cannot leak into this one's
 * numbers. An uncaught exception prints like a doctest: the traceback header,
 * "  ...", then the exception line (frames would show file names and lines
 * that mean nothing in a lesson).
 */
const RUNNER = `
def _leakless_run_example(src):
    import gc, sys, traceback
    gc.collect()
    ns = {"__name__": "__main__", "__builtins__": __builtins__}
    try:
        exec(compile(src, "<lesson example>", "exec"), ns)
    except BaseException as e:
        print("Traceback (most recent call last):")
        print("  ...")
        print("".join(traceback.format_exception_only(e)), end="")
    finally:
        sys.stdout.flush()
        ns.clear()
        gc.collect()
`;

/** Trailing whitespace on lines and trailing blank lines are not part of the promise. */
export function normalizeOutput(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}

/** Runs each example in `pyodide` (its stdout is taken over while this runs). */
export function runExamples(pyodide: PyodideAPI, examples: LessonExample[]): ExampleOutcome[] {
  let captured = "";
  const decoder = new TextDecoder();
  pyodide.setStdout({ write: (buf: Uint8Array) => ((captured += decoder.decode(buf)), buf.length) });
  pyodide.setStderr({ write: (buf: Uint8Array) => ((captured += decoder.decode(buf)), buf.length) });
  pyodide.runPython(RUNNER);
  const run = pyodide.globals.get("_leakless_run_example") as ((src: string) => void) & { destroy(): void };
  try {
    return examples.map((example) => {
      captured = "";
      run(example.code);
      const actual = normalizeOutput(captured);
      return { example, actual, ok: actual === normalizeOutput(example.expected) };
    });
  } finally {
    run.destroy();
  }
}

/**
 * Every lesson example of a loaded course that does not print what its output
 * block says, as a content problem on the lesson file (with the line).
 */
export function checkLessons(
  pyodide: PyodideAPI,
  sections: { lessonPath: string; lesson: string }[],
): { examples: number; problems: { path: string; message: string; severity: "error" }[] } {
  let examples = 0;
  const problems: { path: string; message: string; severity: "error" }[] = [];
  for (const section of sections) {
    const found = extractExamples(section.lesson);
    examples += found.length;
    for (const outcome of runExamples(pyodide, found)) {
      if (outcome.ok) continue;
      problems.push({
        path: section.lessonPath,
        severity: "error",
        message:
          `the example at line ${outcome.example.line} prints something else than its output block.\n` +
          `    expected:\n${indent(normalizeOutput(outcome.example.expected))}\n    actual:\n${indent(outcome.actual)}`,
      });
    }
  }
  return { examples, problems };
}

function indent(text: string): string {
  return (text === "" ? "(nothing)" : text)
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");
}
