import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { AuthError } from "@/lib/auth/errors";
import { requirePageUser } from "@/lib/auth/page-guard";
import { BAD_CODE_MESSAGE, findCohortByCode } from "@/lib/cohorts/join-cohort";
import { JoinForm } from "./JoinForm";

export const metadata: Metadata = { title: "Join a cohort" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

/** Opening a join link only shows the cohort: joining is a deliberate click (a link preview must not join anyone). */
export default async function JoinPage({ params }: Props) {
  const { code } = await params;
  const actor = await requirePageUser(`/join/${encodeURIComponent(code)}`, "cohort:join");
  let cohort;
  try {
    cohort = await findCohortByCode(db, actor, { code });
  } catch (e) {
    if (!(e instanceof AuthError && e.status === 404)) throw e;
    return (
      <>
        <h1>Join a cohort</h1>
        <p role="alert" className="error">
          {BAD_CODE_MESSAGE}
        </p>
        <p>
          <Link href="/learn">Go to the course</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Join {cohort.name}</h1>
      {cohort.alreadyMember ? (
        <>
          <p role="status" className="ok">
            You are a member of {cohort.name}.
          </p>
          <p>
            <Link href="/learn">Go to the course</Link>
          </p>
        </>
      ) : (
        <>
          <p>
            {cohort.instructorName} invites you to the cohort <strong>{cohort.name}</strong>. Your instructor will see
            your name, email and progress on this course.
          </p>
          <JoinForm code={code} cohortName={cohort.name} />
        </>
      )}
    </>
  );
}
