/**
 * What a guest (not signed in) may read, against real SQLite: the task, the
 * starter and the visible checks; never a hidden check or the solution, and
 * nothing of anyone's (draft, progress, hints' texts).
 */
import { getCourseMapForGuest, getExerciseForGuest } from "@/lib/learner/guest-views";
import { testDb } from "../../setup/db";
import { CHECKS, SOLUTION_MARKER, createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

test("a guest gets the visible checks only, no solution, no one's draft or progress", async () => {
  const exerciseId = await createExercise(db);
  const learner = await createUser(db, "LEARNER");
  await db.draft.create({ data: { userId: learner.id, exerciseId, code: "someone else's draft" } });

  const view = await getExerciseForGuest(exerciseId, db);
  const hidden = CHECKS.filter((c) => c.visibility === "hidden");
  expect(hidden.length).toBeGreaterThan(0);
  expect(view.visibleChecks.map((c) => c.name)).toEqual(
    CHECKS.filter((c) => c.visibility === "visible").map((c) => c.name),
  );
  const text = JSON.stringify(view);
  for (const check of hidden) expect(text).not.toContain(check.source);
  expect(text).not.toContain(SOLUTION_MARKER);
  expect(text).not.toContain("someone else's draft");
  expect({ draft: view.draft, progress: view.progress, solution: view.solution, hints: view.revealedHints }).toEqual({
    draft: null,
    progress: null,
    solution: null,
    hints: [],
  });

  const map = await getCourseMapForGuest(db);
  const exercise = map.flatMap((s) => s.exercises).find((e) => e.id === exerciseId);
  expect(exercise?.state).toBe("NOT_STARTED");
  await expect(getExerciseForGuest("no-such-exercise", db)).rejects.toMatchObject({ status: 404 });
});
