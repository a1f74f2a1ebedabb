/**
 * Issue #7: a verifier process that crashes or hangs. Real sandboxed
 * processes and a real database: a learner program that ends its process
 * (through `js`, the way any code that escapes the harness could) and one
 * that never stops.
 *
 * - crash: the pool replaces the process and retries the job once on another
 *   one; when that dies too the submission is ERRORED with a message the
 *   learner sees, and the pool goes on serving;
 * - hang: the process is killed at the time limit (a TIMEOUT verdict), a
 *   replacement takes over, and the pool goes on serving.
 */
import { createVerificationQueue, type VerificationQueue } from "@/lib/submissions/verification-queue";
import { getSubmission } from "@/lib/submissions/get-submission";
import { submitSolution } from "@/lib/submissions/submit-solution";
import { VERIFIER_CRASHED_MESSAGE } from "@/lib/submissions/verify-submission";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { testDb } from "../../setup/db";
import { createExercise, createUser, SOLUTION } from "../submissions/support";

const db = testDb();
let pool: VerifierPool;
let queue: VerificationQueue;
const logs: string[] = [];

beforeAll(async () => {
  pool = createVerifierPool({ size: 1, graceMs: 2_000, log: (message) => logs.push(message) });
  await pool.warmedUp();
  queue = createVerificationQueue(db, { pool, concurrency: 1, log: (message) => logs.push(message) });
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
  const crash = "import js\njs.process.reallyExit(9)\n" + SOLUTION;
  const { submission } = await submitAndWait(crash);

  expect(submission).toMatchObject({ state: "ERRORED", verdict: null, errorMessage: VERIFIER_CRASHED_MESSAGE });
  const after = pool.stats();
  expect(after.retries).toBe(before.retries + 1); // retried once, on another process
  expect(after.recycled).toBe(before.recycled + 2); // both processes replaced
  expect(logs.join("\n")).toContain("exit code 9"); // the reason is in the server log, not in the learner's message

  // The pool survived: the next submission is verified normally.
  const next = await submitAndWait(SOLUTION);
  expect(next.submission).toMatchObject({ state: "DONE", verdict: "PASSED" });
}, 300_000);

test("a job that never stops is killed at its time limit (TIMEOUT, no retry), and a replacement serves the next one", async () => {
  const before = pool.stats();
  const { submission } = await submitAndWait("while True:\n    pass\n" + SOLUTION, 1_000);

  expect(submission).toMatchObject({ state: "DONE", verdict: "TIMEOUT" });
  expect(submission.result?.message).toBe("Time limit exceeded (1000 ms)");
  const after = pool.stats();
  expect(after.timeouts).toBe(before.timeouts + 1);
  expect(after.retries).toBe(before.retries);
  expect(after.recycleReasons.at(-1)).toBe("killed at the time limit");

  const next = await submitAndWait(SOLUTION);
  expect(next.submission).toMatchObject({ state: "DONE", verdict: "PASSED" });
}, 300_000);
