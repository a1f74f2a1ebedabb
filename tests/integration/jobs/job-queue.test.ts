/**
 * The job queue on the real database (lib/jobs, lib/db/job-queue-sql.ts):
 * claims by concurrent worker processes take each job exactly once; a lease
 * that runs out unrenewed is taken over; only the lease holder's verdict is
 * stored; learners' submissions go before content checks and regrades; a
 * draining `npm run verifier` releases the job it holds; a content check the
 * verifier keeps failing on is given up.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { claimJobs, renewLeases } from "@/lib/db/job-queue-sql";
import { contentJob, enqueueJobs, regradeItemJob, submissionJob } from "@/lib/jobs/enqueue";
import { finishJob, LeaseLostError } from "@/lib/jobs/lease";
import { createJobRunner, MAX_CONTENT_CLAIMS } from "@/lib/jobs/runner";
import { verifySubmission } from "@/lib/submissions/verify-submission";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { testDb } from "../../setup/db";
import { ROOT } from "../../setup/paths";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
let pool: VerifierPool | null = null;
afterAll(async () => {
  await pool?.close();
  await db.$disconnect();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Jobs about nothing in particular: claiming does not look at the subject. */
async function queueJobs(n: number, prefix: string): Promise<string[]> {
  const jobs = Array.from({ length: n }, (_, i) => submissionJob(`${prefix}-${i}`));
  await db.$transaction((tx) => enqueueJobs(tx, jobs));
  const rows = await db.job.findMany({ where: { subjectId: { startsWith: `${prefix}-` } }, select: { id: true } });
  return rows.map((r) => r.id);
}

async function submission(code: string, timeLimitMs = 5_000) {
  const exerciseId = await createExercise(db, { timeLimitMs });
  const user = await createUser(db);
  const row = await db.submission.create({
    data: { userId: user.id, exerciseId, code, state: "QUEUED", exerciseHash: "h" },
  });
  await db.$transaction((tx) => enqueueJobs(tx, [submissionJob(row.id)]));
  const job = await db.job.findUniqueOrThrow({ where: { key: `submission:${row.id}` } });
  return { submission: row, job };
}

/** A TypeScript entry point as one process (tsx as a loader, as `npm run verifier` runs it), so signals reach it directly. */
function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => out };
}

test("four worker processes claiming at once take every job exactly once", async () => {
  const ids = await queueJobs(60, "race");
  const go = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "leakless-claim-")), "go");
  const owners = ["w1", "w2", "w3", "w4"];
  const claimers = owners.map((owner) => run(["tests/integration/jobs/claimer.ts", owner, go]));
  // Each process takes a moment to start; once all are connected they begin at the same instant.
  while (!owners.every((o) => fs.existsSync(`${go}.${o}.ready`))) await sleep(50);
  fs.writeFileSync(go, "");
  const codes = await Promise.all(claimers.map((c) => c.exited));
  expect(codes).toEqual([0, 0, 0, 0]);
  const got = claimers.map((c) => JSON.parse(c.output().trim().split("\n").pop()!) as string[]);
  const all = got.flat();
  expect(all.sort()).toEqual([...ids].sort());
  expect(new Set(all).size).toBe(all.length);
  // Spread over the workers rather than one taking everything (they really ran at once).
  expect(got.filter((g) => g.length > 0).length).toBeGreaterThan(1);
  const rows = await db.job.findMany({ where: { id: { in: ids } } });
  expect(rows.every((r) => r.state === "RUNNING" && r.attempts === 1)).toBe(true);
  await db.job.deleteMany({ where: { id: { in: ids } } });
}, 60_000);

test("a lease that runs out unrenewed is taken over; the first holder can no longer finish the job", async () => {
  const [id] = await queueJobs(1, "lease");
  const [a] = await claimJobs(db, "worker-a", 10, 300);
  expect(a).toMatchObject({ id, attempts: 1 });
  // Held: nobody else gets it, and the holder may renew.
  expect(await claimJobs(db, "worker-b", 10, 60_000)).toEqual([]);
  expect(await renewLeases(db, "worker-a", 300)).toEqual(new Set([id]));
  await sleep(400);
  const [b] = await claimJobs(db, "worker-b", 10, 60_000);
  expect(b).toMatchObject({ id, attempts: 2 });
  expect(await renewLeases(db, "worker-a", 300)).toEqual(new Set());
  await expect(db.$transaction((tx) => finishJob(tx, { jobId: id, owner: "worker-a" }))).rejects.toBeInstanceOf(
    LeaseLostError,
  );
  await db.$transaction((tx) => finishJob(tx, { jobId: id, owner: "worker-b" }));
  expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "DONE", leaseOwner: null });
});

test("learners' submissions are claimed before content checks, and content checks before regrades", async () => {
  // Queued in the opposite order: age alone would put the regrade first.
  await db.$transaction((tx) => enqueueJobs(tx, [regradeItemJob("prio-item")]));
  await sleep(5);
  await db.$transaction((tx) => enqueueJobs(tx, [contentJob("prio-exercise", "hash")]));
  await sleep(5);
  await db.$transaction((tx) => enqueueJobs(tx, [submissionJob("prio-submission")]));
  const order: string[] = [];
  for (
    let claimed = await claimJobs(db, "w", 1, 60_000);
    claimed.length > 0;
    claimed = await claimJobs(db, "w", 1, 60_000)
  ) {
    order.push(...claimed.map((j) => j.kind));
  }
  expect(order).toEqual(["VERIFY_SUBMISSION", "VERIFY_CONTENT", "REGRADE_ITEM"]);
});

test("only the lease holder's verdict is stored: a worker that ran past its lease stores nothing", async () => {
  pool = createVerifierPool({ size: 2, graceMs: 2_000, log: () => {} });
  await pool.warmedUp();
  // Slow enough that the first worker is still verifying when its lease is taken over.
  const slow = "import time\ntime.sleep(1.5)\n\ndef double(x):\n    return 2 * x\n";
  const { submission: s, job } = await submission(slow);
  await claimJobs(db, "worker-a", 1, 200);
  const first = verifySubmission(db, pool, s.id, { jobId: job.id, owner: "worker-a" });
  await sleep(500);
  // Worker A never renewed (as if it hung): B takes the job over while A's run is in flight.
  const [taken] = await claimJobs(db, "worker-b", 1, 60_000);
  expect(taken.id).toBe(job.id);
  const second = verifySubmission(db, pool, s.id, { jobId: job.id, owner: "worker-b" });
  expect(await first).toEqual({ kind: "lost" });
  expect(await second).toEqual({ kind: "done", verdict: "PASSED" });
  const row = await db.submission.findUniqueOrThrow({ where: { id: s.id }, include: { checks: true } });
  expect(row).toMatchObject({ state: "DONE", verdict: "PASSED", attempts: 2 });
  // One verdict's check outcomes, not two.
  expect(row.checks).toHaveLength(2);
  expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ state: "DONE", attempts: 2 });
}, 120_000);

test("SIGTERM drains `npm run verifier`: the job in flight is released at once, not left to its lease", async () => {
  const endless = "while True:\n    pass\n";
  const { submission: s, job } = await submission(endless, 60_000);
  const worker = run(["scripts/verifier.ts"], {
    VERIFIER_POOL_SIZE: "1",
    DRAIN_SECONDS: "0",
    JOB_LEASE_SECONDS: "300",
  });
  const deadline = Date.now() + 60_000;
  let row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
  while (row.state !== "RUNNING" && Date.now() < deadline) {
    await sleep(200);
    row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
  }
  expect(row.leaseOwner).toMatch(/:/);
  // Give it time to really start verifying (the claim comes first).
  await sleep(1_000);
  worker.child.kill("SIGTERM");
  expect(await worker.exited).toBe(0);
  // At least this one: the worker also queues and takes content checks of the file's other exercises.
  expect(worker.output()).toMatch(/[1-9]\d* unfinished job\(s\) released/);
  expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
    state: "QUEUED",
    leaseOwner: null,
    leaseUntil: null,
  });
  // The interrupted run is not counted as one of the learner's tries.
  expect(await db.submission.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
    state: "QUEUED",
    attempts: 0,
    verdict: null,
  });
}, 120_000);

test("a content check whose verifier keeps failing is retried, then given up, and never spins", async () => {
  const exerciseId = await createExercise(db);
  const { contentHash } = await db.exercise.findUniqueOrThrow({ where: { id: exerciseId } });
  await db.$transaction((tx) => enqueueJobs(tx, [contentJob(exerciseId, contentHash)]));
  // A real pool that has been closed rejects every job: the verifier failing, not the content.
  const broken = createVerifierPool({ size: 1, log: () => {} });
  await broken.close();
  const outcomes: string[] = [];
  const runner = createJobRunner(db, {
    pool: broken,
    concurrency: 1,
    log: () => {},
    onOutcome: (job, o) => job.subjectId === exerciseId && outcomes.push(o.kind),
  });
  await runner.drained();
  await runner.close();
  expect(outcomes).toEqual(["errored"]);
  expect(await db.job.findUniqueOrThrow({ where: { key: `content:${exerciseId}:${contentHash}` } })).toMatchObject({
    state: "DONE",
    attempts: MAX_CONTENT_CLAIMS + 1,
  });
  // Still shown as not verified yet.
  expect(await db.exercise.findUniqueOrThrow({ where: { id: exerciseId } })).toMatchObject({
    contentVerifiedHash: null,
  });
});
