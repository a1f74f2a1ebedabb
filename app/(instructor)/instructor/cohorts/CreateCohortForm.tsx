"use client";
import { useActionState } from "react";
import { createCohortAction } from "./actions";
import type { ActionState } from "@/lib/http/action-result";

export function CreateCohortForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createCohortAction, null);
  return (
    <form action={action} className="stack" aria-describedby={state ? "create-cohort-status" : undefined}>
      <label>
        Cohort name
        <input name="name" required maxLength={120} placeholder="e.g. Autumn 2026, Tuesday group" />
      </label>
      {state && (
        <p id="create-cohort-status" role={state.ok ? "status" : "alert"} className={state.ok ? "ok" : "error"}>
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        Create cohort
      </button>
    </form>
  );
}
