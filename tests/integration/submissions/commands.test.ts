/**
 * What happens before verification, on the real database: size limits (413,
 * nothing lost), ownership (another learner's submission is a 404), drafts,
 * hints in order, rate limiting, archived exercises. The runner here only
 * counts nudges; verification itself is in verification.test.ts.
 */
import { submitSolution } from "@/lib/submissions/submit-solution";
import { getSubmission, listSubmissions } from "@/lib/submissions/get-submission";
import { saveDraft } from "@/lib/submissions/save-draft";
import { MAX_CODE_BYTES } from "@/lib/submissions/code-limits";
import { SUBMISSIONS_PER_WINDOW } from "@/lib/submissions/submission-rate-limit";
import { revealHint } from "@/lib/progress/reveal-hint";
import { testDb } from "../../setup/db";
import { createExercise, createUser, HINTS, recordingQueue, STARTER } from "./support";

const db = testDb();
afterAll(() => db.$disconnect());

test("a submission is stored QUEUED with the exercise's hash and hint count, with its job queued", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  await revealHint(db, user, exerciseId, { index: 0 });
  const queue = recordingQueue();
  const dto = await submitSolution(db, user, exerciseId, { code: STARTER, clientVerdict: "FAILED" }, queue);
  expect(dto).toMatchObject({
    exerciseId,
    code: STARTER,
    state: "QUEUED",
    verdict: null,
    clientVerdict: "FAILED",
    result: null,
    verdictDiffers: false,
  });
  expect(queue.nudges).toBe(1);
  expect(await db.job.findMany({ where: { subjectId: dto.id }, select: { kind: true, state: true } })).toEqual([
    { kind: "VERIFY_SUBMISSION", state: "QUEUED" },
  ]);
  const row = await db.submission.findUniqueOrThrow({ where: { id: dto.id } });
  expect(row).toMatchObject({
    userId: user.id,
    state: "QUEUED",
    exerciseHash: `hash-${exerciseId}`,
    hintsUsed: 1,
    attempts: 0,
  });
});

test("code over 64 KiB is refused with 413 and a message; nothing is stored, the saved draft stays", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  await saveDraft(db, user, exerciseId, { code: "draft kept" });
  // Multi-byte characters: the limit is on UTF-8 bytes, not string length.
  const big = "é".repeat(MAX_CODE_BYTES / 2 + 1);
  expect(big.length).toBeLessThan(MAX_CODE_BYTES);
  const queue = recordingQueue();
  const error = await submitSolution(db, user, exerciseId, { code: big }, queue).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 413 });
  expect((error as Error).message).toMatch(/limit is 64 KiB/);
  expect(queue.nudges).toBe(0);
  expect(await db.submission.count({ where: { userId: user.id } })).toBe(0);
  await expect(saveDraft(db, user, exerciseId, { code: big })).rejects.toMatchObject({ status: 413 });
  expect((await db.draft.findFirstOrThrow({ where: { userId: user.id } })).code).toBe("draft kept");
  // Exactly at the limit is fine.
  await expect(
    submitSolution(db, user, exerciseId, { code: "x".repeat(MAX_CODE_BYTES) }, queue),
  ).resolves.toMatchObject({ state: "QUEUED" });
});

test("bad input is a 400 with field errors; unknown and archived exercises are 404", async () => {
  const exerciseId = await createExercise(db);
  const archivedId = await createExercise(db, { archived: true });
  const user = await createUser(db);
  const queue = recordingQueue();
  await expect(submitSolution(db, user, exerciseId, { code: 42 }, queue)).rejects.toMatchObject({
    status: 400,
    details: { code: expect.any(String) },
  });
  await expect(
    submitSolution(db, user, exerciseId, { code: "x", clientVerdict: "GREAT" }, queue),
  ).rejects.toMatchObject({ status: 400 });
  await expect(submitSolution(db, user, archivedId, { code: "x" }, queue)).rejects.toMatchObject({ status: 404 });
  await expect(submitSolution(db, user, "no-such-exercise", { code: "x" }, queue)).rejects.toMatchObject({
    status: 404,
  });
  await expect(saveDraft(db, user, archivedId, { code: "x" })).rejects.toMatchObject({ status: 404 });
  expect(queue.nudges).toBe(0);
});

test("a learner sees only their own submissions: another's id is a 404, the history lists only theirs, newest first", async () => {
  const exerciseId = await createExercise(db);
  const alice = await createUser(db);
  const bob = await createUser(db);
  const queue = recordingQueue();
  const first = await submitSolution(db, alice, exerciseId, { code: "# one" }, queue);
  // Distinct createdAt values, so "newest first" has one right answer.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await submitSolution(db, alice, exerciseId, { code: "# two" }, queue);
  await submitSolution(db, bob, exerciseId, { code: "# bob" }, queue);

  await expect(getSubmission(db, bob, first.id)).rejects.toMatchObject({ status: 404 });
  await expect(getSubmission(db, alice, first.id)).resolves.toMatchObject({ id: first.id, code: "# one" });
  const history = await listSubmissions(db, alice, exerciseId);
  expect(history.map((s) => s.code)).toEqual(["# two", "# one"]);
  expect(history[0].id).toBe(second.id);
  expect(JSON.stringify(history)).not.toContain("# bob");
});

test("drafts round trip, one per learner and exercise, overwritten", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const other = await createUser(db);
  const first = await saveDraft(db, user, exerciseId, { code: "v1" });
  expect(new Date(first.savedAt).toString()).not.toBe("Invalid Date");
  await saveDraft(db, user, exerciseId, { code: "v2" });
  await saveDraft(db, other, exerciseId, { code: "theirs" });
  const drafts = await db.draft.findMany({ where: { exerciseId }, orderBy: { code: "asc" } });
  expect(drafts.map((d) => [d.userId, d.code])).toEqual([
    [other.id, "theirs"],
    [user.id, "v2"],
  ]);
});

test("hints open in order, re-opening is idempotent, skipping ahead and out-of-range are refused", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  await expect(revealHint(db, user, exerciseId, { index: 1 })).rejects.toMatchObject({ status: 400 });
  expect(await revealHint(db, user, exerciseId, { index: 0 })).toEqual({ hints: [HINTS[0]], hintsUsed: 1 });
  // Twice, and concurrently: still one row.
  await Promise.all([revealHint(db, user, exerciseId, { index: 0 }), revealHint(db, user, exerciseId, { index: 0 })]);
  expect(await revealHint(db, user, exerciseId, { index: 1 })).toEqual({ hints: HINTS.slice(0, 2), hintsUsed: 2 });
  await Promise.all([revealHint(db, user, exerciseId, { index: 2 }), revealHint(db, user, exerciseId, { index: 2 })]);
  expect(await db.hintReveal.count({ where: { userId: user.id, exerciseId } })).toBe(3);
  await expect(revealHint(db, user, exerciseId, { index: 3 })).rejects.toMatchObject({ status: 400 });
  await expect(revealHint(db, user, exerciseId, { index: -1 })).rejects.toMatchObject({ status: 400 });
  await expect(revealHint(db, user, exerciseId, { index: 0.5 })).rejects.toMatchObject({ status: 400 });
  const progress = await db.progress.findUniqueOrThrow({
    where: { userId_exerciseId: { userId: user.id, exerciseId } },
  });
  expect(progress).toMatchObject({ hintsUsed: 3, state: "NOT_STARTED", attempts: 0 });
  // Another learner starts from zero.
  const other = await createUser(db);
  await expect(revealHint(db, other, exerciseId, { index: 1 })).rejects.toMatchObject({ status: 400 });
});

test(`more than ${SUBMISSIONS_PER_WINDOW} submissions a minute are refused with 429; older ones do not count`, async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const old = new Date(Date.now() - 5 * 60_000);
  const row = { userId: user.id, exerciseId, code: "# x", exerciseHash: "h", state: "DONE" as const };
  await db.submission.createMany({ data: Array.from({ length: 40 }, () => ({ ...row, createdAt: old })) });
  await db.submission.createMany({ data: Array.from({ length: SUBMISSIONS_PER_WINDOW - 1 }, () => row) });
  const queue = recordingQueue();
  await expect(submitSolution(db, user, exerciseId, { code: "# last allowed" }, queue)).resolves.toMatchObject({
    state: "QUEUED",
  });
  const error = await submitSolution(db, user, exerciseId, { code: "# too many" }, queue).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 429 });
  expect((error as Error).message).toMatch(/wait a minute/);
  expect(await db.submission.count({ where: { code: "# too many" } })).toBe(0);
  // Someone else is not affected.
  await expect(submitSolution(db, await createUser(db), exerciseId, { code: "# fine" }, queue)).resolves.toMatchObject({
    state: "QUEUED",
  });
});

test("instructors and admins may solve exercises too (exercise:solve in the permission table)", async () => {
  const exerciseId = await createExercise(db);
  const admin = await createUser(db, "ADMIN");
  await expect(submitSolution(db, admin, exerciseId, { code: "# ok" }, recordingQueue())).resolves.toMatchObject({
    state: "QUEUED",
  });
});
