import type { Metadata } from "next";
import Link from "next/link";
import { optionalPageUser } from "@/lib/auth/page-guard";
import { getCourseMapForGuest } from "@/lib/learner/guest-views";
import { GuestNotice } from "@/app/components/learner/GuestNotice";
import { db } from "@/lib/db/client";
import { joinedCohortName } from "@/lib/cohorts/join-cohort";
import { getCourseMapForLearner } from "@/lib/learner/get-course-map-for-learner";
import { ProgressBar } from "@/app/components/learner/ProgressBar";
import { PROGRESS_LABEL, PROGRESS_MARK } from "@/app/components/learner/progress-labels";
import { ExerciseLink } from "@/app/components/learner/ExerciseLink";
import { DueDate } from "@/app/components/learner/DueDate";
import { StartPython } from "@/app/components/learner/StartPython";

export const metadata: Metadata = { title: "Learn" };
export const dynamic = "force-dynamic";

export default async function CourseMapPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await optionalPageUser("exercise:solve");
  const sections = user ? await getCourseMapForLearner(user) : await getCourseMapForGuest();
  // After "Join" on an invitation: confirmed only for a cohort the learner really is in.
  const joinedId = (await searchParams).joined;
  const joined = user && typeof joinedId === "string" ? await joinedCohortName(db, user, joinedId) : null;
  return (
    <>
      {joined && (
        <p role="status" className="ok notice" data-testid="joined-cohort">
          You joined <strong>{joined}</strong>. Your instructor can now follow your progress.
        </p>
      )}
      {!user && <GuestNotice returnTo="/learn" />}
      <StartPython />
      <h1>The course</h1>
      <p className="lead">
        Read each section&apos;s lesson, then solve its exercises. An exercise counts as passed when the server has
        verified your submission.
      </p>
      <ol className="course-map">
        {sections.map((section, i) => (
          <li key={section.id} className="card" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>
              {i + 1}. {section.title}
            </h2>
            <ProgressBar label={`Progress in ${section.title}`} value={section.passed} max={section.total} />
            {section.dueAt && (
              <p>
                <DueDate dueAt={section.dueAt} />
              </p>
            )}
            {section.closedByInstructor && (
              <p className="muted" data-testid="section-closed">
                Closed by your instructor for now: you can read the lesson, and the exercises open when your instructor
                opens this section.
              </p>
            )}
            {section.hasLesson && (
              <p>
                <Link href={`/learn/${encodeURIComponent(section.id)}`}>
                  Read the lesson<span className="visually-hidden">: {section.title}</span>
                </Link>
              </p>
            )}
            <ul className="exercise-list">
              {section.exercises.map((exercise) => (
                <li key={exercise.id} className={`exercise-state-${exercise.state.toLowerCase()}`}>
                  <span className="state-mark" aria-hidden="true">
                    {PROGRESS_MARK[exercise.state]}
                  </span>{" "}
                  <ExerciseLink exerciseId={exercise.id}>{exercise.title}</ExerciseLink>{" "}
                  <span className="state-label" data-testid="exercise-state">
                    {PROGRESS_LABEL[exercise.state]}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}
