"use client";
import { useActionState } from "react";
import { joinCohortAction, type JoinState } from "./actions";

export function JoinForm({ code, cohortName }: { code: string; cohortName: string }) {
  const [state, action, pending] = useActionState<JoinState, FormData>(joinCohortAction, null);
  return (
    <form action={action} className="stack">
      <input type="hidden" name="code" value={code} />
      {state && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        Join {cohortName}
      </button>
    </form>
  );
}
