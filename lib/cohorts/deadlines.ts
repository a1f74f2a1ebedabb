/**
 * Due dates per cohort and section. An instructor sets them in the cohort's
 * settings; learners see them on the course map and the exercise page (with
 * several cohorts, the latest due date wins, as the most generous cohort
 * does for open sections); a submission made after its section's due date
 * is late on that cohort's dashboard and in its CSV export.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { parseWith } from "../http/errors";
import { findManagedCohort } from "./cohort-scope";
import { UnknownSectionError } from "./update-cohort-settings";

export const DeadlinesSchema = z
  .array(
    z.object({
      sectionId: z.string().min(1).max(64),
      /** ISO 8601; null or "" removes the section's due date. */
      dueAt: z.union([z.iso.datetime({ offset: true, message: "Enter a valid due date." }), z.literal(""), z.null()]),
    }),
  )
  .max(200);

/** Replaces the cohort's due dates with `input` (sections left out keep none). */
export async function setSectionDeadlines(db: Db, actor: SessionUser, cohortId: unknown, input: unknown) {
  const cohort = await findManagedCohort(db, actor, cohortId, { id: true });
  const wanted = parseWith(DeadlinesSchema, input).filter((d) => d.dueAt);
  const ids = [...new Set(wanted.map((d) => d.sectionId))];
  const known = new Set(
    (await db.section.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id),
  );
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UnknownSectionError(unknown);
  await db.$transaction([
    db.sectionDeadline.deleteMany({ where: { cohortId: cohort.id } }),
    db.sectionDeadline.createMany({
      data: wanted.map((d) => ({ cohortId: cohort.id, sectionId: d.sectionId, dueAt: new Date(d.dueAt!) })),
    }),
  ]);
}

/** sectionId → due date for one cohort (its dashboard, its export, its settings). */
export async function cohortDeadlines(db: Db, cohortId: string): Promise<Map<string, Date>> {
  const rows = await db.sectionDeadline.findMany({ where: { cohortId }, select: { sectionId: true, dueAt: true } });
  return new Map(rows.map((r) => [r.sectionId, r.dueAt]));
}

/** sectionId → due date for a learner: the latest among their live cohorts. */
export async function learnerDeadlines(db: Db, userId: string): Promise<Map<string, Date>> {
  const rows = await db.sectionDeadline.findMany({
    where: { cohort: { archivedAt: null, members: { some: { userId } } } },
    select: { sectionId: true, dueAt: true },
  });
  const due = new Map<string, Date>();
  for (const r of rows) {
    const seen = due.get(r.sectionId);
    if (!seen || r.dueAt > seen) due.set(r.sectionId, r.dueAt);
  }
  return due;
}

/** Made after its due date (none = never late). */
export function isLate(createdAt: Date, dueAt: Date | undefined): boolean {
  return dueAt !== undefined && createdAt.getTime() > dueAt.getTime();
}
