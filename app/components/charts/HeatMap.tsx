import "./charts.css";
import { clip, textWidth } from "./text-width";

const LABEL_CHARS = 24;

export type HeatState = "NOT_STARTED" | "ATTEMPTED" | "PASSED" | "REVIEWED";

/** Colour and a symbol per state: the symbol carries the meaning for anyone who cannot tell the colours apart. */
export const HEAT_STATES: Record<HeatState, { label: string; fill: string; symbol: string; ink: string }> = {
  NOT_STARTED: { label: "Not started", fill: "#eef0f4", symbol: "", ink: "#1d2330" },
  ATTEMPTED: { label: "Attempted, not passed", fill: "#f2b84b", symbol: "•", ink: "#1d2330" },
  PASSED: { label: "Passed", fill: "#1a7f37", symbol: "✓", ink: "#ffffff" },
  REVIEWED: { label: "Passed and reviewed", fill: "#1f6feb", symbol: "★", ink: "#ffffff" },
};

export function HeatMapLegend() {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {(Object.keys(HEAT_STATES) as HeatState[]).map((s) => (
        <li key={s}>
          <span aria-hidden style={{ background: HEAT_STATES[s].fill, color: HEAT_STATES[s].ink }}>
            {HEAT_STATES[s].symbol}
          </span>
          {HEAT_STATES[s].label}
        </li>
      ))}
    </ul>
  );
}

type Props = {
  title: string;
  columns: { key: string; label: string; title: string }[];
  rows: { key: string; label: string; cells: { state: HeatState; detail: string }[] }[];
};

/** The id of a state's square in the heat map's <defs>; one heat map per page, so the ids are unique. */
const cellId = (state: HeatState) => `heat-map-cell-${state}`;

/**
 * Learners × exercises, one square per pair; each square's tooltip names learner, exercise and state.
 *
 * Each state's square (fill, border, symbol) is drawn once in <defs> and every cell is a <use> of it:
 * a page of 50 learners × 20 exercises had 4,000 SVG elements with their attributes, which made
 * this chart most of the cohort overview's server render and of its 1 MB of HTML.
 */
export function HeatMap({ title, columns, rows }: Props) {
  const labelWidth = textWidth(Math.max(4, ...rows.map((r) => clip(r.label, LABEL_CHARS).length)));
  const cell = 22;
  const top = 26;
  const width = labelWidth + columns.length * cell + 4;
  const height = top + rows.length * cell + 4;
  const counts = new Map<HeatState, number>();
  for (const r of rows) for (const c of r.cells) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  const summary = (Object.keys(HEAT_STATES) as HeatState[])
    .map((s) => `${counts.get(s) ?? 0} ${HEAT_STATES[s].label.toLowerCase()}`)
    .join(", ");
  return (
    <svg
      className="chart"
      role="img"
      aria-label={`${title}: ${rows.length} learners × ${columns.length} exercises; ${summary}. The table below lists every cell.`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
    >
      <title>{title}</title>
      <defs>
        {(Object.keys(HEAT_STATES) as HeatState[]).map((state) => {
          const s = HEAT_STATES[state];
          return (
            <g key={state} id={cellId(state)}>
              <rect x={1} y={1} width={cell - 2} height={cell - 2} fill={s.fill} stroke="#d9dde6" />
              {s.symbol ? (
                <text x={cell / 2} y={15} textAnchor="middle" style={{ fill: s.ink }} aria-hidden>
                  {s.symbol}
                </text>
              ) : null}
            </g>
          );
        })}
      </defs>
      {columns.map((c, j) => (
        <text key={c.key} x={labelWidth + j * cell + cell / 2} y={top - 8} textAnchor="middle" className="muted">
          <title>{c.title}</title>
          {c.label}
        </text>
      ))}
      {rows.map((r, i) => (
        <g key={r.key}>
          <text x={labelWidth - 6} y={top + i * cell + 15} textAnchor="end">
            {clip(r.label, LABEL_CHARS)}
          </text>
          {r.cells.map((c, j) => (
            <use key={columns[j].key} href={`#${cellId(c.state)}`} x={labelWidth + j * cell} y={top + i * cell}>
              <title>{`${r.label} — ${columns[j].title}: ${HEAT_STATES[c.state].label}${c.detail ? ` (${c.detail})` : ""}`}</title>
            </use>
          ))}
        </g>
      ))}
    </svg>
  );
}
