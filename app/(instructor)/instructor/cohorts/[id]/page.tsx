import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { orNotFound, requirePageUser } from "@/lib/auth/page-guard";
import { getCohortForInstructor } from "@/lib/cohorts/get-cohort-for-instructor";
import { JoinLink } from "./JoinLink";
import { SettingsForm } from "./SettingsForm";
import { DeadlinesForm } from "./DeadlinesForm";

export const metadata: Metadata = { title: "Cohort" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function CohortPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageUser(`/instructor/cohorts/${encodeURIComponent(id)}`, "cohort:manage");
  const cohort = await orNotFound(getCohortForInstructor(db, actor, id));
  return (
    <>
      <p>
        <Link href="/instructor/cohorts">All cohorts</Link>
      </p>
      <h1>{cohort.name}</h1>
      <p>
        <Link href={`/instructor/review/cohorts/${encodeURIComponent(cohort.id)}`}>Review submissions</Link> ·{" "}
        <Link href={`/instructor/cohorts/${encodeURIComponent(cohort.id)}/dashboard`}>Dashboard</Link>
      </p>
      <section aria-labelledby="join-heading">
        <h2 id="join-heading">Invite learners</h2>
        <p>Send this link to your learners. Anyone signed in who opens it can join.</p>
        <JoinLink code={cohort.joinCode} />
      </section>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members ({cohort.members.length})</h2>
        {cohort.members.length === 0 ? (
          <p>Nobody has joined yet.</p>
        ) : (
          <table aria-labelledby="members-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {cohort.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{m.email}</td>
                  <td>
                    <time dateTime={m.joinedAt.toISOString()}>
                      {m.joinedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <SettingsForm
          cohortId={cohort.id}
          sections={cohort.sections}
          openSections={cohort.openSections}
          showSolutionAfterPass={cohort.showSolutionAfterPass}
        />
      </section>
      <section aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">Due dates</h2>
        <DeadlinesForm
          cohortId={cohort.id}
          sections={cohort.sections.map((s) => ({ id: s.id, title: s.title, dueAt: s.dueAt?.toISOString() ?? null }))}
        />
      </section>
    </>
  );
}
