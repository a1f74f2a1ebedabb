"use client";
/**
 * The exercise page's interactive part: editor, Run / Check / Stop / Submit,
 * results, hints, draft autosave, reset, history and the reference solution.
 *
 * What runs where: Run and Check execute in this browser (PythonRunner, a
 * Pyodide worker) for instant feedback; Submit sends the code to the server,
 * which re-runs it with the hidden checks in a sandbox — only that verdict
 * counts. The browser's check result travels along as `clientVerdict` (only if
 * it was for exactly the submitted code) so the page can explain a
 * disagreement.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { CheckFile, CheckResult, RunResult } from "@/lib/grading/result";
import { CodeEditor, type CodeEditorHandle } from "./CodeEditor";
import { ConfirmDialog } from "./ConfirmDialog";
import { HintsPanel } from "./HintsPanel";
import { HistoryPanel } from "./HistoryPanel";
import { LineDiffView } from "./LineDiffView";
import { CheckResultView, RunResultView } from "./ResultViews";
import { MemoryPanel } from "../memory/MemoryPanel";
import { RunnerStatusView } from "./RunnerStatusView";
import { usePythonRunner } from "./use-python-runner";
import { useDraftAutosave } from "./use-draft-autosave";
import { clearGuestDraft, readGuestDraft, useLocalDraft } from "./use-local-draft";
import { withReturnPath } from "@/lib/auth/return-path";
import {
  savePreferences,
  createSubmission,
  listSubmissions,
  waitForVerdict,
  type ClientVerdict,
  type SubmissionDTO,
} from "./learner-api";
import { VERDICT_LABEL, dateTime, submissionStatusText } from "./verdict";
import { EDITOR_FONT_SIZES } from "@/lib/users/preferences";
import { ExerciseLink } from "./ExerciseLink";

/** The learner DTO (lib/learner getExerciseForLearner) minus the prompt, which the page renders on the server. */
export interface ExerciseWorkspaceProps {
  id: string;
  starter: string;
  visibleChecks: CheckFile[];
  hintCount: number;
  revealedHints: string[];
  limits: { timeLimitMs: number; memoryLimitMb: number };
  draft: { code: string; updatedAt: string } | null;
  /** Present only after the learner passed (the server decides). */
  solution: string | null;
  /** Where to go after a pass (lib/learner nextExerciseFor). */
  next: { id: string; title: string } | null;
  /** The task (rendered on the server), in the column beside the editor. */
  task: ReactNode;
  /** The learner's editor font size in px (lib/users/preferences.ts). */
  editorFontSize: number;
  /** Not signed in: runs and checks in the browser, the draft in localStorage, Submit asks for an account. */
  guest?: boolean;
}

type Output =
  | { kind: "run"; result: RunResult }
  | { kind: "check"; result: CheckResult; code: string }
  | { kind: "error"; message: string };

/**
 * Scrolls `element` so its top is in view when it is not (a result that
 * appears below the fold looks like nothing happened). Focus stays put.
 */
function reveal(element: HTMLElement | null): void {
  if (!element) return;
  const top = element.getBoundingClientRect().top;
  if (top >= 0 && top <= window.innerHeight - 96) return;
  const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
}

const CHECK_TO_VERDICT: Record<CheckResult["status"], ClientVerdict> = {
  passed: "PASSED",
  failed: "FAILED",
  error: "ERROR",
  timeout: "TIMEOUT",
  crashed: "CRASHED",
};

export function ExerciseWorkspace(props: ExerciseWorkspaceProps) {
  const { id: exerciseId, starter, visibleChecks, limits } = props;
  const router = useRouter();
  const editor = useRef<CodeEditorHandle>(null);
  const guest = props.guest === true;
  // The server's draft wins over the starter: a reload continues where the learner was
  // (a guest's draft lives in this browser).
  const [initialCode] = useState(() => (guest ? readGuestDraft(exerciseId) : null) ?? props.draft?.code ?? starter);
  const code = useRef(initialCode);

  const { runner, status: runnerStatus, retry } = usePythonRunner(limits.memoryLimitMb);
  const serverDraft = useDraftAutosave(exerciseId, initialCode);
  const localDraft = useLocalDraft(exerciseId);
  const draft = guest ? localDraft : serverDraft;
  const [guestSubmit, setGuestSubmit] = useState(false);
  const [draftMoved, setDraftMoved] = useState(false);

  const [busy, setBusy] = useState<"run" | "check" | null>(null);
  const [output, setOutput] = useState<Output | null>(null);
  const lastCheck = useRef<{ code: string; result: CheckResult } | null>(null);

  const [submission, setSubmission] = useState<SubmissionDTO | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const polling = useRef<AbortController | null>(null);

  const [history, setHistory] = useState<SubmissionDTO[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  /** The learner's code as it was when they opened the comparison; null while it is closed. */
  const [comparedCode, setComparedCode] = useState<string | null>(null);
  /** The code changed since the result on screen (browser) or the submission (server) was made. */
  const [outputStale, setOutputStale] = useState(false);
  const [submissionStale, setSubmissionStale] = useState(false);
  const resultsRef = useRef<HTMLElement>(null);
  const [fontSize, setFontSize] = useState(props.editorFontSize);
  const [fontSizeError, setFontSizeError] = useState<string | null>(null);
  const editorPaneRef = useRef<HTMLDivElement>(null);

  // A new result, a run starting or a verdict arriving: make sure the learner sees it.
  useEffect(() => {
    if (busy || output || submission || submitError) reveal(resultsRef.current);
  }, [busy, output, submission?.state, submitError]); // eslint-disable-line react-hooks/exhaustive-deps

  const refreshHistory = useCallback(async () => {
    try {
      setHistory((await listSubmissions(exerciseId)).submissions);
      setHistoryError(null);
    } catch (e) {
      setHistoryError(messageOf(e));
    }
  }, [exerciseId]);

  useEffect(() => {
    if (guest) return;
    let live = true;
    listSubmissions(exerciseId).then(
      ({ submissions }) => live && setHistory(submissions),
      (e: unknown) => live && setHistoryError(messageOf(e)),
    );
    return () => {
      live = false;
      polling.current?.abort();
    };
  }, [exerciseId, guest]);

  const onChange = useCallback(
    (next: string) => {
      code.current = next;
      draft.changed(next);
      setOutputStale(true);
      setSubmissionStale(true);
    },
    [draft],
  );

  const replaceCode = useCallback((next: string) => {
    // Goes through the editor so it is one undoable change; onChange then saves the draft.
    editor.current?.setCode(next);
    editor.current?.focus();
    // Restoring from the history far below: bring the editor (where the change is) into view.
    reveal(editorPaneRef.current);
  }, []);

  // Signed in now, with code from before (as a guest, in this browser): it moves into the account's draft.
  useEffect(() => {
    if (guest) return;
    const fromGuest = readGuestDraft(exerciseId);
    if (fromGuest === null) return;
    clearGuestDraft(exerciseId);
    if (fromGuest === code.current) return;
    editor.current?.setCode(fromGuest); // onChange saves it as the account's draft
    setDraftMoved(true);
  }, [exerciseId, guest]);

  const runnerUsable = runnerStatus.kind === "ready" || runnerStatus.kind === "restarting";

  async function run() {
    if (busy || !runner.current) return;
    setBusy("run");
    setOutput(null);
    setOutputStale(false);
    try {
      // The memory report is computed after the learner's code finished and
      // only for Run (never for Check), so it cannot change what checks see.
      const result = await runner.current.run(code.current, { timeLimitMs: limits.timeLimitMs, memoryReport: true });
      setOutput({ kind: "run", result });
    } catch (e) {
      setOutput({ kind: "error", message: `Python could not run your code: ${messageOf(e)}` });
    } finally {
      setBusy(null);
    }
  }

  async function check() {
    if (busy || !runner.current) return;
    setBusy("check");
    setOutput(null);
    setOutputStale(false);
    const checked = code.current;
    try {
      const result = await runner.current.check(checked, visibleChecks, { timeLimitMs: limits.timeLimitMs });
      lastCheck.current = { code: checked, result };
      setOutput({ kind: "check", result, code: checked });
    } catch (e) {
      setOutput({ kind: "error", message: `Python could not check your code: ${messageOf(e)}` });
    } finally {
      setBusy(null);
    }
  }

  async function submit() {
    if (guest) {
      // Submitting needs an account: keep the code here, and say how (it comes along after signing in).
      await draft.flush();
      setGuestSubmit(true);
      return;
    }
    if (submitting) return;
    const submitted = code.current;
    const clientVerdict =
      lastCheck.current?.code === submitted ? CHECK_TO_VERDICT[lastCheck.current.result.status] : undefined;
    setSubmitting(true);
    setSubmitError(null);
    setSubmission(null);
    setSubmissionStale(false);
    polling.current?.abort();
    const controller = new AbortController();
    polling.current = controller;
    try {
      await draft.flush();
      const created = (await createSubmission(exerciseId, submitted, clientVerdict)).submission;
      setSubmission(created);
      void refreshHistory();
      const settled = await waitForVerdict(created, controller.signal);
      setSubmission(settled);
      void refreshHistory();
      // The verdict changes what the server part of the page shows (progress badge; after a pass, the
      // reference solution): re-render it. Client state (editor, results) survives a refresh.
      router.refresh();
    } catch (e) {
      if (!controller.signal.aborted) setSubmitError(messageOf(e));
    } finally {
      if (polling.current === controller) setSubmitting(false);
    }
  }

  /** A step of the editor's text size, kept on the learner's account (any browser gets it). */
  function changeFontSize(step: number) {
    const next = Math.min(EDITOR_FONT_SIZES.max, Math.max(EDITOR_FONT_SIZES.min, fontSize + step));
    if (next === fontSize) return;
    setFontSize(next);
    savePreferences({ editorFontSize: next }).then(
      () => setFontSizeError(null),
      (e: unknown) => setFontSizeError(`Your text size was not saved: ${messageOf(e)}`),
    );
  }

  function reset() {
    setConfirmReset(false);
    replaceCode(starter);
    lastCheck.current = null;
    setOutput(null);
  }

  return (
    <>
      {/* Task and editor side by side; the task stays in view (sticky) only within this row. */}
      <div className="exercise-layout">
        {props.task}
        <div className="workspace">
          <RunnerStatusView status={runnerStatus} onRetry={retry} />

          <div className="editor-pane" ref={editorPaneRef}>
            <h2 id="editor-label" className="pane-title">
              Your code <span className="muted">(submission.py)</span>
            </h2>
            <div className="font-size" role="group" aria-label="Code text size">
              <button
                type="button"
                className="secondary"
                onClick={() => changeFontSize(-1)}
                disabled={fontSize <= EDITOR_FONT_SIZES.min}
              >
                A−<span className="visually-hidden"> smaller code text</span>
              </button>
              <span data-testid="editor-font-size">{fontSize} px</span>
              <button
                type="button"
                className="secondary"
                onClick={() => changeFontSize(1)}
                disabled={fontSize >= EDITOR_FONT_SIZES.max}
              >
                A+<span className="visually-hidden"> larger code text</span>
              </button>
              {fontSizeError && (
                <span role="alert" className="error small">
                  {fontSizeError}
                </span>
              )}
            </div>
            <p id="editor-help" className="muted small">
              Tab indents. To leave the editor with the keyboard, press Escape, then Tab. Ctrl+Enter (⌘+Enter) runs.
            </p>
            <div style={{ fontSize: `${fontSize}px` }}>
              <CodeEditor
                ref={editor}
                initialCode={initialCode}
                onChange={onChange}
                onRun={() => void run()}
                labelledBy="editor-label"
                describedBy="editor-help"
                richEditor={(runnerStatus.kind !== "loading" || runnerStatus.slow) && busy === null}
              />
            </div>
            <p className="draft-status muted small" role="status" data-testid="draft-status">
              {draft.statusText}
            </p>
            {draftMoved && (
              <p className="note small" data-testid="draft-moved">
                The code you wrote before signing in is here, and saved as your draft.
              </p>
            )}

            {/* Busy buttons are aria-disabled, not disabled: a disabled button drops keyboard focus
            to <body> mid-run, and the handlers ignore clicks while busy anyway. */}
            <div className="toolbar" role="group" aria-label="Code actions">
              <button type="button" onClick={() => void run()} disabled={!runnerUsable} aria-disabled={busy !== null}>
                {busy === "run" ? "Running…" : "Run"}
              </button>
              <button type="button" onClick={() => void check()} disabled={!runnerUsable} aria-disabled={busy !== null}>
                {busy === "check" ? "Checking…" : "Check"}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => runner.current?.stop()}
                aria-disabled={busy === null}
              >
                Stop
              </button>
              <button type="button" onClick={() => void submit()} aria-disabled={submitting}>
                {submitting ? "Submitting…" : "Submit"}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmReset(true)}>
                Reset
              </button>
            </div>
            <p className="muted small">
              Run and Check use Python in your browser (time limit {limits.timeLimitMs / 1000} s). Submit asks the
              server to verify your code with all checks, including hidden ones.
            </p>
          </div>

          <section
            ref={resultsRef}
            className="results"
            aria-labelledby="results-title"
            aria-live="polite"
            aria-busy={busy !== null || submitting}
          >
            <h2 id="results-title" className="pane-title">
              Results
            </h2>
            {busy && <p className="muted">{busy === "run" ? "Running your code…" : "Running the checks…"}</p>}
            {output && outputStale && (
              <p className="note small" data-testid="output-stale">
                You have changed your code since: this result is for the earlier version.
              </p>
            )}
            {output?.kind === "run" && (
              <>
                <RunResultView result={output.result} />
                <MemoryPanel report={output.result.memory} />
              </>
            )}
            {output?.kind === "check" && <CheckResultView result={output.result} heading="Checks in your browser" />}
            {output?.kind === "error" && <p className="error">{output.message}</p>}
            {!busy && !output && !submission && !submitError && (
              <p className="muted">Run your code or check it; results appear here.</p>
            )}
            {guestSubmit && (
              <div className="note" role="status" data-testid="guest-submit">
                <p>
                  Submitting needs an account: the server verifies your code with all checks, hidden ones too, and keeps
                  your progress. Your code is kept in this browser and comes with you.
                </p>
                <p>
                  <a
                    className="button"
                    href={withReturnPath("/signup", `/exercises/${encodeURIComponent(exerciseId)}`)}
                  >
                    Create an account
                  </a>{" "}
                  <a href={withReturnPath("/signin", `/exercises/${encodeURIComponent(exerciseId)}`)}>Sign in</a>
                </p>
              </div>
            )}
            <SubmissionStatus
              submission={submission}
              error={submitError}
              stale={submissionStale}
              next={props.next}
              olderBrowserResult={output?.kind === "check" && output.code !== submission?.code}
            />
          </section>

          <section className="side-panel" aria-labelledby="hints-title">
            <h2 id="hints-title" className="pane-title">
              Hints
            </h2>
            {guest ? (
              <p className="muted">
                {props.hintCount > 0
                  ? `This exercise has ${props.hintCount} hint${props.hintCount === 1 ? "" : "s"}: sign in to see them (each one you open counts in your progress).`
                  : "This exercise has no hints."}
              </p>
            ) : (
              <HintsPanel exerciseId={exerciseId} hintCount={props.hintCount} initialHints={props.revealedHints} />
            )}
          </section>
        </div>
      </div>

      {/* Full width under the task and the editor: code side by side needs the room. */}
      <div className="workspace-wide">
        {props.solution !== null && (
          <section className="solution" aria-labelledby="solution-title">
            <h2 id="solution-title" className="pane-title">
              Reference solution
            </h2>
            <button
              type="button"
              className="secondary"
              aria-expanded={comparedCode !== null}
              aria-controls="solution-compare"
              onClick={() => setComparedCode((open) => (open === null ? code.current : null))}
            >
              {comparedCode !== null ? "Hide reference solution" : "View reference solution"}
            </button>
            {comparedCode !== null && (
              <div id="solution-compare" className="side-by-side" data-testid="solution-compare">
                <figure>
                  <figcaption>Your code</figcaption>
                  <pre tabIndex={0} className="code-block">
                    {comparedCode}
                  </pre>
                </figure>
                <figure>
                  <figcaption>Reference solution</figcaption>
                  <pre tabIndex={0} className="code-block">
                    {props.solution}
                  </pre>
                </figure>
              </div>
            )}
            {comparedCode !== null && (
              <details className="solution-diff">
                <summary>Line by line: what the reference solution does differently</summary>
                <LineDiffView
                  before={comparedCode}
                  after={props.solution}
                  caption="From your code to the reference solution"
                />
              </details>
            )}
          </section>
        )}

        <section className="history-panel" aria-labelledby="history-title">
          <h2 id="history-title" className="pane-title">
            History
          </h2>
          {guest ? (
            <p className="muted">Sign in to submit: your submissions, with what the server said, are kept here.</p>
          ) : (
            <HistoryPanel submissions={history} error={historyError} onRestore={replaceCode} />
          )}
        </section>
      </div>

      <ConfirmDialog
        open={confirmReset}
        title="Reset to the starter code?"
        confirmLabel="Reset my code"
        onConfirm={reset}
        onCancel={() => setConfirmReset(false)}
      >
        <p>
          Your current code is replaced by the exercise&apos;s starter code. Your submissions stay in the history, and
          Ctrl+Z in the editor undoes the reset.
        </p>
      </ConfirmDialog>
    </>
  );
}

function SubmissionStatus({
  submission,
  error,
  stale,
  next,
  olderBrowserResult,
}: {
  submission: SubmissionDTO | null;
  error: string | null;
  /** The code changed since this submission. */
  stale: boolean;
  next: { id: string; title: string } | null;
  /** The browser's result above is for other code than this submission's. */
  olderBrowserResult: boolean;
}) {
  if (error) {
    return (
      <p role="alert" className="error">
        Submitting failed: {error}
      </p>
    );
  }
  if (!submission) return null;
  if (submission.state === "QUEUED" || submission.state === "RUNNING") {
    return (
      <p className="server-pending" data-testid="server-verdict" data-state={submission.state}>
        Verifying on the server…
      </p>
    );
  }
  return (
    <div
      className="server-verdict"
      data-testid="server-verdict"
      data-state={submission.state}
      data-verdict={submission.verdict ?? ""}
    >
      <h3>
        Server verdict: {submission.verdict ? VERDICT_LABEL[submission.verdict] : submissionStatusText(submission)}
      </h3>
      <p className="muted small" data-testid="server-verdict-code">
        For the code you submitted at {dateTime.format(new Date(submission.createdAt))}
        {stale ? "; you have changed it since" : ""}.
        {olderBrowserResult && " The browser check above was for other code."}
      </p>
      {submission.verdict === "PASSED" && next && (
        <p>
          <ExerciseLink className="button" exerciseId={next.id} data-testid="next-exercise-after-pass">
            Next exercise: {next.title} →
          </ExerciseLink>
        </p>
      )}
      {submission.verdictDiffers && submission.explanation && (
        <p className="note" data-testid="verdict-differs">
          Your browser said {submission.clientVerdict ? VERDICT_LABEL[submission.clientVerdict].toLowerCase() : "—"};
          the server&apos;s verdict is the one that counts. {submission.explanation}
        </p>
      )}
      {submission.errorMessage && <p className="error">{submission.errorMessage}</p>}
      {submission.result && <CheckResultView result={submission.result} heading="Checks on the server" />}
    </div>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
