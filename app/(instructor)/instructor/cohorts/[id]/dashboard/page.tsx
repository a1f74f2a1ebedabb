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
        <table aria-labelledby="completion-heading" data-testid="completion-table">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col" className="num">
                Exercises
              </th>
              <th scope="col" className="num">
                Passed (learner × exercise)
              </th>
              <th scope="col" className="num">
                Share passed
              </th>
              <th scope="col" className="num">
                Learners who finished it
              </th>
            </tr>
          </thead>
          <tbody>
            {o.sections.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.title}</th>
                <td className="num">{s.exercises}</td>
                <td className="num">
                  {s.donePairs} of {s.totalPairs}
                </td>
                <td className="num">{formatPercent(s.donePairs, s.totalPairs)}</td>
                <td className="num">{s.learnersFinished}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
          <table aria-label="Active learners and submissions per day" data-testid="activity-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  Active learners
                </th>
                <th scope="col" className="num">
                  Submissions
                </th>
              </tr>
            </thead>
            <tbody>
              {o.activity.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td className="num">{d.activeLearners}</td>
                  <td className="num">{d.submissions}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
            <table aria-label="Progress state per learner and exercise" data-testid="grid-table">
              <thead>
                <tr>
                  <th scope="col">Learner</th>
                  {o.exercises.map((e, i) => (
                    <th key={e.id} scope="col" title={e.title}>
                      {i + 1}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Passed
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.grid.rows.map((r) => (
                  <tr key={r.learner.id}>
                    <th scope="row">
                      <Link href={`${dash}/learners/${encodeURIComponent(r.learner.id)}`}>{r.learner.name}</Link>
                    </th>
                    {r.cells.map((c, j) => (
                      <td key={o.exercises[j].id}>
                        {HEAT_STATES[c.state].label}
                        {c.attempts > 0 ? ` (${c.attempts})` : ""}
                        {c.overrideVerdict ? ` — override ${c.overrideVerdict}` : ""}
                      </td>
                    ))}
                    <td className="num">{r.done}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
          <table aria-labelledby="struggling-heading" data-testid="struggling-table">
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Stuck on (failed attempts)</th>
                <th scope="col">Last submission</th>
              </tr>
            </thead>
            <tbody>
              {struggling.learners.map((s) => (
                <tr key={s.learner.id}>
                  <th scope="row">
                    <Link href={`${dash}/learners/${encodeURIComponent(s.learner.id)}`}>{s.learner.name}</Link>
                  </th>
                  <td>{s.stuckOn.map((x) => `${x.title} (${x.attempts})`).join("; ") || "—"}</td>
                  <td>
                    {s.neverSubmitted ? "never" : s.idleSince ? `${formatStamp(s.idleSince)} (idle)` : "recently"}
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
