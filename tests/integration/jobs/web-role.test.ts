/**
 * A web-only instance (`npm run start:web`): the route handlers store the
 * submission and its job and never verify; a worker elsewhere (here: a runner
 * that is not this process's, as `npm run verifier` would be) stores the
 * verdict, and the learner's long-poll on the web instance answers within
 * about a second without any signal reaching it (the re-read net; on
 * PostgreSQL a notification wakes it at once).
 */
import "./web-role-env";
import { GET as getSubmissionRoute } from "@/app/api/submissions/[id]/route";
import { POST as postSubmission } from "@/app/api/exercises/[id]/submissions/route";
import { getJobRunner } from "@/lib/jobs/process-jobs";
import { createJobRunner } from "@/lib/jobs/runner";
import { createVerifierPool } from "@/lib/verifier/pool";
import { testDb } from "../../setup/db";
import { callRoute, jsonRequest, sessionCookieFor } from "../submissions/next-request-scope";
import { createExercise, createUser, SOLUTION } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

test("start:web stores and queues but never verifies; a verdict stored by a worker elsewhere reaches the long-poll", async () => {
  expect(getJobRunner(db)).toBeNull();
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const cookie = await sessionCookieFor(user.id);
  const accepted = await callRoute(
    postSubmission,
    "/api/exercises/[id]/submissions",
    jsonRequest("POST", `/api/exercises/${exerciseId}/submissions`, cookie, { code: SOLUTION }),
    ctx(exerciseId),
  );
  expect(accepted.status).toBe(202);
  const id = (accepted.body as { submission: { id: string } }).submission.id;

  // Well past a claim's time, nothing here has touched it.
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await db.job.findUniqueOrThrow({ where: { key: `submission:${id}` } })).toMatchObject({
    state: "QUEUED",
    leaseOwner: null,
    attempts: 0,
  });
  expect(await db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "QUEUED", attempts: 0 });

  // The learner follows on this instance while a worker elsewhere verifies.
  const following = callRoute(
    getSubmissionRoute,
    "/api/submissions/[id]",
    jsonRequest("GET", `/api/submissions/${id}?wait=20`, cookie),
    ctx(id),
  );
  const pool = createVerifierPool({ size: 1, graceMs: 2_000, log: () => {} });
  const worker = createJobRunner(db, { pool, concurrency: 1, log: () => {} });
  await worker.drained();
  const storedAt = Date.now();
  const answer = await following;
  const lag = Date.now() - storedAt;
  await worker.close();
  await pool.close();
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ submission: { id, state: "DONE", verdict: "PASSED" } });
  // Answered by the re-read net (every second), not by the 20 s wait running out: a bound between the
  // two, far from both, so a loaded machine cannot flip it (this is behaviour, not a speed figure).
  expect(lag).toBeLessThan(10_000);
}, 120_000);
