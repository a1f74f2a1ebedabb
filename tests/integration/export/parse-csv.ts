/**
 * A strict RFC 4180 reader for the export tests (and the browser test): it
 * is written independently of lib/export/csv.ts, so a quoting bug there
 * cannot be mirrored here. Throws on a malformed quote.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        if (i < input.length && input[i] !== "," && input[i] !== "\r") throw new Error(`Bad quote at ${i}`);
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field !== "") throw new Error(`Quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (ch === "\r" && input[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (ch === "\n" || ch === "\r") {
      throw new Error(`Bare line break outside quotes at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error("Unterminated quoted field");
  if (field !== "" || record.length > 0) throw new Error("The last record does not end with CRLF");
  return records;
}
