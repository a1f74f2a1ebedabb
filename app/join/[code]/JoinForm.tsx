"use client";
import { useActionState } from "react";
import { joinCohortAction } from "./actions";
import type { ActionState } from "@/lib/http/action-result";

export function JoinForm({ code, cohortName }: { code: string; cohortName: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(joinCohortAction, null);
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
