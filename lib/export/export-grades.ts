/**
 * A cohort's grades as CSV: one row per learner, one column per live
 * exercise (in course order) holding the progress state — with an
 * instructor's override named — then totals. Learners are read a page at a
 * time with their progress rows, so a big cohort is never held whole.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import type { ProgressState, Verdict } from "../db/generated/enums";
import { DONE_STATES, findDashboardCohort, listCourseExercises } from "../dashboards/dashboard-cohort";
import { csvFileName, csvRecord, UTF8_BOM } from "./csv";

/** Learner ids plus exercise ids are bound as parameters: stay under SQLite's 999 through Prisma. */
const LEARNERS_PER_PAGE = 400;

export type CsvExport = { fileName: string; records: AsyncIterable<string> };

/** What a grade cell says: the state, and an override when an instructor set one. */
export function gradeCell(state: ProgressState, overrideVerdict: Verdict | null): string {
  return overrideVerdict ? `${state} (override: ${overrideVerdict})` : state;
}

/** Authorization happens here, before the first byte: a refused request gets its 403/404, not a broken file. */
export async function exportGradesCsv(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  now = new Date(),
): Promise<CsvExport> {
  const cohort = await findDashboardCohort(db, actor, cohortId);
  const exercises = await listCourseExercises(db);
  return {
    fileName: csvFileName("leakless", cohort.name, "grades", now.toISOString().slice(0, 10)),
    records: gradeRecords(db, cohort.id, exercises),
  };
}

async function* gradeRecords(db: Db, cohortId: string, exercises: Awaited<ReturnType<typeof listCourseExercises>>) {
  yield (
    UTF8_BOM +
    csvRecord([
      "Learner",
      "Email",
      ...exercises.map((e) => `${e.sectionTitle} / ${e.title}`),
      "Exercises passed",
      "Exercises attempted",
      "Exercises in course",
      "Percent passed",
    ])
  );
  const exerciseIds = exercises.map((e) => e.id);
  let after: string | null = null;
  for (;;) {
    const members: { userId: string; user: { name: string; email: string } }[] = await db.cohortMember.findMany({
      where: { cohortId, ...(after ? { userId: { gt: after } } : {}) },
      orderBy: { userId: "asc" },
      take: LEARNERS_PER_PAGE,
      select: { userId: true, user: { select: { name: true, email: true } } },
    });
    if (members.length === 0) return;
    const progress = await db.progress.findMany({
      where: { userId: { in: members.map((m) => m.userId) }, exerciseId: { in: exerciseIds } },
      select: { userId: true, exerciseId: true, state: true, overrideVerdict: true },
    });
    const byPair = new Map(progress.map((p) => [`${p.userId}\u0000${p.exerciseId}`, p]));
    for (const m of members) {
      let passed = 0;
      let attempted = 0;
      const cells = exercises.map((e) => {
        const p = byPair.get(`${m.userId}\u0000${e.id}`);
        const state = p?.state ?? "NOT_STARTED";
        if ((DONE_STATES as readonly string[]).includes(state)) passed += 1;
        if (state !== "NOT_STARTED") attempted += 1;
        return gradeCell(state, p?.overrideVerdict ?? null);
      });
      const percent = exercises.length === 0 ? 0 : Math.round((passed / exercises.length) * 1000) / 10;
      yield csvRecord([m.user.name, m.user.email, ...cells, passed, attempted, exercises.length, percent]);
    }
    if (members.length < LEARNERS_PER_PAGE) return;
    after = members[members.length - 1].userId;
  }
}
