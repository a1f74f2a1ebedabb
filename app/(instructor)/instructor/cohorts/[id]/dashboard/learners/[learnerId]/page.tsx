import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getLearnerActivity } from "@/lib/dashboards/get-learner-activity";
import { formatDuration, formatPercent, formatStamp } from "@/lib/dashboards/format";
import { BarChart } from "@/app/components/charts/BarChart";
import { ColumnChart } from "@/app/components/charts/ColumnChart";
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
        <table aria-labelledby="sections-heading">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col" className="num">
                Passed
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {a.sections.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.title}</th>
                <td className="num">
                  {s.done} of {s.exercises}
                </td>
                <td className="num">{formatPercent(s.done, s.exercises)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
          <table aria-labelledby="learner-activity-heading">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  Submissions
                </th>
              </tr>
            </thead>
            <tbody>
              {a.activity.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td className="num">{d.submissions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Exercises</h2>
        <table aria-labelledby="exercises-heading">
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col" className="num">
                Hints
              </th>
            </tr>
          </thead>
          <tbody>
            {a.exercises.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link href={`${dash}/exercises/${encodeURIComponent(e.id)}`}>{e.title}</Link>
                </th>
                <td>{HEAT_STATES[e.state].label}</td>
                <td className="num">{e.attempts}</td>
                <td className="num">{e.hintsUsed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline of submissions</h2>
        {a.timeline.length === 0 ? (
          <p>No submissions{before ? " before this point" : " yet"}.</p>
        ) : (
          <table aria-labelledby="timeline-heading" data-testid="timeline-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Exercise</th>
                <th scope="col">Verdict</th>
                <th scope="col" className="num">
                  Checks passed
                </th>
                <th scope="col" className="num">
                  Checks failed
                </th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col" className="num">
                  Hints
                </th>
              </tr>
            </thead>
            <tbody>
              {a.timeline.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link href={`/instructor/review/submissions/${encodeURIComponent(t.id)}`}>
                      <time dateTime={t.createdAt.toISOString()}>{formatStamp(t.createdAt)}</time>
                    </Link>
                  </td>
                  <td>{t.exercise.title}</td>
                  <td>{t.verdict ?? t.state}</td>
                  <td className="num">{t.checksPassed}</td>
                  <td className="num">{t.checksFailed}</td>
                  <td className="num">{t.durationMs === null ? "—" : `${t.durationMs} ms`}</td>
                  <td className="num">{t.hintsUsed}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
