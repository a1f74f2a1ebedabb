import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getContentStatus } from "@/lib/course/content-status";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const user = await requirePageUser("/instructor", "cohort:manage");
  const status = await getContentStatus(user);
  return (
    <>
      <h1>Instructor</h1>
      <p>
        <Link href="/instructor/cohorts">Cohorts</Link>: create a cohort, invite learners with a link, choose which
        sections are open to them.
      </p>
      <p>
        <Link href="/instructor/exercises">Exercises</Link>: preview as a learner, see solutions and hidden checks, run
        them in your browser. <Link href="/instructor/regrade">Regrade</Link> after checks change.{" "}
        <Link href="/instructor/review/snippets">Feedback snippets</Link> for common mistakes.
      </p>
      <section aria-labelledby="content-heading">
        <h2 id="content-heading">Course content</h2>
        <p>
          {status.sections} sections and {status.exercises} exercises are live
          {status.archived > 0 && <>, {status.archived} archived</>}.{" "}
          {status.syncedAt ? (
            <>
              Last synced from <code>exercises/</code> at {status.syncedAt.toISOString()}.
            </>
          ) : (
            "Not synced yet."
          )}
        </p>
        {status.problems.length === 0 ? (
          <p className="ok">The last sync found no problems.</p>
        ) : (
          <>
            <p className="error">
              The last sync found {status.problems.length} problem(s). Broken exercises are left out until fixed:
            </p>
            <ul className="problems">
              {status.problems.map((p, i) => (
                <li key={i}>
                  <strong>{p.severity}</strong> <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
