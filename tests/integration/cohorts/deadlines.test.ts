/**
 * Due dates per cohort section (real SQLite): only the cohort's instructor
 * sets them, unknown sections and bad dates are refused with a message, a
 * learner in two cohorts gets the later date, and the learner's course map
 * shows it.
 */
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { cohortDeadlines, isLate, learnerDeadlines, setSectionDeadlines } from "@/lib/cohorts/deadlines";
import { getCourseMapForLearner } from "@/lib/learner/get-course-map-for-learner";
import { AuthError } from "@/lib/auth/errors";
import { HttpError } from "@/lib/http/errors";
import { testDb } from "../../setup/db";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

test("an instructor sets and clears due dates; a learner in two cohorts gets the later one", async () => {
  await createExercise(db);
  const owner = await createUser(db, "INSTRUCTOR");
  const other = await createUser(db, "INSTRUCTOR");
  const learner = await createUser(db, "LEARNER");
  const early = await createCohort(db, owner, { name: "Early" });
  const late = await createCohort(db, other, { name: "Late" });
  await joinCohort(db, learner, { code: early.joinCode });
  await joinCohort(db, learner, { code: late.joinCode });

  await setSectionDeadlines(db, owner, early.id, [{ sectionId: "allocation", dueAt: "2026-12-10T17:00:00Z" }]);
  await setSectionDeadlines(db, other, late.id, [{ sectionId: "allocation", dueAt: "2026-12-12T09:00:00+02:00" }]);
  expect((await cohortDeadlines(db, early.id)).get("allocation")?.toISOString()).toBe("2026-12-10T17:00:00.000Z");
  expect((await learnerDeadlines(db, learner.id)).get("allocation")?.toISOString()).toBe("2026-12-12T07:00:00.000Z");
  const map = await getCourseMapForLearner(learner, db);
  expect(map.find((s) => s.id === "allocation")?.dueAt?.toISOString()).toBe("2026-12-12T07:00:00.000Z");

  // Another instructor's cohort is not found; a learner may not set any.
  await expect(setSectionDeadlines(db, other, early.id, [])).rejects.toMatchObject({ status: 404 });
  await expect(setSectionDeadlines(db, learner, early.id, [])).rejects.toBeInstanceOf(AuthError);
  // An unknown section or a date that is not one: a 400 with a message, nothing changed.
  await expect(
    setSectionDeadlines(db, owner, early.id, [{ sectionId: "no-such-section", dueAt: "2026-12-10T17:00:00Z" }]),
  ).rejects.toBeInstanceOf(HttpError);
  await expect(
    setSectionDeadlines(db, owner, early.id, [{ sectionId: "allocation", dueAt: "next tuesday" }]),
  ).rejects.toMatchObject({ status: 400, message: "Enter a valid due date." });
  expect((await cohortDeadlines(db, early.id)).size).toBe(1);

  // An empty date clears it.
  await setSectionDeadlines(db, owner, early.id, [{ sectionId: "allocation", dueAt: "" }]);
  expect((await cohortDeadlines(db, early.id)).size).toBe(0);
});

test("late means made after the due date; no due date is never late", () => {
  const due = new Date("2026-12-10T17:00:00Z");
  expect(isLate(new Date("2026-12-10T17:00:00Z"), due)).toBe(false);
  expect(isLate(new Date("2026-12-10T17:00:01Z"), due)).toBe(true);
  expect(isLate(new Date("2030-01-01T00:00:00Z"), undefined)).toBe(false);
});
