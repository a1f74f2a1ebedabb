/**
 * The lesson golden test: every ```python block followed by an ```output block
 * in every lesson of the shipped course prints exactly that output on the
 * platform's Python (real Pyodide 314, 32-bit).
 */
import path from "node:path";
import type { PyodideAPI } from "pyodide";
import { extractExamples, normalizeOutput, runExamples } from "@/lib/exercises/lesson-examples";
import { loadCourse } from "@/lib/exercises/load";
// Needs NODE_OPTIONS=--experimental-vm-modules (Pyodide's dynamic import); the helper says so if missing.
import { loadPyodide } from "../runner/pyodide-node";

const course = loadCourse(path.join(__dirname, "../../../exercises"));

describe("extractExamples", () => {
  it("pairs a python block with the output block right after it, and nothing else", () => {
    const md = [
      "```python",
      "print(1)",
      "```",
      "",
      "```output",
      "1",
      "```",
      "```python",
      "x = 2",
      "```",
      "Some prose.",
      "```output",
      "not paired",
      "```",
      "```py",
      "print(3)",
      "```",
      "```output",
      "3",
      "```",
    ].join("\n");
    expect(extractExamples(md)).toEqual([{ line: 1, code: "print(1)", expected: "1" }]);
  });
});

describe("lesson examples print their output blocks", () => {
  let pyodide: PyodideAPI;
  beforeAll(async () => {
    pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  }, 120_000);

  it("runs a failing example as a failure (the comparison can fail)", () => {
    const [outcome] = runExamples(pyodide, [{ line: 1, code: "print(1 + 1)", expected: "3" }]);
    expect(outcome).toMatchObject({ ok: false, actual: "2" });
    const [raised] = runExamples(pyodide, [{ line: 1, code: "raise ValueError('no')", expected: "" }]);
    expect(raised.actual).toBe("Traceback (most recent call last):\n  ...\nValueError: no");
  });

  const lessons = course.sections.filter((s) => s.lesson !== "");
  it("finds the lessons", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(2);
  });

  for (const section of lessons) {
    const examples = extractExamples(section.lesson);
    it(`${section.lessonPath}: ${examples.length} example(s)`, () => {
      for (const outcome of runExamples(pyodide, examples)) {
        // Compared one by one so a failure names the line of the example.
        expect({ line: outcome.example.line, output: outcome.actual }).toEqual({
          line: outcome.example.line,
          output: normalizeOutput(outcome.example.expected),
        });
      }
    });
  }
});
