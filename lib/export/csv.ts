/**
 * CSV as RFC 4180 describes it — fields with a comma, a double quote, CR or
 * LF are quoted and inner quotes doubled; records end with CRLF — plus the
 * spreadsheet formula-injection guard (OWASP "CSV injection"): a text cell
 * starting with = + - @ (or tab / CR, which some spreadsheets skip before
 * reading a formula) gets a leading apostrophe, so a learner named
 * "=HYPERLINK(...)" is shown as text, not run. Numbers are written as
 * numbers and never prefixed.
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * Excel opens a UTF-8 CSV as UTF-8 only with a byte-order mark; without it
 * "Zoë" becomes "ZoÃ«". Other readers skip it.
 */
export const UTF8_BOM = "\uFEFF";

/** A web stream of UTF-8 bytes from records produced one page at a time (nothing is held whole). */
export function csvStream(records: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = records[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** A file name safe in a Content-Disposition header: ASCII letters, digits and dashes. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join("-")
    .normalize("NFKD")
    .replace(/[^\w-]+/g, "-")
    .replace(/_/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase()
    .slice(0, 100);
  return `${slug || "export"}.csv`;
}
