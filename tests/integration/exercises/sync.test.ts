/**
 * Syncing the course from files into a real database: the shipped course
 * loads whole; a second sync changes nothing; a changed exercise gets its new
 * content hash; a removed or broken one is archived, its submissions kept,
 * and the problem stored for instructors.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { syncCourse } from "@/lib/exercises/sync";
import { loadCourse } from "@/lib/exercises/load";
import { testDb } from "../../setup/db";
import { ROOT } from "../../setup/paths";

const db = testDb();
afterAll(() => db.$disconnect());

const SHIPPED = path.join(ROOT, "exercises");

function copyCourse(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-sync-"));
  fs.cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

test("the shipped course syncs whole: every section with a lesson and at least three exercises", async () => {
  const report = await syncCourse(db, SHIPPED);
  expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
  const sections = await db.section.findMany({ include: { exercises: true }, orderBy: { order: "asc" } });
  expect(sections.map((s) => s.id)).toEqual(loadCourse(SHIPPED).sections.map((s) => s.id));
  expect(sections.length).toBeGreaterThanOrEqual(5);
  for (const s of sections) {
    expect(s.lesson.length).toBeGreaterThan(200);
    expect(s.exercises.length).toBeGreaterThanOrEqual(3);
  }
  expect(report.created).toBe(loadCourse(SHIPPED).exercises.length);

  const again = await syncCourse(db, SHIPPED);
  expect(again).toMatchObject({ created: 0, updated: 0, archived: 0 });
});

test("a changed check updates the hash; a broken or removed exercise is archived, never deleted", async () => {
  const dir = copyCourse();
  await syncCourse(db, dir);
  const course = loadCourse(dir);
  const [changed, broken] = course.exercises;

  const learner = await db.user.create({ data: { email: "sync-learner@example.com", name: "L" } });
  await db.submission.create({
    data: { userId: learner.id, exerciseId: broken.id, code: "print(1)", exerciseHash: broken.contentHash },
  });

  fs.appendFileSync(path.join(dir, changed.dir, "checks", "test_hidden.py"), "\n# a new comment changes the hash\n");
  fs.writeFileSync(path.join(dir, broken.dir, "exercise.yaml"), "id: [not, valid\n");

  const report = await syncCourse(db, dir);
  expect(report.updated).toBe(1);
  expect(report.archived).toBe(1);
  expect(report.problems.some((p) => p.path.startsWith(broken.dir) && p.severity === "error")).toBe(true);

  const after = await db.exercise.findUniqueOrThrow({ where: { id: changed.id } });
  expect(after.contentHash).not.toBe(changed.contentHash);
  const archived = await db.exercise.findUniqueOrThrow({ where: { id: broken.id } });
  expect(archived.archivedAt).not.toBeNull();
  expect(await db.submission.count({ where: { exerciseId: broken.id } })).toBe(1);

  const lastSync = await db.contentSync.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
  expect(JSON.stringify(lastSync.problems)).toContain(broken.dir);

  // Fixing the file brings the exercise back with its history.
  fs.cpSync(path.join(SHIPPED, broken.dir, "exercise.yaml"), path.join(dir, broken.dir, "exercise.yaml"));
  await syncCourse(db, dir);
  expect((await db.exercise.findUniqueOrThrow({ where: { id: broken.id } })).archivedAt).toBeNull();
});

test("a sixth section needs only course.yaml: it loads, syncs, and holds its exercises", async () => {
  const dir = copyCourse();
  const course = loadCourse(dir);
  const moved = course.exercises[0];
  fs.mkdirSync(path.join(dir, "06-interning"));
  fs.writeFileSync(
    path.join(dir, "06-interning/lesson.md"),
    "# Interning\n\nSmall ints and some strings are shared.\n",
  );
  fs.renameSync(path.join(dir, moved.dir), path.join(dir, "06-interning", moved.slug));
  const yaml = path.join(dir, "06-interning", moved.slug, "exercise.yaml");
  fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace(/^section: .*$/m, "section: interning"));
  fs.appendFileSync(
    path.join(dir, "course.yaml"),
    "  - id: interning\n    title: Interning and small-int caching\n    order: 6\n    lesson: 06-interning/lesson.md\n",
  );

  const report = await syncCourse(db, dir);
  expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
  const section = await db.section.findUniqueOrThrow({ where: { id: "interning" }, include: { exercises: true } });
  expect(section).toMatchObject({ title: "Interning and small-int caching", order: 6, archivedAt: null });
  expect(section.lesson).toContain("Small ints");
  expect(section.exercises.map((e) => [e.id, e.path])).toEqual([[moved.id, `06-interning/${moved.slug}`]]);
  const all = await db.section.findMany({ where: { archivedAt: null }, orderBy: { order: "asc" } });
  expect(all.map((s) => s.id)).toEqual([...course.sections.map((s) => s.id), "interning"]);
});
