"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { ActionStatus } from "@/app/components/ActionStatus";
import { COMMENT_LINE_EVENT } from "./LineCommentButton";
import type { ActionState } from "@/lib/http/action-result";
import { SnippetPicker, type SnippetOption } from "./SnippetPicker";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

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
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  /** One entry per line-comment row: the line it starts with ("" for a row typed by hand). */
  const [rows, setRows] = useState<string[]>([""]);
  const comment = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const focusRow = useRef<number | null>(null);

  // A click on a line number of the code: a row for that line, its comment field focused.
  useEffect(() => {
    const onLine = (event: Event) => {
      const line = String((event as CustomEvent<number>).detail);
      const inputs = Array.from(form.current?.querySelectorAll<HTMLInputElement>('input[name="commentLine"]') ?? []);
      const free = inputs.findIndex((input) => !input.value);
      if (free === -1) {
        focusRow.current = inputs.length;
        setRows((current) => [...current, line]);
      } else {
        inputs[free].value = line;
        focusRow.current = free;
        setRows((current) => [...current]); // re-render, so the effect below focuses the row
      }
    };
    window.addEventListener(COMMENT_LINE_EVENT, onLine);
    return () => window.removeEventListener(COMMENT_LINE_EVENT, onLine);
  }, []);
  useEffect(() => {
    if (focusRow.current === null) return;
    const body = form.current?.querySelectorAll<HTMLInputElement>('input[name="commentBody"]')[focusRow.current];
    focusRow.current = null;
    body?.scrollIntoView({ block: "center" });
    body?.focus();
  }, [rows]);
  return (
    <form ref={form} action={formAction} className="stack" aria-labelledby="feedback-form-title">
      <h3 id="feedback-form-title">Give feedback</h3>
      <input type="hidden" name="submissionId" value={submissionId} />
      <label>
        Comment (Markdown)
        <textarea ref={comment} name="body" rows={5} maxLength={10_000} />
      </label>
      <SnippetPicker snippets={snippets} target={comment} />
      <fieldset>
        <legend>Comments on lines</legend>
        <p className="muted small">Click a line number in the code to comment on that line.</p>
        {rows.map((line, i) => (
          <div key={i} className="line-comment-row">
            <label>
              Line
              <input name="commentLine" type="number" min={1} max={lineCount} inputMode="numeric" defaultValue={line} />
            </label>
            <label>
              Comment on that line
              <input name="commentBody" maxLength={2_000} />
            </label>
          </div>
        ))}
        <button type="button" onClick={() => setRows((current) => [...current, ""])}>
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
      <ActionStatus state={state} />
      <button type="submit" disabled={pending}>
        Send feedback
      </button>
    </form>
  );
}
