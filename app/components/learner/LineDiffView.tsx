import { diffLines, diffStats } from "@/lib/diff/line-diff";

/** A unified line diff as a table: old and new line numbers, a +/− marker in text (not colour alone). */
export function LineDiffView({ before, after, caption }: { before: string; after: string; caption: string }) {
  const diff = diffLines(before, after);
  const { added, removed } = diffStats(diff);
  return (
    // Focusable: on a narrow screen the table scrolls sideways, and the keyboard must reach that too
    // (no aria-label: the caption names it, and may hold a learner's name).
    <div className="diff" data-testid="diff" tabIndex={0}>
      <table>
        <caption>
          {caption}: {added} line{added === 1 ? "" : "s"} added, {removed} removed
        </caption>
        <thead>
          <tr>
            <th scope="col">old</th>
            <th scope="col">new</th>
            <th scope="col">
              <span className="visually-hidden">change</span>
            </th>
            <th scope="col">code</th>
          </tr>
        </thead>
        <tbody>
          {diff.map((line, i) => (
            <tr key={i} className={`diff-${line.kind}`}>
              <td className="ln">{line.kind !== "added" ? line.oldLine : ""}</td>
              <td className="ln">{line.kind !== "removed" ? line.newLine : ""}</td>
              <td className="marker">
                {line.kind === "added" ? (
                  <>
                    +<span className="visually-hidden"> added</span>
                  </>
                ) : line.kind === "removed" ? (
                  <>
                    −<span className="visually-hidden"> removed</span>
                  </>
                ) : (
                  ""
                )}
              </td>
              <td>
                <code>{line.text || " "}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
