/**
 * Reading the report for people: what a node's situation is, the chain that
 * keeps it alive, the cycles. Pure functions over the parsed report, shared by
 * the graph and its table so both say the same thing.
 */
import type { ChainStep, MemoryNode, MemoryReport } from "./report";

export type NodeStatus = "cycle-garbage" | "garbage" | "kept-outside" | "cycle" | "live";

/**
 * - cycle-garbage / garbage: no name reaches it and only the collector freed it
 *   (with or without a cycle of its own: a list in a dead cycle is freed too);
 * - kept-outside: no name of the learner's module reaches it, yet the
 *   collection did not free it (something outside the module holds it);
 * - cycle: reachable and part of a reference cycle; live: reachable.
 */
export function nodeStatus(node: Pick<MemoryNode, "garbage" | "collected" | "inCycle">): NodeStatus {
  if (node.garbage) {
    if (!node.collected) return "kept-outside";
    return node.inCycle ? "cycle-garbage" : "garbage";
  }
  return node.inCycle ? "cycle" : "live";
}

export const STATUS_TEXT: Record<NodeStatus, string> = {
  "cycle-garbage": "in a reference cycle; no name reaches it: only gc.collect() frees it",
  garbage: "no name reaches it: only gc.collect() frees it",
  "kept-outside": "no name of your module reaches it, but something outside it keeps it alive",
  cycle: "in a reference cycle",
  live: "reachable from your names",
};

/** `a.kids[1]`: the chain as Python would spell it. */
export function chainExpression(steps: ChainStep[]): string {
  return steps.map((s, i) => (i === 0 ? s.label : /^[.[]/.test(s.label) ? s.label : ` ${s.label.trim()}`)).join("");
}

/** The answer to "who keeps this alive?", one sentence. */
export function keepAliveText(node: MemoryNode): string {
  if (node.garbage) {
    return node.collected
      ? "Nothing reachable: no name leads to it. Only the references inside its cycle keep it in memory, until gc.collect() runs."
      : "No name of your module leads to it, and gc.collect() did not free it: something outside your module keeps it alive.";
  }
  if (node.keptBy.length <= 1)
    return `The name ${node.names.map((n) => `\`${n}\``).join(", ") || "(unknown)"} refers to it directly.`;
  return `${chainExpression(node.keptBy)} — ${node.keptBy.length - 1} reference${node.keptBy.length === 2 ? "" : "s"} from the name \`${node.keptBy[0].label}\`.`;
}

/** What a screen reader announces for a node (and the graph's title text). */
export function accessibleNodeName(node: MemoryNode): string {
  const parts = [`${node.type} ${node.label}`];
  if (node.names.length) parts.push(`named ${node.names.join(", ")}`);
  if (node.cycle !== null) parts.push(`cycle ${node.cycle + 1}`);
  const status = nodeStatus(node);
  if (status !== "live") parts.push(STATUS_TEXT[status]);
  if (node.moreEdges > 0) parts.push(`${node.moreEdges} more references not drawn`);
  return parts.join("; ");
}

/** Drawn node ids per listed cycle, and whether the report has any cycle at all. */
export function cycleSummary(report: Pick<MemoryReport, "cycles" | "graph">): { count: number; garbageCycles: number } {
  const byId = new Map(report.graph.nodes.map((n) => [n.id, n]));
  const garbageCycles = report.cycles.filter((c) => c.nodes.some((id) => byId.get(id)?.garbage)).length;
  return { count: report.cycles.length, garbageCycles };
}

/** "1.2 KiB" — tracemalloc numbers for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}
