/**
 * The authoring overview: every exercise in the database (archived ones
 * too — an exercise that broke is archived by the sync and must stay
 * findable), with its folder, check counts and the last sync's problems in
 * that folder; plus the sync's problems that belong to no stored exercise
 * (a folder whose metadata never loaded has no row to hang them on).
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { forbidden } from "../auth/errors";
import { can } from "../auth/permissions";
import { CheckFileSchema } from "../grading/result";
import { readContentVerification, type ContentVerification } from "../exercises/verify-content";
import { problemsUnder, readLastContentSync, type SyncProblem } from "./last-content-sync";

export type AuthoringExerciseRow = {
  id: string;
  title: string;
  sectionTitle: string;
  path: string;
  contentHash: string;
  updatedAt: Date;
  archived: boolean;
  /** Check functions (`def test_…` at the top of a check file), not files. */
  visibleChecks: number;
  hiddenChecks: number;
  /** False when the stored checks do not parse (the verifier would refuse them). */
  checksReadable: boolean;
  problems: SyncProblem[];
  /** The server verifier's run of the reference solution and starter for the current content ("pending" until done). */
  verification: ContentVerification;
};

export function assertCanPreviewContent(actor: SessionUser): void {
  if (!can(actor.role, "content:preview")) throw forbidden("preview course content");
}

export async function listExercisesForAuthoring(db: Db, actor: SessionUser) {
  assertCanPreviewContent(actor);
  const [sync, rows] = await Promise.all([
    readLastContentSync(db),
    db.exercise.findMany({
      orderBy: [{ section: { order: "asc" } }, { order: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        path: true,
        contentHash: true,
        contentVerifiedHash: true,
        contentProblems: true,
        contentVerifiedAt: true,
        updatedAt: true,
        archivedAt: true,
        checks: true,
        section: { select: { title: true } },
      },
    }),
  ]);
  const exercises: AuthoringExerciseRow[] = rows.map((r) => {
    const checks = z.array(CheckFileSchema).safeParse(r.checks);
    const list = checks.success ? checks.data : [];
    return {
      id: r.id,
      title: r.title,
      sectionTitle: r.section.title,
      path: r.path,
      contentHash: r.contentHash,
      updatedAt: r.updatedAt,
      archived: r.archivedAt !== null,
      visibleChecks: countTests(list.filter((c) => c.visibility === "visible")),
      hiddenChecks: countTests(list.filter((c) => c.visibility === "hidden")),
      checksReadable: checks.success,
      problems: problemsUnder(sync.problems, r.path),
      verification: readContentVerification(r),
    };
  });
  const claimed = new Set(exercises.flatMap((e) => e.problems));
  return {
    syncedAt: sync.syncedAt,
    exercises,
    /** Problems of folders and files (course.yaml, lessons, broken exercises) that are not a stored exercise's. */
    otherProblems: sync.problems.filter((p) => !claimed.has(p)),
    problemCount: sync.problems.length,
  };
}

/** The `def test_…` functions the harness collects from these files (fixtures.py holds none). */
function countTests(files: { source: string }[]): number {
  return files.reduce((n, f) => n + (f.source.match(/^(?:async\s+)?def\s+test_\w*\s*\(/gm)?.length ?? 0), 0);
}
