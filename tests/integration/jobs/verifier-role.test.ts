/**
 * The workers' PostgreSQL role, `deploy/verifier-role.sql`, applied as a
 * deployer would on this file's database: a job runner connected as it does
 * all three kinds of work end to end (a learner's submission, a regrade item,
 * an exercise's content check), and it cannot read what a worker never needs
 * (accounts, password hashes, cohorts, drafts, feedback). PostgreSQL pass
 * only: on SQLite there is no separate credential (lib/verifier/README.md).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { providerOf } from "@/lib/db/provider";
import { contentJob, enqueueJobs, submissionJob } from "@/lib/jobs/enqueue";
import { createJobRunner } from "@/lib/jobs/runner";
import { startRegrade } from "@/lib/regrade/start-regrade";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { testDb } from "../../setup/db";
import { ROOT } from "../../setup/paths";
import { createExercise, createUser, SOLUTION } from "../submissions/support";

const url = process.env.DATABASE_URL!;
const onPostgres = providerOf(url) === "postgresql" ? describe : describe.skip;

onPostgres("the verifier workers' PostgreSQL role", () => {
  const owner = testDb();
  let worker: Db;
  let pool: VerifierPool;

  beforeAll(async () => {
    // As README "Deployment" says: run the file as the database owner, with the role's password.
    const password = crypto.randomBytes(16).toString("hex");
    const sql = fs
      .readFileSync(path.join(ROOT, "deploy/verifier-role.sql"), "utf8")
      .replace(":verifier_password", `'${password}'`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
    const asWorker = new URL(url);
    asWorker.username = "leakless_verifier";
    asWorker.password = password;
    worker = createPrismaClient(asWorker.toString());
    pool = createVerifierPool({ size: 1, log: () => {} });
  });
  afterAll(async () => {
    await pool?.close();
    await worker?.$disconnect();
    await owner.$disconnect();
  });

  /** Runs every queued job with a runner connected as the role, until the queue is empty. */
  async function runQueueAsWorker(): Promise<string[]> {
    const problems: string[] = [];
    const runner = createJobRunner(worker, {
      pool,
      concurrency: 1,
      contentRuns: 1,
      log: (line) => problems.push(line),
      onOutcome: (job, outcome) => {
        if (outcome.kind !== "done") problems.push(`${job.kind}: ${JSON.stringify(outcome)}`);
      },
    });
    await runner.drained();
    await runner.close();
    return problems;
  }

  test("a worker connected as the role verifies a submission, a regrade item and an exercise's content", async () => {
    const exerciseId = await createExercise(owner);
    const teacher = await createUser(owner, "INSTRUCTOR");
    const learner = await createUser(owner);
    const cohort = await createCohort(owner, teacher, { name: "Role" });
    await joinCohort(owner, learner, { code: cohort.joinCode });
    const exercise = await owner.exercise.findUniqueOrThrow({ where: { id: exerciseId } });

    // A learner's submission.
    const submission = await owner.submission.create({
      data: { userId: learner.id, exerciseId, code: SOLUTION, state: "QUEUED", exerciseHash: exercise.contentHash },
    });
    await owner.$transaction((tx) => enqueueJobs(tx, [submissionJob(submission.id)]));
    expect(await runQueueAsWorker()).toEqual([]);
    expect(await owner.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      state: "DONE",
      verdict: "PASSED",
    });
    expect(await owner.checkOutcome.count({ where: { submissionId: submission.id } })).toBe(2);
    expect(
      await owner.progress.findUniqueOrThrow({
        where: { userId_exerciseId: { userId: learner.id, exerciseId } },
      }),
    ).toMatchObject({ state: "PASSED", attempts: 1, lastSubmissionId: submission.id });

    // The checks change: a regrade of the learner's latest submission, and a content check.
    const changed = await owner.exercise.update({ where: { id: exerciseId }, data: { contentHash: "changed" } });
    const regrade = await startRegrade(owner, teacher, { exerciseId });
    expect(regrade.total).toBe(1);
    await owner.$transaction((tx) => enqueueJobs(tx, [contentJob(exerciseId, changed.contentHash)]));
    expect(await runQueueAsWorker()).toEqual([]);
    expect(await owner.regradeJob.findUniqueOrThrow({ where: { id: regrade.jobId } })).toMatchObject({
      state: "DONE",
      done: 1,
    });
    expect(await owner.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      verdict: "PASSED",
      exerciseHash: "changed",
    });
    expect(await owner.exercise.findUniqueOrThrow({ where: { id: exerciseId } })).toMatchObject({
      contentVerifiedHash: "changed",
    });
    expect(await owner.job.count({ where: { state: { not: "DONE" } } })).toBe(0);
  }, 120_000);

  test.each([
    ["accounts and password hashes", `SELECT "email", "passwordHash" FROM "User"`],
    ["OAuth tokens", `SELECT * FROM "Account"`],
    ["sign-in attempts", `SELECT * FROM "SignInAttempt"`],
    ["cohorts and their members", `SELECT * FROM "CohortMember"`],
    ["drafts", `SELECT * FROM "Draft"`],
    ["instructors' feedback", `SELECT * FROM "Feedback"`],
    ["grade overrides", `SELECT * FROM "GradeOverride"`],
  ])("the role cannot read %s", async (_what, query) => {
    await expect(worker.$queryRawUnsafe(query)).rejects.toThrow(/permission denied/);
  });

  test("the role cannot change what it was not given: a user's role, a submission's code", async () => {
    await expect(worker.$executeRawUnsafe(`UPDATE "User" SET "role" = 'ADMIN'`)).rejects.toThrow(/permission denied/);
    await expect(worker.$executeRawUnsafe(`UPDATE "Submission" SET "code" = ''`)).rejects.toThrow(/permission denied/);
  });
});
