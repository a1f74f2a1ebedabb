/**
 * Cohorts on the real database: who may create, read and change them (another
 * instructor's cohort is a 404), joining by code (idempotent; bad codes
 * refused), who may see which learners, and a cohort's open sections as the
 * learner's course map and exercise view honour them.
 */
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort, findCohortByCode } from "@/lib/cohorts/join-cohort";
import { listCohortsFor } from "@/lib/cohorts/list-cohorts-for";
import { getCohortForInstructor } from "@/lib/cohorts/get-cohort-for-instructor";
import { updateCohortSettings, UnknownSectionError } from "@/lib/cohorts/update-cohort-settings";
import { assertCanViewLearner, learnerIdsVisibleTo } from "@/lib/cohorts/learner-access";
import { SECTION_CLOSED_MESSAGE } from "@/lib/cohorts/open-sections";
import { generateJoinCode, normalizeJoinCode } from "@/lib/cohorts/join-code";
import { getCourseMapForLearner } from "@/lib/learner/get-course-map-for-learner";
import { getExerciseForLearner } from "@/lib/learner/get-exercise-for-learner";
import { saveDraft } from "@/lib/submissions/save-draft";
import { submitSolution } from "@/lib/submissions/submit-solution";
import { revealHint } from "@/lib/progress/reveal-hint";
import { testDb } from "../../setup/db";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

test("join codes are 10 base32 symbols from a CSPRNG, and pasted codes are normalised", () => {
  const codes = new Set(Array.from({ length: 200 }, generateJoinCode));
  expect(codes.size).toBe(200);
  for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{10}$/);
  expect(normalizeJoinCode(" abcde-fghij ")).toBe("ABCDEFGHIJ");
  expect(normalizeJoinCode("ABCDE0FGHI")).toBeNull();
  expect(normalizeJoinCode("short")).toBeNull();
});

test("an instructor creates a cohort, a learner joins it twice and is a member once, the instructor sees them", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const learner = await createUser(db);
  const cohort = await createCohort(db, teacher, { name: "  Autumn 2026  " });
  expect(cohort.name).toBe("Autumn 2026");

  const preview = await findCohortByCode(db, learner, { code: cohort.joinCode.toLowerCase() });
  expect(preview).toEqual({ name: "Autumn 2026", instructorName: teacher.name, alreadyMember: false });

  const first = await joinCohort(db, learner, { code: cohort.joinCode });
  const second = await joinCohort(db, learner, { code: cohort.joinCode });
  expect(second.joinedAt).toEqual(first.joinedAt);
  expect(await db.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(1);
  expect((await findCohortByCode(db, learner, { code: cohort.joinCode })).alreadyMember).toBe(true);

  const detail = await getCohortForInstructor(db, teacher, cohort.id);
  expect(detail.members.map((m) => m.id)).toEqual([learner.id]);
  expect(detail.openSections).toBeNull();
  expect(detail.showSolutionAfterPass).toBe(true);

  const list = await listCohortsFor(db, teacher);
  expect(list).toEqual([expect.objectContaining({ id: cohort.id, memberCount: 1 })]);
});

test("a bad or unknown join code is refused as not found; an empty name is refused", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const learner = await createUser(db);
  await expect(joinCohort(db, learner, { code: "not a code" })).rejects.toMatchObject({ status: 404 });
  await expect(joinCohort(db, learner, { code: "AAAAAAAAAA" })).rejects.toMatchObject({ status: 404 });
  await expect(findCohortByCode(db, learner, { code: "AAAAAAAAAA" })).rejects.toMatchObject({ status: 404 });
  await expect(createCohort(db, teacher, { name: "   " })).rejects.toThrow("Give the cohort a name.");
});

test("a learner cannot create, list or read cohorts", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const learner = await createUser(db);
  const cohort = await createCohort(db, teacher, { name: "Mine" });
  await expect(createCohort(db, learner, { name: "Sneaky" })).rejects.toMatchObject({ status: 403 });
  await expect(listCohortsFor(db, learner)).rejects.toMatchObject({ status: 403 });
  await expect(getCohortForInstructor(db, learner, cohort.id)).rejects.toMatchObject({ status: 403 });
  await expect(learnerIdsVisibleTo(db, learner)).rejects.toMatchObject({ status: 403 });
});

test("instructor B cannot read, update or list instructor A's cohort (404, not 403); an admin can", async () => {
  const a = await createUser(db, "INSTRUCTOR");
  const b = await createUser(db, "INSTRUCTOR");
  const admin = await createUser(db, "ADMIN");
  const cohort = await createCohort(db, a, { name: "A's cohort" });

  await expect(getCohortForInstructor(db, b, cohort.id)).rejects.toMatchObject({ status: 404 });
  await expect(
    updateCohortSettings(db, b, cohort.id, { openSections: [], showSolutionAfterPass: false }),
  ).rejects.toMatchObject({ status: 404 });
  const unchanged = await db.cohort.findUniqueOrThrow({ where: { id: cohort.id } });
  expect(unchanged.showSolutionAfterPass).toBe(true);
  expect(unchanged.openSections).toBeNull();
  expect((await listCohortsFor(db, b)).map((c) => c.id)).not.toContain(cohort.id);

  expect((await getCohortForInstructor(db, admin, cohort.id)).name).toBe("A's cohort");
  expect((await listCohortsFor(db, admin)).map((c) => c.id)).toContain(cohort.id);
});

test("an instructor sees only learners of their own cohorts; an admin sees all", async () => {
  const a = await createUser(db, "INSTRUCTOR");
  const b = await createUser(db, "INSTRUCTOR");
  const admin = await createUser(db, "ADMIN");
  const mine = await createUser(db);
  const theirs = await createUser(db);
  await joinCohort(db, mine, { code: (await createCohort(db, a, { name: "A" })).joinCode });
  await joinCohort(db, theirs, { code: (await createCohort(db, b, { name: "B" })).joinCode });

  const visible = await learnerIdsVisibleTo(db, a);
  expect(visible).toEqual(new Set([mine.id]));
  await expect(assertCanViewLearner(db, a, mine.id)).resolves.toBeUndefined();
  await expect(assertCanViewLearner(db, a, theirs.id)).rejects.toMatchObject({ status: 404 });
  expect(await learnerIdsVisibleTo(db, admin)).toBe("all");
  await expect(assertCanViewLearner(db, admin, theirs.id)).resolves.toBeUndefined();
  await expect(assertCanViewLearner(db, admin, "no-such-user")).rejects.toMatchObject({ status: 404 });
});

test("open sections: closed on the course map and refused in the exercise view; a second cohort that opens it wins", async () => {
  const inAllocation = await createExercise(db, { sectionId: "allocation" });
  const inGc = await createExercise(db, { sectionId: "gc" });
  const teacher = await createUser(db, "INSTRUCTOR");
  const learner = await createUser(db);
  const outsider = await createUser(db);
  const cohort = await createCohort(db, teacher, { name: "Only allocation" });
  await joinCohort(db, learner, { code: cohort.joinCode });

  await expect(
    updateCohortSettings(db, teacher, cohort.id, { openSections: ["no-such-section"], showSolutionAfterPass: true }),
  ).rejects.toBeInstanceOf(UnknownSectionError);
  await updateCohortSettings(db, teacher, cohort.id, { openSections: ["allocation"], showSolutionAfterPass: false });
  expect((await getCohortForInstructor(db, teacher, cohort.id)).openSections).toEqual(["allocation"]);

  const closedOf = async (u: typeof learner) =>
    Object.fromEntries((await getCourseMapForLearner(u, db)).map((s) => [s.id, s.closedByInstructor]));
  expect(await closedOf(learner)).toMatchObject({ allocation: false, gc: true });
  expect((await getExerciseForLearner(learner, inAllocation, db)).id).toBe(inAllocation);
  await expect(getExerciseForLearner(learner, inGc, db)).rejects.toMatchObject({
    status: 403,
    message: SECTION_CLOSED_MESSAGE,
  });

  // A learner in no cohort sees everything.
  expect(await closedOf(outsider)).toMatchObject({ allocation: false, gc: false });
  expect((await getExerciseForLearner(outsider, inGc, db)).id).toBe(inGc);

  // Another cohort of the same learner with every section open reopens it.
  const other = await createCohort(db, teacher, { name: "Everything" });
  await joinCohort(db, learner, { code: other.joinCode });
  expect(await closedOf(learner)).toMatchObject({ gc: false });
  expect((await getExerciseForLearner(learner, inGc, db)).id).toBe(inGc);

  // Back to all sections for the first cohort (null), then none open (empty list) with the second archived.
  await db.cohort.update({ where: { id: other.id }, data: { archivedAt: new Date() } });
  await updateCohortSettings(db, teacher, cohort.id, { openSections: [], showSolutionAfterPass: true });
  expect(await closedOf(learner)).toMatchObject({ allocation: true, gc: true });
  await updateCohortSettings(db, teacher, cohort.id, { openSections: null, showSolutionAfterPass: true });
  expect(await closedOf(learner)).toMatchObject({ allocation: false, gc: false });
});

test("work on a closed section is refused: no draft, hint or submission is stored", async () => {
  const exerciseId = await createExercise(db, { sectionId: "gc" });
  const teacher = await createUser(db, "INSTRUCTOR");
  const learner = await createUser(db);
  const cohort = await createCohort(db, teacher, { name: "Allocation only" });
  await joinCohort(db, learner, { code: cohort.joinCode });
  await updateCohortSettings(db, teacher, cohort.id, { openSections: ["allocation"], showSolutionAfterPass: true });

  const queue = { nudge: jest.fn() };
  const closed = { status: 403, message: SECTION_CLOSED_MESSAGE };
  await expect(saveDraft(db, learner, exerciseId, { code: "x = 1" })).rejects.toMatchObject(closed);
  await expect(revealHint(db, learner, exerciseId, { index: 0 })).rejects.toMatchObject(closed);
  await expect(submitSolution(db, learner, exerciseId, { code: "x = 1" }, queue)).rejects.toMatchObject(closed);
  expect(queue.nudge).not.toHaveBeenCalled();
  expect(await db.draft.count({ where: { userId: learner.id } })).toBe(0);
  expect(await db.hintReveal.count({ where: { userId: learner.id } })).toBe(0);
  expect(await db.submission.count({ where: { userId: learner.id } })).toBe(0);
});
