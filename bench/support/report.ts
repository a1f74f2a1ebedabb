/**
 * What every measurement module returns: rows for the printed table (each
 * figure beside what it is compared with in the same run, and its target) and
 * raw data for the JSON copy.
 */
export interface ResultRow {
  /** The measurement, e.g. "Time to first feedback". */
  section: string;
  /** What was measured, e.g. "cold, median". */
  metric: string;
  value: string;
  /** The figure it stands beside (same run), or "". */
  comparison: string;
  /** The target from issue #8, or "". */
  target: string;
  /** true/false when there is a target; null when there is none or it was not measured. */
  met: boolean | null;
}

export interface MeasurementResult {
  rows: ResultRow[];
  raw: unknown;
}

export function printTable(rows: ResultRow[]): string {
  const header: string[] = ["measurement", "metric", "value", "compared with (same run)", "target", "met"];
  const cells = rows.map((r) => [
    r.section,
    r.metric,
    r.value,
    r.comparison,
    r.target,
    r.met === null ? "" : r.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}

/** The same table as Markdown, for docs/performance.md. */
export function markdownTable(rows: ResultRow[]): string {
  const esc = (v: string) => v.replaceAll("|", "\\|");
  return [
    "| measurement | metric | value | compared with (same run) | target | met |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${esc(r.section)} | ${esc(r.metric)} | ${esc(r.value)} | ${esc(r.comparison)} | ${esc(r.target)} | ${r.met === null ? "" : r.met ? "yes" : "**no**"} |`,
    ),
  ].join("\n");
}
