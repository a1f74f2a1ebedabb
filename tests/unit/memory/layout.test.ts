import { COLUMN_GAP, NODE_WIDTH, edgePath, layoutGraph } from "@/lib/memory/layout";
import { accessibleNodeName, chainExpression, formatBytes, keepAliveText, nodeStatus } from "@/lib/memory/cycles";
import { parseMemoryReport, type MemoryNode } from "@/lib/memory/report";

function node(id: string, extra: Partial<MemoryNode> = {}): MemoryNode {
  return {
    id,
    type: "Node",
    kind: "instance",
    label: `Node(${id})`,
    names: [],
    items: null,
    moreEdges: 0,
    inCycle: false,
    cycle: null,
    garbage: false,
    collected: false,
    keptBy: [],
    ...extra,
  };
}
const edge = (from: string, to: string, weak = false) => ({ from, to, label: ".x", weak, inCycle: false });

describe("layoutGraph", () => {
  const graph = {
    nodes: [
      node("n0", { names: ["a"] }),
      node("n1", { names: ["b"] }),
      node("n2"),
      node("n3"),
      node("n4", { garbage: true, collected: true }),
      node("n5", { garbage: true, collected: true }),
    ],
    edges: [
      edge("n0", "n1"),
      edge("n1", "n0"),
      edge("n0", "n2"),
      edge("n2", "n3"),
      edge("n3", "n0", true),
      edge("n4", "n5"),
      edge("n5", "n4"),
    ],
  };

  test("names on the left, one column per breadth-first step, rows in report order", () => {
    const layout = layoutGraph(graph);
    const at = (id: string) => layout.byId.get(id)!;
    expect(["n0", "n1", "n2", "n3"].map((id) => [at(id).column, at(id).row])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 0],
    ]);
    expect(at("n2").x - at("n0").x).toBe(NODE_WIDTH + COLUMN_GAP);
  });

  test("garbage gets its own band below, laid out from its first object", () => {
    const layout = layoutGraph(graph);
    const garbage = ["n4", "n5"].map((id) => layout.byId.get(id)!);
    expect(garbage.map((n) => [n.band, n.column, n.row])).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
    const liveBottom = Math.max(...layout.nodes.filter((n) => n.band === 0).map((n) => n.y));
    expect(layout.garbageBandTop).not.toBeNull();
    expect(layout.garbageBandTop!).toBeGreaterThan(liveBottom);
    expect(Math.min(...garbage.map((n) => n.y))).toBeGreaterThan(layout.garbageBandTop!);
    expect(layout.height).toBeGreaterThan(Math.max(...garbage.map((n) => n.y)));
    expect(layout.width).toBeGreaterThanOrEqual(Math.max(...layout.nodes.map((n) => n.x)) + NODE_WIDTH);
  });

  test("weak references do not pull a node into a column; unreached nodes start their own walk", () => {
    const layout = layoutGraph({
      nodes: [node("n0", { names: ["a"] }), node("n1"), node("n2")],
      edges: [edge("n0", "n1", true), edge("n2", "n1")],
    });
    // n1 is only weakly referenced from a, so it is not a's child; n2 reaches n1, but n1 came first.
    expect(layout.nodes.map((n) => [n.id, n.column])).toEqual([
      ["n0", 0],
      ["n1", 0],
      ["n2", 0],
    ]);
    expect(layout.garbageBandTop).toBeNull();
  });

  test("the same report always gives the same picture", () => {
    expect(JSON.stringify(layoutGraph(graph).nodes)).toBe(JSON.stringify(layoutGraph(graph).nodes));
  });

  test("an empty graph still has a size", () => {
    const layout = layoutGraph({ nodes: [], edges: [] });
    expect(layout.nodes).toEqual([]);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
  });
});

describe("edgePath", () => {
  const layout = layoutGraph({
    nodes: [node("n0", { names: ["a"] }), node("n1")],
    edges: [edge("n0", "n1"), edge("n1", "n0")],
  });
  const [a, b] = [layout.byId.get("n0")!, layout.byId.get("n1")!];
  test("forward edges are straight, back edges and self-loops bow", () => {
    expect(edgePath(a, b)).toMatch(/^M [\d.]+ [\d.]+ L /);
    expect(edgePath(b, a)).toMatch(/ C /);
    const twoNames = layoutGraph({ nodes: [node("n0", { names: ["a"] }), node("n1", { names: ["b"] })], edges: [] });
    // Same column: the curve stays right of the column instead of crossing the nodes.
    const sideways = edgePath(twoNames.byId.get("n0")!, twoNames.byId.get("n1")!);
    const xs = sideways
      .match(/-?[\d.]+(?= )/g)!
      .map(Number)
      .filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(twoNames.byId.get("n0")!.x + NODE_WIDTH);
    expect(edgePath(a, a)).toMatch(/ C /);
    expect(edgePath(b, a)).not.toBe(edgePath(a, b));
  });
});

describe("reading a node", () => {
  test("status: garbage the collector freed, kept outside, cycle, live", () => {
    expect(nodeStatus({ garbage: true, collected: true, inCycle: true })).toBe("cycle-garbage");
    expect(nodeStatus({ garbage: true, collected: true, inCycle: false })).toBe("garbage");
    expect(nodeStatus({ garbage: true, collected: false, inCycle: true })).toBe("kept-outside");
    expect(nodeStatus({ garbage: false, collected: false, inCycle: true })).toBe("cycle");
    expect(nodeStatus({ garbage: false, collected: false, inCycle: false })).toBe("live");
  });

  test("who keeps it alive, as Python would spell the chain", () => {
    const steps = [
      { label: "root", type: "Node", node: "n0" },
      { label: ".kids", type: "list", node: "n1" },
      { label: "[1]", type: "Node", node: null },
      { label: " (closure variable x)", type: "function", node: null },
    ];
    expect(chainExpression(steps)).toBe("root.kids[1] (closure variable x)");
    const kid = node("n2", { keptBy: steps.slice(0, 3) });
    expect(keepAliveText(kid)).toBe("root.kids[1] — 2 references from the name `root`.");
    expect(keepAliveText(node("n0", { names: ["a", "alias"], keptBy: [steps[0]] }))).toBe(
      "The name `a`, `alias` refers to it directly.",
    );
    expect(keepAliveText(node("n4", { garbage: true, collected: true }))).toMatch(/until gc.collect\(\) runs/);
  });

  test("accessible names say what colour says", () => {
    const text = accessibleNodeName(node("n0", { names: ["a"], inCycle: true, cycle: 0, moreEdges: 3 }));
    expect(text).toBe("Node Node(n0); named a; cycle 1; in a reference cycle; 3 more references not drawn");
    expect(accessibleNodeName(node("n4", { garbage: true, collected: true, inCycle: true, cycle: 1 }))).toMatch(
      /only gc\.collect\(\) frees it/,
    );
  });

  test("bytes for people", () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual([
      "512 B",
      "2.0 KiB",
      "3.00 MiB",
    ]);
  });
});

describe("parseMemoryReport", () => {
  test("absent, failed in the worker, or not a report", () => {
    expect(parseMemoryReport(undefined)).toEqual({ status: "absent" });
    expect(parseMemoryReport({ version: 1, failed: "boom" })).toEqual({ status: "failed", message: "boom" });
    expect(parseMemoryReport({ version: 1, graph: {} })).toMatchObject({ status: "failed" });
  });
});
