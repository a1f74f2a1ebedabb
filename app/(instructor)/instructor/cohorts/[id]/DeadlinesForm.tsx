"use client";
import { useActionState } from "react";
import { ActionStatus } from "@/app/components/ActionStatus";
import { setDeadlinesAction } from "../actions";
import type { ActionState } from "@/lib/http/action-result";

type Props = { cohortId: string; sections: { id: string; title: string; dueAt: string | null }[] };

/** One due date per section, in UTC (what the dashboard and the export compare against). */
export function DeadlinesForm({ cohortId, sections }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setDeadlinesAction, null);
  return (
    <form action={action} className="stack" aria-describedby="deadlines-help">
      <input type="hidden" name="cohortId" value={cohortId} />
      <p id="deadlines-help" className="muted small">
        Times are UTC. Leave a section empty for no due date. Learners see the due dates; submissions made later are
        flagged late on the dashboard and in the CSV export.
      </p>
      {sections.map((s) => (
        <label key={s.id}>
          Due date for {s.title} (UTC)
          <input type="datetime-local" name={`due:${s.id}`} defaultValue={s.dueAt ? s.dueAt.slice(0, 16) : ""} />
        </label>
      ))}
      <ActionStatus state={state} />
      <button type="submit" disabled={pending}>
        Save due dates
      </button>
    </form>
  );
}
