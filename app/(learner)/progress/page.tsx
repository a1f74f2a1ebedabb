import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getProgressForLearner } from "@/lib/learner/get-progress-for-learner";
import { ProgressBar } from "@/app/components/learner/ProgressBar";
import { FeedbackList } from "@/app/components/learner/FeedbackList";
import { GradeChanges } from "@/app/components/learner/GradeChanges";

export const metadata: Metadata = { title: "Your progress" };
export const dynamic = "force-dynamic";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ProgressPage() {
  const user = await requirePageUser("/progress", "exercise:solve");
  const progress = await getProgressForLearner(user);
  const { overall } = progress;
  return (
    <>
      <h1>Your progress</h1>
      <dl className="stats">
        <div>
          <dt>Passed</dt>
          <dd data-testid="overall-passed">
            {overall.passed} of {overall.total} exercises
          </dd>
        </div>
        <div>
          <dt>In progress</dt>
          <dd>{overall.attempted}</dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd data-testid="streak">
            {progress.streakDays} day{progress.streakDays === 1 ? "" : "s"}
          </dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>
            {progress.lastActivityAt ? (
              <time dateTime={progress.lastActivityAt}>{dateTime.format(new Date(progress.lastActivityAt))} UTC</time>
            ) : (
              "none yet"
            )}
          </dd>
        </div>
        <div>
          <dt>Feedback</dt>
          <dd>
            <span
              className={progress.unreadFeedback > 0 ? "badge badge-attention" : "badge"}
              data-testid="unread-feedback"
            >
              {progress.unreadFeedback} unread
            </span>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="overall-title" className="card">
        <h2 id="overall-title">Whole course</h2>
        <ProgressBar label="Progress in the whole course" value={overall.passed} max={overall.total} />
      </section>

      <GradeChanges learner={user} />

      <FeedbackList learner={user} showExercise />

      <section aria-labelledby="sections-title">
        <h2 id="sections-title">By section</h2>
        <ul className="section-progress">
          {progress.sections.map((section) => (
            <li key={section.id} className="card">
              <h3>
                <Link href={`/learn/${encodeURIComponent(section.id)}`}>{section.title}</Link>
              </h3>
              <ProgressBar label={`Progress in ${section.title}`} value={section.passed} max={section.total} />
              {section.attempted > 0 && <p className="muted small">{section.attempted} attempted, not passed yet</p>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
