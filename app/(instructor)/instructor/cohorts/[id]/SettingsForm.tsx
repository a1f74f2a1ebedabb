"use client";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/app/components/ActionStatus";
import { updateCohortSettingsAction } from "../actions";
import type { ActionState } from "@/lib/http/action-result";

type Props = {
  cohortId: string;
  sections: { id: string; title: string }[];
  openSections: string[] | null;
  showSolutionAfterPass: boolean;
};

export function SettingsForm({ cohortId, sections, openSections, showSolutionAfterPass }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateCohortSettingsAction, null);
  const [restrict, setRestrict] = useState(openSections !== null);
  const open = new Set(openSections ?? sections.map((s) => s.id));
  return (
    <form action={action} className="stack">
      <input type="hidden" name="cohortId" value={cohortId} />
      <label className="check">
        <input
          type="checkbox"
          name="restrictSections"
          checked={restrict}
          onChange={(e) => setRestrict(e.currentTarget.checked)}
        />{" "}
        Open only the sections checked below
      </label>
      <fieldset disabled={!restrict} aria-describedby="open-sections-help">
        <legend>Open sections</legend>
        <p id="open-sections-help">
          {restrict
            ? "Learners in this cohort see the other sections as closed by you."
            : "Every section is open. Tick the box above to choose."}
        </p>
        {sections.map((s) => (
          <label key={s.id} className="check">
            <input type="checkbox" name="openSections" value={s.id} defaultChecked={open.has(s.id)} /> {s.title}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" name="showSolutionAfterPass" defaultChecked={showSolutionAfterPass} /> Show the model
        solution to a learner after they pass
      </label>
      <ActionStatus state={state} />
      <button type="submit" disabled={pending}>
        Save settings
      </button>
    </form>
  );
}
