"use client";
/**
 * The author's test bench, all in this browser's Python worker (the same
 * runner learners use), and nothing is saved — no draft, no submission:
 * - run the reference solution, or the starter, against ALL checks (hidden
 *   ones too) and see each check's result;
 * - try code as a learner would: Check runs only the visible checks, as the
 *   learner's Check button does.
 */
import { useRef, useState } from "react";
import type { CheckFile, CheckResult } from "@/lib/grading/result";
import { CodeEditor, type CodeEditorHandle } from "@/app/components/learner/CodeEditor";
import { RunnerStatusView } from "@/app/components/learner/RunnerStatusView";
import { CheckResultView } from "@/app/components/learner/ResultViews";
import { usePythonRunner } from "@/app/components/learner/use-python-runner";
import { CheckResultsTable } from "@/app/components/review/CheckResultsTable";

type Props = {
  solution: string;
  starter: string;
  checks: CheckFile[];
  limits: { timeLimitMs: number; memoryLimitMb: number };
};

type Outcome = { label: string; result: CheckResult } | { label: string; error: string };

export function AuthoringRunner({ solution, starter, checks, limits }: Props) {
  const { runner, status, retry } = usePythonRunner(limits.memoryLimitMb);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [tryOutcome, setTryOutcome] = useState<Outcome | null>(null);
  const editor = useRef<CodeEditorHandle>(null);
  const tryCode = useRef(starter);
  const visibleChecks = checks.filter((c) => c.visibility === "visible");
  const ready = status.kind === "ready" && runner.current !== null;

  async function check(label: string, code: string, with_: CheckFile[], set: (o: Outcome) => void) {
    if (!runner.current) return;
    setBusy(label);
    try {
      const result = await runner.current.check(code, with_, { timeLimitMs: limits.timeLimitMs });
      set({ label, result });
    } catch (e) {
      set({ label, error: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <RunnerStatusView status={status} onRetry={retry} />
      <section aria-labelledby="bench-heading">
        <h2 id="bench-heading">Run against all checks</h2>
        <p className="small">In your browser, with the hidden checks included. Nothing is saved.</p>
        <div className="actions">
          <button
            type="button"
            disabled={!ready || busy !== null}
            onClick={() => void check("Reference solution", solution, checks, setOutcome)}
          >
            {busy === "Reference solution" ? "Running…" : "Run solution against all checks"}
          </button>{" "}
          <button
            type="button"
            disabled={!ready || busy !== null}
            onClick={() => void check("Starter code", starter, checks, setOutcome)}
          >
            {busy === "Starter code" ? "Running…" : "Run starter against all checks"}
          </button>
        </div>
        <div aria-live="polite" data-testid="authoring-result">
          {outcome && <h3>{outcome.label}</h3>}
          {outcome && "result" in outcome && <CheckResultsTable result={outcome.result} />}
          {outcome && "error" in outcome && (
            <p role="alert" className="error">
              The runner failed: {outcome.error}
            </p>
          )}
        </div>
      </section>
      <section aria-labelledby="try-heading">
        <h2 id="try-heading">Try it as a learner</h2>
        <p id="try-help" className="small">
          Starts from the starter code. Check runs the visible checks only, like the learner&apos;s Check button.
          Ctrl+Enter checks; Escape then Tab leaves the editor. Nothing is saved.
        </p>
        <p id="try-label">Scratch code</p>
        <CodeEditor
          ref={editor}
          initialCode={starter}
          onChange={(code) => (tryCode.current = code)}
          onRun={() => void check("Your code (visible checks)", tryCode.current, visibleChecks, setTryOutcome)}
          labelledBy="try-label"
          describedBy="try-help"
          richEditor
        />
        <div className="actions">
          <button
            type="button"
            disabled={!ready || busy !== null}
            onClick={() => void check("Your code (visible checks)", tryCode.current, visibleChecks, setTryOutcome)}
          >
            Check
          </button>{" "}
          <button
            type="button"
            onClick={() => {
              editor.current?.setCode(starter);
              tryCode.current = starter;
            }}
          >
            Back to the starter
          </button>
        </div>
        <div aria-live="polite">
          {tryOutcome && "result" in tryOutcome && (
            <CheckResultView result={tryOutcome.result} heading="As the learner sees it" />
          )}
          {tryOutcome && "error" in tryOutcome && (
            <p role="alert" className="error">
              The runner failed: {tryOutcome.error}
            </p>
          )}
        </div>
      </section>
    </>
  );
}
