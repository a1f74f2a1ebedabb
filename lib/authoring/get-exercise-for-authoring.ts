/**
 * Everything about one exercise for its author: what a learner sees (prompt,
 * starter, visible checks, hint count, limits) and what a learner never sees
 * before passing (the reference solution, the hidden checks, all hints), with
 * the last sync's problems in its folder. Instructors and admins only; any
 * other role is refused before the exercise is even looked up.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { notFound } from "../auth/errors";
import { CheckFileSchema, type CheckFile } from "../grading/result";
import { readContentVerification, type ContentVerification } from "../exercises/verify-content";
import { problemsUnder, readLastContentSync, type SyncProblem } from "./last-content-sync";
import { assertCanPreviewContent } from "./list-exercises-for-authoring";

export type AuthoringExercise = {
  id: string;
  title: string;
  sectionId: string;
  sectionTitle: string;
  path: string;
  contentHash: string;
  updatedAt: Date;
  archived: boolean;
  prompt: string;
  starter: string;
  solution: string;
  /** Visible first, then hidden (the order the files were loaded in). */
  checks: CheckFile[];
  /** Null when the stored checks do not parse: the page says so instead of running nothing. */
  checksError: string | null;
  hints: string[];
  limits: { timeLimitMs: number; memoryLimitMb: number };
  problems: SyncProblem[];
  /** The server verifier's run of the reference solution and starter for the current content ("pending" until done). */
  verification: ContentVerification;
  syncedAt: Date | null;
};

export async function getExerciseForAuthoring(
  db: Db,
  actor: SessionUser,
  exerciseId: unknown,
): Promise<AuthoringExercise> {
  assertCanPreviewContent(actor);
  if (typeof exerciseId !== "string" || exerciseId.length === 0 || exerciseId.length > 64) throw notFound("Exercise");
  const row = await db.exercise.findUnique({
    where: { id: exerciseId },
    include: { section: { select: { title: true } } },
  });
  if (!row) throw notFound("Exercise");
  const sync = await readLastContentSync(db);
  const checks = z.array(CheckFileSchema).safeParse(row.checks);
  const hints = z.array(z.string()).catch([]).parse(row.hints);
  return {
    id: row.id,
    title: row.title,
    sectionId: row.sectionId,
    sectionTitle: row.section.title,
    path: row.path,
    contentHash: row.contentHash,
    updatedAt: row.updatedAt,
    archived: row.archivedAt !== null,
    prompt: row.prompt,
    starter: row.starter,
    solution: row.solution,
    checks: checks.success ? checks.data : [],
    checksError: checks.success
      ? null
      : "The stored checks do not parse; run `npm run exercises:check` on this folder.",
    hints,
    limits: { timeLimitMs: row.timeLimitMs, memoryLimitMb: row.memoryLimitMb },
    problems: problemsUnder(sync.problems, row.path),
    verification: readContentVerification(row),
    syncedAt: sync.syncedAt,
  };
}
