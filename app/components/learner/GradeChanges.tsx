import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { listGradeChangesForLearner } from "@/lib/learner/get-feedback-for-learner";
import { VERDICT_LABEL } from "./verdict";
import { ExerciseLink } from "./ExerciseLink";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Grades an instructor changed on the learner's work, with the reason. Rendering it marks them seen. */
export async function GradeChanges({ learner }: { learner: SessionUser }) {
  const changes = await listGradeChangesForLearner(db, learner);
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="grade-changes-title" className="card" data-testid="grade-changes">
      <h2 id="grade-changes-title">Grades changed by your instructor</h2>
      <ul>
        {changes.map((c, i) => (
          <li key={i}>
            {c.isNew && <span className="badge badge-attention">new</span>}{" "}
            <ExerciseLink exerciseId={c.exercise.id}>{c.exercise.title}</ExerciseLink>:{" "}
            <strong>{VERDICT_LABEL[c.verdict].toLowerCase()}</strong>, by {c.actorName} on{" "}
            <time dateTime={c.createdAt.toISOString()}>{dateTime.format(c.createdAt)} UTC</time>. {c.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
