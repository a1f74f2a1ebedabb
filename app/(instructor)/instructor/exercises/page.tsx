import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { listExercisesForAuthoring } from "@/lib/authoring/list-exercises-for-authoring";
import { ContentVerificationProblems, contentVerificationSummary } from "./ContentVerificationStatus";

export const metadata: Metadata = { title: "Exercises" };
export const dynamic = "force-dynamic";

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function AuthoringExercisesPage() {
  const actor = await requirePageUser("/instructor/exercises", "content:preview");
  const { exercises, otherProblems, syncedAt, problemCount } = await listExercisesForAuthoring(db, actor);
  const verifierFindings = exercises.filter(
    (e) => !e.archived && e.verification.state === "verified" && e.verification.problems.length > 0,
  );
  const pending = exercises.filter((e) => !e.archived && e.verification.state === "pending").length;
  return (
    <>
      <h1>Exercises</h1>
      <p>
        Preview any exercise as a learner sees it, read its solution and hidden checks, and run the solution against
        every check in your browser.{" "}
        {syncedAt ? <>Content last synced from the course folder at {stamp(syncedAt)}.</> : "Content not synced yet."}
      </p>
      {problemCount === 0 ? (
        <p className="ok">The last sync found no problems.</p>
      ) : (
        <p className="error">The last sync found {problemCount} problem(s); they are listed with their files below.</p>
      )}
      <p className={verifierFindings.length > 0 ? "error" : undefined}>
        Server verifier (reference solution must pass every check, starter must fail one): {verifierFindings.length}{" "}
        exercise(s) with problems
        {pending > 0 ? `; ${pending} exercise(s) not verified yet` : ""}.
      </p>
      {otherProblems.length > 0 && (
        <section aria-labelledby="other-problems">
          <h2 id="other-problems">Problems outside the stored exercises</h2>
          <p>Broken exercises are left out of the course until fixed; these files need attention:</p>
          <ul className="problems">
            {otherProblems.map((p, i) => (
              <li key={i}>
                <strong>{p.severity}</strong> <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {verifierFindings.length > 0 && (
        <section aria-labelledby="verifier-problems">
          <h2 id="verifier-problems">Problems found by the server verifier</h2>
          {verifierFindings.map((e) => (
            <div key={e.id}>
              <h3>
                {/* Plain text: the table below links each title once. */}
                {e.title} (<code>{e.path}</code>)
              </h3>
              <ContentVerificationProblems verification={e.verification} archived={e.archived} />
            </div>
          ))}
        </section>
      )}
      <table>
        <caption>Exercises ({exercises.length})</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Exercise</th>
            <th scope="col">Folder</th>
            <th scope="col">Checks: visible + hidden</th>
            <th scope="col">Status</th>
            <th scope="col">Solution and starter (server verifier)</th>
          </tr>
        </thead>
        <tbody>
          {exercises.map((e) => (
            <tr key={e.id}>
              <td>{e.sectionTitle}</td>
              <td>
                <Link href={`/instructor/exercises/${e.id}`}>{e.title}</Link>
              </td>
              <td>
                <code>{e.path}</code>
              </td>
              <td>{e.checksReadable ? `${e.visibleChecks} + ${e.hiddenChecks}` : "unreadable"}</td>
              <td>
                {e.archived
                  ? "archived"
                  : e.problems.length > 0
                    ? `${e.problems.length} problem(s)`
                    : e.checksReadable
                      ? "live"
                      : "checks unreadable"}
              </td>
              <td>{contentVerificationSummary(e.verification, e.archived)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
