"use client";
import { useActionState } from "react";
import { ActionStatus } from "@/app/components/ActionStatus";
import type { ActionState } from "@/lib/http/action-result";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

const VERDICTS = ["PASSED", "FAILED", "ERROR", "TIMEOUT", "CRASHED"] as const;

/** Overrides the verdict that counts for this learner's exercise; the reason goes into the audit trail. */
export function OverrideGradeForm({
  action,
  submissionId,
  current,
}: {
  action: Action;
  submissionId: string;
  current: string | null;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="stack" aria-labelledby="override-form-title">
      <h3 id="override-form-title">Override the grade</h3>
      <input type="hidden" name="submissionId" value={submissionId} />
      <label>
        Verdict that counts
        <select name="verdict" defaultValue={current === "PASSED" ? "FAILED" : "PASSED"}>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {v.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason (required, kept in the audit trail)
        <textarea name="reason" rows={3} required minLength={5} maxLength={2_000} />
      </label>
      <ActionStatus state={state} />
      <button type="submit" disabled={pending}>
        Override
      </button>
    </form>
  );
}
