/**
 * Every submission of a cohort's learners as CSV, one row each, oldest
 * first. Read with a keyset walk over (createdAt, id) a page at a time —
 * the pass/fail counts of a page come from one grouped count of its
 * CheckOutcome rows — so a cohort with hundreds of thousands of
 * submissions streams in constant memory.
 */
import type { Db } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import type { SessionUser } from "../auth/session";
import { findDashboardCohort } from "../dashboards/dashboard-cohort";
import { csvFileName, csvRecord, UTF8_BOM } from "./csv";
import type { CsvExport } from "./export-grades";

/** Prisma binds one parameter per id in the check-count query; its SQLite limit is 999. */
export const SUBMISSIONS_PER_PAGE = 500;

export async function exportSubmissionsCsv(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  now = new Date(),
): Promise<CsvExport> {
  const cohort = await findDashboardCohort(db, actor, cohortId);
  return {
    fileName: csvFileName("leakless", cohort.name, "submissions", now.toISOString().slice(0, 10)),
    records: submissionRecords(db, cohort.id),
  };
}

const rowSelect = {
  id: true,
  createdAt: true,
  state: true,
  verdict: true,
  durationMs: true,
  hintsUsed: true,
  user: { select: { name: true, email: true } },
  exercise: { select: { title: true, section: { select: { title: true } } } },
} satisfies Prisma.SubmissionSelect;
type Row = Prisma.SubmissionGetPayload<{ select: typeof rowSelect }>;

async function* submissionRecords(db: Db, cohortId: string) {
  yield (
    UTF8_BOM +
    csvRecord([
      "Submission id",
      "Learner",
      "Email",
      "Section",
      "Exercise",
      "Created (UTC)",
      "State",
      "Verdict",
      "Checks passed",
      "Checks failed",
      "Duration (ms)",
      "Hints used",
    ])
  );
  const where = { user: { memberships: { some: { cohortId } } } };
  let seek: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await db.submission.findMany({
      where: seek
        ? {
            AND: [
              where,
              { OR: [{ createdAt: { gt: seek.createdAt } }, { createdAt: seek.createdAt, id: { gt: seek.id } }] },
            ],
          }
        : where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: SUBMISSIONS_PER_PAGE,
      select: rowSelect,
    });
    if (rows.length === 0) return;
    const outcomes = await db.checkOutcome.groupBy({
      by: ["submissionId", "status"],
      where: { submissionId: { in: rows.map((r) => r.id) } },
      _count: { _all: true },
    });
    const counts = new Map<string, { passed: number; failed: number }>();
    for (const o of outcomes) {
      const c = counts.get(o.submissionId) ?? { passed: 0, failed: 0 };
      if (o.status === "passed") c.passed += o._count._all;
      else if (o.status !== "skipped") c.failed += o._count._all;
      counts.set(o.submissionId, c);
    }
    let page = "";
    for (const r of rows) {
      const c = counts.get(r.id);
      page += csvRecord([
        r.id,
        r.user.name,
        r.user.email,
        r.exercise.section.title,
        r.exercise.title,
        r.createdAt.toISOString(),
        r.state,
        r.verdict ?? "",
        c?.passed ?? 0,
        c?.failed ?? 0,
        r.durationMs,
        r.hintsUsed,
      ]);
    }
    yield page;
    if (rows.length < SUBMISSIONS_PER_PAGE) return;
    const last = rows[rows.length - 1];
    seek = { createdAt: last.createdAt, id: last.id };
  }
}
