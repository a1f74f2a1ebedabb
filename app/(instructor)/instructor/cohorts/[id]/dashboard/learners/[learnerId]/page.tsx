import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getLearnerActivity } from "@/lib/dashboards/get-learner-activity";
import { formatDuration, formatPercent, formatStamp } from "@/lib/dashboards/format";
import { BarChart } from "@/app/components/charts/BarChart";
import { ColumnChart } from "@/app/components/charts/ColumnChart";
import { FigureTable } from "@/app/components/charts/FigureTable";
import { HEAT_STATES } from "@/app/components/charts/HeatMap";
import { orNotFound } from "../../load";

export const metadata: Metadata = { title: "Learner activity" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string; learnerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function LearnerDashboardPage({ params, searchParams }: Props) {
  const { id, learnerId } = await params;
  const search = await searchParams;
  const dash = `/instructor/cohorts/${encodeURIComponent(id)}/dashboard`;
  const here = `${dash}/learners/${encodeURIComponent(learnerId)}`;
  const actor = await requirePageUser(here, "cohort:manage");
  const before = typeof search.before === "string" && /^[\w-]{1,64}$/.test(search.before) ? search.before : undefined;
  const now = new Date();
  const a = await orNotFound(getLearnerActivity(db, actor, id, learnerId, { before }, now));
  const idle = a.lastActivityAt ? now.getTime() - a.lastActivityAt.getTime() : null;

  return (
    <>
      <p>
        <Link href={dash}>Back to the dashboard of {a.cohort.name}</Link>
      </p>
      <h1>{a.learner.name}</h1>
      <p>
        {a.learner.email} · joined {formatStamp(a.learner.joinedAt)}
      </p>
      <dl className="dashboard-figures">
        <div>
          <dt>Since last activity</dt>
          <dd data-testid="figure-idle">{idle === null ? "no submissions yet" : formatDuration(idle)}</dd>
        </div>
        <div>
          <dt>Submissions</dt>
          <dd>{a.submissionCount}</dd>
        </div>
        <div>
          <dt>Exercises passed</dt>
          <dd>
            {a.sections.reduce((n, s) => n + s.done, 0)} of {a.exercises.length}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">Sections done</h2>
        <BarChart
          title="Exercises passed per section"
          color="var(--ok)"
          bars={a.sections.map((s) => ({
            label: s.title,
            value: s.done,
            max: s.exercises,
            valueLabel: `${s.done} of ${s.exercises}`,
          }))}
        />
        <FigureTable
          labelledBy="sections-heading"
          rows={a.sections}
          rowKey={(s) => s.id}
          columns={[
            { header: "Section", rowHeader: true, cell: (s) => s.title },
            { header: "Passed", numeric: true, cell: (s) => `${s.done} of ${s.exercises}` },
            { header: "Share", numeric: true, cell: (s) => formatPercent(s.done, s.exercises) },
          ]}
        />
      </section>

      <section aria-labelledby="learner-activity-heading">
        <h2 id="learner-activity-heading">Submissions per day (last {a.activity.length} days, UTC)</h2>
        <div className="chart-scroll">
          <ColumnChart
            title={`Submissions by ${a.learner.name} per day`}
            unit="submissions"
            columns={a.activity.map((d) => ({ label: d.day, value: d.submissions }))}
          />
        </div>
        <details>
          <summary>As a table</summary>
          <FigureTable
            labelledBy="learner-activity-heading"
            rows={a.activity}
            rowKey={(d) => d.day}
            columns={[
              { header: "Day", rowHeader: true, cell: (d) => d.day },
              { header: "Submissions", numeric: true, cell: (d) => d.submissions },
            ]}
          />
        </details>
      </section>

      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Exercises</h2>
        <FigureTable
          labelledBy="exercises-heading"
          rows={a.exercises}
          rowKey={(e) => e.id}
          columns={[
            {
              header: "Exercise",
              rowHeader: true,
              cell: (e) => <Link href={`${dash}/exercises/${encodeURIComponent(e.id)}`}>{e.title}</Link>,
            },
            { header: "State", cell: (e) => HEAT_STATES[e.state].label },
            { header: "Attempts", numeric: true, cell: (e) => e.attempts },
            { header: "Hints", numeric: true, cell: (e) => e.hintsUsed },
          ]}
        />
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline of submissions</h2>
        {a.timeline.length === 0 ? (
          <p>No submissions{before ? " before this point" : " yet"}.</p>
        ) : (
          <FigureTable
            labelledBy="timeline-heading"
            testId="timeline-table"
            rows={a.timeline}
            rowKey={(t) => t.id}
            columns={[
              {
                header: "When",
                cell: (t) => (
                  <Link href={`/instructor/review/submissions/${encodeURIComponent(t.id)}`}>
                    <time dateTime={t.createdAt.toISOString()}>{formatStamp(t.createdAt)}</time>
                  </Link>
                ),
              },
              { header: "Exercise", cell: (t) => t.exercise.title },
              { header: "Verdict", cell: (t) => t.verdict ?? t.state },
              { header: "Checks passed", numeric: true, cell: (t) => t.checksPassed },
              { header: "Checks failed", numeric: true, cell: (t) => t.checksFailed },
              { header: "Duration", numeric: true, cell: (t) => (t.durationMs === null ? "—" : `${t.durationMs} ms`) },
              { header: "Hints", numeric: true, cell: (t) => t.hintsUsed },
              {
                header: "Late",
                cell: (t) =>
                  t.late ? (
                    <span className="badge badge-attention" data-testid="late">
                      late
                    </span>
                  ) : (
                    ""
                  ),
              },
            ]}
          />
        )}
        <p>
          {before ? <Link href={here}>Newest</Link> : null}
          {before && a.olderCursor ? " · " : null}
          {a.olderCursor ? <Link href={`${here}?before=${encodeURIComponent(a.olderCursor)}`}>Older</Link> : null}
        </p>
      </section>
    </>
  );
}
