import { ExerciseLink } from "./ExerciseLink";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { getFeedbackForLearner } from "@/lib/learner/get-feedback-for-learner";
import { Markdown } from "@/lib/markdown/render";
import { NumberedCode } from "@/app/components/review/NumberedCode";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const STATUS_LABEL = { APPROVED: "Approved", NEEDS_REVISION: "Needs revision" } as const;

/**
 * Instructor feedback on the learner's own submissions (one exercise, or all
 * with `showExercise`). A server component: rendering it is viewing it, so it
 * marks the feedback read, which clears the unread badge from the next page on.
 */
export async function FeedbackList({
  learner,
  exerciseId,
  showExercise = false,
}: {
  learner: SessionUser;
  exerciseId?: string;
  showExercise?: boolean;
}) {
  const items = await getFeedbackForLearner(db, learner, { exerciseId });
  if (items.length === 0 && exerciseId) return null;
  return (
    <section aria-labelledby="feedback-title" className="feedback-list" data-testid="feedback-list">
      <h2 id="feedback-title">Feedback from your instructor</h2>
      {items.length === 0 ? (
        <p className="muted">No feedback yet.</p>
      ) : (
        <ol>
          {items.map((f) => (
            <li key={f.id} className="card" data-testid="feedback-item">
              <p className="small">
                {f.isNew && <span className="badge badge-attention">new</span>}{" "}
                {f.status && (
                  <span className={`badge ${f.status === "APPROVED" ? "state-passed" : "badge-attention"}`}>
                    {STATUS_LABEL[f.status]}
                  </span>
                )}{" "}
                {f.authorName}, <time dateTime={f.createdAt.toISOString()}>{dateTime.format(f.createdAt)} UTC</time>
                {showExercise && (
                  <>
                    {" "}
                    on <ExerciseLink exerciseId={f.exercise.id}>{f.exercise.title}</ExerciseLink>
                  </>
                )}
              </p>
              {f.body && <Markdown headingOffset={2}>{f.body}</Markdown>}
              {f.lineComments.length > 0 && (
                <NumberedCode
                  code={f.submission.code}
                  caption="Your submitted code, with the comments on its lines"
                  comments={f.lineComments.map((c) => ({ ...c, author: f.authorName }))}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
