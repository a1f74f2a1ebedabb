import type { ActionState } from "@/lib/http/action-result";

/** What a form's server action answered: a status when it worked, an alert when it was refused. */
export function ActionStatus({ state }: { state: ActionState }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={state.ok ? "ok" : "error"}>
      {state.message}
    </p>
  );
}
