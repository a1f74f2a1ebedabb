/**
 * The Memory panel's report (lib/python/learner/_leakless_memory_report.py),
 * computed in the learner's interpreter after an op "run" with
 * `memoryReport: true`, in a real Pyodide session, parsed with the page's
 * schema (lib/memory/report.ts).
 */
import { MemoryReportSchema, type MemoryNode, type MemoryReport } from "@/lib/memory/report";
import { check, run, startPython, type Python } from "./pyodide";

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

async function report(code: string): Promise<MemoryReport> {
  const result = await run(py, code, { memoryReport: true });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: "ok", stderr: "" });
  return MemoryReportSchema.parse(result.memory);
}

function named(r: MemoryReport, name: string): MemoryNode {
  const node = r.graph.nodes.find((n) => n.names.includes(name));
  if (!node) throw new Error(`no node named ${name} in ${JSON.stringify(r.graph.nodes.map((n) => n.names))}`);
  return node;
}

const NODE_CLASS = [
  "class Node:",
  "    def __init__(self, value):",
  "        self.value = value",
  "        self.other = None",
  "",
].join("\n");
const CYCLIC = NODE_CLASS + "a = Node(1)\nb = Node(2)\na.other = b\nb.other = a\n";
const FIXED = "import weakref\n" + NODE_CLASS + "a = Node(1)\nb = Node(2)\na.other = b\nb.other = weakref.ref(a)\n";

test("two nodes that refer to each other, kept by names: one cycle with both, nothing waiting for the collector", async () => {
  const r = await report(CYCLIC);
  const a = named(r, "a");
  const b = named(r, "b");
  expect(r.cycles).toHaveLength(1);
  expect(r.cycles[0].nodes.sort()).toEqual([a.id, b.id].sort());
  expect(r.cycles[0].size).toBe(2);
  expect(r.cycles[0].text).toBe("a.other.other is a again");
  expect([a.inCycle, b.inCycle, a.cycle, b.cycle]).toEqual([true, true, 0, 0]);
  const edge = r.graph.edges.find((e) => e.from === a.id && e.to === b.id);
  expect(edge).toMatchObject({ label: ".other", inCycle: true, weak: false });
  expect([a.garbage, b.garbage]).toEqual([false, false]);
  expect(a.label).toBe("Node(value=1)");
  expect(a.keptBy).toEqual([{ label: "a", type: "Node", node: a.id }]);
  expect(r.garbage).toMatchObject({ unreachable: 0, freed: 0 });
  expect(r.counts.find((c) => c.type === "Node")).toMatchObject({
    before: 0,
    after: 2,
    afterCollect: 2,
    learner: true,
  });
});

test("after `del a, b` both nodes are garbage only gc.collect() frees, and the collection found them", async () => {
  const r = await report(CYCLIC + "del a, b\n");
  const garbage = r.graph.nodes.filter((n) => n.garbage);
  expect(garbage.map((n) => [n.type, n.collected, n.inCycle, n.keptBy.length])).toEqual([
    ["Node", true, true, 0],
    ["Node", true, true, 0],
  ]);
  expect(r.graph.nodes.filter((n) => !n.garbage)).toEqual([]); // a class with only methods is not drawn
  expect(r.cycles).toHaveLength(1);
  expect(r.cycles[0].text).toBe("this Node.other.other is this Node again");
  expect(r.garbage.unreachable).toBe(2);
  expect(r.garbage.freed).toBe(2);
  expect(r.garbage.collected).toBeGreaterThanOrEqual(2);
  expect(r.garbage.foundByType).toContainEqual({ type: "Node", count: 2 });
  expect(r.counts.find((c) => c.type === "Node")).toMatchObject({ after: 2, afterCollect: 0 });
});

test("the fix with a weakref back-pointer: no cycle, the weak reference is drawn as weak", async () => {
  const r = await report(FIXED);
  expect(r.cycles).toEqual([]);
  expect(r.graph.nodes.filter((n) => n.inCycle)).toEqual([]);
  expect(r.graph.edges.filter((e) => e.inCycle)).toEqual([]);
  const a = named(r, "a");
  const weak = r.graph.edges.find((e) => e.weak);
  expect(weak).toMatchObject({ to: a.id, label: "(weak)" });
  // b -> weakref -> a: the chain that keeps the weakref object alive goes through b.
  const ref = r.graph.nodes.find((n) => n.kind === "weakref")!;
  expect(ref.keptBy.map((s) => s.label)).toEqual(["b", ".other"]);
  expect(r.garbage.unreachable).toBe(0);
});

test("an object that is not a cycle but garbage of a garbage node: the chain inside a tree", async () => {
  const r = await report(
    NODE_CLASS +
      "root = Node('root')\nroot.kids = [Node(i) for i in range(3)]\nfor kid in root.kids:\n    kid.other = root\ndel kid\n",
  );
  const root = named(r, "root");
  const kids = r.graph.nodes.filter((n) => n.label.startsWith("Node(value=") && n.id !== root.id);
  expect(kids).toHaveLength(3);
  expect(kids[1].keptBy.map((s) => s.label)).toEqual(["root", ".kids", "[1]"]);
  expect(r.cycles).toHaveLength(1);
  expect(r.cycles[0].size).toBe(5); // root, its list and the three kids
});

test("builtins are grouped and the drawing is capped", async () => {
  const ints = await report("numbers = list(range(10_000))\nwords = {'a': 1, 'b': 2}\n");
  const numbers = named(ints, "numbers");
  expect(numbers).toMatchObject({ type: "list", kind: "container", items: 10_000, label: "10000 items", moreEdges: 0 });
  expect(named(ints, "words").label).toBe("{'a': 1, 'b': 2}");
  expect(ints.graph.nodes).toHaveLength(2);
  expect(ints.graph.edges).toEqual([]);

  const many = await report(NODE_CLASS + "nodes = [Node(i) for i in range(500)]\n");
  expect(many.graph.nodes.length).toBeLessThanOrEqual(60);
  const list = named(many, "nodes");
  expect(list.moreEdges).toBe(500 - 12);
  expect(many.graph.hiddenNodes).toBe(500 - (many.graph.nodes.length - 1));
  expect(many.graph.truncated).toBe(false);
  expect(many.garbage.unreachable).toBe(0); // all 500 were walked, drawn or not
});

test("tracemalloc: peak and current for the run, top lines in the learner's file", async () => {
  const r = await report("small = [1, 2, 3]\n\nbig = [str(i) * 5 for i in range(20_000)]\nsmall.append(4)\n");
  expect(r.tracemalloc.tracing).toBe(true);
  expect(r.tracemalloc.topLines[0]).toMatchObject({ line: 3, code: "big = [str(i) * 5 for i in range(20_000)]" });
  expect(r.tracemalloc.currentBytes).toBeGreaterThanOrEqual(r.tracemalloc.topLines[0].bytes);
  expect(r.tracemalloc.peakBytes).toBeGreaterThanOrEqual(r.tracemalloc.currentBytes);
  expect(r.tracemalloc.topLines[0].bytes).toBeGreaterThan(20_000 * 10);
});

const NOISY = [
  "import weakref",
  "class Noisy:",
  "    def __init__(self, name): self.name = name",
  "    def __del__(self): print('freed', self.name)",
  "kept = Noisy('kept')",
  "dropped = Noisy('dropped')",
  "probe = weakref.ref(dropped)",
  "del dropped",
  "print('dropped alive:', probe() is not None)",
  "x, y = Noisy('x'), Noisy('y')",
  "x.other, y.other = y, x",
  "del x, y",
].join("\n");

const sortedLines = (out: string) => out.trim().split("\n").sort();

test("the report keeps no reference: what the learner freed stays freed, the next run is clean", async () => {
  const withReport = await run(py, NOISY, { memoryReport: true });
  expect(withReport.stdout.startsWith("freed dropped\ndropped alive: False\n")).toBe(true);
  const r = MemoryReportSchema.parse(withReport.memory);
  expect(
    r.graph.nodes
      .filter((n) => n.garbage)
      .map((n) => n.label)
      .sort(),
  ).toEqual(["Noisy(name='x')", "Noisy(name='y')"]);
  expect(r.graph.nodes.some((n) => n.label === "Noisy(name='dropped')")).toBe(false);

  const probe = await run(
    py,
    "import gc, tracemalloc\nprint(gc.isenabled(), gc.get_debug(), len(gc.garbage), tracemalloc.is_tracing(), " +
      "sum(1 for o in gc.get_objects() if type(o).__name__ in ('Noisy', 'Node')))",
  );
  expect(probe.stdout).toBe("True 0 0 False 0\n");
});

test("the report does not change the program's output: each finalizer runs as often with it as without", async () => {
  const withReport = await run(py, NOISY, { memoryReport: true });
  const without = await run(py, NOISY);
  expect(sortedLines(withReport.stdout)).toEqual(sortedLines(without.stdout));
});

test("objects alive when the program ends are finalized once, as at CPython's exit", async () => {
  // CPython clears the module's names and collects cycles at exit: `kept`, x and y say "freed" too.
  for (const memoryReport of [false, true]) {
    const result = await run(py, NOISY, { memoryReport });
    expect(sortedLines(result.stdout)).toEqual([
      "dropped alive: False",
      "freed dropped",
      "freed kept",
      "freed x",
      "freed y",
    ]);
  }
});

test("only op run reports; a report does not change what the checks of a later check run see", async () => {
  await report(CYCLIC + "del a, b\n");
  const result = await check(
    py,
    CYCLIC,
    "from leakless import assert_in_cycle\nfrom submission import a\ndef test_cycle():\n    assert_in_cycle(a)\n",
    { memoryReport: true },
  );
  expect(result.status).toBe("passed");
  expect("memory" in result).toBe(false);
  expect((await run(py, "print(1)")).memory).toBeUndefined();
});

test("learner code that stops tracemalloc or disables gc still gets a report", async () => {
  const r = await report(
    "import gc, tracemalloc\ntracemalloc.stop()\ngc.disable()\n" + CYCLIC.replace("import gc", "") + "del a, b\n",
  );
  expect(r.tracemalloc).toMatchObject({ tracing: false, topLines: [] });
  expect(r.garbage.freed).toBe(2);
  expect((await run(py, "import gc\nprint(gc.isenabled())")).stdout).toBe("True\n");
});

test("learner code that rewrites the report module changes only its own report, never the next one", async () => {
  const forged = await run(
    py,
    'import _leakless_memory_report as m\nm.Report.finish = lambda self, source: \'{"version": 1, "forged": true}\'\n',
    { memoryReport: true },
  );
  expect(forged.status).toBe("ok");
  expect(MemoryReportSchema.safeParse(forged.memory).success).toBe(false); // the page refuses it
  const broken = await run(
    py,
    "import _leakless_memory_report as m\nm.Report.finish = lambda self, source: 'not json'\n",
    {
      memoryReport: true,
    },
  );
  expect(broken.status).toBe("ok");
  expect(broken.memory).toMatchObject({ error: expect.stringContaining("could not be made") });
  const r = await report(CYCLIC);
  expect(r.cycles).toHaveLength(1);
});

test("time the report takes for typical exercise code (measured, printed; no assertion)", async () => {
  const typical = [
    "import weakref",
    "class TreeNode:",
    "    def __init__(self, value, parent=None):",
    "        self.value = value",
    "        self.parent = parent",
    "        self.children = []",
    "    def add(self, value):",
    "        child = TreeNode(value, self)",
    "        self.children.append(child)",
    "        return child",
    "root = TreeNode(0)",
    "for i in range(20):",
    "    root.add(i).add(i * 10)",
    "cache = {i: str(i) for i in range(200)}",
    "history = []",
    "def remember(x):",
    "    history.append(x)",
    "for i in range(50):",
    "    remember(i)",
  ].join("\n");
  const samples: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const result = await run(py, typical, { memoryReport: true });
    totals.push(performance.now() - started);
    samples.push(MemoryReportSchema.parse(result.memory).durationMs);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  console.log(
    `memory report in Pyodide: median ${median(samples).toFixed(1)} ms (min ${Math.min(...samples).toFixed(1)}, ` +
      `max ${Math.max(...samples).toFixed(1)}); whole run with report: median ${median(totals).toFixed(1)} ms`,
  );
  expect(samples).toHaveLength(7);
});
