"use client";
/**
 * "Run in my browser" (client part): runs a learner's submission in a Python
 * worker in the instructor's own browser, against every check (visible and
 * hidden), or as a plain run with the Memory panel, so the reviewer can watch
 * what the code does. Pyodide loads only when asked (a review page is read far
 * more often than it is run).
 *
 * The verdict shown here is informational; the stored server verdict is the
 * one that counts. The worker cannot use the instructor's session (its
 * network globals are removed and its own CSP allows no connection to the app):
 * lib/runner/README.md.
 */
import { useEffect, useRef, useState } from "react";
import type { CheckFile, CheckResult, RunResult } from "@/lib/grading/result";
import { PythonRunner } from "@/lib/runner/browser-client";
import { CheckResultView, RunResultView } from "@/app/components/learner/ResultViews";
import { MemoryPanel } from "@/app/components/memory/MemoryPanel";

type Props = {
  code: string;
  checks: CheckFile[];
  limits: { timeLimitMs: number; memoryLimitMb: number };
  /** The stored server verdict (the one that counts), shown beside the browser's; null until verified. */
  serverVerdict: string | null;
  serverState: string;
};

type PanelState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "running"; what: "check" | "run" }
  | { kind: "failed"; message: string };

type Output = { kind: "check"; result: CheckResult } | { kind: "run"; result: RunResult } | null;

export function RunInBrowserPanel({ code, checks, limits, serverVerdict, serverState }: Props) {
  const runner = useRef<PythonRunner | null>(null);
  const [state, setState] = useState<PanelState>({ kind: "idle" });
  const [output, setOutput] = useState<Output>(null);

  useEffect(() => () => runner.current?.dispose(), []);

  async function start() {
    setState({ kind: "loading" });
    // One worker, no warm spare: a reviewer runs a submission a few times at most.
    const created = new PythonRunner({ memoryLimitBytes: limits.memoryLimitMb * 1024 * 1024, warmSpare: false });
    runner.current = created;
    try {
      await created.ready;
      setState({ kind: "ready" });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function execute(what: "check" | "run") {
    const active = runner.current;
    if (!active) return;
    setState({ kind: "running", what });
    try {
      if (what === "check") {
        setOutput({ kind: "check", result: await active.check(code, checks, { timeLimitMs: limits.timeLimitMs }) });
      } else {
        setOutput({
          kind: "run",
          result: await active.run(code, { timeLimitMs: limits.timeLimitMs, memoryReport: true }),
        });
      }
      setState({ kind: "ready" });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  const busy = state.kind === "loading" || state.kind === "running";
  return (
    <section
      aria-labelledby="run-in-browser-heading"
      className="card"
      data-testid="run-in-browser"
      data-state={state.kind}
    >
      <h2 id="run-in-browser-heading">Run in my browser</h2>
      <p className="small">
        Runs this submission in your browser against every check, hidden ones included (time limit{" "}
        {limits.timeLimitMs / 1000} s). The learner&apos;s code runs without network access and cannot act with your
        session.
      </p>
      <p className="small" data-testid="browser-result-warning">
        <strong>This result is only informational:</strong> it is made on your machine, outside the server&apos;s
        sandbox, and the code under review can be written to manipulate what it shows here. The server verdict is the
        one that counts:{" "}
        <strong data-testid="server-verdict-beside">
          {serverVerdict ? serverVerdict.toLowerCase() : `not verified yet (${serverState.toLowerCase()})`}
        </strong>
        .
      </p>
      {state.kind === "idle" && (
        <button type="button" onClick={() => void start()}>
          Run in my browser
        </button>
      )}
      {state.kind === "loading" && <p role="status">Loading Python…</p>}
      {state.kind === "failed" && (
        <p className="error" role="alert">
          Python could not run here: {state.message}
        </p>
      )}
      {(state.kind === "ready" || state.kind === "running") && (
        <div className="actions">
          <button type="button" onClick={() => void execute("check")} disabled={busy}>
            Check (all checks)
          </button>{" "}
          <button type="button" onClick={() => void execute("run")} disabled={busy}>
            Run with Memory panel
          </button>{" "}
          <button type="button" onClick={() => runner.current?.stop()} disabled={!busy}>
            Stop
          </button>
          {state.kind === "running" && <span role="status"> {state.what === "check" ? "Checking…" : "Running…"}</span>}
        </div>
      )}
      <div aria-live="polite" aria-label="Browser run result" role="region">
        {output?.kind === "check" && (
          <>
            <CheckResultView result={output.result} heading="In your browser (informational)" />
            <p className="small" data-testid="server-verdict-after-run">
              Server verdict, the one that counts:{" "}
              <strong>
                {serverVerdict ? serverVerdict.toLowerCase() : `not verified yet (${serverState.toLowerCase()})`}
              </strong>
            </p>
          </>
        )}
        {output?.kind === "run" && (
          <>
            <RunResultView result={output.result} />
            {output.result.memory !== undefined && <MemoryPanel report={output.result.memory} />}
          </>
        )}
      </div>
    </section>
  );
}
