/**
 * How a RunResult or CheckResult reads to a learner: status in words (never
 * colour alone), output, the traceback with the learner's own line numbers,
 * and each check with its teaching message.
 */
import type { CheckResult, RunResult, TestResult } from "@/lib/grading/result";

const RUN_STATUS: Record<RunResult["status"], string> = {
  ok: "Ran to the end",
  error: "Raised an exception",
  timeout: "Stopped",
  crashed: "The Python worker crashed",
};

const CHECK_STATUS: Record<CheckResult["status"], string> = {
  passed: "All checks passed",
  failed: "Some checks did not pass",
  error: "Your code could not be loaded",
  timeout: "Stopped",
  crashed: "The Python interpreter crashed",
};

const TEST_STATUS: Record<TestResult["status"], string> = {
  passed: "passed",
  failed: "failed",
  error: "error",
  timeout: "timed out",
  skipped: "skipped",
};

function Output({ stdout, stderr, truncated }: { stdout: string; stderr: string; truncated: boolean }) {
  return (
    <>
      {stdout && (
        <section aria-label="Output">
          <h4>Output</h4>
          <pre tabIndex={0} className="output" data-testid="stdout">
            {stdout}
          </pre>
        </section>
      )}
      {stderr && (
        <section aria-label="Error output">
          <h4>Error output</h4>
          <pre tabIndex={0} className="output output-err" data-testid="stderr">
            {stderr}
          </pre>
        </section>
      )}
      {truncated && <p className="muted">Output was cut off at the output limit.</p>}
    </>
  );
}

function Traceback({ traceback }: { traceback: RunResult["traceback"] }) {
  if (!traceback) return null;
  return (
    <section aria-label="Traceback">
      <h4>
        {traceback.type}
        {traceback.line != null && <> on line {traceback.line}</>}
      </h4>
      <pre tabIndex={0} className="output output-err" data-testid="traceback">
        {traceback.text}
      </pre>
    </section>
  );
}

export function RunResultView({ result }: { result: RunResult }) {
  return (
    <div className="result" data-testid="run-result" data-status={result.status}>
      <p className={`status status-${result.status === "ok" ? "ok" : "bad"}`}>
        <strong>{RUN_STATUS[result.status]}</strong> <span className="muted">({formatMs(result.duration)})</span>
      </p>
      {result.message && result.status !== "ok" && result.status !== "error" && <p>{result.message}</p>}
      <Output {...result} />
      <Traceback traceback={result.traceback} />
      {!result.stdout && !result.stderr && !result.traceback && result.status === "ok" && (
        <p className="muted">No output.</p>
      )}
    </div>
  );
}

export function CheckList({ tests }: { tests: TestResult[] }) {
  if (tests.length === 0) return null;
  return (
    <ul className="checks" aria-label="Checks">
      {tests.map((test, i) => (
        <li key={`${test.name}-${i}`} className={`check check-${test.status}`} data-status={test.status}>
          <span className="check-mark" aria-hidden="true">
            {test.status === "passed" ? "✓" : test.status === "skipped" ? "–" : "✗"}
          </span>{" "}
          <span className="check-name">{readableName(test.name)}</span>{" "}
          <span className="check-status">— {TEST_STATUS[test.status]}</span>
          {test.visibility === "hidden" && <span className="tag">hidden</span>}
          {test.message && <pre className="check-message">{test.message}</pre>}
        </li>
      ))}
    </ul>
  );
}

export function CheckResultView({ result, heading }: { result: CheckResult; heading?: string }) {
  const passed = result.tests.filter((t) => t.status === "passed").length;
  return (
    <div className="result" data-testid="check-result" data-status={result.status}>
      <p className={`status status-${result.status === "passed" ? "ok" : "bad"}`}>
        {heading && <>{heading}: </>}
        <strong>{CHECK_STATUS[result.status]}</strong>
        {result.tests.length > 0 && (
          <>
            {" "}
            — {passed} of {result.tests.length} passed
          </>
        )}{" "}
        <span className="muted">({formatMs(result.duration)})</span>
      </p>
      {result.message && result.status !== "passed" && result.status !== "failed" && <p>{result.message}</p>}
      <Traceback traceback={result.traceback} />
      <CheckList tests={result.tests} />
      <Output {...result} />
    </div>
  );
}

/** "test_visible.py::test_tree_is_freed" → "tree is freed". */
export function readableName(name: string): string {
  const last = name.split("::").pop() ?? name;
  return last.replace(/^test_/, "").replace(/_/g, " ");
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
