import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { orNotFound, requirePageUser } from "@/lib/auth/page-guard";
import { getRegradeJob } from "@/lib/regrade/get-regrade-job";
import { AutoRefresh } from "../../AutoRefresh";
import { stamp } from "../../jobs-table";

export const metadata: Metadata = { title: "Regrade progress" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const verdict = (v: string | null) => v?.toLowerCase() ?? "none";

export default async function RegradeJobPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageUser(`/instructor/regrade/jobs/${encodeURIComponent(id)}`, "submission:review");
  const job = await orNotFound(getRegradeJob(db, actor, id));
  const active = job.state === "QUEUED" || job.state === "RUNNING";
  return (
    <>
      {active && <AutoRefresh />}
      <p>
        <Link href={job.exercise ? `/instructor/regrade/exercises/${job.exercise.id}` : "/instructor/regrade"}>
          ← Back to regrades
        </Link>
      </p>
      <h1>
        Regrade of {job.exercise?.title ?? "every exercise"} (
        {job.cohort ? `cohort ${job.cohort.name}` : "all your learners"})
      </h1>
      <p>
        Started {stamp(job.createdAt)} by {job.requestedBy}
        {job.finishedAt && <>, finished {stamp(job.finishedAt)}</>}.
      </p>
      <div role="status" aria-live="polite">
        <label>
          <span data-testid="regrade-progress">
            {job.done} of {job.total} re-verified
          </span>{" "}
          ({job.state.toLowerCase()})
          <progress max={Math.max(job.total, 1)} value={job.total === 0 ? 1 : job.done} />
        </label>
        <p>
          {job.changed} verdict(s) changed{active && " so far"}.
        </p>
      </div>
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changed verdicts</h2>
        {job.changes.length === 0 ? (
          <p>{active ? "None yet." : "None: every verdict stayed the same."}</p>
        ) : (
          <table>
            <caption>Submissions whose verdict changed or could not be regraded</caption>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Exercise</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col">Submission</th>
              </tr>
            </thead>
            <tbody>
              {job.changes.map((c) => (
                <tr key={c.itemId}>
                  <td>{c.learnerName}</td>
                  <td>{c.exerciseTitle}</td>
                  <td>{verdict(c.before)}</td>
                  <td>{c.error ? <span className="error">not regraded: {c.error}</span> : verdict(c.after)}</td>
                  <td>
                    <Link href={`/instructor/review/submissions/${c.submissionId}`}>Review</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
