"use client";
import { useActionState, useRef, useState } from "react";
import type { ReviewActionState } from "./action-state";
import { SnippetPicker, type SnippetOption } from "./SnippetPicker";

type Action = (prev: ReviewActionState, form: FormData) => Promise<ReviewActionState>;

/**
 * General comment (Markdown), comments on code lines, and a status. Line
 * comment rows are added on demand; the line number is bounded by the code's
 * length here for convenience, and checked again on the server.
 */
export function FeedbackForm({
  action,
  submissionId,
  lineCount,
  snippets = [],
}: {
  action: Action;
  submissionId: string;
  lineCount: number;
  snippets?: SnippetOption[];
}) {
  const [state, formAction, pending] = useActionState<ReviewActionState, FormData>(action, null);
  const [rows, setRows] = useState(1);
  const comment = useRef<HTMLTextAreaElement>(null);
  return (
    <form action={formAction} className="stack" aria-labelledby="feedback-form-title">
      <h3 id="feedback-form-title">Give feedback</h3>
      <input type="hidden" name="submissionId" value={submissionId} />
      <label>
        Comment (Markdown)
        <textarea ref={comment} name="body" rows={5} maxLength={10_000} />
      </label>
      <SnippetPicker snippets={snippets} target={comment} />
      <fieldset>
        <legend>Comments on lines</legend>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="line-comment-row">
            <label>
              Line
              <input name="commentLine" type="number" min={1} max={lineCount} inputMode="numeric" />
            </label>
            <label>
              Comment on that line
              <input name="commentBody" maxLength={2_000} />
            </label>
          </div>
        ))}
        <button type="button" onClick={() => setRows((n) => n + 1)}>
          Add a line comment
        </button>
      </fieldset>
      <fieldset>
        <legend>Status</legend>
        <label className="check">
          <input type="radio" name="status" value="" defaultChecked /> No status (comment only)
        </label>
        <label className="check">
          <input type="radio" name="status" value="NEEDS_REVISION" /> Needs revision
        </label>
        <label className="check">
          <input type="radio" name="status" value="APPROVED" /> Approved (marks the exercise reviewed)
        </label>
      </fieldset>
      {state && (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "ok" : "error"}>
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        Send feedback
      </button>
    </form>
  );
}
