import "./charts.css";

export type Column = { label: string; value: number };

/** Vertical columns over time (e.g. active learners per day), with the y-axis maximum and every value in a tooltip. */
export function ColumnChart({ title, columns, unit }: { title: string; columns: Column[]; unit: string }) {
  const left = 36;
  const plotHeight = 140;
  const columnWidth = Math.max(8, Math.min(32, Math.floor(640 / Math.max(1, columns.length))));
  const width = left + columns.length * columnWidth + 8;
  const height = plotHeight + 44;
  const max = Math.max(1, ...columns.map((c) => c.value));
  const total = columns.reduce((n, c) => n + c.value, 0);
  const busiest = columns.reduce<Column | null>((best, c) => (!best || c.value > best.value ? c : best), null);
  const label = `${title}. ${columns.length} days, ${total} ${unit} in all${busiest && busiest.value > 0 ? `, most on ${busiest.label} (${busiest.value})` : ""}.`;
  const every = Math.ceil(columns.length / 10);
  return (
    <svg className="chart" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width}>
      <title>{title}</title>
      <line x1={left} x2={width - 4} y1={plotHeight + 4} y2={plotHeight + 4} stroke="var(--muted)" />
      <text x={left - 4} y={12} textAnchor="end" className="muted">
        {max}
      </text>
      <text x={left - 4} y={plotHeight + 4} textAnchor="end" className="muted">
        0
      </text>
      {columns.map((c, i) => {
        const h = (c.value / max) * (plotHeight - 8);
        const x = left + i * columnWidth;
        return (
          <g key={c.label}>
            <rect x={x + 2} y={plotHeight + 4 - h} width={columnWidth - 4} height={h} fill="var(--accent)">
              <title>{`${c.label}: ${c.value} ${unit}`}</title>
            </rect>
            {i % every === 0 ? (
              <text x={x + columnWidth / 2} y={plotHeight + 20} textAnchor="middle" className="muted">
                {c.label.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
