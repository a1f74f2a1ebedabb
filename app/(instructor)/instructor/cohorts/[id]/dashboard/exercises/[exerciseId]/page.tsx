import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getExerciseStats } from "@/lib/dashboards/get-exercise-stats";
import { formatDuration, formatPercent } from "@/lib/dashboards/format";
import { BarChart } from "@/app/components/charts/BarChart";
import { FigureTable } from "@/app/components/charts/FigureTable";
import { orNotFound } from "../../load";

export const metadata: Metadata = { title: "Exercise dashboard" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; exerciseId: string }> };

export default async function ExerciseDashboardPage({ params }: Props) {
  const { id, exerciseId } = await params;
  const dash = `/instructor/cohorts/${encodeURIComponent(id)}/dashboard`;
  const actor = await requirePageUser(`${dash}/exercises/${encodeURIComponent(exerciseId)}`, "cohort:manage");
  const s = await orNotFound(getExerciseStats(db, actor, id, exerciseId));
  const queue = `/instructor/review/cohorts/${encodeURIComponent(s.cohort.id)}?exerciseId=${encodeURIComponent(s.exercise.id)}`;

  return (
    <>
      <p>
        <Link href={dash}>Back to the dashboard of {s.cohort.name}</Link>
      </p>
      <h1>
        {s.exercise.title} <small>({s.exercise.sectionTitle})</small>
      </h1>
      <dl className="dashboard-figures" data-testid="exercise-figures">
        <div>
          <dt>Pass rate (of learners who tried)</dt>
          <dd data-testid="figure-pass-rate">
            {s.passRate === null ? "—" : formatPercent(s.learnersPassed, s.learnersAttempted)}
          </dd>
        </div>
        <div>
          <dt>Passed / tried / in cohort</dt>
          <dd>
            {s.learnersPassed} / {s.learnersAttempted} / {s.learnerCount}
          </dd>
        </div>
        <div>
          <dt>Median attempts to pass</dt>
          <dd data-testid="figure-median-attempts">{s.medianAttemptsToPass ?? "—"}</dd>
        </div>
        <div>
          <dt>Median time to pass</dt>
          <dd>{formatDuration(s.medianMsToPass)}</dd>
        </div>
        <div>
          <dt>Hints revealed (learners)</dt>
          <dd>
            {s.hintsRevealed} ({s.learnersUsingHints})
          </dd>
        </div>
      </dl>
      <p>
        <Link href={queue}>Review this exercise&apos;s submissions</Link>
      </p>

      <section aria-labelledby="misconceptions-heading">
        <h2 id="misconceptions-heading">Checks that fail most often</h2>
        <p>
          &ldquo;Stuck now&rdquo; counts learners who have not passed and whose latest submission fails the check: the
          misconception to address in class.
        </p>
        {s.misconceptions.length === 0 ? (
          <p>No failing checks yet.</p>
        ) : (
          <>
            <BarChart
              title="Learners stuck on each check now"
              color="var(--bad)"
              bars={s.misconceptions.map((m) => ({
                label: m.check.split("::").pop() ?? m.check,
                value: m.learnersStuck,
                max: Math.max(1, ...s.misconceptions.map((x) => x.learnersStuck)),
                valueLabel: `${m.learnersStuck} stuck`,
              }))}
            />
            <FigureTable
              labelledBy="misconceptions-heading"
              testId="misconceptions-table"
              rows={s.misconceptions}
              rowKey={(m) => m.check}
              columns={[
                { header: "Check", rowHeader: true, cell: (m) => <code>{m.check}</code> },
                { header: "Visibility", cell: (m) => m.visibility },
                { header: "Failures", numeric: true, cell: (m) => m.failures },
                { header: "Learners who failed it", numeric: true, cell: (m) => m.learnersFailed },
                { header: "Stuck now", numeric: true, cell: (m) => m.learnersStuck },
              ]}
            />
          </>
        )}
      </section>

      <section aria-labelledby="verdicts-heading">
        <h2 id="verdicts-heading">Verdicts of all {s.submissions} submissions</h2>
        <BarChart
          title="Submissions per verdict"
          bars={s.verdicts.map((v) => ({
            label: v.verdict,
            value: v.count,
            max: Math.max(1, s.submissions),
            valueLabel: `${v.count} (${formatPercent(v.count, s.submissions)})`,
          }))}
        />
        <FigureTable
          labelledBy="verdicts-heading"
          rows={s.verdicts}
          rowKey={(v) => v.verdict}
          columns={[
            { header: "Verdict", rowHeader: true, cell: (v) => v.verdict },
            { header: "Submissions", numeric: true, cell: (v) => v.count },
          ]}
        />
      </section>
    </>
  );
}
