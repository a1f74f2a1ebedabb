import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { orNotFound, requirePageUser } from "@/lib/auth/page-guard";
import { getExerciseForAuthoring } from "@/lib/authoring/get-exercise-for-authoring";
import { Markdown } from "@/lib/markdown/render";
import { withoutLeadingHeading } from "@/lib/markdown/leading-heading";
import { NumberedCode } from "@/app/components/review/NumberedCode";
import { AuthoringRunner } from "./AuthoringRunner";
import { ContentVerificationProblems } from "../ContentVerificationStatus";

export const metadata: Metadata = { title: "Exercise preview" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function AuthoringExercisePage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageUser(`/instructor/exercises/${encodeURIComponent(id)}`, "content:preview");
  const ex = await orNotFound(getExerciseForAuthoring(db, actor, id));
  const visible = ex.checks.filter((c) => c.visibility === "visible");
  const hidden = ex.checks.filter((c) => c.visibility === "hidden");
  return (
    <>
      <p>
        <Link href="/instructor/exercises">← All exercises</Link> ·{" "}
        <Link href={`/instructor/regrade/exercises/${ex.id}`}>Regrade</Link>
      </p>
      <h1>{ex.title}</h1>
      <dl className="stats">
        <div>
          <dt>Section</dt>
          <dd>{ex.sectionTitle}</dd>
        </div>
        <div>
          <dt>Folder</dt>
          <dd>
            <code>{ex.path}</code>
          </dd>
        </div>
        <div>
          <dt>Content hash</dt>
          <dd>
            <code title={ex.contentHash}>{ex.contentHash.slice(0, 12)}</code>
          </dd>
        </div>
        <div>
          <dt>Limits</dt>
          <dd>
            {ex.limits.timeLimitMs / 1000} s, {ex.limits.memoryLimitMb} MB
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{ex.archived ? "archived (not shown to learners)" : "live"}</dd>
        </div>
      </dl>

      <section aria-labelledby="problems-heading">
        <h2 id="problems-heading">Content problems from the last sync</h2>
        {ex.checksError && (
          <p role="alert" className="error">
            {ex.checksError}
          </p>
        )}
        {ex.problems.length === 0 ? (
          <p className="ok">None in this exercise&apos;s folder.</p>
        ) : (
          <ul className="problems" data-testid="exercise-problems">
            {ex.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.severity}</strong> <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="verification-heading">
        <h2 id="verification-heading">Reference solution and starter on the server verifier</h2>
        <ContentVerificationProblems verification={ex.verification} archived={ex.archived} />
      </section>

      <section aria-labelledby="learner-view-heading" className="card">
        <h2 id="learner-view-heading">As a learner sees it</h2>
        <Markdown headingOffset={2}>{withoutLeadingHeading(ex.prompt)}</Markdown>
        <NumberedCode code={ex.starter} caption="Starter code" />
        <p>
          {visible.length} visible check(s), {ex.hints.length} hint(s) revealed one at a time. Hidden checks and the
          solution are not shown to learners (the solution only after they pass, if the cohort allows it).
        </p>
      </section>

      <AuthoringRunner solution={ex.solution} starter={ex.starter} checks={ex.checks} limits={ex.limits} />

      <section aria-labelledby="solution-heading">
        <h2 id="solution-heading">Reference solution</h2>
        <NumberedCode code={ex.solution} caption="solution.py" />
      </section>

      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks</h2>
        {[...visible, ...hidden].map((c) => (
          <details key={c.name} open={c.visibility === "hidden"} data-testid={`check-file-${c.visibility}`}>
            <summary>
              <code>{c.name}</code> ({c.visibility})
            </summary>
            <NumberedCode code={c.source} caption={`${c.name} (${c.visibility})`} />
          </details>
        ))}
      </section>

      <section aria-labelledby="hints-heading">
        <h2 id="hints-heading">Hints</h2>
        {ex.hints.length === 0 ? (
          <p>None.</p>
        ) : (
          <ol>
            {ex.hints.map((h, i) => (
              <li key={i}>
                <Markdown headingOffset={2}>{h}</Markdown>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
