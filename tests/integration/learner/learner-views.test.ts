/**
 * What learner pages receive, on the real database: the exercise view never
 * carries hidden checks or the solution before a pass (asserted on the JSON a
 * page would serialise), carries the solution after one (unless the cohort
 * hides it), and the course map and progress summary count from real rows.
 * Passes are made the way the verifier makes them: a DONE submission with the
 * server's verdict, then the progress recomputation.
 */
import { getExerciseForLearner } from "@/lib/learner/get-exercise-for-learner";
import { getCourseMapForLearner } from "@/lib/learner/get-course-map-for-learner";
import { getProgressForLearner } from "@/lib/learner/get-progress-for-learner";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import { revealHint } from "@/lib/progress/reveal-hint";
import { saveDraft } from "@/lib/submissions/save-draft";
import { streakDays } from "@/lib/progress/streak";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";
import {
  CHECKS,
  createExercise,
  createUser,
  HIDDEN_MARKER,
  HINTS,
  SOLUTION,
  SOLUTION_MARKER,
} from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

async function verified(user: SessionUser, exerciseId: string, verdict: "PASSED" | "FAILED", verifiedAt = new Date()) {
  await db.submission.create({
    data: {
      userId: user.id,
      exerciseId,
      code: "# code",
      exerciseHash: "h",
      state: "DONE",
      verdict,
      verifiedAt,
      attempts: 1,
    },
  });
  await recomputeProgress(db, user.id, exerciseId);
}

test("before a pass the exercise view holds no hidden check and no solution; after a server pass it holds the solution", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const hiddenSource = CHECKS.find((c) => c.visibility === "hidden")!.source;

  const before = await getExerciseForLearner(user, exerciseId, db);
  const json = JSON.stringify(before);
  expect(json).not.toContain(HIDDEN_MARKER);
  expect(json).not.toContain(hiddenSource);
  expect(json).not.toContain("test_hidden.py");
  expect(json).not.toContain(SOLUTION_MARKER);
  expect(before).toMatchObject({
    id: exerciseId,
    sectionId: "allocation",
    sectionTitle: "Section allocation",
    hintCount: HINTS.length,
    revealedHints: [],
    limits: { timeLimitMs: 5_000, memoryLimitMb: 128 },
    draft: null,
    progress: null,
    solution: null,
  });
  expect(before.visibleChecks.map((c) => c.name)).toEqual(["test_visible.py"]);

  // A failed attempt and a browser that claimed a pass change nothing.
  await db.submission.create({
    data: {
      userId: user.id,
      exerciseId,
      code: "# x",
      exerciseHash: "h",
      state: "DONE",
      verdict: "FAILED",
      clientVerdict: "PASSED",
    },
  });
  await recomputeProgress(db, user.id, exerciseId);
  const afterFail = await getExerciseForLearner(user, exerciseId, db);
  expect(afterFail.solution).toBeNull();
  expect(JSON.stringify(afterFail)).not.toContain(SOLUTION_MARKER);
  expect(afterFail.progress).toMatchObject({ state: "ATTEMPTED", attempts: 1, firstPassedAt: null });

  await verified(user, exerciseId, "PASSED");
  const after = await getExerciseForLearner(user, exerciseId, db);
  expect(after.solution).toBe(SOLUTION);
  expect(after.progress).toMatchObject({ state: "PASSED", attempts: 2 });
  // Still no hidden check after passing: those are for the server only.
  expect(JSON.stringify(after)).not.toContain(HIDDEN_MARKER);

  // Another learner who has not passed still gets no solution.
  const other = await createUser(db);
  expect((await getExerciseForLearner(other, exerciseId, db)).solution).toBeNull();
});

test("a cohort that hides solutions after a pass keeps them hidden", async () => {
  const exerciseId = await createExercise(db);
  const owner = await createUser(db, "INSTRUCTOR");
  const user = await createUser(db);
  await db.cohort.create({
    data: {
      name: "Strict",
      joinCode: `strict-${user.id}`,
      ownerId: owner.id,
      showSolutionAfterPass: false,
      members: { create: { userId: user.id } },
    },
  });
  await verified(user, exerciseId, "PASSED");
  const view = await getExerciseForLearner(user, exerciseId, db);
  expect(view.progress?.state).toBe("PASSED");
  expect(view.solution).toBeNull();
  expect(JSON.stringify(view)).not.toContain(SOLUTION_MARKER);
});

test("the view carries the learner's own draft and revealed hints, and 404s for archived exercises", async () => {
  const exerciseId = await createExercise(db);
  const archivedId = await createExercise(db, { archived: true });
  const user = await createUser(db);
  const other = await createUser(db);
  await saveDraft(db, user, exerciseId, { code: "mine" });
  await saveDraft(db, other, exerciseId, { code: "not mine" });
  await revealHint(db, user, exerciseId, { index: 0 });
  const view = await getExerciseForLearner(user, exerciseId, db);
  expect(view.draft?.code).toBe("mine");
  expect(view.revealedHints).toEqual([HINTS[0]]);
  expect(JSON.stringify(view)).not.toContain(HINTS[1]);
  await expect(getExerciseForLearner(user, archivedId, db)).rejects.toMatchObject({ status: 404 });
});

test("progress is recomputed from submissions: an override decides, REVIEWED is kept, firstPassedAt is the earliest pass", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const early = new Date("2026-01-02T10:00:00Z");
  await verified(user, exerciseId, "FAILED", new Date("2026-01-01T10:00:00Z"));
  await verified(user, exerciseId, "PASSED", new Date("2026-01-03T10:00:00Z"));
  await verified(user, exerciseId, "PASSED", early);
  const key = { userId_exerciseId: { userId: user.id, exerciseId } };
  expect(await db.progress.findUniqueOrThrow({ where: key })).toMatchObject({
    state: "PASSED",
    attempts: 3,
    firstPassedAt: early,
  });
  // Recomputing again changes nothing: the row is a function of the submissions.
  await recomputeProgress(db, user.id, exerciseId);
  expect(await db.progress.findUniqueOrThrow({ where: key })).toMatchObject({ state: "PASSED", attempts: 3 });

  await db.progress.update({ where: key, data: { overrideVerdict: "FAILED" } });
  expect(await recomputeProgress(db, user.id, exerciseId)).toMatchObject({ state: "ATTEMPTED", firstPassedAt: null });
  await db.progress.update({ where: key, data: { overrideVerdict: "PASSED", state: "REVIEWED" } });
  expect(await recomputeProgress(db, user.id, exerciseId)).toMatchObject({
    state: "REVIEWED",
    attempts: 3,
    firstPassedAt: early,
  });

  // An override alone (no passing submission) makes a pass, and shows the solution.
  const second = await createExercise(db);
  await verified(user, second, "FAILED");
  await db.progress.update({
    where: { userId_exerciseId: { userId: user.id, exerciseId: second } },
    data: { overrideVerdict: "PASSED" },
  });
  expect(await recomputeProgress(db, user.id, second)).toMatchObject({ state: "PASSED", attempts: 1 });
  expect((await getExerciseForLearner(user, second, db)).solution).toBe(SOLUTION);
});

test("course map and progress summary count passed and attempted per section and overall; unread feedback is real rows", async () => {
  const a1 = await createExercise(db, { sectionId: "map-a", order: 1, title: "A1" });
  const a2 = await createExercise(db, { sectionId: "map-a", order: 2, title: "A2" });
  const b1 = await createExercise(db, { sectionId: "map-b", order: 1, title: "B1" });
  await createExercise(db, { sectionId: "map-b", order: 2, title: "gone", archived: true });
  const user = await createUser(db);
  await verified(user, a1, "PASSED");
  await verified(user, a2, "FAILED");

  const map = await getCourseMapForLearner(user, db);
  const mapA = map.find((s) => s.id === "map-a")!;
  const mapB = map.find((s) => s.id === "map-b")!;
  expect(mapA).toMatchObject({ hasLesson: true, passed: 1, total: 2 });
  expect(mapA.exercises.map((e) => [e.title, e.state])).toEqual([
    ["A1", "PASSED"],
    ["A2", "ATTEMPTED"],
  ]);
  expect(mapB).toMatchObject({ passed: 0, total: 1 });
  // The archived exercise is not on the map.
  expect(mapB.exercises.map((e) => [e.id, e.state])).toEqual([[b1, "NOT_STARTED"]]);
  expect(JSON.stringify(map)).not.toContain(SOLUTION_MARKER);

  const instructor = await createUser(db, "INSTRUCTOR");
  const sub = await db.submission.findFirstOrThrow({ where: { userId: user.id, exerciseId: a1 } });
  await db.feedback.createMany({
    data: [
      { submissionId: sub.id, authorId: instructor.id, body: "Nice." },
      { submissionId: sub.id, authorId: instructor.id, body: "Read.", readAt: new Date() },
    ],
  });
  const progress = await getProgressForLearner(user, db);
  expect(progress.sections.find((s) => s.id === "map-a")).toMatchObject({ passed: 1, attempted: 1, total: 2 });
  expect(progress.sections.find((s) => s.id === "map-b")).toMatchObject({ passed: 0, attempted: 0, total: 1 });
  expect(progress.overall.passed).toBe(1);
  expect(progress.overall.attempted).toBe(1);
  expect(progress.overall.total).toBe(map.reduce((n, s) => n + s.total, 0));
  expect(progress.unreadFeedback).toBe(1);
  expect(progress.streakDays).toBe(1);
  expect(progress.lastActivityAt).not.toBeNull();

  const newcomer = await getProgressForLearner(await createUser(db), db);
  expect(newcomer).toMatchObject({
    lastActivityAt: null,
    streakDays: 0,
    unreadFeedback: 0,
    overall: { passed: 0, attempted: 0 },
  });
});

test("a streak counts consecutive UTC days ending today, or yesterday while today is still open", () => {
  const now = new Date("2026-03-10T08:00:00Z");
  const at = (iso: string) => new Date(iso);
  expect(streakDays([], now)).toBe(0);
  expect(streakDays([at("2026-03-10T00:00:01Z")], now)).toBe(1);
  expect(streakDays([at("2026-03-09T23:59:59Z")], now)).toBe(1);
  expect(streakDays([at("2026-03-08T12:00:00Z")], now)).toBe(0);
  expect(
    streakDays(
      [
        at("2026-03-10T01:00:00Z"),
        at("2026-03-09T05:00:00Z"),
        at("2026-03-09T06:00:00Z"),
        at("2026-03-08T23:00:00Z"),
        at("2026-03-06T12:00:00Z"),
      ],
      now,
    ),
  ).toBe(3);
});
