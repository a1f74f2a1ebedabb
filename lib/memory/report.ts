/**
 * The memory report a run can carry (`RunResult.memory`, produced by
 * `lib/python/leakless/memory_report.py` in the worker). It crosses a trust
 * boundary (worker → page), so the page parses it here instead of trusting it;
 * `lib/grading/result.ts` keeps the field `unknown` on purpose so the result
 * format does not depend on the panel's.
 */
import { z } from "zod";

export const MEMORY_REPORT_VERSION = 1 as const;

const count = z.number().int().nonnegative();

/** A step of "who keeps this alive?": `label` is a name for the first step, then `.attr`, `[0]`, `['key']`... */
export const ChainStepSchema = z.object({
  label: z.string().max(300),
  type: z.string().max(300),
  /** The drawn node this step is, or null when the step goes through an object the drawing leaves out. */
  node: z.string().max(20).nullable(),
});
export type ChainStep = z.infer<typeof ChainStepSchema>;

export const NodeKindSchema = z.enum([
  "instance",
  "container",
  "function",
  "method",
  "class",
  "value",
  "weakref",
  "generator",
  "object",
]);
export type NodeKind = z.infer<typeof NodeKindSchema>;

export const MemoryNodeSchema = z.object({
  id: z.string().max(20),
  /** Type name: the learner's classes by name, builtins by name, others as module.Class. */
  type: z.string().max(300),
  kind: NodeKindSchema,
  /** A few words built from the object's data (never from a learner's __repr__). */
  label: z.string().max(300),
  /** Module-level names that refer to this very object. */
  names: z.array(z.string().max(300)).max(100),
  /** len() for containers. */
  items: count.nullable(),
  /** References from this node the drawing leaves out ("+N more"). */
  moreEdges: count,
  inCycle: z.boolean(),
  /** Index into `cycles`, when the node is part of a listed cycle. */
  cycle: count.nullable(),
  /** No module name reaches it: it is alive only until something (the collector) frees it. */
  garbage: z.boolean(),
  /** Garbage that the report's gc.collect() found and freed: only the cycle collector frees it. */
  collected: z.boolean(),
  /** Shortest chain of references from a module name; empty for garbage. */
  keptBy: z.array(ChainStepSchema).max(200),
});
export type MemoryNode = z.infer<typeof MemoryNodeSchema>;

export const MemoryEdgeSchema = z.object({
  from: z.string().max(20),
  to: z.string().max(20),
  label: z.string().max(300),
  /** A weakref.ref: drawn dashed, keeps nothing alive, never part of a cycle. */
  weak: z.boolean(),
  inCycle: z.boolean(),
});
export type MemoryEdge = z.infer<typeof MemoryEdgeSchema>;

export const CycleSchema = z.object({
  id: count,
  /** Drawn members, in drawing order. */
  nodes: z.array(z.string().max(20)).max(200),
  /** All members, drawn or not. */
  size: count,
  /** e.g. "a.other.other is a again". */
  text: z.string().max(2000),
});
export type Cycle = z.infer<typeof CycleSchema>;

export const TypeCountSchema = z.object({
  type: z.string().max(300),
  before: count,
  after: count,
  afterCollect: count,
  /** A class defined in the learner's file. */
  learner: z.boolean(),
});
export type TypeCount = z.infer<typeof TypeCountSchema>;

export const TopLineSchema = z.object({
  line: z.number().int().positive(),
  bytes: count,
  count,
  code: z.string().max(300),
});
export type TopLine = z.infer<typeof TopLineSchema>;

export const MemoryReportSchema = z.object({
  version: z.literal(MEMORY_REPORT_VERSION),
  /** Time the report itself took in the worker. */
  durationMs: z.number().nonnegative(),
  graph: z.object({
    nodes: z.array(MemoryNodeSchema).max(500),
    edges: z.array(MemoryEdgeSchema).max(5000),
    /** Objects the drawing leaves out ("+N more"). */
    hiddenNodes: count,
    /** The walk stopped at its object limit: garbage detection was skipped. */
    truncated: z.boolean(),
  }),
  cycles: z.array(CycleSchema).max(100),
  garbage: z.object({
    /** What gc.collect() returned: unreachable objects it found (all types). */
    collected: count,
    /** Walked objects no module name reaches (the learner's instances and what they reach). */
    unreachable: count,
    /** How many of those the collection freed. */
    freed: count,
    foundByType: z.array(z.object({ type: z.string().max(300), count })).max(100),
  }),
  counts: z.array(TypeCountSchema).max(100),
  tracemalloc: z.object({
    currentBytes: count,
    peakBytes: count,
    topLines: z.array(TopLineSchema).max(50),
    /** False when the learner's code stopped tracemalloc itself. */
    tracing: z.boolean(),
  }),
});
export type MemoryReport = z.infer<typeof MemoryReportSchema>;

/** What the worker sends when the report itself failed (the run's result still stands). */
export const FailedMemoryReportSchema = z.object({
  version: z.literal(MEMORY_REPORT_VERSION),
  failed: z.string().max(1000),
});

export type ParsedMemoryReport =
  { status: "absent" } | { status: "ok"; report: MemoryReport } | { status: "failed"; message: string };

/** Parse `RunResult.memory`; never throws. */
export function parseMemoryReport(value: unknown): ParsedMemoryReport {
  if (value === undefined || value === null) return { status: "absent" };
  const ok = MemoryReportSchema.safeParse(value);
  if (ok.success) return { status: "ok", report: ok.data };
  const failed = FailedMemoryReportSchema.safeParse(value);
  if (failed.success) return { status: "failed", message: failed.data.failed };
  return { status: "failed", message: "The memory report was not in the expected format." };
}
