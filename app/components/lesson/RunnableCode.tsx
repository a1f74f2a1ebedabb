"use client";
/**
 * A lesson's Python example with a Run button: the code runs in place, in the
 * same browser runner as the exercises (a Pyodide worker; every run starts
 * from the interpreter's boot image, so examples never see each other), and
 * its output and Memory panel appear under it. The tab's runner serves it
 * (shared-runner.ts): the lesson page starts it while the learner reads, and
 * an exercise opened from here by a link takes it over loaded.
 */
import { useState, type ReactNode } from "react";
import type { RunResult } from "@/lib/grading/result";
import { sharedRunner } from "@/lib/runner/shared-runner";
import { RunResultView } from "../learner/ResultViews";
import { MemoryPanel } from "../memory/MemoryPanel";

const TIME_LIMIT_MS = 5_000;
export function RunnableCode({ code, children }: { code: string; children: ReactNode }) {
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "running" } | { kind: "done"; result: RunResult } | { kind: "failed"; message: string }
  >({ kind: "idle" });

  async function run() {
    setState({ kind: "running" });
    try {
      const runner = sharedRunner();
      await runner.ready;
      setState({ kind: "done", result: await runner.run(code, { timeLimitMs: TIME_LIMIT_MS, memoryReport: true }) });
    } catch (e) {
      setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div className="runnable-code" data-testid="runnable-code">
      {children}
      <div className="runnable-toolbar">
        <button type="button" className="secondary" onClick={() => void run()} aria-disabled={state.kind === "running"}>
          {state.kind === "running" ? "Running…" : "Run this example"}
        </button>
        {state.kind === "running" && (
          <button type="button" className="danger" onClick={() => sharedRunner().stop()}>
            Stop
          </button>
        )}
      </div>
      <div aria-live="polite">
        {state.kind === "running" && <p className="muted small">Starting Python and running the example…</p>}
        {state.kind === "failed" && (
          <p className="error" role="alert">
            Python could not run here: {state.message}
          </p>
        )}
        {state.kind === "done" && (
          <>
            <RunResultView result={state.result} />
            <MemoryPanel report={state.result.memory} />
          </>
        )}
      </div>
    </div>
  );
}
