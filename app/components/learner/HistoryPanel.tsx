"use client";
/**
 * The learner's own submissions, newest first: when, the server's verdict,
 * per-check results; open one to read its code and what changed since the
 * submission before it, and restore it into the editor.
 */
import { useState } from "react";
import type { SubmissionDTO } from "@/lib/submissions/submission-dto";
import { CheckList } from "./ResultViews";
import { LineDiffView } from "./LineDiffView";
import { dateTime, submissionStatusText } from "./verdict";

interface HistoryPanelProps {
  submissions: SubmissionDTO[] | null;
  error: string | null;
  onRestore: (code: string) => void;
}

export function HistoryPanel({ submissions, error, onRestore }: HistoryPanelProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!submissions) return <p className="muted">Loading your submissions…</p>;
  if (submissions.length === 0)
    return <p className="muted">No submissions yet. Submit to have the server verify your code.</p>;

  return (
    <ol className="history" aria-label="Your submissions, newest first">
      {submissions.map((s, i) => {
        const previous = submissions[i + 1] ?? null;
        const open = openId === s.id;
        const detailsId = `submission-${s.id}`;
        return (
          <li key={s.id} className="history-item" data-testid="history-item">
            <div className="history-row">
              <time dateTime={s.createdAt}>{dateTime.format(new Date(s.createdAt))}</time>
              <span className={`verdict verdict-${s.verdict ?? s.state}`.toLowerCase()}>{submissionStatusText(s)}</span>
              {s.result && (
                <span className="muted">
                  {s.result.tests.filter((t) => t.status === "passed").length}/{s.result.tests.length} checks
                </span>
              )}
              <button
                type="button"
                className="secondary"
                aria-expanded={open}
                aria-controls={detailsId}
                onClick={() => setOpenId(open ? null : s.id)}
              >
                {open ? "Close" : "Open"}
                <span className="visually-hidden"> submission from {dateTime.format(new Date(s.createdAt))}</span>
              </button>
            </div>
            {open && (
              <div id={detailsId} className="history-details">
                {s.verdictDiffers && s.explanation && <p className="note">{s.explanation}</p>}
                {s.errorMessage && <p className="error">{s.errorMessage}</p>}
                {s.result && <CheckList tests={s.result.tests} />}
                {previous ? (
                  <LineDiffView before={previous.code} after={s.code} caption="Changes since the previous submission" />
                ) : (
                  <>
                    <p className="muted">Your first submission of this exercise:</p>
                    <pre tabIndex={0} className="code-block">
                      {s.code}
                    </pre>
                  </>
                )}
                <button type="button" className="secondary" onClick={() => onRestore(s.code)}>
                  Restore this code into the editor
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
