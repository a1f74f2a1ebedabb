/**
 * Passed and failed check counts per submission, for a page of submissions
 * (the learner timeline, the raw submissions export): one grouped count of
 * their CheckOutcome rows. Skipped checks are neither.
 */
import type { Db } from "../db/create-client";

export type CheckCounts = { passed: number; failed: number };

/** Keep `submissionIds` to a page: Prisma binds one parameter per id (SQLite's limit is 999). */
export async function checkCountsBySubmission(db: Db, submissionIds: string[]): Promise<Map<string, CheckCounts>> {
  const counts = new Map<string, CheckCounts>();
  if (submissionIds.length === 0) return counts;
  const outcomes = await db.checkOutcome.groupBy({
    by: ["submissionId", "status"],
    where: { submissionId: { in: submissionIds } },
    _count: { _all: true },
  });
  for (const o of outcomes) {
    const c = counts.get(o.submissionId) ?? { passed: 0, failed: 0 };
    if (o.status === "passed") c.passed += o._count._all;
    else if (o.status !== "skipped") c.failed += o._count._all;
    counts.set(o.submissionId, c);
  }
  return counts;
}
