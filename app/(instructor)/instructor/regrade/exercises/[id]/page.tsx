import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { AuthError } from "@/lib/auth/errors";
import { requirePageUser } from "@/lib/auth/page-guard";
import { listCohortsFor } from "@/lib/cohorts/list-cohorts-for";
import { getExerciseRegradeStatus } from "@/lib/regrade/get-exercise-regrade-status";
import { listRegradeJobs } from "@/lib/regrade/list-regrade-jobs";
import { StartRegradeForm } from "../../StartRegradeForm";
import { JobsTable } from "../../jobs-table";
import { startRegradeAction } from "../../actions";

export const metadata: Metadata = { title: "Regrade an exercise" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function ExerciseRegradePage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageUser(`/instructor/regrade/exercises/${encodeURIComponent(id)}`, "submission:review");
  let status;
  try {
    status = await getExerciseRegradeStatus(db, actor, id);
  } catch (e) {
    if ((e instanceof AuthError && e.status === 404) || (e as { status?: number }).status === 400) notFound();
    throw e;
  }
  const [cohorts, jobs] = await Promise.all([
    listCohortsFor(db, actor),
    listRegradeJobs(db, actor, { exerciseId: status.exercise.id }),
  ]);
  const { exercise } = status;
  return (
    <>
      <p>
        <Link href="/instructor/regrade">← All exercises</Link>
      </p>
      <h1>Regrade: {exercise.title}</h1>
      <dl className="stats">
        <div>
          <dt>Content</dt>
          <dd>
            <code>{exercise.path}</code>
            {exercise.archived && " (archived)"}
          </dd>
        </div>
        <div>
          <dt>Current checks</dt>
          <dd>
            <code title={exercise.contentHash}>{exercise.contentHash.slice(0, 12)}</code>
          </dd>
        </div>
        <div>
          <dt>Latest submissions with a verdict</dt>
          <dd>{status.gradable}</dd>
        </div>
        <div>
          <dt>Graded against older checks</dt>
          <dd data-testid="stale-count">{status.stale}</dd>
        </div>
      </dl>
      {status.stale > 0 ? (
        <p className="error" role="status">
          The checks changed since {status.stale} of these verdicts were given: their content hash differs from the
          current one. A regrade re-verifies them against the current checks.
        </p>
      ) : (
        <p className="ok">Every latest verdict was given by the current checks.</p>
      )}
      {status.pending > 0 && (
        <p>{status.pending} latest submission(s) are still waiting for verification; they get the current checks.</p>
      )}
      <StartRegradeForm
        action={startRegradeAction}
        exercise={{ id: exercise.id, label: exercise.title }}
        cohorts={cohorts.map((c) => ({ id: c.id, label: c.name }))}
        submitLabel="Regrade the latest submissions"
      />
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Regrades of this exercise</h2>
        <JobsTable jobs={jobs} caption={`Your regrades of ${exercise.title}`} />
      </section>
    </>
  );
}
