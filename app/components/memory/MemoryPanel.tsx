"use client";
/**
 * The Memory panel: what the learner's code left behind after Run. Renders
 * the report computed in the worker (lib/python/leakless/memory_report.py) —
 * the object graph with reference cycles and garbage only gc.collect() frees,
 * "who keeps this alive?" for a chosen object, type counts, the collection's
 * result and tracemalloc's numbers. Everything the drawing shows by colour is
 * also said in text, and the whole graph is available as a table.
 */
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import {
  STATUS_TEXT,
  accessibleNodeName,
  chainExpression,
  formatBytes,
  keepAliveText,
  nodeStatus,
} from "@/lib/memory/cycles";
import { NODE_HEIGHT, NODE_WIDTH, edgeLabelPoint, edgePath, layoutGraph } from "@/lib/memory/layout";
import { parseMemoryReport, type MemoryNode, type MemoryReport } from "@/lib/memory/report";
import styles from "./MemoryPanel.module.css";

export interface MemoryPanelProps {
  /** `RunResult.memory` as received (unknown: parsed here). Nothing is rendered when it is absent. */
  report: unknown;
}

export function MemoryPanel({ report }: MemoryPanelProps) {
  const parsed = useMemo(() => parseMemoryReport(report), [report]);
  const headingId = useId();
  if (parsed.status === "absent") return null;
  return (
    <section className={styles.panel} aria-labelledby={headingId} data-testid="memory-panel">
      <h2 id={headingId} className={styles.heading}>
        Memory after the run
      </h2>
      {parsed.status === "failed" ? (
        <p role="status" data-testid="memory-failed">
          {parsed.message}
        </p>
      ) : (
        <MemoryReportView report={parsed.report} />
      )}
    </section>
  );
}

function MemoryReportView({ report }: { report: MemoryReport }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const nodes = report.graph.nodes;
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const selected = selectedId ? (byId.get(selectedId) ?? null) : null;
  const garbageNodes = nodes.filter((n) => n.garbage && n.collected);

  return (
    <>
      <p className={styles.summary} data-testid="memory-summary">
        {nodes.length === 0
          ? "Your module's names refer to no objects worth drawing (numbers and strings are shown inside their owners)."
          : `${nodes.length} object${nodes.length === 1 ? "" : "s"} drawn`}
        {report.graph.hiddenNodes > 0 && ` (+${report.graph.hiddenNodes} more not drawn)`}
        {nodes.length > 0 && ". "}
        {report.cycles.length === 0
          ? "No reference cycles. "
          : `${report.cycles.length} reference cycle${report.cycles.length === 1 ? "" : "s"}. `}
        {garbageNodes.length > 0 &&
          `${garbageNodes.length} drawn object${garbageNodes.length === 1 ? " was" : "s were"} freed only by gc.collect().`}
        {report.graph.truncated &&
          " The program made too many objects to follow them all: garbage detection was skipped."}
      </p>
      {nodes.length > 0 && (
        <>
          <Legend />
          <Graph report={report} selectedId={selectedId} onSelect={setSelectedId} />
          <KeepAlive node={selected} byId={byId} onSelect={setSelectedId} />
        </>
      )}
      {report.cycles.length > 0 && (
        <div>
          <h3 className={styles.subheading}>Reference cycles</h3>
          <ol data-testid="memory-cycles">
            {report.cycles.map((cycle) => (
              <li key={cycle.id} data-testid="memory-cycle">
                <strong>Cycle {cycle.id + 1}</strong> ({cycle.size} object{cycle.size === 1 ? "" : "s"}):{" "}
                <code>{cycle.text}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
      {nodes.length > 0 && <ObjectTable nodes={nodes} onSelect={setSelectedId} />}
      <CollectorResult report={report} />
      <TypeCounts report={report} />
      <Tracemalloc report={report} />
      <p className={styles.footnote}>Report computed in {report.durationMs.toFixed(1)} ms.</p>
    </>
  );
}

function Legend() {
  return (
    <ul className={styles.legend} aria-label="Legend">
      <li>
        <span className={`${styles.swatch} ${styles.swatchCycle}`} aria-hidden="true" /> ↻ red, thick: part of a
        reference cycle
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.swatchGarbage}`} aria-hidden="true" /> [gc] dashed, lower band: no
        name reaches it — only gc.collect() frees it
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.swatchWeak}`} aria-hidden="true" /> dashed line: a weak reference
        (keeps nothing alive)
      </li>
    </ul>
  );
}

function Graph({
  report,
  selectedId,
  onSelect,
}: {
  report: MemoryReport;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const layout = useMemo(() => layoutGraph(report.graph), [report.graph]);
  const markerId = useId().replace(/:/g, "");
  const onKey = (id: string) => (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect(id);
    }
  };
  return (
    <div className={styles.graphScroll}>
      <svg
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label="Object graph: choose an object to see who keeps it alive"
        data-testid="memory-graph"
        className={styles.graph}
      >
        <defs>
          <marker
            id={`${markerId}-arrow`}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--node-line)" />
          </marker>
          <marker
            id={`${markerId}-arrow-cycle`}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--node-cycle)" />
          </marker>
        </defs>
        {layout.garbageBandTop !== null && (
          <text x={16} y={layout.garbageBandTop + 12} className={styles.bandCaption}>
            No name reaches these objects:
          </text>
        )}
        <g aria-hidden="true">
          {report.graph.edges.map((edge, index) => {
            const from = layout.byId.get(edge.from);
            const to = layout.byId.get(edge.to);
            if (!from || !to) return null;
            const label = edgeLabelPoint(from, to);
            return (
              <g key={index} data-in-cycle={edge.inCycle} data-weak={edge.weak} data-testid="memory-edge">
                <path
                  d={edgePath(from, to)}
                  className={edge.inCycle ? styles.edgeCycle : edge.weak ? styles.edgeWeak : styles.edge}
                  markerEnd={`url(#${markerId}-arrow${edge.inCycle ? "-cycle" : ""})`}
                />
                <text x={label.x} y={label.y} className={styles.edgeLabel} textAnchor="middle">
                  {edge.label.length > 22 ? `${edge.label.slice(0, 21)}…` : edge.label}
                </text>
              </g>
            );
          })}
        </g>
        {report.graph.nodes.map((node) => {
          const place = layout.byId.get(node.id)!;
          const status = nodeStatus(node);
          const classes = [styles.node];
          if (node.inCycle) classes.push(styles.nodeCycle);
          if (node.garbage) classes.push(styles.nodeGarbage);
          if (node.id === selectedId) classes.push(styles.nodeSelected);
          const marks = `${node.inCycle ? "↻ " : ""}${node.garbage ? "[gc] " : ""}`;
          const title = node.names.length ? node.names.join(", ") : node.type;
          return (
            <g
              key={node.id}
              transform={`translate(${place.x} ${place.y})`}
              role="button"
              tabIndex={0}
              aria-label={accessibleNodeName(node)}
              aria-pressed={node.id === selectedId}
              onClick={() => onSelect(node.id)}
              onKeyDown={onKey(node.id)}
              className={classes.join(" ")}
              data-testid="memory-node"
              data-node-id={node.id}
              data-status={status}
              data-in-cycle={node.inCycle}
            >
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
              <text x={8} y={17} className={styles.nodeTitle}>
                {clip(`${marks}${title}${node.names.length ? ` · ${node.type}` : ""}`, 22)}
              </text>
              <text x={8} y={34} className={styles.nodeLabel}>
                {clip(node.moreEdges > 0 ? `${node.label} +${node.moreEdges}` : node.label, 25)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function KeepAlive({
  node,
  byId,
  onSelect,
}: {
  node: MemoryNode | null;
  byId: Map<string, MemoryNode>;
  onSelect: (id: string) => void;
}) {
  return (
    <div className={styles.keepAlive} aria-live="polite" data-testid="memory-keep-alive">
      {node === null ? (
        <p className={styles.hint}>Choose an object (click, or Tab to it and press Enter) to see who keeps it alive.</p>
      ) : (
        <>
          <h3 className={styles.subheading}>
            Who keeps <code>{node.label}</code> alive?
          </h3>
          <p>{keepAliveText(node)}</p>
          {node.keptBy.length > 1 && (
            <ol className={styles.chain} aria-label={`Chain ${chainExpression(node.keptBy)}`}>
              {node.keptBy.map((step, index) => (
                <li key={index}>
                  <code>{index === 0 ? step.label : step.label.trim()}</code> → {step.type}
                  {step.node && step.node !== node.id && byId.has(step.node) && (
                    <>
                      {" "}
                      <button type="button" className={styles.linkButton} onClick={() => onSelect(step.node!)}>
                        show
                      </button>
                    </>
                  )}
                  {step.node === null && <span className={styles.hint}> (not drawn)</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

function ObjectTable({ nodes, onSelect }: { nodes: MemoryNode[]; onSelect: (id: string) => void }) {
  return (
    <details className={styles.details}>
      <summary>The same objects as a table</summary>
      <table className={styles.table}>
        <caption className={styles.srOnly}>Objects left by the run, with what keeps each alive</caption>
        <thead>
          <tr>
            <th scope="col">Object</th>
            <th scope="col">Names</th>
            <th scope="col">Situation</th>
            <th scope="col">Kept alive by</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id} data-status={nodeStatus(node)}>
              <th scope="row">
                <button type="button" className={styles.linkButton} onClick={() => onSelect(node.id)}>
                  {node.type} {node.label}
                </button>
              </th>
              <td>{node.names.join(", ") || "—"}</td>
              <td>
                {STATUS_TEXT[nodeStatus(node)]}
                {node.cycle !== null && ` (cycle ${node.cycle + 1})`}
              </td>
              <td>
                <code>{node.garbage ? "nothing" : chainExpression(node.keptBy)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function CollectorResult({ report }: { report: MemoryReport }) {
  const { garbage } = report;
  return (
    <div data-testid="memory-gc">
      <h3 className={styles.subheading}>What gc.collect() found</h3>
      <p>
        After your code finished, one full <code>gc.collect()</code> found <strong>{garbage.collected}</strong>{" "}
        unreachable object{garbage.collected === 1 ? "" : "s"}.
        {garbage.unreachable > 0 &&
          ` Of the ${garbage.unreachable} object${garbage.unreachable === 1 ? "" : "s"} of yours that no name reached, it freed ${garbage.freed}.`}
        {garbage.collected === 0 && " Reference counting alone freed everything your code dropped."}
      </p>
      {garbage.foundByType.length > 0 && (
        <table className={styles.table}>
          <caption className={styles.srOnly}>Unreachable objects by type</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Found</th>
            </tr>
          </thead>
          <tbody>
            {garbage.foundByType.map((row) => (
              <tr key={row.type}>
                <th scope="row">{row.type}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TypeCounts({ report }: { report: MemoryReport }) {
  if (report.counts.length === 0) return null;
  return (
    <details className={styles.details}>
      <summary>Objects by type: before, after, after gc.collect()</summary>
      <table className={styles.table}>
        <caption className={styles.srOnly}>
          Objects tracked by the garbage collector, by type (the biggest changes)
        </caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Before the run</th>
            <th scope="col">After the run</th>
            <th scope="col">After gc.collect()</th>
          </tr>
        </thead>
        <tbody>
          {report.counts.map((row) => (
            <tr key={row.type} className={row.learner ? styles.learnerRow : undefined}>
              <th scope="row">
                {row.type}
                {row.learner && <span className={styles.hint}> (your class)</span>}
              </th>
              <td>{row.before}</td>
              <td>
                {row.after} ({signed(row.after - row.before)})
              </td>
              <td>
                {row.afterCollect} ({signed(row.afterCollect - row.after)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

function Tracemalloc({ report }: { report: MemoryReport }) {
  const t = report.tracemalloc;
  if (!t.tracing) return <p>tracemalloc was stopped by your code, so there are no memory numbers for this run.</p>;
  return (
    <div data-testid="memory-tracemalloc">
      <h3 className={styles.subheading}>Memory (tracemalloc)</h3>
      <p>
        Peak during the run: <strong>{formatBytes(t.peakBytes)}</strong>; still allocated at the end:{" "}
        <strong>{formatBytes(t.currentBytes)}</strong>.
      </p>
      {t.topLines.length > 0 && (
        <table className={styles.table}>
          <caption>Your lines holding the most memory at the end</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Code</th>
              <th scope="col">Size</th>
              <th scope="col">Blocks</th>
            </tr>
          </thead>
          <tbody>
            {t.topLines.map((line) => (
              <tr key={line.line}>
                <th scope="row">{line.line}</th>
                <td>
                  <code>{line.code}</code>
                </td>
                <td>{formatBytes(line.bytes)}</td>
                <td>{line.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
