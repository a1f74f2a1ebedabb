import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { orNotFound, requirePageUser } from "@/lib/auth/page-guard";
import { listCohortSubmissions, reviewFilterOptions } from "@/lib/review/list-cohort-submissions";

export const metadata: Metadata = { title: "Review submissions" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ cohortId: string }>; searchParams: Promise<Search> };

const FILTERS = ["exerciseId", "learnerId", "verdict", "needsReview", "from", "to", "sort"] as const;
const VERDICTS = ["PASSED", "FAILED", "ERROR", "TIMEOUT", "CRASHED"];
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** "to" is a day: submissions on that day count, so the bound is the next midnight (UTC). */
function endOfDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : new Date(d.getTime() + 86_400_000).toISOString();
}

export default async function ReviewQueuePage({ params, searchParams }: Props) {
  const { cohortId } = await params;
  const search = await searchParams;
  const here = `/instructor/review/cohorts/${encodeURIComponent(cohortId)}`;
  const actor = await requirePageUser(here, "submission:review");
  const filters = Object.fromEntries(FILTERS.map((k) => [k, one(search[k])])) as Record<
    (typeof FILTERS)[number],
    string
  >;

  let page;
  let filterError: string | null = null;
  const query = {
    exerciseId: filters.exerciseId,
    learnerId: filters.learnerId,
    verdict: VERDICTS.includes(filters.verdict) ? filters.verdict : "",
    needsReview: filters.needsReview === "on",
    from: filters.from,
    to: filters.to ? endOfDay(filters.to) : "",
    sort: filters.sort === "oldest" ? "oldest" : "newest",
    after: one(search.after) || undefined,
    before: one(search.before) || undefined,
  };
  try {
    page = await orNotFound(listCohortSubmissions(db, actor, cohortId, query));
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    // A bad filter value shows the message and the unfiltered queue instead of an error page.
    filterError = e.message;
    page = await orNotFound(listCohortSubmissions(db, actor, cohortId, {}));
  }
  const { learners, exercises } = await reviewFilterOptions(db, actor, page.cohort.id);

  const link = (cursor: { after?: string; before?: string }) => {
    const qs = new URLSearchParams();
    for (const k of FILTERS) if (filters[k]) qs.set(k, filters[k]);
    if (cursor.after) qs.set("after", cursor.after);
    if (cursor.before) qs.set("before", cursor.before);
    return `${here}?${qs.toString()}`;
  };

  return (
    <>
      <p>
        <Link href={`/instructor/cohorts/${encodeURIComponent(page.cohort.id)}`}>Back to the cohort</Link>
      </p>
      <h1>Submissions in {page.cohort.name}</h1>
      <form method="get" action={here} className="queue-filters" aria-label="Filter submissions">
        <label>
          Exercise
          <select name="exerciseId" defaultValue={filters.exerciseId}>
            <option value="">All</option>
            {exercises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Learner
          <select name="learnerId" defaultValue={filters.learnerId}>
            <option value="">All</option>
            {learners.map((learner) => (
              <option key={learner.id} value={learner.id}>
                {learner.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Verdict
          <select name="verdict" defaultValue={filters.verdict}>
            <option value="">Any</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {v.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <label>
          Order
          <select name="sort" defaultValue={filters.sort || "newest"}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="needsReview" defaultChecked={filters.needsReview === "on"} /> Needs review only
        </label>
        <button type="submit">Filter</button>
      </form>
      {filterError && (
        <p role="alert" className="error">
          {filterError}
        </p>
      )}
      {page.rows.length === 0 ? (
        <p>No submissions match.</p>
      ) : (
        <table data-testid="review-queue">
          <caption className="visually-hidden">Submissions</caption>
          <thead>
            <tr>
              <th scope="col">Submitted</th>
              <th scope="col">Learner</th>
              <th scope="col">Exercise</th>
              <th scope="col">Verdict</th>
              <th scope="col">Feedback</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/instructor/review/submissions/${r.id}`}>
                    <time dateTime={r.createdAt.toISOString()}>{stamp(r.createdAt)}</time>
                  </Link>
                </td>
                <td>{r.learner.name}</td>
                <td>{r.exercise.title}</td>
                <td>{r.verdict?.toLowerCase() ?? r.state.toLowerCase()}</td>
                <td>{r.hasFeedback ? "given" : "none"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="queue-pages">
        {page.prevCursor && <Link href={link({ before: page.prevCursor })}>← Previous page</Link>}
        {page.nextCursor && <Link href={link({ after: page.nextCursor })}>Next page →</Link>}
      </nav>
    </>
  );
}
