/**
 * Submission review on the real database: cohort scoping (another
 * instructor's cohort or learner is a 404, a learner is refused outright),
 * feedback with line comments end to end, grade overrides with their audit
 * row and effect on progress, the learner's own feedback view marking read,
 * and keyset pagination visiting every row exactly once.
 */
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { listCohortSubmissions, REVIEW_PAGE_SIZE } from "@/lib/review/list-cohort-submissions";
import { getSubmissionForReview } from "@/lib/review/get-submission-for-review";
import { giveFeedback } from "@/lib/review/give-feedback";
import { overrideGrade } from "@/lib/review/override-grade";
import { countUnreadFeedback, getFeedbackForLearner } from "@/lib/learner/get-feedback-for-learner";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import type { SessionUser } from "@/lib/auth/session";
import type { CheckResult } from "@/lib/grading/result";
import { testDb } from "../../setup/db";
import { createExercise, createUser, HIDDEN_MARKER, STARTER, VISIBLE_ONLY } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

const FAILED_RESULT: CheckResult = {
  version: 1,
  kind: "check",
  status: "failed",
  message: "",
  tests: [
    { name: "test_visible.py::test_double_three", status: "passed", message: "", duration: 1, visibility: "visible" },
    {
      name: "test_hidden.py::test_double_negative",
      status: "failed",
      message: `${HIDDEN_MARKER}: double(-4) should be -8`,
      duration: 1,
      visibility: "hidden",
    },
  ],
  traceback: null,
  duration: 3,
  stdout: "",
  stderr: "",
  truncated: false,
};

async function submitVerified(
  learner: SessionUser,
  exerciseId: string,
  code: string,
  verdict: "PASSED" | "FAILED",
  createdAt = new Date(),
) {
  const s = await db.submission.create({
    data: {
      userId: learner.id,
      exerciseId,
      code,
      createdAt,
      exerciseHash: "h",
      state: "DONE",
      verdict,
      result: verdict === "FAILED" ? FAILED_RESULT : { ...FAILED_RESULT, status: "passed", tests: [] },
      verifiedAt: createdAt,
      durationMs: 40,
    },
  });
  await recomputeProgress(db, learner.id, exerciseId);
  return s;
}

/** Two instructors with a cohort each, a learner in each, one exercise. */
async function twoCohorts() {
  const teacherA = await createUser(db, "INSTRUCTOR");
  const teacherB = await createUser(db, "INSTRUCTOR");
  const learnerA = await createUser(db);
  const learnerB = await createUser(db);
  const cohortA = await createCohort(db, teacherA, { name: "A" });
  const cohortB = await createCohort(db, teacherB, { name: "B" });
  await joinCohort(db, learnerA, { code: cohortA.joinCode });
  await joinCohort(db, learnerB, { code: cohortB.joinCode });
  const exerciseId = await createExercise(db);
  return { teacherA, teacherB, learnerA, learnerB, cohortA, cohortB, exerciseId };
}

test("instructor A cannot list or open cohort B's submissions, nor give feedback or override on them (404)", async () => {
  const { teacherA, learnerB, cohortB, exerciseId } = await twoCohorts();
  const sub = await submitVerified(learnerB, exerciseId, VISIBLE_ONLY, "FAILED");

  await expect(listCohortSubmissions(db, teacherA, cohortB.id, {})).rejects.toMatchObject({ status: 404 });
  await expect(getSubmissionForReview(db, teacherA, sub.id)).rejects.toMatchObject({ status: 404 });
  await expect(giveFeedback(db, teacherA, sub.id, { body: "Nice" })).rejects.toMatchObject({ status: 404 });
  await expect(
    overrideGrade(db, teacherA, sub.id, { verdict: "PASSED", reason: "Looks right to me" }),
  ).rejects.toMatchObject({ status: 404 });
  expect(await db.feedback.count({ where: { submissionId: sub.id } })).toBe(0);
  expect(await db.gradeOverride.count({ where: { submissionId: sub.id } })).toBe(0);
});

test("a learner cannot reach any review function, not even for their own submission (403)", async () => {
  const { learnerA, cohortA, exerciseId } = await twoCohorts();
  const sub = await submitVerified(learnerA, exerciseId, VISIBLE_ONLY, "FAILED");
  await expect(listCohortSubmissions(db, learnerA, cohortA.id, {})).rejects.toMatchObject({ status: 403 });
  await expect(getSubmissionForReview(db, learnerA, sub.id)).rejects.toMatchObject({ status: 403 });
  await expect(
    giveFeedback(db, learnerA, sub.id, { body: "I approve myself", status: "APPROVED" }),
  ).rejects.toMatchObject({
    status: 403,
  });
  await expect(
    overrideGrade(db, learnerA, sub.id, { verdict: "PASSED", reason: "Because I said so" }),
  ).rejects.toMatchObject({
    status: 403,
  });
});

test("the reviewer sees code, previous code, starter, hidden checks and history; feedback with line comments round-trips", async () => {
  const { teacherA, learnerA, cohortA, exerciseId } = await twoCohorts();
  const first = await submitVerified(learnerA, exerciseId, STARTER, "FAILED", new Date(Date.now() - 60_000));
  const second = await submitVerified(learnerA, exerciseId, VISIBLE_ONLY, "FAILED");

  const queue = await listCohortSubmissions(db, teacherA, cohortA.id, { exerciseId });
  expect(queue.rows.map((r) => r.id)).toEqual([second.id, first.id]);

  const view = await getSubmissionForReview(db, teacherA, second.id);
  expect(view.code).toBe(VISIBLE_ONLY);
  expect(view.previous?.code).toBe(STARTER);
  expect(view.exercise.starter).toBe(STARTER);
  expect(view.result?.tests.find((t) => t.visibility === "hidden")?.message).toContain(HIDDEN_MARKER);
  expect(view.history.map((h) => h.id)).toEqual([first.id, second.id]);
  expect(view.timeSinceFirstSubmissionMs).toBeGreaterThanOrEqual(60_000);

  await expect(
    giveFeedback(db, teacherA, second.id, { body: "x", lineComments: [{ line: 3, body: "no such line" }] }),
  ).rejects.toMatchObject({ status: 400 });
  await expect(giveFeedback(db, teacherA, second.id, { body: "y".repeat(10_001) })).rejects.toMatchObject({
    status: 400,
  });

  await giveFeedback(db, teacherA, second.id, {
    body: "Close! What about **negative** numbers?",
    status: "NEEDS_REVISION",
    lineComments: [{ line: 2, body: "This only handles 3." }],
  });
  const again = await getSubmissionForReview(db, teacherA, second.id);
  expect(again.feedback).toEqual([
    expect.objectContaining({
      body: "Close! What about **negative** numbers?",
      status: "NEEDS_REVISION",
      lineComments: [expect.objectContaining({ line: 2, body: "This only handles 3." })],
    }),
  ]);
  expect((await listCohortSubmissions(db, teacherA, cohortA.id, { needsReview: true })).rows).toEqual([]);
});

test("APPROVED marks progress REVIEWED; NEEDS_REVISION takes it back", async () => {
  const { teacherA, learnerA, exerciseId } = await twoCohorts();
  const sub = await submitVerified(learnerA, exerciseId, "def double(x):\n    return 2 * x\n", "PASSED");
  const key = { userId_exerciseId: { userId: learnerA.id, exerciseId } };
  await giveFeedback(db, teacherA, sub.id, { body: "Well done.", status: "APPROVED" });
  expect((await db.progress.findUniqueOrThrow({ where: key })).state).toBe("REVIEWED");
  await giveFeedback(db, teacherA, sub.id, { body: "On second thought, add a docstring.", status: "NEEDS_REVISION" });
  expect((await db.progress.findUniqueOrThrow({ where: key })).state).toBe("PASSED");
});

test("an override needs a reason, writes the audit row and changes the learner's progress", async () => {
  const { teacherA, learnerA, exerciseId } = await twoCohorts();
  const sub = await submitVerified(learnerA, exerciseId, VISIBLE_ONLY, "FAILED");
  const key = { userId_exerciseId: { userId: learnerA.id, exerciseId } };
  expect((await db.progress.findUniqueOrThrow({ where: key })).state).toBe("ATTEMPTED");

  await expect(overrideGrade(db, teacherA, sub.id, { verdict: "PASSED", reason: " ok " })).rejects.toMatchObject({
    status: 400,
  });
  await expect(overrideGrade(db, teacherA, sub.id, { verdict: "PASSED" })).rejects.toMatchObject({ status: 400 });
  expect(await db.gradeOverride.count({ where: { submissionId: sub.id } })).toBe(0);

  const { override, progress } = await overrideGrade(db, teacherA, sub.id, {
    verdict: "PASSED",
    reason: "The hidden check was wrong for this exercise version.",
  });
  expect(override).toMatchObject({ fromVerdict: "FAILED", toVerdict: "PASSED" });
  expect(progress.state).toBe("PASSED");
  const row = await db.gradeOverride.findFirstOrThrow({ where: { submissionId: sub.id } });
  expect(row).toMatchObject({ actorId: teacherA.id, reason: "The hidden check was wrong for this exercise version." });
  const stored = await db.progress.findUniqueOrThrow({ where: key });
  expect(stored).toMatchObject({ state: "PASSED", overrideVerdict: "PASSED" });
  expect(stored.firstPassedAt).not.toBeNull();

  // And back: the second audit row records what counted before.
  const back = await overrideGrade(db, teacherA, sub.id, { verdict: "FAILED", reason: "Re-checked: it really fails." });
  expect(back.override).toMatchObject({ fromVerdict: "PASSED", toVerdict: "FAILED" });
  expect((await db.progress.findUniqueOrThrow({ where: key })).state).toBe("ATTEMPTED");
});

test("the learner's feedback view shows only their own feedback and marks it read", async () => {
  const { teacherA, teacherB, learnerA, learnerB, exerciseId } = await twoCohorts();
  const subA = await submitVerified(learnerA, exerciseId, VISIBLE_ONLY, "FAILED");
  const subB = await submitVerified(learnerB, exerciseId, VISIBLE_ONLY, "FAILED");
  await giveFeedback(db, teacherA, subA.id, { body: "For A", lineComments: [{ line: 1, body: "A's line" }] });
  await giveFeedback(db, teacherB, subB.id, { body: "For B" });

  expect(await countUnreadFeedback(db, learnerA)).toBe(1);
  const seen = await getFeedbackForLearner(db, learnerA, { exerciseId });
  expect(seen).toEqual([
    expect.objectContaining({ body: "For A", isNew: true, lineComments: [{ line: 1, body: "A's line" }] }),
  ]);
  expect(await countUnreadFeedback(db, learnerA)).toBe(0);
  expect((await getFeedbackForLearner(db, learnerA))[0].isNew).toBe(false);
  // B's feedback is untouched by A's view.
  expect(await countUnreadFeedback(db, learnerB)).toBe(1);
});

test("keyset pagination returns every row exactly once, forwards and backwards, with ties on createdAt", async () => {
  const { teacherA, learnerA, cohortA } = await twoCohorts();
  const exerciseId = await createExercise(db);
  const base = Date.now() - 1_000_000;
  const ids: string[] = [];
  // 130 rows, many sharing a timestamp, so the id must break the ties.
  for (let i = 0; i < 130; i++) {
    const s = await db.submission.create({
      data: {
        userId: learnerA.id,
        exerciseId,
        code: `# ${i}\n`,
        exerciseHash: "h",
        createdAt: new Date(base + Math.floor(i / 7) * 1000),
        state: "DONE",
        verdict: i % 2 ? "PASSED" : "FAILED",
      },
    });
    ids.push(s.id);
  }
  for (const sort of ["newest", "oldest"] as const) {
    const seen: string[] = [];
    const pages = [];
    let after: string | undefined;
    for (;;) {
      const page = await listCohortSubmissions(db, teacherA, cohortA.id, { exerciseId, sort, after });
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(pages.map((p) => p.rows.length)).toEqual([REVIEW_PAGE_SIZE, REVIEW_PAGE_SIZE, 30]);
    expect(pages[0].prevCursor).toBeNull();
    expect(new Set(seen).size).toBe(130);
    expect([...seen].sort()).toEqual([...ids].sort());
    const times = await db.submission.findMany({ where: { id: { in: seen } }, select: { id: true, createdAt: true } });
    const at = new Map(times.map((t) => [t.id, t.createdAt.getTime()]));
    for (let i = 1; i < seen.length; i++) {
      const ordered =
        sort === "newest" ? at.get(seen[i - 1])! >= at.get(seen[i])! : at.get(seen[i - 1])! <= at.get(seen[i])!;
      expect(ordered).toBe(true);
    }
    // Going back from the last page gives the middle page again.
    const back = await listCohortSubmissions(db, teacherA, cohortA.id, {
      exerciseId,
      sort,
      before: pages[2].prevCursor!,
    });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1].rows.map((r) => r.id));
    expect(back.prevCursor).not.toBeNull();
  }

  const passed = await listCohortSubmissions(db, teacherA, cohortA.id, { exerciseId, verdict: "PASSED" });
  expect(passed.rows.every((r) => r.verdict === "PASSED")).toBe(true);
  expect(passed.rows).toHaveLength(REVIEW_PAGE_SIZE);
  // "Needs review": only the latest verified submission of the pair.
  const needs = await listCohortSubmissions(db, teacherA, cohortA.id, { exerciseId, needsReview: true });
  expect(needs.rows).toHaveLength(1);
  expect(needs.nextCursor).toBeNull();
});
