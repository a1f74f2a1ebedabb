/**
 * A deterministic layered layout for the Memory panel's graph: module names in
 * the leftmost column, then one column per breadth-first step along references
 * (the way "a.other.kids[0]" reads left to right). Garbage — objects no name
 * reaches — gets its own band below, laid out the same way from its first
 * object. Same report in, same picture out: no force simulation, no library.
 */
import type { MemoryEdge, MemoryNode } from "./report";

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 44;
export const COLUMN_GAP = 72;
export const ROW_GAP = 22;
export const BAND_GAP = 48;
export const PADDING = 16;

export interface PlacedNode {
  id: string;
  column: number;
  row: number;
  /** 0: reached from a name; 1: garbage (no name reaches it). */
  band: 0 | 1;
  x: number;
  y: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  byId: Map<string, PlacedNode>;
  width: number;
  height: number;
  /** Top of the garbage band, when there is one (for its caption). */
  garbageBandTop: number | null;
}

type LayoutInput = {
  nodes: Pick<MemoryNode, "id" | "names" | "garbage">[];
  edges: Pick<MemoryEdge, "from" | "to" | "weak">[];
};

/** Columns by breadth-first depth over strong references; rows in report order. */
export function layoutGraph(graph: LayoutInput): GraphLayout {
  const strongOut = new Map<string, string[]>();
  for (const node of graph.nodes) strongOut.set(node.id, []);
  for (const edge of graph.edges) {
    if (!edge.weak && strongOut.has(edge.from) && strongOut.has(edge.to)) strongOut.get(edge.from)!.push(edge.to);
  }
  const garbage = new Set(graph.nodes.filter((n) => n.garbage).map((n) => n.id));
  const depth = new Map<string, number>();

  const spread = (seeds: string[], band: 0 | 1) => {
    const queue = seeds.filter((id) => !depth.has(id));
    for (const id of queue) depth.set(id, 0);
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head];
      for (const child of strongOut.get(id) ?? []) {
        if (!depth.has(child) && garbage.has(child) === (band === 1)) {
          depth.set(child, depth.get(id)! + 1);
          queue.push(child);
        }
      }
    }
  };
  // Band 0: from the names; anything left there (reached only through an
  // object the drawing leaves out) starts its own walk, in report order.
  spread(
    graph.nodes.filter((n) => !n.garbage && n.names.length > 0).map((n) => n.id),
    0,
  );
  for (const node of graph.nodes) if (!node.garbage && !depth.has(node.id)) spread([node.id], 0);
  for (const node of graph.nodes) if (node.garbage && !depth.has(node.id)) spread([node.id], 1);

  const rowsUsed = [new Map<number, number>(), new Map<number, number>()];
  const placed: PlacedNode[] = [];
  for (const node of graph.nodes) {
    const band: 0 | 1 = node.garbage ? 1 : 0;
    const column = depth.get(node.id)!;
    const row = rowsUsed[band].get(column) ?? 0;
    rowsUsed[band].set(column, row + 1);
    placed.push({ id: node.id, column, row, band, x: 0, y: 0 });
  }
  const bandRows = rowsUsed.map((rows) => Math.max(0, ...rows.values()));
  const rowStep = NODE_HEIGHT + ROW_GAP;
  const band0Height = bandRows[0] * rowStep;
  const garbageBandTop = bandRows[1] > 0 ? PADDING + band0Height + (bandRows[0] > 0 ? BAND_GAP : 0) : null;
  for (const node of placed) {
    node.x = PADDING + node.column * (NODE_WIDTH + COLUMN_GAP);
    node.y = node.band === 0 ? PADDING + node.row * rowStep : garbageBandTop! + 20 + node.row * rowStep;
  }
  const columns = Math.max(0, ...placed.map((n) => n.column + 1));
  const width = PADDING * 2 + Math.max(1, columns) * NODE_WIDTH + Math.max(0, columns - 1) * COLUMN_GAP;
  const height =
    (garbageBandTop === null ? PADDING + band0Height : garbageBandTop + 20 + bandRows[1] * rowStep) + PADDING - ROW_GAP;
  return {
    nodes: placed,
    byId: new Map(placed.map((n) => [n.id, n])),
    width,
    height: Math.max(height, NODE_HEIGHT + 2 * PADDING),
    garbageBandTop,
  };
}

/**
 * SVG path for an edge. Forward edges (to a later column) are straight from
 * the right side to the left side; edges back or within a column — the ones a
 * cycle needs — bow out so they do not run over the nodes.
 */
export function edgePath(from: PlacedNode, to: PlacedNode): string {
  if (from.id === to.id) {
    const x = from.x + NODE_WIDTH;
    const y = from.y + NODE_HEIGHT / 2;
    return `M ${x} ${y - 8} C ${x + 40} ${y - 40}, ${x + 40} ${y + 40}, ${x} ${y + 8}`;
  }
  if (to.column > from.column) {
    return `M ${from.x + NODE_WIDTH} ${from.y + NODE_HEIGHT / 2} L ${to.x} ${to.y + NODE_HEIGHT / 2}`;
  }
  if (to.column === from.column) {
    // Same column (two names that refer to each other): bow out to the right of the column.
    const x = from.x + NODE_WIDTH;
    const bow = x + 26 + 8 * Math.abs(from.row - to.row);
    const y1 = from.y + NODE_HEIGHT / 2 + (to.row > from.row ? 6 : -6);
    const y2 = to.y + NODE_HEIGHT / 2 + (to.row > from.row ? -6 : 6);
    return `M ${x} ${y1} C ${bow} ${y1}, ${bow} ${y2}, ${x} ${y2}`;
  }
  // Back to an earlier column: leave from the bottom, arrive at the bottom, bowing below both.
  const x1 = from.x + NODE_WIDTH / 2 + 12;
  const y1 = from.y + NODE_HEIGHT;
  const x2 = to.x + NODE_WIDTH / 2 - 12;
  const y2 = to.y + NODE_HEIGHT;
  const bow = Math.max(y1, y2) + 28 + 6 * Math.abs(from.column - to.column);
  return `M ${x1} ${y1} C ${x1} ${bow}, ${x2} ${bow}, ${x2} ${y2}`;
}

/** Where to put an edge's label: the middle of the straight line, or under the bow. */
export function edgeLabelPoint(from: PlacedNode, to: PlacedNode): { x: number; y: number } {
  if (from.id === to.id) return { x: from.x + NODE_WIDTH + 34, y: from.y + NODE_HEIGHT / 2 };
  if (to.column > from.column) {
    return { x: (from.x + NODE_WIDTH + to.x) / 2, y: (from.y + to.y) / 2 + NODE_HEIGHT / 2 - 6 };
  }
  if (to.column === from.column) {
    return {
      x: from.x + NODE_WIDTH + 24 + 6 * Math.abs(from.row - to.row),
      y: (from.y + to.y) / 2 + NODE_HEIGHT / 2 + 4,
    };
  }
  const bow = Math.max(from.y, to.y) + NODE_HEIGHT + 28 + 6 * Math.abs(from.column - to.column);
  return { x: (from.x + to.x) / 2 + NODE_WIDTH / 2, y: bow - 4 };
}
