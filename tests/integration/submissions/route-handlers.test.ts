/**
 * The route handlers as Next runs them: real session cookies (next-auth JWT
 * signed with the app's secret), Next's request scope, the app's database
 * client and the server's own verification queue (with a real pool of one).
 * What the client engineer's pages rely on: statuses, shapes, and that the
 * session — not the request body — decides whose data it is.
 */
import "./next-server-env";
import { PUT as putDraft } from "@/app/api/exercises/[id]/draft/route";
import { POST as postHint } from "@/app/api/exercises/[id]/hints/route";
import { GET as listSubmissionsRoute, POST as postSubmission } from "@/app/api/exercises/[id]/submissions/route";
import { GET as getSubmissionRoute } from "@/app/api/submissions/[id]/route";
import { getJobRunner } from "@/lib/jobs/process-jobs";
import { MAX_CODE_BYTES } from "@/lib/submissions/code-limits";
import { testDb } from "../../setup/db";
import { callRoute, jsonRequest, sessionCookieFor } from "./next-request-scope";
import { createExercise, createUser, HIDDEN_MARKER, SOLUTION, VISIBLE_ONLY } from "./support";

const db = testDb();
afterAll(async () => {
  await getJobRunner(db)?.close();
  await db.$disconnect();
});

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const EX = "/api/exercises/[id]";

async function pollUntilVerified(cookie: string, submissionId: string) {
  await getJobRunner(db)?.drained();
  return callRoute(
    getSubmissionRoute,
    "/api/submissions/[id]",
    jsonRequest("GET", `/api/submissions/${submissionId}`, cookie),
    ctx(submissionId),
  );
}

test("without a session every endpoint answers 401 with a message", async () => {
  const exerciseId = await createExercise(db);
  const draft = await callRoute(
    putDraft,
    `${EX}/draft`,
    jsonRequest("PUT", `/api/exercises/${exerciseId}/draft`, null, { code: "x" }),
    ctx(exerciseId),
  );
  expect(draft).toEqual({ status: 401, body: { error: "Please sign in." } });
  const submit = await callRoute(
    postSubmission,
    `${EX}/submissions`,
    jsonRequest("POST", `/api/exercises/${exerciseId}/submissions`, null, { code: "x" }),
    ctx(exerciseId),
  );
  expect(submit.status).toBe(401);
  // A forged cookie (wrong secret) is no session either.
  const forged = "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..bad.bad.bad";
  const list = await callRoute(
    listSubmissionsRoute,
    `${EX}/submissions`,
    jsonRequest("GET", `/api/exercises/${exerciseId}/submissions`, forged),
    ctx(exerciseId),
  );
  expect(list.status).toBe(401);
  expect(await db.submission.count()).toBe(0);
});

test("submit → 202 QUEUED at once; polling returns the server's verdict; a forged PASSED is shown as differing", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const cookie = await sessionCookieFor(user.id);

  const accepted = await callRoute(
    postSubmission,
    `${EX}/submissions`,
    jsonRequest("POST", `/api/exercises/${exerciseId}/submissions`, cookie, {
      code: VISIBLE_ONLY,
      clientVerdict: "PASSED",
    }),
    ctx(exerciseId),
  );
  expect(accepted.status).toBe(202);
  const submission = accepted.body.submission as { id: string; state: string; code: string };
  expect(submission).toMatchObject({ exerciseId, code: VISIBLE_ONLY, clientVerdict: "PASSED", verdict: null });
  expect(["QUEUED", "RUNNING"]).toContain(submission.state);

  const polled = await pollUntilVerified(cookie, submission.id);
  expect(polled.status).toBe(200);
  expect(polled.body.submission).toMatchObject({
    state: "DONE",
    verdict: "FAILED",
    clientVerdict: "PASSED",
    verdictDiffers: true,
  });
  expect(JSON.stringify(polled.body)).not.toContain(HIDDEN_MARKER);

  const good = await callRoute(
    postSubmission,
    `${EX}/submissions`,
    jsonRequest("POST", `/api/exercises/${exerciseId}/submissions`, cookie, { code: SOLUTION }),
    ctx(exerciseId),
  );
  const goodId = (good.body.submission as { id: string }).id;
  expect((await pollUntilVerified(cookie, goodId)).body.submission).toMatchObject({ verdict: "PASSED" });

  const history = await callRoute(
    listSubmissionsRoute,
    `${EX}/submissions`,
    jsonRequest("GET", `/api/exercises/${exerciseId}/submissions`, cookie),
    ctx(exerciseId),
  );
  expect(history.status).toBe(200);
  expect((history.body.submissions as { id: string }[]).map((s) => s.id)).toEqual([goodId, submission.id]);

  // Another learner's session cannot read it: 404, as if it did not exist.
  const other = await sessionCookieFor((await createUser(db)).id);
  const stranger = await callRoute(
    getSubmissionRoute,
    "/api/submissions/[id]",
    jsonRequest("GET", `/api/submissions/${goodId}`, other),
    ctx(goodId),
  );
  expect(stranger).toEqual({ status: 404, body: { error: "Submission was not found." } });
}, 240_000);

test("oversize code → 413 with a message and nothing stored; drafts round trip; bad JSON → 400; hints in order", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const cookie = await sessionCookieFor(user.id);
  const big = "x".repeat(MAX_CODE_BYTES + 1);

  const tooBig = await callRoute(
    postSubmission,
    `${EX}/submissions`,
    jsonRequest("POST", `/api/exercises/${exerciseId}/submissions`, cookie, { code: big }),
    ctx(exerciseId),
  );
  expect(tooBig.status).toBe(413);
  expect(tooBig.body.error).toMatch(/limit is 64 KiB/);
  expect(await db.submission.count({ where: { userId: user.id } })).toBe(0);

  const saved = await callRoute(
    putDraft,
    `${EX}/draft`,
    jsonRequest("PUT", `/api/exercises/${exerciseId}/draft`, cookie, { code: "draft" }),
    ctx(exerciseId),
  );
  expect(saved.status).toBe(200);
  expect(typeof saved.body.savedAt).toBe("string");
  expect((await db.draft.findFirstOrThrow({ where: { userId: user.id } })).code).toBe("draft");
  const draftTooBig = await callRoute(
    putDraft,
    `${EX}/draft`,
    jsonRequest("PUT", `/api/exercises/${exerciseId}/draft`, cookie, { code: big }),
    ctx(exerciseId),
  );
  expect(draftTooBig.status).toBe(413);

  const badJson = await callRoute(
    putDraft,
    `${EX}/draft`,
    jsonRequest("PUT", `/api/exercises/${exerciseId}/draft`, cookie, "{not json"),
    ctx(exerciseId),
  );
  expect(badJson).toEqual({ status: 400, body: { error: "Request body is not valid JSON." } });

  const skip = await callRoute(
    postHint,
    `${EX}/hints`,
    jsonRequest("POST", `/api/exercises/${exerciseId}/hints`, cookie, { index: 1 }),
    ctx(exerciseId),
  );
  expect(skip.status).toBe(400);
  const first = await callRoute(
    postHint,
    `${EX}/hints`,
    jsonRequest("POST", `/api/exercises/${exerciseId}/hints`, cookie, { index: 0 }),
    ctx(exerciseId),
  );
  expect(first).toEqual({ status: 200, body: { hints: ["Multiply."], hintsUsed: 1 } });

  const missing = await callRoute(
    putDraft,
    `${EX}/draft`,
    jsonRequest("PUT", "/api/exercises/nope/draft", cookie, { code: "x" }),
    ctx("nope"),
  );
  expect(missing).toEqual({ status: 404, body: { error: "Exercise was not found." } });
});

test("a session revoked by sign-out-everywhere (session version bumped) is refused", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const cookie = await sessionCookieFor(user.id, 0);
  await db.user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
  const res = await callRoute(
    putDraft,
    `${EX}/draft`,
    jsonRequest("PUT", `/api/exercises/${exerciseId}/draft`, cookie, { code: "x" }),
    ctx(exerciseId),
  );
  expect(res.status).toBe(401);
});
