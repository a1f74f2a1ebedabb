"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-result";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Option = { id: string; label: string };

/**
 * Either a fixed exercise (the exercise's regrade page) or a choice of one;
 * the cohort is optional for an exercise ("all my learners") and required
 * without one ("every exercise of this cohort"), which the server checks.
 */
export function StartRegradeForm({
  action,
  exercise,
  exercises,
  cohorts,
  submitLabel = "Start the regrade",
}: {
  action: Action;
  exercise?: Option;
  exercises?: Option[];
  cohorts: Option[];
  submitLabel?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="stack" aria-label="Start a regrade">
      {exercise ? (
        <input type="hidden" name="exerciseId" value={exercise.id} />
      ) : (
        <label>
          Exercise
          <select name="exerciseId" defaultValue="">
            <option value="">All exercises of the cohort below</option>
            {exercises?.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Cohort
        <select name="cohortId" defaultValue="">
          <option value="">{exercise ? "All my cohorts' learners" : "All my cohorts (choose an exercise)"}</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {state && !state.ok && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Starting…" : submitLabel}
      </button>
    </form>
  );
}
