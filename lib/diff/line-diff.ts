/**
 * A line diff for the submission history ("what changed since my previous
 * submission?"). Longest common subsequence over lines, after trimming the
 * common prefix and suffix — learners usually change a few lines of a short
 * file, so the table that remains is small.
 *
 * The LCS table is O(n·m) in time and memory; past `maxCells` (two pasted
 * 2 000-line files) the middle is reported as one replaced block instead of
 * freezing the tab. Still a correct diff, just not a minimal one.
 */

export type DiffLine =
  | { kind: "same"; text: string; oldLine: number; newLine: number }
  | { kind: "removed"; text: string; oldLine: number }
  | { kind: "added"; text: string; newLine: number };

export interface DiffOptions {
  /** Largest LCS table (rows × columns) computed exactly. Default 4 000 000. */
  maxCells?: number;
}

/** Split text into lines; a trailing newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Lines of `after` compared with `before`, in order; line numbers are 1-based. */
export function diffLines(before: string, after: string, options: DiffOptions = {}): DiffLine[] {
  const maxCells = options.maxCells ?? 4_000_000;
  const a = splitLines(before);
  const b = splitLines(after);

  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }

  const out: DiffLine[] = [];
  for (let i = 0; i < prefix; i++) out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: i + 1 });

  const aMid = a.slice(prefix, a.length - suffix);
  const bMid = b.slice(prefix, b.length - suffix);
  if (aMid.length * bMid.length > maxCells) {
    aMid.forEach((text, i) => out.push({ kind: "removed", text, oldLine: prefix + i + 1 }));
    bMid.forEach((text, j) => out.push({ kind: "added", text, newLine: prefix + j + 1 }));
  } else {
    out.push(...lcsDiff(aMid, bMid, prefix));
  }

  for (let k = 0; k < suffix; k++) {
    const i = a.length - suffix + k;
    const j = b.length - suffix + k;
    out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: j + 1 });
  }
  return out;
}

/** Counts for a summary line ("+3 −1"). */
export function diffStats(diff: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff) {
    if (line.kind === "added") added++;
    else if (line.kind === "removed") removed++;
  }
  return { added, removed };
}

function lcsDiff(a: string[], b: string[], offset: number): DiffLine[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j] = LCS length of a[i:] and b[j:], flattened; Uint32 keeps it compact.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i], oldLine: offset + i + 1, newLine: offset + j + 1 });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
      // Removals before additions, as readers of unified diffs expect.
      out.push({ kind: "removed", text: a[i], oldLine: offset + i + 1 });
      i++;
    } else {
      out.push({ kind: "added", text: b[j], newLine: offset + j + 1 });
      j++;
    }
  }
  for (; i < n; i++) out.push({ kind: "removed", text: a[i], oldLine: offset + i + 1 });
  for (; j < m; j++) out.push({ kind: "added", text: b[j], newLine: offset + j + 1 });
  return out;
}
