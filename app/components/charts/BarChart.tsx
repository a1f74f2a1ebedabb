import "./charts.css";
import { clip, textWidth } from "./text-width";

const LABEL_CHARS = 28;

export type Bar = { label: string; value: number; max: number; valueLabel: string };

/** Horizontal bars (e.g. completion per section): each bar's value is written beside it, not only drawn. */
export function BarChart({ title, bars, color = "var(--accent)" }: { title: string; bars: Bar[]; color?: string }) {
  const labelWidth = textWidth(Math.max(4, ...bars.map((b) => clip(b.label, LABEL_CHARS).length)));
  const barWidth = 320;
  const rowHeight = 26;
  const valueWidth = textWidth(Math.max(4, ...bars.map((b) => b.valueLabel.length)));
  const width = labelWidth + barWidth + valueWidth;
  const height = bars.length * rowHeight + 8;
  const summary = bars.map((b) => `${b.label}: ${b.valueLabel}`).join("; ");
  return (
    <svg
      className="chart"
      role="img"
      aria-label={`${title}. ${summary}`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
    >
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = 4 + i * rowHeight;
        const w = b.max > 0 ? Math.max(0, Math.min(1, b.value / b.max)) * barWidth : 0;
        return (
          <g key={`${b.label}-${i}`}>
            <text x={labelWidth - 8} y={y + 16} textAnchor="end">
              {clip(b.label, LABEL_CHARS)}
            </text>
            <rect x={labelWidth} y={y + 3} width={barWidth} height={rowHeight - 8} fill="var(--line)" opacity={0.5} />
            <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 8} fill={color} />
            <text x={labelWidth + barWidth + 6} y={y + 16}>
              {b.valueLabel}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
