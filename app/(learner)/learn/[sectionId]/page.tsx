import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { optionalPageUser } from "@/lib/auth/page-guard";
import { getCourseMapForGuest } from "@/lib/learner/guest-views";
import { db } from "@/lib/db/client";
import { getCourseMapForLearner } from "@/lib/learner/get-course-map-for-learner";
import { Markdown } from "@/lib/markdown/render";
import { withoutLeadingHeading } from "@/lib/markdown/leading-heading";
import { ProgressBar } from "@/app/components/learner/ProgressBar";
import { PROGRESS_LABEL, PROGRESS_MARK } from "@/app/components/learner/progress-labels";
import { ExerciseLink } from "@/app/components/learner/ExerciseLink";
import { RunnableCode } from "@/app/components/lesson/RunnableCode";
import { StartPython } from "@/app/components/learner/StartPython";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sectionId: string }> };

/** The lesson text is public course content (like the outline on the home page); only live sections are shown. */
async function findLesson(sectionId: string) {
  if (sectionId.length > 64) return null;
  return db.section.findFirst({
    where: { id: sectionId, archivedAt: null },
    select: { id: true, title: true, lesson: true },
  });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = await findLesson((await params).sectionId);
  return { title: section?.title ?? "Lesson" };
}

export default async function LessonPage({ params }: Props) {
  const { sectionId } = await params;
  const user = await optionalPageUser("exercise:solve");
  const [section, map] = await Promise.all([
    findLesson(sectionId),
    user ? getCourseMapForLearner(user) : getCourseMapForGuest(),
  ]);
  const progress = map.find((s) => s.id === sectionId);
  if (!section || !progress) notFound();
  return (
    <>
      <StartPython />
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/learn">Course</Link> › <span aria-current="page">{section.title}</span>
      </nav>
      <article className="lesson">
        <h1>{section.title}</h1>
        {/* The page's h1 is the section title: the lesson's own "# Title" goes; its "##" sections stay h2. */}
        <Markdown runnable={RunnableCode}>{withoutLeadingHeading(section.lesson)}</Markdown>
      </article>
      <section className="card" aria-labelledby="lesson-exercises">
        <h2 id="lesson-exercises">Exercises</h2>
        <ProgressBar label={`Progress in ${section.title}`} value={progress.passed} max={progress.total} />
        <ol className="exercise-list">
          {progress.exercises.map((exercise) => (
            <li key={exercise.id}>
              <span className="state-mark" aria-hidden="true">
                {PROGRESS_MARK[exercise.state]}
              </span>{" "}
              <ExerciseLink exerciseId={exercise.id}>{exercise.title}</ExerciseLink>{" "}
              <span className="state-label">{PROGRESS_LABEL[exercise.state]}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
