import type { ReactNode } from "react";

/** One column of a FigureTable: its header, and how to render a row's cell. */
export type FigureColumn<Row> = {
  /** React key of the column; defaults to its position (give one when columns are generated, e.g. per exercise). */
  key?: string;
  header: ReactNode;
  /** Tooltip of the header cell, e.g. the full title behind a short number. */
  headerTitle?: string;
  /** A count or a measure: right-aligned (className "num") in the header and in every cell. */
  numeric?: boolean;
  /** This column names the row: its cells are `<th scope="row">`, so a screen reader announces them with each value. */
  rowHeader?: boolean;
  cell: (row: Row) => ReactNode;
};

/**
 * Exactly one of `labelledBy` (the id of the heading the table belongs to) or
 * `label` (an accessible name of its own, for a table with no heading of its
 * own, e.g. inside a <details>).
 */
type Labelling = { labelledBy: string; label?: never } | { label: string; labelledBy?: never };

export type FigureTableProps<Row> = Labelling & {
  columns: FigureColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  testId?: string;
};

/**
 * The figures behind a chart, or a list of numbers in their own right, as a
 * real table: column headers with scope="col", the naming cell of each row
 * with scope="row", numbers right-aligned. Every dashboard table is one of
 * these, so they all read the same to a screen reader and look the same.
 */
export function FigureTable<Row>({ columns, rows, rowKey, testId, labelledBy, label }: FigureTableProps<Row>) {
  const keyOf = (c: FigureColumn<Row>, i: number) => c.key ?? String(i);
  const num = (c: FigureColumn<Row>) => (c.numeric ? "num" : undefined);
  return (
    <table aria-labelledby={labelledBy} aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={keyOf(c, i)} scope="col" className={num(c)} title={c.headerTitle}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c, i) =>
              c.rowHeader ? (
                <th key={keyOf(c, i)} scope="row" className={num(c)}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={keyOf(c, i)} className={num(c)}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
