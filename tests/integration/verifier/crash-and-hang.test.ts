/**
 * Issue #7: a verifier process that crashes or hangs. Real sandboxed
 * processes and a real database: a process killed under its job (as the OOM
 * killer would), a loop that never stops, and code stuck in C where the
 * interpreter cannot stop it.
 *
 * - crash: the pool replaces the process and retries the job once on another
 *   one; when that dies too the submission is ERRORED with a message the
 *   learner sees, and the pool goes on serving;
 * - hang: a Python loop is stopped by the process itself at the time limit
 *   (a TIMEOUT verdict, the process serves on); code stuck in one C call is
 *   killed by the pool at the limit plus grace, and a replacement takes over.
 */
import { createJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { getSubmission } from "@/lib/submissions/get-submission";
import { submitSolution } from "@/lib/submissions/submit-solution";
import { VERIFIER_CRASHED_MESSAGE } from "@/lib/submissions/verify-submission";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { testDb } from "../../setup/db";
import { killBusyProcess } from "./kill-busy";
import { createExercise, createUser, SOLUTION } from "../submissions/support";

const db = testDb();
let pool: VerifierPool;
let queue: JobRunner;
const logs: string[] = [];

beforeAll(async () => {
  pool = createVerifierPool({ size: 1, graceMs: 2_000, log: (message) => logs.push(message) });
  await pool.warmedUp();
  queue = createJobRunner(db, { pool, concurrency: 1, log: (message) => logs.push(message) });
}, 180_000);

afterAll(async () => {
  await queue?.close();
  await pool?.close();
  await db.$disconnect();
});

async function submitAndWait(code: string, timeLimitMs?: number) {
  const exerciseId = await createExercise(db, timeLimitMs ? { timeLimitMs } : {});
  const user = await createUser(db);
  const dto = await submitSolution(db, user, exerciseId, { code }, queue);
  await queue.drained();
  return { user, submission: await getSubmission(db, user, dto.id) };
}

test("a process that dies under a job is replaced, the job retried once, then the submission is ERRORED with a message for the learner", async () => {
  const before = pool.stats();
  const pending = submitAndWait("while True:\n    pass\n" + SOLUTION, 60_000);
  await killBusyProcess(pool, 2);
  const { submission } = await pending;

  expect(submission).toMatchObject({ state: "ERRORED", verdict: null, errorMessage: VERIFIER_CRASHED_MESSAGE });
  const after = pool.stats();
  expect(after.retries).toBe(before.retries + 1); // retried once, on another process
  expect(after.recycled).toBe(before.recycled + 2); // both processes replaced
  expect(logs.join("\n")).toMatch(/exit code \d+|killed by SIG/); // the reason is in the server log, not in the learner's message

  // The pool survived: the next submission is verified normally.
  const next = await submitAndWait(SOLUTION);
  expect(next.submission).toMatchObject({ state: "DONE", verdict: "PASSED" });
}, 300_000);

test("a loop that never stops ends at its time limit (TIMEOUT, no retry), and the same process serves the next job", async () => {
  const before = pool.stats();
  const { submission } = await submitAndWait("while True:\n    pass\n" + SOLUTION, 1_000);

  expect(submission).toMatchObject({ state: "DONE", verdict: "TIMEOUT" });
  expect(submission.result?.message).toBe("Stopped: the code was still running after the time limit of 1000 ms.");
  const after = pool.stats();
  expect(after.timeouts).toBe(before.timeouts + 1);
  expect(after.retries).toBe(before.retries);
  expect(after.recycled).toBe(before.recycled);

  const next = await submitAndWait(SOLUTION);
  expect(next.submission).toMatchObject({ state: "DONE", verdict: "PASSED" });
}, 300_000);

test("code stuck in one C call is killed at the time limit plus grace (TIMEOUT), and a replacement serves the next job", async () => {
  const before = pool.stats();
  // sum() over a range runs in C: the interpreter's interrupt checks never run.
  const { submission } = await submitAndWait("sum(range(10**15))\n" + SOLUTION, 1_000);

  expect(submission).toMatchObject({ state: "DONE", verdict: "TIMEOUT" });
  const after = pool.stats();
  expect(after.timeouts).toBe(before.timeouts + 1);
  expect(after.retries).toBe(before.retries);
  expect(after.recycleReasons.at(-1)).toBe("killed at the time limit");

  const next = await submitAndWait(SOLUTION);
  expect(next.submission).toMatchObject({ state: "DONE", verdict: "PASSED" });
}, 300_000);
