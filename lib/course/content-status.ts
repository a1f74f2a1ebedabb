import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { can } from "../auth/permissions";
import { forbidden } from "../auth/errors";
import type { SessionUser } from "../auth/session";
import { listUnverifiedExercises } from "../exercises/verify-content";

const ProblemSchema = z.object({ path: z.string(), message: z.string(), severity: z.enum(["error", "warning"]) });
export type ContentProblemDTO = z.infer<typeof ProblemSchema>;

/** What instructors see of the last content sync: counts and problems with file paths. */
export async function getContentStatus(actor: SessionUser) {
  if (!can(actor.role, "content:preview")) throw forbidden("see content status");
  const [lastSync, sections, exercises, archived, unverified] = await Promise.all([
    db.contentSync.findFirst({ orderBy: { startedAt: "desc" } }),
    db.section.count({ where: { archivedAt: null } }),
    db.exercise.count({ where: { archivedAt: null } }),
    db.exercise.count({ where: { archivedAt: { not: null } } }),
    listUnverifiedExercises(db),
  ]);
  const problems = z
    .array(ProblemSchema)
    .catch([])
    .parse(lastSync?.problems ?? []);
  // Live exercises whose reference solution and starter the server verifier has not run yet
  // (their problems, once found, are listed on /instructor/exercises).
  return {
    syncedAt: lastSync?.startedAt ?? null,
    sections,
    exercises,
    archived,
    problems,
    notVerifiedYet: unverified.length,
  };
}
