/**
 * Following a verdict with a long-poll: GET /api/submissions/:id?wait=<s> is
 * answered when the queue settles the submission, not only when the wait
 * runs out; the owner check comes before any waiting; bad `wait` values are
 * a 400. The route tests use the server's own queue with a real verifier pool
 * of one; the wake-up and timeout cases drive lib/submissions/wait-for-verdict.ts
 * with their own event source, so the moment of the verdict is the test's.
 */
import "./next-server-env";
import { GET as getSubmissionRoute } from "@/app/api/submissions/[id]/route";
import { POST as postSubmission } from "@/app/api/exercises/[id]/submissions/route";
import { getJobRunner, getVerdictEvents } from "@/lib/jobs/process-jobs";
import { createVerdictEvents } from "@/lib/submissions/verdict-events";
import { VERDICT_RECHECK_MS, waitForVerdict } from "@/lib/submissions/wait-for-verdict";
import { EARLY_ANSWER_PAUSE_MS, followVerdict, type FollowedSubmission } from "@/lib/submissions/follow-verdict";
import { testDb } from "../../setup/db";
import { callRoute, jsonRequest, routeResponse, sessionCookieFor } from "./next-request-scope";
import { createExercise, createUser, HIDDEN_MARKER, SOLUTION } from "./support";

const db = testDb();
afterAll(async () => {
  await getJobRunner(db)?.close();
  await db.$disconnect();
});

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function queuedSubmission(userId: string, exerciseId: string) {
  return db.submission.create({
    data: { userId, exerciseId, code: SOLUTION, state: "QUEUED", exerciseHash: "h" },
    select: { id: true },
  });
}

test("a waiting request is answered when the verdict lands, with the full (redacted) submission", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const { id } = await queuedSubmission(user.id, exerciseId);
  const events = createVerdictEvents();

  let answered = false;
  const waiting = waitForVerdict(db, user, id, 60_000, events).finally(() => (answered = true));
  // Give the request time to read the pending row and start waiting: it must not answer on its own.
  await new Promise((r) => setTimeout(r, 300));
  expect(answered).toBe(false);
  expect(events.watching()).toBe(1);

  await db.submission.update({
    where: { id },
    data: { state: "DONE", verdict: "PASSED", verifiedAt: new Date() },
  });
  events.settled(id);
  await expect(waiting).resolves.toMatchObject({ id, state: "DONE", verdict: "PASSED", code: SOLUTION });
  expect(events.watching()).toBe(0);
});

test("a verdict stored by another process, with no signal here, is still answered within about a second", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const { id } = await queuedSubmission(user.id, exerciseId);
  // Events that never fire: what a web instance sees of a worker elsewhere on SQLite.
  const events = createVerdictEvents();
  const waiting = waitForVerdict(db, user, id, 20_000, events);
  await new Promise((r) => setTimeout(r, 300));
  await db.submission.update({ where: { id }, data: { state: "DONE", verdict: "PASSED", verifiedAt: new Date() } });
  const storedAt = Date.now();
  await expect(waiting).resolves.toMatchObject({ id, state: "DONE", verdict: "PASSED" });
  expect(Date.now() - storedAt).toBeLessThan(VERDICT_RECHECK_MS + 1_000);
  expect(events.watching()).toBe(0);
});

test("a stopping instance answers held long-polls at once (the client asks again elsewhere)", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const { id } = await queuedSubmission(user.id, exerciseId);
  const events = createVerdictEvents();
  const waiting = waitForVerdict(db, user, id, 20_000, events);
  await new Promise((r) => setTimeout(r, 200));
  const stoppedAt = Date.now();
  events.shutdown();
  await expect(waiting).resolves.toMatchObject({ id, state: "QUEUED" });
  expect(Date.now() - stoppedAt).toBeLessThan(500);
  // A request arriving while the instance stops is not held either.
  await expect(waitForVerdict(db, user, id, 20_000, events)).resolves.toMatchObject({ state: "QUEUED" });
});

test("the wait runs out: the submission is returned as it stands (still queued)", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const { id } = await queuedSubmission(user.id, exerciseId);
  const events = createVerdictEvents();
  await expect(waitForVerdict(db, user, id, 200, events)).resolves.toMatchObject({
    id,
    state: "QUEUED",
    verdict: null,
  });
  expect(events.watching()).toBe(0);
});

test("an aborted request (the learner left) stops waiting", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const { id } = await queuedSubmission(user.id, exerciseId);
  const events = createVerdictEvents();
  const controller = new AbortController();
  const waiting = waitForVerdict(db, user, id, 60_000, events, controller.signal);
  await new Promise((r) => setTimeout(r, 200));
  controller.abort();
  await expect(waiting).resolves.toMatchObject({ state: "QUEUED" });
  expect(events.watching()).toBe(0);
});

test("a verdict landing between the pending read and the wait is not missed", async () => {
  const events = createVerdictEvents();
  const watch = events.watch("s1");
  events.settled("s1"); // before until() is called
  await expect(watch.until(60_000)).resolves.toBe(true);
  watch.cancel();
  watch.cancel(); // idempotent
  expect(events.watching()).toBe(0);
  // Another id's verdict wakes no one.
  const other = events.watch("s2");
  events.settled("s3");
  await expect(other.until(50)).resolves.toBe(false);
  other.cancel();
});

test("another learner's submission is a 404 at once, even when asked to wait", async () => {
  const exerciseId = await createExercise(db);
  const owner = await createUser(db);
  const stranger = await createUser(db);
  const { id } = await queuedSubmission(owner.id, exerciseId);
  const events = createVerdictEvents();
  // Resolving within the test's 5 s timeout shows it did not wait the 60 s.
  await expect(waitForVerdict(db, stranger, id, 60_000, events)).rejects.toMatchObject({ status: 404 });
  expect(events.watching()).toBe(0);
});

test("over the route: submit, then one GET ?wait= brings the server's verdict; others get 404; bad waits are 400", async () => {
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
  const submitted = accepted.body.submission as FollowedSubmission;

  // What the exercise page does (learner-api.ts → followVerdict), against the route handler.
  let requests = 0;
  const settled = await followVerdict(submitted, async (id, waitSeconds) => {
    requests += 1;
    const res = await callRoute(
      getSubmissionRoute,
      "/api/submissions/[id]",
      jsonRequest("GET", `/api/submissions/${id}?wait=${waitSeconds}`, cookie),
      ctx(id),
    );
    expect(res.status).toBe(200);
    return res.body.submission as FollowedSubmission;
  });
  expect(settled).toMatchObject({ state: "DONE", verdict: "PASSED" });
  // Each request is held until the verdict (or 20 s): a warm pool answers within the first, a cold
  // start within a few. A server that did not hold them would take one request per second (followVerdict's pause).
  expect(requests).toBeLessThanOrEqual(3);
  expect(JSON.stringify(settled)).not.toContain(HIDDEN_MARKER);
  expect(getVerdictEvents().watching()).toBe(0);

  const strangerCookie = await sessionCookieFor((await createUser(db)).id);
  const stranger = await callRoute(
    getSubmissionRoute,
    "/api/submissions/[id]",
    jsonRequest("GET", `/api/submissions/${submitted.id}?wait=20`, strangerCookie),
    ctx(submitted.id),
  );
  expect(stranger).toEqual({ status: 404, body: { error: "Submission was not found." } });

  for (const bad of ["abc", "-1", "26", "1.5"]) {
    const res = await callRoute(
      getSubmissionRoute,
      "/api/submissions/[id]",
      jsonRequest("GET", `/api/submissions/${submitted.id}?wait=${bad}`, cookie),
      ctx(submitted.id),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/wait must be/);
  }
  const noSession = await callRoute(
    getSubmissionRoute,
    "/api/submissions/[id]",
    jsonRequest("GET", `/api/submissions/${submitted.id}?wait=20`, null),
    ctx(submitted.id),
  );
  expect(noSession.status).toBe(401);
}, 240_000);

test("followVerdict never spins on a server that answers pending at once: it pauses before asking again", async () => {
  jest.useFakeTimers();
  try {
    let requests = 0;
    const pending: FollowedSubmission = { id: "x", state: "QUEUED" };
    const following = followVerdict(
      pending,
      async () => {
        requests += 1;
        return requests < 3 ? pending : { id: "x", state: "DONE" as const };
      },
      undefined,
      () => 0, // every answer arrives "at once"
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(requests).toBe(1);
    await jest.advanceTimersByTimeAsync(EARLY_ANSWER_PAUSE_MS - 1);
    expect(requests).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(requests).toBe(2);
    await jest.advanceTimersByTimeAsync(EARLY_ANSWER_PAUSE_MS);
    expect(requests).toBe(3);
    await expect(following).resolves.toEqual({ id: "x", state: "DONE" });
  } finally {
    jest.useRealTimers();
  }
});

// Last: it stops this process's verdict events for good.
test("while the instance stops, a long-poll is answered at once and closes its connection", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const cookie = await sessionCookieFor(user.id);
  const { id } = await queuedSubmission(user.id, exerciseId);
  getVerdictEvents().shutdown();
  const startedAt = Date.now();
  const res = await routeResponse(
    getSubmissionRoute,
    "/api/submissions/[id]",
    jsonRequest("GET", `/api/submissions/${id}?wait=20`, cookie),
    ctx(id),
  );
  expect(Date.now() - startedAt).toBeLessThan(2_000);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ submission: { id, state: "QUEUED" } });
  // The client's next poll opens a new connection: through a load balancer, to another instance.
  expect(res.headers.get("connection")).toBe("close");
});
