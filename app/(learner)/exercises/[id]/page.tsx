import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { optionalPageUser } from "@/lib/auth/page-guard";
import { getExerciseForGuest } from "@/lib/learner/guest-views";
import { AuthError } from "@/lib/auth/errors";
import { SECTION_CLOSED_MESSAGE, SectionClosedError } from "@/lib/cohorts/open-sections";
import type { SessionUser } from "@/lib/auth/session";
import { getCurrentUser } from "@/lib/auth/session";
import { getExerciseForLearner } from "@/lib/learner/get-exercise-for-learner";
import { Markdown } from "@/lib/markdown/render";
import { withoutLeadingHeading } from "@/lib/markdown/leading-heading";
import { ExerciseWorkspace } from "@/app/components/learner/ExerciseWorkspace";
import { earlyRunnerScript } from "@/lib/runner/early-start";
import { PROGRESS_LABEL } from "@/app/components/learner/progress-labels";
import { FeedbackList } from "@/app/components/learner/FeedbackList";
import { VERDICT_LABEL } from "@/app/components/learner/verdict";
import { db } from "@/lib/db/client";
import { getGradeOverrideForLearner } from "@/lib/learner/get-feedback-for-learner";
import { nextExerciseFor } from "@/lib/learner/get-course-map-for-learner";
import { EDITOR_FONT_SIZES, getPreferences } from "@/lib/users/preferences";
import { GuestNotice } from "@/app/components/learner/GuestNotice";
import { learnerDeadlines } from "@/lib/cohorts/deadlines";
import { DueDate } from "@/app/components/learner/DueDate";
import { ExerciseLink } from "@/app/components/learner/ExerciseLink";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** The learner DTO, with the domain's authorization errors turned into Next's 404 / 403 pages. */
async function loadExercise(user: SessionUser | null, id: string) {
  try {
    return user ? await getExerciseForLearner(user, id) : await getExerciseForGuest(id);
  } catch (e) {
    if (e instanceof AuthError && e.status === 404) notFound();
    // A section closed by the learner's instructor says so; other refusals get the 403 page.
    if (e instanceof SectionClosedError) return null;
    if (e instanceof AuthError && e.status === 403) forbidden();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  try {
    const id = (await params).id;
    return { title: (user ? await getExerciseForLearner(user, id) : await getExerciseForGuest(id)).title };
  } catch {
    return { title: "Exercise" };
  }
}

export default async function ExercisePage({ params }: Props) {
  const { id } = await params;
  const user = await optionalPageUser("exercise:solve");
  const exercise = await loadExercise(user, id);
  if (!exercise) {
    return (
      <>
        <h1>Not open yet</h1>
        <p role="status">{SECTION_CLOSED_MESSAGE}</p>
        <p>
          <Link href="/learn">Back to the course</Link>
        </p>
      </>
    );
  }
  const state = exercise.progress?.state ?? "NOT_STARTED";
  const passed = state === "PASSED" || state === "REVIEWED";
  // A guest (not signed in) tries the exercise in the browser only: no grade, deadline or settings of theirs.
  const [override, next, preferences, due] = user
    ? await Promise.all([
        getGradeOverrideForLearner(db, user, exercise.id),
        nextExerciseFor(user, exercise.id),
        getPreferences(db, user),
        learnerDeadlines(db, user.id),
      ])
    : [null, null, { editorFontSize: EDITOR_FONT_SIZES.default }, new Map<string, Date>()];
  const dueAt = due.get(exercise.sectionId);
  return (
    <div className="exercise-page">
      {/* Starts the Python worker while the HTML is parsed, before hydration (lib/runner/early-start.ts). */}
      <script
        dangerouslySetInnerHTML={{
          __html: earlyRunnerScript({ memoryLimitBytes: exercise.limits.memoryLimitMb * 1024 * 1024 }),
        }}
      />
      {/* Not prefetched: rendered per request, and prefetching competed with Python's start (#17). */}
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link prefetch={false} href="/learn">
          Course
        </Link>{" "}
        ›{" "}
        <Link prefetch={false} href={`/learn/${encodeURIComponent(exercise.sectionId)}`}>
          {exercise.sectionTitle}
        </Link>{" "}
        › <span aria-current="page">{exercise.title}</span>
      </nav>
      {!user && <GuestNotice returnTo={`/exercises/${encodeURIComponent(exercise.id)}`} />}
      <header className="exercise-header">
        <h1>{exercise.title}</h1>
        <p className={`badge state-${state.toLowerCase()}`} data-testid="progress-state">
          {PROGRESS_LABEL[state]}
          {exercise.progress && exercise.progress.attempts > 0 && (
            <>
              {" "}
              · {exercise.progress.attempts} submission{exercise.progress.attempts === 1 ? "" : "s"}
            </>
          )}
        </p>
        {dueAt && <DueDate dueAt={dueAt} />}
        {passed && next && (
          <ExerciseLink className="button next-exercise" exerciseId={next.id} data-testid="next-exercise">
            Next: {next.title} →
          </ExerciseLink>
        )}
      </header>
      {override && (
        <p className="note" role="note" data-testid="grade-override">
          {override.actorName} set your grade on this exercise to{" "}
          <strong>{VERDICT_LABEL[override.verdict].toLowerCase()}</strong>: {override.reason}
        </p>
      )}
      <ExerciseWorkspace
        task={
          <section className="prompt" aria-label="Task">
            {/* The page's h1 is the title: the prompt's own "# Title" goes; its "##" sections stay h2. */}
            <Markdown>{withoutLeadingHeading(exercise.prompt)}</Markdown>
            {user && <FeedbackList learner={user} exerciseId={exercise.id} />}
          </section>
        }
        id={exercise.id}
        starter={exercise.starter}
        visibleChecks={exercise.visibleChecks}
        hintCount={exercise.hintCount}
        revealedHints={exercise.revealedHints}
        limits={exercise.limits}
        draft={exercise.draft}
        solution={exercise.solution}
        next={next}
        editorFontSize={preferences.editorFontSize}
        guest={!user}
      />
    </div>
  );
}
