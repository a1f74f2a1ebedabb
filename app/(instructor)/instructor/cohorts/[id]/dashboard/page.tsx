import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getCohortOverview } from "@/lib/dashboards/get-cohort-overview";
import { listStrugglingLearners } from "@/lib/dashboards/list-struggling-learners";
import { formatPercent, formatStamp } from "@/lib/dashboards/format";
import { BarChart } from "@/app/components/charts/BarChart";
import { ColumnChart } from "@/app/components/charts/ColumnChart";
import { HEAT_STATES, HeatMap, HeatMapLegend } from "@/app/components/charts/HeatMap";
import { FigureTable } from "@/app/components/charts/FigureTable";
import { intParam, orNotFound } from "./load";

export const metadata: Metadata = { title: "Cohort dashboard" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function CohortDashboardPage({ params, searchParams }: Props) {
  const { id } = await params;
  const search = await searchParams;
  const base = `/instructor/cohorts/${encodeURIComponent(id)}`;
  const actor = await requirePageUser(`${base}/dashboard`, "cohort:manage");
  const [o, struggling] = await Promise.all([
    orNotFound(getCohortOverview(db, actor, id, { page: intParam(search.page), days: intParam(search.days) })),
    orNotFound(listStrugglingLearners(db, actor, id)),
  ]);
  const dash = `${base}/dashboard`;
  const exerciseNumber = new Map(o.exercises.map((e, i) => [e.id, i + 1]));
  const activeDays = o.activity.length;

  return (
    <>
      <p>
        <Link href={base}>Back to {o.cohort.name}</Link>
      </p>
      <h1>Dashboard: {o.cohort.name}</h1>
      <dl className="dashboard-figures" data-testid="dashboard-figures">
        <div>
          <dt>Learners</dt>
          <dd data-testid="figure-learners">{o.learnerCount}</dd>
        </div>
        <div>
          <dt>Submissions</dt>
          <dd data-testid="figure-submissions">{o.submissionCount}</dd>
        </div>
        <div>
          <dt>Exercises</dt>
          <dd>{o.exercises.length}</dd>
        </div>
        <div>
          <dt>Struggling</dt>
          <dd data-testid="figure-struggling">{struggling.learners.length}</dd>
        </div>
      </dl>
      <p>
        Download as CSV: <a href={`/api/cohorts/${encodeURIComponent(o.cohort.id)}/export/grades`}>grades</a> ·{" "}
        <a href={`/api/cohorts/${encodeURIComponent(o.cohort.id)}/export/submissions`}>all submissions</a>
      </p>

      <section aria-labelledby="completion-heading">
        <h2 id="completion-heading">Completion per section</h2>
        <BarChart
          title="Share of exercises passed, per section"
          bars={o.sections.map((s) => ({
            label: s.title,
            value: s.donePairs,
            max: s.totalPairs,
            valueLabel: formatPercent(s.donePairs, s.totalPairs),
          }))}
        />
        <FigureTable
          labelledBy="completion-heading"
          testId="completion-table"
          rows={o.sections}
          rowKey={(s) => s.id}
          columns={[
            { header: "Section", rowHeader: true, cell: (s) => s.title },
            { header: "Exercises", numeric: true, cell: (s) => s.exercises },
            {
              header: "Passed (learner × exercise)",
              numeric: true,
              cell: (s) => `${s.donePairs} of ${s.totalPairs}`,
            },
            { header: "Share passed", numeric: true, cell: (s) => formatPercent(s.donePairs, s.totalPairs) },
            { header: "Learners who finished it", numeric: true, cell: (s) => s.learnersFinished },
          ]}
        />
      </section>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Active learners per day (last {activeDays} days, UTC)</h2>
        <p>
          Show the last{" "}
          {[7, 14, 30, 90].map((d, i) => (
            <span key={d}>
              {i > 0 ? " · " : ""}
              {d === activeDays ? <strong>{d} days</strong> : <Link href={`${dash}?days=${d}`}>{d} days</Link>}
            </span>
          ))}
        </p>
        <div className="chart-scroll">
          <ColumnChart
            title="Learners who submitted at least once, per day"
            unit="active learners"
            columns={o.activity.map((d) => ({ label: d.day, value: d.activeLearners }))}
          />
        </div>
        <details>
          <summary>Activity as a table</summary>
          <FigureTable
            label="Active learners and submissions per day"
            testId="activity-table"
            rows={o.activity}
            rowKey={(d) => d.day}
            columns={[
              { header: "Day", rowHeader: true, cell: (d) => d.day },
              { header: "Active learners", numeric: true, cell: (d) => d.activeLearners },
              { header: "Submissions", numeric: true, cell: (d) => d.submissions },
            ]}
          />
        </details>
      </section>

      <section aria-labelledby="grid-heading">
        <h2 id="grid-heading">Learners × exercises</h2>
        <p>
          Columns are the course&apos;s exercises in order; open an exercise for its pass rate and the checks that fail
          most often.
        </p>
        <ol className="chart-legend" aria-label="Exercises">
          {o.exercises.map((e, i) => (
            <li key={e.id}>
              <Link href={`${dash}/exercises/${encodeURIComponent(e.id)}`}>
                {i + 1}. {e.title}
              </Link>
            </li>
          ))}
        </ol>
        <HeatMapLegend />
        <div className="chart-scroll">
          <HeatMap
            title="Progress of each learner on each exercise"
            columns={o.exercises.map((e) => ({ key: e.id, label: String(exerciseNumber.get(e.id)), title: e.title }))}
            rows={o.grid.rows.map((r) => ({
              key: r.learner.id,
              label: r.learner.name,
              cells: r.cells.map((c) => ({
                state: c.state,
                detail: [
                  c.attempts > 0 ? `${c.attempts} attempt${c.attempts === 1 ? "" : "s"}` : "",
                  c.overrideVerdict ? `override: ${c.overrideVerdict}` : "",
                ]
                  .filter(Boolean)
                  .join(", "),
              })),
            }))}
          />
        </div>
        <details>
          <summary>The grid as a table</summary>
          <div className="chart-scroll">
            <FigureTable
              label="Progress state per learner and exercise"
              testId="grid-table"
              rows={o.grid.rows}
              rowKey={(r) => r.learner.id}
              columns={[
                {
                  header: "Learner",
                  rowHeader: true,
                  cell: (r) => (
                    <Link href={`${dash}/learners/${encodeURIComponent(r.learner.id)}`}>{r.learner.name}</Link>
                  ),
                },
                ...o.exercises.map((e, j) => ({
                  key: e.id,
                  header: j + 1,
                  headerTitle: e.title,
                  cell: (r: (typeof o.grid.rows)[number]) => {
                    const c = r.cells[j];
                    return `${HEAT_STATES[c.state].label}${c.attempts > 0 ? ` (${c.attempts})` : ""}${c.overrideVerdict ? ` — override ${c.overrideVerdict}` : ""}`;
                  },
                })),
                { key: "passed", header: "Passed", numeric: true, cell: (r) => r.done },
              ]}
            />
          </div>
        </details>
        {o.grid.pageCount > 1 ? (
          <nav aria-label="Learner pages">
            Learners page {o.grid.page} of {o.grid.pageCount}:{" "}
            {o.grid.page > 1 ? <Link href={`${dash}?page=${o.grid.page - 1}`}>previous</Link> : null}
            {o.grid.page > 1 && o.grid.page < o.grid.pageCount ? " · " : null}
            {o.grid.page < o.grid.pageCount ? <Link href={`${dash}?page=${o.grid.page + 1}`}>next</Link> : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="struggling-heading">
        <h2 id="struggling-heading">Struggling learners</h2>
        <p>
          At least {struggling.criteria.minFailedAttempts} failed attempts on an exercise not yet passed, or nothing
          submitted for {struggling.criteria.idleDays} days or more (learners who finished the course are not listed).
        </p>
        {struggling.learners.length === 0 ? (
          <p>Nobody is struggling right now.</p>
        ) : (
          <FigureTable
            labelledBy="struggling-heading"
            testId="struggling-table"
            rows={struggling.learners}
            rowKey={(s) => s.learner.id}
            columns={[
              {
                header: "Learner",
                rowHeader: true,
                cell: (s) => (
                  <Link href={`${dash}/learners/${encodeURIComponent(s.learner.id)}`}>{s.learner.name}</Link>
                ),
              },
              {
                header: "Stuck on (failed attempts)",
                cell: (s) => s.stuckOn.map((x) => `${x.title} (${x.attempts})`).join("; ") || "—",
              },
              {
                header: "Last submission",
                cell: (s) =>
                  s.neverSubmitted ? "never" : s.idleSince ? `${formatStamp(s.idleSince)} (idle)` : "recently",
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
