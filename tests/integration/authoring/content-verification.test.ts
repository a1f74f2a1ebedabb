/**
 * The server's content verification on a synced fixture course, through the
 * real verifier pool (sandboxed Pyodide): a failing reference solution and a
 * starter that already passes are recorded with their file paths, a good
 * exercise has none, the authoring pages read them ("not verified yet" while
 * pending), and a verified content hash is never run again.
 */
import path from "node:path";
import { getExerciseForAuthoring } from "@/lib/authoring/get-exercise-for-authoring";
import { listExercisesForAuthoring } from "@/lib/authoring/list-exercises-for-authoring";
import type { VerifyJob } from "@/lib/exercises/check";
import { syncCourse } from "@/lib/exercises/sync";
import { listUnverifiedExercises, verifyPendingContent } from "@/lib/exercises/verify-content";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { testDb } from "../../setup/db";
import { createUser } from "../submissions/support";

const COURSE = path.join(__dirname, "../../fixtures/exercises/content-verify");
const REPO_ROOT = path.join(__dirname, "../../..");
const GOOD = "1c2d3e4f-0000-4000-8000-000000000001";
const FAILING_SOLUTION = "1c2d3e4f-0000-4000-8000-000000000002";
const PASSING_STARTER = "1c2d3e4f-0000-4000-8000-000000000003";

const db = testDb();
let pool: VerifierPool;
const jobs: VerifyJob[] = [];
const verify = (job: VerifyJob) => {
  jobs.push(job);
  return pool.verify(job);
};

beforeAll(async () => {
  pool = createVerifierPool({ rootDir: REPO_ROOT, size: 1, log: () => {} });
  await syncCourse(db, COURSE);
});
afterAll(async () => {
  await pool?.close();
  await db.$disconnect();
});

test("before the first run every live exercise is 'not verified yet'", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const overview = await listExercisesForAuthoring(db, teacher);
  expect(overview.exercises.map((e) => e.verification)).toEqual([
    { state: "pending" },
    { state: "pending" },
    { state: "pending" },
  ]);
  expect((await listUnverifiedExercises(db)).map((e) => e.id).sort()).toEqual([
    GOOD,
    FAILING_SOLUTION,
    PASSING_STARTER,
  ]);
});

test("a failing solution and a passing starter are recorded with their paths; a good exercise has none; nothing re-runs", async () => {
  const report = await verifyPendingContent(db, verify, { runs: 1 });
  expect(report).toEqual({ verified: 3, withErrors: 2, skipped: 0 });
  // One run of the solution and one of the starter per exercise.
  expect(jobs).toHaveLength(6);

  const teacher = await createUser(db, "INSTRUCTOR");
  const byId = new Map((await listExercisesForAuthoring(db, teacher)).exercises.map((e) => [e.id, e.verification]));
  expect(byId.get(GOOD)).toMatchObject({ state: "verified", problems: [] });
  expect(byId.get(FAILING_SOLUTION)).toMatchObject({
    state: "verified",
    problems: [
      expect.objectContaining({
        path: "01-allocation/failing-solution/solution.py",
        severity: "error",
        message: expect.stringMatching(/reference solution does not pass.*test_double_three/),
      }),
    ],
  });
  expect(byId.get(PASSING_STARTER)).toMatchObject({
    state: "verified",
    problems: [
      expect.objectContaining({
        path: "01-allocation/passing-starter/starter.py",
        severity: "error",
        message: expect.stringMatching(/starter passes every visible check/),
      }),
    ],
  });
  const admin = await createUser(db, "ADMIN");
  expect((await getExerciseForAuthoring(db, admin, FAILING_SOLUTION)).verification).toEqual(byId.get(FAILING_SOLUTION));

  // A restart with the same content: nothing to verify, the verifier is not called.
  expect(await listUnverifiedExercises(db)).toEqual([]);
  expect(await verifyPendingContent(db, verify, { runs: 1 })).toEqual({ verified: 0, withErrors: 0, skipped: 0 });
  expect(jobs).toHaveLength(6);
});

test("new content (another hash) is pending again and only that exercise re-runs", async () => {
  await db.exercise.update({
    where: { id: PASSING_STARTER },
    data: { starter: "def double(x):\n    return x\n", contentHash: "edited-starter" },
  });
  const teacher = await createUser(db, "INSTRUCTOR");
  expect((await getExerciseForAuthoring(db, teacher, PASSING_STARTER)).verification).toEqual({ state: "pending" });

  const before = jobs.length;
  expect(await verifyPendingContent(db, verify, { runs: 1 })).toEqual({ verified: 1, withErrors: 0, skipped: 0 });
  expect(jobs.slice(before).map((j) => j.code)).toEqual([
    "def double(x):\n    return 2 * x\n",
    "def double(x):\n    return x\n",
  ]);
  expect((await getExerciseForAuthoring(db, teacher, PASSING_STARTER)).verification).toMatchObject({
    state: "verified",
    problems: [],
  });
});

test("a verification that throws (pool closed) leaves the exercise pending for the next start", async () => {
  await db.exercise.update({ where: { id: GOOD }, data: { contentHash: "edited-good" } });
  const report = await verifyPendingContent(db, () => Promise.reject(new Error("pool closed")), { runs: 1 });
  expect(report).toEqual({ verified: 0, withErrors: 0, skipped: 1 });
  expect((await listUnverifiedExercises(db)).map((e) => e.id)).toEqual([GOOD]);
});

test("a learner is refused before any verification outcome is read", async () => {
  const learner = await createUser(db);
  await expect(listExercisesForAuthoring(db, learner)).rejects.toMatchObject({ status: 403 });
  await expect(getExerciseForAuthoring(db, learner, FAILING_SOLUTION)).rejects.toMatchObject({ status: 403 });
});
