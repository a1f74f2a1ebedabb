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
 * Exercises are verified one at a time: a course of twenty exercises then
 * holds at most one verifier process at any moment, and learners' submissions
 * queued in the same pool are never starved.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import { CheckFileSchema } from "../grading/result";
import { verifyExercise, type Verify } from "./check";
import type { ContentProblem, Exercise } from "./load";

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

/**
 * Verifies every unverified live exercise, one after the other, and records
 * each outcome as soon as it is known (a restart mid-way loses at most the
 * exercise in flight). An exercise whose verification throws (the pool was
 * closed, the process died twice) is skipped and stays pending for the next start.
 */
export async function verifyPendingContent(
  db: Db,
  verify: Verify,
  options: VerifyContentOptions = {},
): Promise<VerifyContentReport> {
  const report: VerifyContentReport = { verified: 0, withErrors: 0, skipped: 0 };
  for (const { id, contentHash } of await listUnverifiedExercises(db)) {
    const row = await db.exercise.findUnique({ where: { id } });
    if (!row || row.archivedAt || row.contentHash !== contentHash) continue;
    const exercise = exerciseFromRow(row);
    if (!exercise) {
      // Stored checks that do not parse are already shown by the authoring page; nothing to run.
      await record(db, id, contentHash, [
        {
          path: `${row.path}/checks`,
          message: "the stored checks do not parse; re-sync the course",
          severity: "error",
        },
      ]);
      report.verified++;
      report.withErrors++;
      continue;
    }
    let problems: ContentProblem[];
    try {
      problems = (await verifyExercise(exercise, verify, options.runs ?? 2)).problems;
    } catch {
      report.skipped++;
      continue;
    }
    // Recorded only if the content is still the one that ran (a sync may have changed it meanwhile).
    if (await record(db, id, contentHash, problems)) {
      report.verified++;
      if (problems.some((p) => p.severity === "error")) report.withErrors++;
      options.onExercise?.({ id, path: row.path, problems });
    }
  }
  return report;
}

async function record(db: Db, id: string, contentHash: string, problems: ContentProblem[]): Promise<boolean> {
  const { count } = await db.exercise.updateMany({
    where: { id, contentHash },
    data: { contentVerifiedHash: contentHash, contentProblems: problems, contentVerifiedAt: new Date() },
  });
  return count === 1;
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

/**
 * Server start: verify in the background (never awaited by the caller, so it
 * cannot delay start-up), after whatever the caller queued first. Errors are
 * logged; what did not finish stays pending for the next start.
 */
export function startContentVerification(
  db: Db,
  verify: Verify,
  options: { after?: Promise<unknown>; log?: Pick<Console, "info" | "error"> } = {},
): void {
  const log = options.log ?? console;
  // Learners' resumed submissions go first: content checks wait until that backlog is done.
  void Promise.resolve(options.after)
    .catch(() => undefined)
    .then(() =>
      verifyPendingContent(db, verify, {
        onExercise: ({ path, problems }) => {
          if (problems.length > 0) log.info(`[content] ${path}: ${problems.length} problem(s) found by the verifier`);
        },
      }),
    )
    .then(
      (r) => {
        if (r.verified + r.skipped > 0) {
          log.info(`[content] verified ${r.verified} exercise(s), ${r.withErrors} with errors, ${r.skipped} skipped`);
        }
      },
      (error: unknown) => log.error("[content] could not verify exercise content", error),
    );
}
