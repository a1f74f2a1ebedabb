import { diffLines, diffStats, splitLines, type DiffLine } from "@/lib/diff/line-diff";

/** Rebuild both sides from a diff: every diff must reproduce its inputs exactly. */
function sides(diff: DiffLine[]): { before: string[]; after: string[] } {
  return {
    before: diff.filter((l) => l.kind !== "added").map((l) => l.text),
    after: diff.filter((l) => l.kind !== "removed").map((l) => l.text),
  };
}

const compact = (diff: DiffLine[]) =>
  diff.map((l) => `${l.kind === "same" ? " " : l.kind === "added" ? "+" : "-"}${l.text}`);

describe("splitLines", () => {
  test("ignores one trailing newline, keeps blank lines, accepts CRLF", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\n")).toEqual(["a"]);
    expect(splitLines("a\n\nb")).toEqual(["a", "", "b"]);
    expect(splitLines("a\r\nb\r\n")).toEqual(["a", "b"]);
  });
});

describe("diffLines", () => {
  test("identical texts are all unchanged lines with matching numbers", () => {
    const diff = diffLines("x = 1\ny = 2\n", "x = 1\ny = 2\n");
    expect(diff).toEqual([
      { kind: "same", text: "x = 1", oldLine: 1, newLine: 1 },
      { kind: "same", text: "y = 2", oldLine: 2, newLine: 2 },
    ]);
  });

  test("a changed line in the middle is one removal then one addition", () => {
    const before = "class Node:\n    def __init__(self, parent):\n        self.parent = parent\n    pass\n";
    const after =
      "class Node:\n    def __init__(self, parent):\n        self._parent = weakref.ref(parent)\n    pass\n";
    const diff = diffLines(before, after);
    expect(compact(diff)).toEqual([
      " class Node:",
      "     def __init__(self, parent):",
      "-        self.parent = parent",
      "+        self._parent = weakref.ref(parent)",
      "     pass",
    ]);
    expect(diff[2]).toMatchObject({ oldLine: 3 });
    expect(diff[3]).toMatchObject({ newLine: 3 });
    expect(diffStats(diff)).toEqual({ added: 1, removed: 1 });
  });

  test("insertions shift the new line numbers of what follows", () => {
    const diff = diffLines("a\nb\nc", "import weakref\na\nb\nextra\nc");
    expect(compact(diff)).toEqual(["+import weakref", " a", " b", "+extra", " c"]);
    expect(diff.at(-1)).toEqual({ kind: "same", text: "c", oldLine: 3, newLine: 5 });
  });

  test("from and to an empty text", () => {
    expect(compact(diffLines("", "a\nb"))).toEqual(["+a", "+b"]);
    expect(compact(diffLines("a\nb", ""))).toEqual(["-a", "-b"]);
    expect(diffLines("", "")).toEqual([]);
  });

  test("finds the longest common subsequence, not just prefix and suffix", () => {
    const diff = diffLines("a\nb\nc\nd\ne\nf", "a\nx\nc\nd\ny\nf");
    expect(diff.filter((l) => l.kind === "same").map((l) => l.text)).toEqual(["a", "c", "d", "f"]);
    expect(diffStats(diff)).toEqual({ added: 2, removed: 2 });
  });

  test("always reproduces both inputs (deterministic pseudo-random edits)", () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const before = Array.from({ length: rand(12) }, () => "abcd"[rand(4)]);
      const after = Array.from({ length: rand(12) }, () => "abcd"[rand(4)]);
      const diff = diffLines(before.join("\n"), after.join("\n"));
      expect(sides(diff)).toEqual({ before, after });
      // Line numbers count up on each side without gaps.
      const oldNumbers = diff.flatMap((l) => (l.kind === "added" ? [] : [l.oldLine]));
      const newNumbers = diff.flatMap((l) => (l.kind === "removed" ? [] : [l.newLine]));
      expect(oldNumbers).toEqual(before.map((_, i) => i + 1));
      expect(newNumbers).toEqual(after.map((_, i) => i + 1));
    }
  });

  test("past maxCells the middle becomes one replaced block, still exact on both sides", () => {
    const before = "keep\n1\n2\n3\nend";
    const after = "keep\n3\n2\n1\nend";
    const diff = diffLines(before, after, { maxCells: 4 });
    expect(compact(diff)).toEqual([" keep", "-1", "-2", "-3", "+3", "+2", "+1", " end"]);
    // With room for the table, the common "2" (or another line) is kept.
    expect(diffStats(diffLines(before, after)).removed).toBeLessThan(3);
  });
});
