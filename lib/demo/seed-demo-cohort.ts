/**
 * Fill a demo cohort, owned by the demo instructor, with synthetic learners
 * and their activity: submissions with check outcomes, progress, hints,
 * drafts, some feedback and a grade override — so the dashboards, the review
 * queue and the exports can be seen and measured locally.
 *
 * Idempotent: a re-run first removes the previous demo cohort and the demo
 * learners (and everything hanging on them), then writes afresh. Only
 * accounts created here are removed: an email on the demo domain AND no way
 * to sign in (no password, no OAuth account), so a real user is never touched.
 *
 * Fast: rows are generated in memory and written with createMany in batches,
 * a few hundred learners per transaction (200k submissions in well under a
 * minute on SQLite).
 */
import crypto from "node:crypto";
import type { Db } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import { openBulkWriter, type BulkWriter } from "../db/bulk-writer";
import type { ProgressState, Verdict } from "../db/generated/enums";
import {
  generateLearnerActivity,
  checkNamesOf,
  seededRandom,
  type DemoExercise,
  type GeneratedLearner,
} from "./synthetic-activity";
import { demoLearnerName } from "./demo-names";

/** The instructor account created by lib/users/demo-accounts.ts on a new database. */
export const DEMO_INSTRUCTOR_EMAIL = "instructor@leakless.local";
export const DEMO_COHORT_ID = "demo-cohort";
export const DEMO_LEARNER_DOMAIN = "demo.leakless.local";

export type SeedDemoOptions = {
  /** Learners in the cohort (default 40). */
  learners?: number;
  /**
   * When set, every learner makes exactly this many submissions on every
   * exercise (1000 learners × 20 exercises × 10 = 200k submissions), the last
   * one passing or not. When unset, each learner's profile decides (a few
   * thousand submissions for 40 learners).
   */
  submissionsPerExercise?: number;
  /** Activity spreads over this many days before `now` (default 21). */
  days?: number;
  /** Seed of the random generator: the same seed gives the same activity (default 1). */
  seed?: number;
  now?: Date;
  instructorEmail?: string;
  /** Learners written per transaction (default 250). */
  batchLearners?: number;
  /** Called after each batch with learners written so far. */
  onProgress?: (learnersDone: number, learnersTotal: number) => void;
};

export type SeedDemoSummary = {
  cohortId: string;
  joinCode: string;
  instructorEmail: string;
  learners: number;
  exercises: number;
  submissions: number;
  checkOutcomes: number;
  hintReveals: number;
  drafts: number;
  feedback: number;
  overrides: number;
  ms: number;
};

export async function seedDemoCohort(db: Db, options: SeedDemoOptions = {}): Promise<SeedDemoSummary> {
  const started = performance.now();
  const learnerCount = options.learners ?? 40;
  if (!Number.isInteger(learnerCount) || learnerCount < 1 || learnerCount > 100_000) {
    throw new RangeError("learners must be an integer between 1 and 100000");
  }
  const perExercise = options.submissionsPerExercise;
  if (perExercise !== undefined && (!Number.isInteger(perExercise) || perExercise < 1 || perExercise > 1000)) {
    throw new RangeError("submissionsPerExercise must be an integer between 1 and 1000");
  }
  const now = options.now ?? new Date();
  const days = options.days ?? 21;
  const random = seededRandom(options.seed ?? 1);
  const instructorEmail = options.instructorEmail ?? DEMO_INSTRUCTOR_EMAIL;

  const instructor = await db.user.findUnique({ where: { email: instructorEmail }, select: { id: true, role: true } });
  if (!instructor || instructor.role === "LEARNER") {
    throw new Error(
      `The demo instructor ${instructorEmail} does not exist (or is a learner). Run \`npm run db:prepare\` on a new database first.`,
    );
  }
  const exercises = await loadDemoExercises(db);
  if (exercises.length === 0) throw new Error("The course has no exercises: sync it first (`npm run db:prepare`).");

  const totals = { submissions: 0, checkOutcomes: 0, hintReveals: 0, drafts: 0, feedback: 0, overrides: 0 };
  const joinCode = `demo-${crypto.randomBytes(6).toString("base64url")}`;
  const writer = await openBulkWriter(db);
  try {
    await removeDemoData(writer);
    // Real accounts on the demo domain (someone signed up with such an address) keep their email.
    const takenEmails = new Set(
      (
        await db.user.findMany({ where: { email: { endsWith: `@${DEMO_LEARNER_DOMAIN}` } }, select: { email: true } })
      ).map((u) => u.email),
    );
    await writer.insert(
      "Cohort",
      ["id", "name", "joinCode", "ownerId", "showSolutionAfterPass", "createdAt"],
      [
        {
          id: DEMO_COHORT_ID,
          name: "Demo cohort (synthetic)",
          joinCode,
          ownerId: instructor.id,
          showSolutionAfterPass: true,
          createdAt: new Date(now.getTime() - (days + 1) * 86_400_000),
        },
      ],
    );
    const windowStart = new Date(now.getTime() - days * 86_400_000);
    const batch = Math.max(1, options.batchLearners ?? 250);
    for (let first = 0; first < learnerCount; first += batch) {
      const rows = buildBatch({
        first,
        count: Math.min(batch, learnerCount - first),
        exercises,
        random,
        perExercise,
        windowStart,
        now,
        instructorId: instructor.id,
        takenEmails,
      });
      await writer.transaction(async () => {
        await writer.insert("User", USER_COLUMNS, rows.users);
        await writer.insert("CohortMember", ["cohortId", "userId", "joinedAt"], rows.members);
        await writer.insert("Submission", SUBMISSION_COLUMNS, rows.submissions);
        await writer.insert("CheckOutcome", ["id", "submissionId", "name", "status", "visibility"], rows.checkOutcomes);
        await writer.insert("HintReveal", ["userId", "exerciseId", "hintIndex", "revealedAt"], rows.hintReveals);
        await writer.insert("Progress", PROGRESS_COLUMNS, rows.progress);
        await writer.insert("Draft", ["userId", "exerciseId", "code", "updatedAt"], rows.drafts);
        await writer.insert("Feedback", FEEDBACK_COLUMNS, rows.feedback);
        await writer.insert("LineComment", ["id", "feedbackId", "line", "body"], rows.lineComments);
        await writer.insert("GradeOverride", OVERRIDE_COLUMNS, rows.overrides);
      });
      totals.submissions += rows.submissions.length;
      totals.checkOutcomes += rows.checkOutcomes.length;
      totals.hintReveals += rows.hintReveals.length;
      totals.drafts += rows.drafts.length;
      totals.feedback += rows.feedback.length;
      totals.overrides += rows.overrides.length;
      options.onProgress?.(first + rows.users.length, learnerCount);
    }
  } finally {
    await writer.close();
  }

  return {
    cohortId: DEMO_COHORT_ID,
    joinCode,
    instructorEmail,
    learners: learnerCount,
    exercises: exercises.length,
    ...totals,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Ids that grow in insertion order (a per-run prefix and a counter): appending
 * to the primary-key B-trees instead of inserting at random places, as random
 * UUIDs would, is what keeps 200k submissions and their check outcomes fast.
 */
let demoIdPrefix = "";
let demoIdCounter = 0;
function demoId(): string {
  if (demoIdCounter === 0 || demoIdCounter > 1e11) {
    demoIdPrefix = `demo${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`;
    demoIdCounter = 0;
  }
  demoIdCounter += 1;
  return `${demoIdPrefix}${demoIdCounter.toString(36).padStart(8, "0")}`;
}

/** Only rows this seed made: demo-domain emails that cannot sign in, and the demo cohort. */
export function demoLearnerWhere(): Prisma.UserWhereInput {
  return {
    email: { endsWith: `@${DEMO_LEARNER_DOMAIN}` },
    passwordHash: null,
    accounts: { none: {} },
    role: "LEARNER",
  };
}

/**
 * Delete what an earlier run made: the demo cohort, and the demo learners
 * (demoLearnerWhere, as SQL) with everything hanging on them. Subqueries let
 * the database do the work instead of reading ids into Node; children go
 * first, explicitly, so this does not depend on foreign-key enforcement.
 */
async function removeDemoData(writer: BulkWriter): Promise<void> {
  const learnerIds = `SELECT u."id" FROM "User" u
    WHERE u."email" LIKE ? AND u."passwordHash" IS NULL AND u."role" = 'LEARNER'
      AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a."userId" = u."id")`;
  const submissionIds = `SELECT s."id" FROM "Submission" s WHERE s."userId" IN (${learnerIds})`;
  const pattern = `%@${DEMO_LEARNER_DOMAIN}`;
  await writer.transaction(async () => {
    await writer.run(
      `DELETE FROM "RegradeItem" WHERE "jobId" IN (SELECT "id" FROM "RegradeJob" WHERE "cohortId" = ?)`,
      DEMO_COHORT_ID,
    );
    await writer.run(`DELETE FROM "RegradeJob" WHERE "cohortId" = ?`, DEMO_COHORT_ID);
    await writer.run(`DELETE FROM "CheckOutcome" WHERE "submissionId" IN (${submissionIds})`, pattern);
    await writer.run(
      `DELETE FROM "LineComment" WHERE "feedbackId" IN (SELECT f."id" FROM "Feedback" f WHERE f."submissionId" IN (${submissionIds}))`,
      pattern,
    );
    for (const table of ["Feedback", "GradeOverride", "RegradeItem"]) {
      await writer.run(`DELETE FROM "${table}" WHERE "submissionId" IN (${submissionIds})`, pattern);
    }
    for (const table of ["Submission", "Progress", "HintReveal", "Draft", "CohortMember"]) {
      await writer.run(`DELETE FROM "${table}" WHERE "userId" IN (${learnerIds})`, pattern);
    }
    await writer.run(`DELETE FROM "CohortMember" WHERE "cohortId" = ?`, DEMO_COHORT_ID);
    await writer.run(`DELETE FROM "Cohort" WHERE "id" = ?`, DEMO_COHORT_ID);
    await writer.run(`DELETE FROM "User" WHERE "id" IN (${learnerIds})`, pattern);
  });
}

async function loadDemoExercises(db: Db): Promise<DemoExercise[]> {
  const rows = await db.exercise.findMany({
    where: { archivedAt: null, section: { archivedAt: null } },
    orderBy: [{ section: { order: "asc" } }, { order: "asc" }],
    select: { id: true, starter: true, solution: true, contentHash: true, difficulty: true, hints: true, checks: true },
  });
  return rows.map((e) => ({
    id: e.id,
    starter: e.starter,
    solution: e.solution,
    contentHash: e.contentHash,
    difficulty: e.difficulty,
    hintCount: Array.isArray(e.hints) ? e.hints.length : 0,
    checks: checkNamesOf(e.checks),
  }));
}

const SUBMISSION_COLUMNS = [
  "id",
  "userId",
  "exerciseId",
  "code",
  "createdAt",
  "exerciseHash",
  "clientVerdict",
  "state",
  "verdict",
  "result",
  "attempts",
  "durationMs",
  "verifiedAt",
  "hintsUsed",
];
const PROGRESS_COLUMNS = [
  "userId",
  "exerciseId",
  "state",
  "attempts",
  "hintsUsed",
  "firstPassedAt",
  "lastSubmissionId",
  "overrideVerdict",
  "updatedAt",
];
const USER_COLUMNS = ["id", "email", "name", "role", "sessionVersion", "createdAt", "lastActiveAt"];
const FEEDBACK_COLUMNS = ["id", "submissionId", "authorId", "body", "status", "createdAt", "readAt"];
const OVERRIDE_COLUMNS = ["id", "submissionId", "actorId", "fromVerdict", "toVerdict", "reason", "createdAt"];

type BatchInput = {
  first: number;
  count: number;
  exercises: DemoExercise[];
  random: () => number;
  perExercise: number | undefined;
  windowStart: Date;
  now: Date;
  instructorId: string;
  takenEmails: Set<string>;
};

const FEEDBACK_NEEDS_REVISION = [
  "The list still holds every object: look at what `append` keeps alive after the call returns.",
  "Close, but the callback is a bound method, so it keeps `self` alive. Try a weak reference.",
  "You free the cycle with `gc.collect()`; the exercise asks you not to create it in the first place.",
];
const FEEDBACK_APPROVED = ["Clean solution: nothing outlives its use.", "Nice use of `weakref` here."];

function buildBatch(b: BatchInput) {
  const users: Prisma.UserCreateManyInput[] = [];
  const members: Prisma.CohortMemberCreateManyInput[] = [];
  const submissions: Prisma.SubmissionCreateManyInput[] = [];
  const checkOutcomes: Prisma.CheckOutcomeCreateManyInput[] = [];
  const hintReveals: Prisma.HintRevealCreateManyInput[] = [];
  const progress: Prisma.ProgressCreateManyInput[] = [];
  const drafts: Prisma.DraftCreateManyInput[] = [];
  const feedback: Prisma.FeedbackCreateManyInput[] = [];
  const lineComments: Prisma.LineCommentCreateManyInput[] = [];
  const overrides: Prisma.GradeOverrideCreateManyInput[] = [];
  const hashOf = new Map(b.exercises.map((e) => [e.id, e.contentHash]));
  // The README promises an override in the demo: the first batch makes sure of one.
  let overrideMade = b.first > 0;

  for (let i = b.first; i < b.first + b.count; i += 1) {
    const userId = demoId();
    const activity = generateLearnerActivity({
      exercises: b.exercises,
      random: b.random,
      submissionsPerExercise: b.perExercise,
      windowStart: b.windowStart,
      now: b.now,
      newId: demoId,
    });
    const firstAt = activity.submissions[0]?.createdAt ?? b.windowStart;
    const lastAt = activity.submissions[activity.submissions.length - 1]?.createdAt ?? null;
    users.push({
      id: userId,
      email: demoEmail(i, b.takenEmails),
      name: demoLearnerName(i),
      role: "LEARNER",
      sessionVersion: 0,
      createdAt: new Date(firstAt.getTime() - 3_600_000),
      lastActiveAt: lastAt,
    });
    members.push({ cohortId: DEMO_COHORT_ID, userId, joinedAt: new Date(firstAt.getTime() - 1_800_000) });

    for (const s of activity.submissions) {
      submissions.push({
        id: s.id,
        userId,
        exerciseId: s.exerciseId,
        code: s.code,
        createdAt: s.createdAt,
        exerciseHash: hashOf.get(s.exerciseId) ?? "",
        clientVerdict: s.verdict,
        state: "DONE",
        verdict: s.verdict,
        result: s.result as unknown as Prisma.InputJsonValue,
        attempts: 1,
        durationMs: s.durationMs,
        verifiedAt: new Date(s.createdAt.getTime() + s.durationMs),
        hintsUsed: s.hintsUsed,
      });
      for (const t of s.result.tests) {
        checkOutcomes.push({
          id: demoId(),
          submissionId: s.id,
          name: t.name,
          status: t.status,
          visibility: t.visibility,
        });
      }
    }
    for (const h of activity.hintReveals) hintReveals.push({ userId, ...h });
    if (activity.draft) drafts.push({ userId, ...activity.draft });

    for (const p of progressOf(activity)) {
      const row: Prisma.ProgressCreateManyInput = { userId, ...p.row };
      // Now and then the instructor reviews a learner's latest work on an exercise.
      const roll = b.random();
      if (p.row.state === "ATTEMPTED" && p.row.attempts >= 4 && roll < 0.3) {
        addFeedback(p.lastSubmissionId, "NEEDS_REVISION", FEEDBACK_NEEDS_REVISION, p.lastAt);
      } else if (p.row.state === "PASSED" && roll < 0.04) {
        addFeedback(p.lastSubmissionId, "APPROVED", FEEDBACK_APPROVED, p.lastAt);
      }
      // About one stuck learner in ten has an instructor's override to PASSED (a check was too strict).
      if (p.row.state === "ATTEMPTED" && (!overrideMade || (p.row.attempts >= 6 && roll > 0.9))) {
        overrideMade = true;
        const at = new Date(p.lastAt.getTime() + 7_200_000);
        overrides.push({
          id: demoId(),
          submissionId: p.lastSubmissionId,
          actorId: b.instructorId,
          fromVerdict: p.lastVerdict,
          toVerdict: "PASSED",
          reason: "The hidden check was too strict for this (correct) approach.",
          createdAt: at,
        });
        Object.assign(row, { overrideVerdict: "PASSED", state: "PASSED", firstPassedAt: at });
      }
      progress.push(row);
    }
  }
  return {
    users,
    members,
    submissions,
    checkOutcomes,
    hintReveals,
    progress,
    drafts,
    feedback,
    lineComments,
    overrides,
  };

  function addFeedback(submissionId: string, status: "APPROVED" | "NEEDS_REVISION", bodies: string[], after: Date) {
    const id = demoId();
    const createdAt = new Date(after.getTime() + 3_600_000);
    feedback.push({
      id,
      submissionId,
      authorId: b.instructorId,
      body: bodies[Math.floor(b.random() * bodies.length)],
      status,
      createdAt: createdAt > b.now ? b.now : createdAt,
      readAt: b.random() < 0.5 ? null : b.now,
    });
    if (status === "NEEDS_REVISION")
      lineComments.push({
        id: demoId(),
        feedbackId: id,
        line: 3,
        body: "This reference outlives the call.",
      });
  }
}

function demoEmail(index: number, taken: Set<string>): string {
  const base = `learner-${String(index + 1).padStart(5, "0")}`;
  let email = `${base}@${DEMO_LEARNER_DOMAIN}`;
  for (let n = 2; taken.has(email); n += 1) email = `${base}-${n}@${DEMO_LEARNER_DOMAIN}`;
  taken.add(email);
  return email;
}

/** Progress rows by the same rules as lib/progress/recompute-progress.ts, from the generated submissions. */
function progressOf(activity: GeneratedLearner) {
  const byExercise = new Map<string, GeneratedLearner["submissions"]>();
  for (const s of activity.submissions) {
    const list = byExercise.get(s.exerciseId) ?? [];
    list.push(s);
    byExercise.set(s.exerciseId, list);
  }
  const hints = new Map<string, number>();
  for (const h of activity.hintReveals) hints.set(h.exerciseId, (hints.get(h.exerciseId) ?? 0) + 1);
  return [...byExercise.entries()].map(([exerciseId, subs]) => {
    const firstPass = subs.find((s) => s.verdict === "PASSED");
    const last = subs[subs.length - 1];
    const state: ProgressState = firstPass ? "PASSED" : "ATTEMPTED";
    return {
      lastSubmissionId: last.id,
      lastAt: last.createdAt,
      lastVerdict: last.verdict as Verdict,
      row: {
        exerciseId,
        state,
        attempts: subs.length,
        hintsUsed: hints.get(exerciseId) ?? 0,
        firstPassedAt: firstPass ? new Date(firstPass.createdAt.getTime() + firstPass.durationMs) : null,
        lastSubmissionId: last.id,
        updatedAt: last.createdAt,
      },
    };
  });
}
