/**
 * Authoring data on the real database: instructors and admins get the
 * reference solution, hidden checks and the last sync's problems matched to
 * the exercise's folder; learners are refused before anything is read.
 */
import { listExercisesForAuthoring } from "@/lib/authoring/list-exercises-for-authoring";
import { getExerciseForAuthoring } from "@/lib/authoring/get-exercise-for-authoring";
import { testDb } from "../../setup/db";
import { createExercise, createUser, HIDDEN_MARKER, SOLUTION_MARKER } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

test("an instructor sees every exercise with its check counts, and the last sync's problems under the right folder", async () => {
  const live = await createExercise(db);
  const archived = await createExercise(db, { archived: true });
  const livePath = (await db.exercise.findUniqueOrThrow({ where: { id: live } })).path;
  await db.contentSync.create({
    data: { exerciseCount: 1, problems: [{ path: "old/broken/exercise.yaml", message: "stale", severity: "error" }] },
  });
  // Only the newest sync counts.
  await db.contentSync.create({
    data: {
      exerciseCount: 2,
      startedAt: new Date(Date.now() + 1_000),
      problems: [
        {
          path: `${livePath}/exercise.yaml`,
          message: "difficulty: expected a number from 1 to 5",
          severity: "warning",
        },
        { path: "02-gc/cycle-x/exercise.yaml", message: "id: not a UUID", severity: "error" },
      ],
    },
  });
  const teacher = await createUser(db, "INSTRUCTOR");
  const overview = await listExercisesForAuthoring(db, teacher);

  const row = overview.exercises.find((e) => e.id === live);
  expect(row).toMatchObject({ visibleChecks: 1, hiddenChecks: 1, checksReadable: true, archived: false });
  expect(row?.problems).toEqual([expect.objectContaining({ path: `${livePath}/exercise.yaml`, severity: "warning" })]);
  expect(overview.exercises.find((e) => e.id === archived)).toMatchObject({ archived: true, problems: [] });
  expect(overview.otherProblems).toEqual([expect.objectContaining({ path: "02-gc/cycle-x/exercise.yaml" })]);
  expect(overview.problemCount).toBe(2);
});

test("the exercise view holds the solution, the hidden checks and every hint; unknown ids are a 404", async () => {
  const id = await createExercise(db);
  const admin = await createUser(db, "ADMIN");
  const teacher = await createUser(db, "INSTRUCTOR");
  for (const actor of [admin, teacher]) {
    const ex = await getExerciseForAuthoring(db, actor, id);
    expect(ex.solution).toContain(SOLUTION_MARKER);
    expect(ex.checks.map((c) => [c.name, c.visibility])).toEqual([
      ["test_visible.py", "visible"],
      ["test_hidden.py", "hidden"],
    ]);
    expect(ex.checks[1].source).toContain(HIDDEN_MARKER);
    expect(ex.hints).toHaveLength(3);
    expect(ex.checksError).toBeNull();
  }
  await expect(getExerciseForAuthoring(db, teacher, "no-such-exercise")).rejects.toMatchObject({ status: 404 });
  await expect(getExerciseForAuthoring(db, teacher, ["array"])).rejects.toMatchObject({ status: 404 });
});

test("stored checks that do not parse are reported, not thrown", async () => {
  const id = await createExercise(db);
  await db.exercise.update({ where: { id }, data: { checks: [{ name: 1 }] } });
  const teacher = await createUser(db, "INSTRUCTOR");
  const ex = await getExerciseForAuthoring(db, teacher, id);
  expect(ex.checks).toEqual([]);
  expect(ex.checksError).toMatch(/do not parse/);
  expect((await listExercisesForAuthoring(db, teacher)).exercises.find((e) => e.id === id)).toMatchObject({
    checksReadable: false,
  });
});

test("a learner is refused (403) the overview and every exercise, before anything is read", async () => {
  const id = await createExercise(db);
  const learner = await createUser(db);
  await expect(listExercisesForAuthoring(db, learner)).rejects.toMatchObject({ status: 403 });
  await expect(getExerciseForAuthoring(db, learner, id)).rejects.toMatchObject({ status: 403 });
  await expect(getExerciseForAuthoring(db, learner, "no-such-exercise")).rejects.toMatchObject({ status: 403 });
});
