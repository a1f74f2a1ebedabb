import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { orNotFound, requirePageUser } from "@/lib/auth/page-guard";
import { splitLines } from "@/lib/diff/line-diff";
import { getSubmissionForReview } from "@/lib/review/get-submission-for-review";
import { listSnippets } from "@/lib/review/snippets/list-snippets";
import { Markdown } from "@/lib/markdown/render";
import { LineDiffView } from "@/app/components/learner/LineDiffView";
import { NumberedCode } from "@/app/components/review/NumberedCode";
import { CheckResultsTable } from "@/app/components/review/CheckResultsTable";
import { FeedbackForm } from "@/app/components/review/FeedbackForm";
import { OverrideGradeForm } from "@/app/components/review/OverrideGradeForm";
import { RunInBrowser } from "@/app/components/review/RunInBrowser";
import { giveFeedbackAction, overrideGradeAction } from "./actions";

export const metadata: Metadata = { title: "Review submission" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function minutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const m = Math.round(ms / 60_000);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

export default async function ReviewSubmissionPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageUser(`/instructor/review/submissions/${encodeURIComponent(id)}`, "submission:review");
  const s = await orNotFound(getSubmissionForReview(db, actor, id));
  const comments = s.feedback
    .filter((f) => f.submissionId === s.id)
    .flatMap((f) => f.lineComments.map((c) => ({ line: c.line, body: c.body, author: f.author.name })));
  const current = s.progress?.overrideVerdict ?? s.verdict;
  const snippets = await listSnippets(db, actor);

  return (
    <>
      <h1>
        {s.exercise.title} — {s.learner.name}
      </h1>
      <dl className="stats">
        <div>
          <dt>Submitted</dt>
          <dd>
            <time dateTime={s.createdAt.toISOString()}>{stamp(s.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Server verdict</dt>
          <dd data-testid="review-verdict">{s.verdict?.toLowerCase() ?? s.state.toLowerCase()}</dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            {s.progress?.state.toLowerCase().replace("_", " ") ?? "not started"}
            {s.progress?.overrideVerdict && <> (overridden: {s.progress.overrideVerdict.toLowerCase()})</>}
          </dd>
        </div>
        <div>
          <dt>Time since first submission</dt>
          <dd>{minutes(s.timeSinceFirstSubmissionMs)}</dd>
        </div>
        <div>
          <dt>Hints used</dt>
          <dd>
            {s.hintsUsed} of {s.hintCount}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="code-heading">
        <h2 id="code-heading">Code</h2>
        <NumberedCode code={s.code} caption={`Submission by ${s.learner.name}`} comments={comments} commentable />
        {s.previous && (
          <details>
            <summary>Changes since the previous submission</summary>
            <LineDiffView before={s.previous.code} after={s.code} caption="Since the previous submission" />
          </details>
        )}
        <details>
          <summary>Changes from the starter code</summary>
          <LineDiffView before={s.exercise.starter} after={s.code} caption="From the starter" />
        </details>
      </section>

      <section aria-labelledby="result-heading">
        <h2 id="result-heading">Server result (hidden checks included)</h2>
        {s.result ? (
          <CheckResultsTable result={s.result} />
        ) : s.resultUnreadable ? (
          <p className="error">The stored result could not be read.</p>
        ) : (
          <p>
            Not verified yet ({s.state.toLowerCase()}).{s.errorMessage && <> {s.errorMessage}</>}
          </p>
        )}
      </section>

      <RunInBrowser submissionId={s.id} />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History on this exercise</h2>
        <ol>
          {s.history.map((h) => (
            <li key={h.id}>
              {h.id === s.id ? (
                <strong aria-current="page">#{h.number} (this one)</strong>
              ) : (
                <Link href={`/instructor/review/submissions/${h.id}`}>#{h.number}</Link>
              )}{" "}
              {stamp(h.createdAt)} — {h.verdict?.toLowerCase() ?? h.state.toLowerCase()}
              {h.feedbackCount > 0 && <> · {h.feedbackCount} feedback</>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="given-heading">
        <h2 id="given-heading">Feedback given</h2>
        {s.feedback.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {s.feedback.map((f) => (
              <li key={f.id} className="card">
                <p className="small">
                  {f.author.name}, {stamp(f.createdAt)}
                  {f.status && <> · {f.status === "APPROVED" ? "approved" : "needs revision"}</>}
                  {f.submissionId !== s.id && <> · on another submission</>}
                  {f.readAt ? " · read by the learner" : " · not read yet"}
                </p>
                {f.body && <Markdown headingOffset={2}>{f.body}</Markdown>}
                {f.lineComments.length > 0 && (
                  <ul>
                    {f.lineComments.map((c) => (
                      <li key={c.id}>
                        Line {c.line}: {c.body}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {s.overrides.length > 0 && (
          <>
            <h3>Grade overrides</h3>
            <ul>
              {s.overrides.map((o) => (
                <li key={o.id}>
                  {stamp(o.createdAt)} {o.actor.name}: {o.fromVerdict?.toLowerCase() ?? "none"} →{" "}
                  {o.toVerdict.toLowerCase()} — {o.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-label="Review" className="review-forms">
        <FeedbackForm
          action={giveFeedbackAction}
          submissionId={s.id}
          lineCount={splitLines(s.code).length}
          snippets={snippets.map(({ id, title, body }) => ({ id, title, body }))}
        />
        <OverrideGradeForm action={overrideGradeAction} submissionId={s.id} current={current} />
      </section>
    </>
  );
}
