import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { listCohortsFor } from "@/lib/cohorts/list-cohorts-for";
import { listExerciseRegradeStatuses } from "@/lib/regrade/list-exercise-regrade-statuses";
import { listRegradeJobs } from "@/lib/regrade/list-regrade-jobs";
import { StartRegradeForm } from "./StartRegradeForm";
import { JobsTable } from "./jobs-table";
import { startRegradeAction } from "./actions";

export const metadata: Metadata = { title: "Regrade" };
export const dynamic = "force-dynamic";

export default async function RegradePage() {
  const actor = await requirePageUser("/instructor/regrade", "submission:review");
  const [exercises, cohorts, jobs] = await Promise.all([
    listExerciseRegradeStatuses(db, actor),
    listCohortsFor(db, actor),
    listRegradeJobs(db, actor),
  ]);
  const staleTotal = exercises.reduce((n, e) => n + e.stale, 0);
  return (
    <>
      <h1>Regrade</h1>
      <p>
        When an exercise&apos;s checks change, re-verify on the server the latest submission of every learner in your
        cohorts. Each submission keeps its place in the learner&apos;s history and gets the new verdict; grade overrides
        are kept.
      </p>
      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Exercises</h2>
        <p>
          {staleTotal === 0
            ? "Every latest submission was graded against the current checks."
            : `${staleTotal} latest submission(s) were graded against older checks.`}
        </p>
        <table>
          <caption>Latest submissions per exercise (one per learner in your cohorts)</caption>
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Exercise</th>
              <th scope="col">With a verdict</th>
              <th scope="col">Graded against older checks</th>
            </tr>
          </thead>
          <tbody>
            {exercises.map((e) => (
              <tr key={e.id} className={e.stale > 0 ? "stale" : undefined}>
                <td>{e.sectionTitle}</td>
                <td>
                  <Link href={`/instructor/regrade/exercises/${e.id}`}>{e.title}</Link>
                </td>
                <td>{e.gradable}</td>
                <td>{e.stale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="start-heading">
        <h2 id="start-heading">Start a regrade</h2>
        <StartRegradeForm
          action={startRegradeAction}
          exercises={exercises.map((e) => ({ id: e.id, label: `${e.sectionTitle} — ${e.title}` }))}
          cohorts={cohorts.map((c) => ({ id: c.id, label: c.name }))}
        />
      </section>
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Recent regrades</h2>
        <JobsTable jobs={jobs} caption="Your recent regrades" />
      </section>
    </>
  );
}
