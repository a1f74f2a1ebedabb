/**
 * The `exercises:check` gate, run by the server on what the last sync stored:
 * every live exercise whose current content hash has not been verified yet gets
 * its reference solution (must pass every check, visible and hidden) and its
 * starter (must fail a visible check) run through the verifier, and the
 * problems found are stored on the exercise with the file paths of
 * `verifyExercise` (lib/exercises/check.ts, the same rules as the CLI).
 *
 * Done once per content version: the outcome is keyed by the hash it was
 * computed for, so a restart with unchanged content runs nothing, and an edit
 * (new hash) makes the exercise "not verified yet" again.
 *
 * A server queues one job per exercise and content version (lib/jobs), so a
 * course is verified once across all instances, after learners' submissions.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import { CheckFileSchema } from "../grading/result";
import { verifyExercise, type Verify } from "./check";
import type { ContentProblem, Exercise } from "./load";
import { finishJob, underLease, type Lease } from "../jobs/lease";

const ProblemSchema = z.object({ path: z.string(), message: z.string(), severity: z.enum(["error", "warning"]) });
export type ContentVerificationProblem = z.infer<typeof ProblemSchema>;

/** What the authoring pages show of an exercise's content verification. */
export type ContentVerification =
  { state: "pending" } | { state: "verified"; verifiedAt: Date | null; problems: ContentVerificationProblem[] };

/** Reads the stored outcome; an outcome for an older hash counts as "not verified yet". */
export function readContentVerification(row: {
  contentHash: string;
  contentVerifiedHash: string | null;
  contentProblems: unknown;
  contentVerifiedAt: Date | null;
}): ContentVerification {
  if (row.contentVerifiedHash !== row.contentHash) return { state: "pending" };
  return {
    state: "verified",
    verifiedAt: row.contentVerifiedAt,
    // A stored value that does not parse shows as "no problems" rather than breaking the page.
    problems: z
      .array(ProblemSchema)
      .catch([])
      .parse(row.contentProblems ?? []),
  };
}

export type VerifyContentOptions = {
  /**
   * Runs per program (solution and starter). Two catch most flaky checks at
   * twice the cost of one; the CLI's default of three stays the thorough gate.
   */
  runs?: number;
  /** Called after each exercise is recorded (logs, tests). */
  onExercise?: (outcome: { id: string; path: string; problems: ContentProblem[] }) => void;
};

export type VerifyContentReport = { verified: number; withErrors: number; skipped: number };

/** Live exercises whose stored outcome is missing or for another content hash. */
export async function listUnverifiedExercises(db: Db): Promise<{ id: string; contentHash: string }[]> {
  const rows = await db.exercise.findMany({
    where: { archivedAt: null },
    orderBy: [{ section: { order: "asc" } }, { order: "asc" }, { id: "asc" }],
    select: { id: true, contentHash: true, contentVerifiedHash: true },
  });
  return rows.filter((r) => r.contentVerifiedHash !== r.contentHash);
}

export type ExerciseContentOutcome =
  | { kind: "recorded"; path: string; problems: ContentProblem[] }
  /** The exercise is gone, archived or changed since the job was queued: nothing to record. */
  | { kind: "stale" }
  /** The job's lease was lost to another worker: nothing recorded. */
  | { kind: "lost" };

/**
 * Verifies one exercise's content at `contentHash` and records the outcome,
 * under the job's lease when run by the job runner (lib/jobs). Throws when
 * the verifier itself fails (the pool closed, its process died twice); the
 * exercise then stays pending.
 */
export async function verifyExerciseContent(
  db: Db,
  verify: Verify,
  id: string,
  contentHash: string,
  options: { runs?: number; lease?: Lease } = {},
): Promise<ExerciseContentOutcome> {
  const { lease } = options;
  const row = await db.exercise.findUnique({ where: { id } });
  if (!row || row.archivedAt || row.contentHash !== contentHash) {
    return (await underLease(() => db.$transaction((tx) => finishJob(tx, lease))))
      ? { kind: "stale" }
      : { kind: "lost" };
  }
  const exercise = exerciseFromRow(row);
  const problems: ContentProblem[] = exercise
    ? (await verifyExercise(exercise, verify, options.runs ?? 2)).problems
    : // Stored checks that do not parse are already shown by the authoring page; nothing to run.
      [
        {
          path: `${row.path}/checks`,
          message: "the stored checks do not parse; re-sync the course",
          severity: "error",
        },
      ];
  let recorded = false;
  const held = await underLease(() =>
    db.$transaction(async (tx) => {
      await finishJob(tx, lease);
      // Recorded only if the content is still the one that ran (a sync may have changed it meanwhile).
      const { count } = await tx.exercise.updateMany({
        where: { id, contentHash },
        data: { contentVerifiedHash: contentHash, contentProblems: problems, contentVerifiedAt: new Date() },
      });
      recorded = count === 1;
    }),
  );
  if (!held) return { kind: "lost" };
  return recorded ? { kind: "recorded", path: row.path, problems } : { kind: "stale" };
}

/**
 * Verifies every unverified live exercise, one after the other, in this
 * process (the `exercises:check`-style gate for scripts and tests; a server
 * queues one job per exercise instead: lib/jobs/enqueue.ts). An exercise whose
 * verification throws is skipped and stays pending.
 */
export async function verifyPendingContent(
  db: Db,
  verify: Verify,
  options: VerifyContentOptions = {},
): Promise<VerifyContentReport> {
  const report: VerifyContentReport = { verified: 0, withErrors: 0, skipped: 0 };
  for (const { id, contentHash } of await listUnverifiedExercises(db)) {
    let outcome: ExerciseContentOutcome;
    try {
      outcome = await verifyExerciseContent(db, verify, id, contentHash, { runs: options.runs });
    } catch {
      report.skipped++;
      continue;
    }
    if (outcome.kind !== "recorded") continue;
    report.verified++;
    if (outcome.problems.some((p) => p.severity === "error")) report.withErrors++;
    options.onExercise?.({ id, path: outcome.path, problems: outcome.problems });
  }
  return report;
}

/** The loader's shape rebuilt from a stored row: what `verifyExercise` reads (dir, code, checks, limits). */
function exerciseFromRow(row: {
  id: string;
  slug: string;
  sectionId: string;
  title: string;
  order: number;
  difficulty: number;
  tags: unknown;
  hints: unknown;
  prompt: string;
  starter: string;
  solution: string;
  checks: unknown;
  timeLimitMs: number;
  memoryLimitMb: number;
  contentHash: string;
  path: string;
}): Exercise | null {
  const checks = z.array(CheckFileSchema).safeParse(row.checks);
  if (!checks.success) return null;
  return {
    id: row.id,
    slug: row.slug,
    dir: row.path,
    meta: {
      id: row.id,
      title: row.title,
      section: row.sectionId,
      order: row.order,
      difficulty: row.difficulty,
      tags: z.array(z.string()).catch([]).parse(row.tags),
      hints: z.array(z.string()).catch([]).parse(row.hints),
      limits: { timeLimitMs: row.timeLimitMs, memoryLimitMb: row.memoryLimitMb },
    },
    prompt: row.prompt,
    starter: row.starter,
    solution: row.solution,
    checks: checks.data,
    contentHash: row.contentHash,
    // The author's wrong/right programs are never stored: exercises:check runs them from the files.
    cases: [],
  };
}
