import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { listCohortsFor } from "@/lib/cohorts/list-cohorts-for";
import { CreateCohortForm } from "./CreateCohortForm";

export const metadata: Metadata = { title: "Cohorts" };
export const dynamic = "force-dynamic";

export default async function CohortsPage() {
  const actor = await requirePageUser("/instructor/cohorts", "cohort:manage");
  const cohorts = await listCohortsFor(db, actor);
  const showOwner = can(actor.role, "cohort:all");
  return (
    <>
      <h1>Cohorts</h1>
      <p>A cohort is a group of learners who join with a link. You choose which sections are open to them.</p>
      <section aria-labelledby="cohort-list-heading">
        <h2 id="cohort-list-heading">{showOwner ? "All cohorts" : "Your cohorts"}</h2>
        {cohorts.length === 0 ? (
          <p>No cohorts yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                {showOwner && <th scope="col">Instructor</th>}
                <th scope="col">Members</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/instructor/cohorts/${c.id}`}>{c.name}</Link>
                  </td>
                  {showOwner && <td>{c.ownerName}</td>}
                  <td>{c.memberCount}</td>
                  <td>
                    <time dateTime={c.createdAt.toISOString()}>{c.createdAt.toISOString().slice(0, 10)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="create-cohort-heading">
        <h2 id="create-cohort-heading">New cohort</h2>
        <CreateCohortForm />
      </section>
    </>
  );
}
