/**
 * Sync the course from files into the database (at every start, and from
 * tests). Exercises are keyed by their stable UUID: new ones are created,
 * changed ones (new content hash) updated, and ones no longer on disk (or now
 * broken) archived — never deleted, so learners' submissions and progress
 * stay. The problems found are stored for instructors to read.
 */
import type { Db } from "../db/create-client";
import { analyzeTables } from "../db/sql-dialect";
import { loadCourse, type ContentProblem } from "./load";

export type SyncReport = {
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  problems: ContentProblem[];
};

export async function syncCourse(db: Db, dir: string): Promise<SyncReport> {
  const course = loadCourse(dir);
  const report: SyncReport = { created: 0, updated: 0, unchanged: 0, archived: 0, problems: course.problems };
  const sectionIds = new Set(course.sections.map((s) => s.id));
  // An exercise whose section is not in course.yaml cannot be shown: report it.
  const exercises = course.exercises.filter((e) => {
    if (sectionIds.has(e.meta.section)) return true;
    report.problems.push({
      path: e.dir,
      message: `section "${e.meta.section}" is not listed in course.yaml`,
      severity: "error",
    });
    return false;
  });

  await db.$transaction(async (tx) => {
    for (const s of course.sections) {
      await tx.section.upsert({
        where: { id: s.id },
        create: { id: s.id, title: s.title, order: s.order, lesson: s.lesson },
        update: { title: s.title, order: s.order, lesson: s.lesson, archivedAt: null },
      });
    }
    await tx.section.updateMany({
      where: { id: { notIn: [...sectionIds] }, archivedAt: null },
      data: { archivedAt: new Date() },
    });

    const existing = new Map(
      (await tx.exercise.findMany({ select: { id: true, contentHash: true, path: true, archivedAt: true } })).map(
        (e) => [e.id, e],
      ),
    );
    for (const e of exercises) {
      const data = {
        slug: e.slug,
        sectionId: e.meta.section,
        title: e.meta.title,
        order: e.meta.order,
        difficulty: e.meta.difficulty,
        tags: e.meta.tags,
        prompt: e.prompt,
        starter: e.starter,
        solution: e.solution,
        checks: e.checks,
        hints: e.meta.hints,
        timeLimitMs: e.meta.limits.timeLimitMs,
        memoryLimitMb: e.meta.limits.memoryLimitMb,
        contentHash: e.contentHash,
        path: e.dir,
        archivedAt: null,
      };
      const before = existing.get(e.id);
      if (!before) {
        await tx.exercise.create({ data: { id: e.id, ...data } });
        report.created++;
      } else if (before.contentHash !== e.contentHash || before.path !== e.dir || before.archivedAt) {
        await tx.exercise.update({ where: { id: e.id }, data });
        report.updated++;
      } else {
        report.unchanged++;
      }
    }
    const live = exercises.map((e) => e.id);
    const archived = await tx.exercise.updateMany({
      where: { id: { notIn: live }, archivedAt: null },
      data: { archivedAt: new Date() },
    });
    report.archived = archived.count;
    await tx.contentSync.create({ data: { exerciseCount: exercises.length, problems: report.problems } });
  });
  await analyzeTables(db, ["Section", "Exercise"]);
  return report;
}
