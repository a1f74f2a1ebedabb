import type { CheckResult } from "@/lib/grading/result";

/** Every check of a server result, hidden ones included and marked as such: reviewer audience only. */
export function CheckResultsTable({ result }: { result: CheckResult }) {
  return (
    <>
      <p>
        Run status: <strong>{result.status}</strong>
        {result.message && <> — {result.message}</>} ({Math.round(result.duration)} ms)
      </p>
      {result.tests.length > 0 && (
        <table data-testid="review-checks">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Visibility</th>
              <th scope="col">Status</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {result.tests.map((t) => (
              <tr key={t.name}>
                <td>
                  <code>{t.name}</code>
                </td>
                <td>{t.visibility}</td>
                <td>{t.status}</td>
                <td>
                  <pre className="check-message">{t.message}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.traceback && (
        <details>
          <summary>Traceback</summary>
          <pre tabIndex={0}>{result.traceback.text}</pre>
        </details>
      )}
      {(result.stdout || result.stderr) && (
        <details>
          <summary>Output{result.truncated ? " (truncated)" : ""}</summary>
          {result.stdout && (
            <pre tabIndex={0} aria-label="standard output">
              {result.stdout}
            </pre>
          )}
          {result.stderr && (
            <pre tabIndex={0} aria-label="standard error">
              {result.stderr}
            </pre>
          )}
        </details>
      )}
    </>
  );
}
