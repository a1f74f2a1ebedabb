import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { managedCohortsWhere } from "./cohort-scope";

export type CohortSummary = { id: string; name: string; ownerName: string; memberCount: number; createdAt: Date };

/** An instructor's own cohorts; an admin's list holds every instructor's. Newest first. */
export async function listCohortsFor(db: Db, actor: SessionUser): Promise<CohortSummary[]> {
  const rows = await db.cohort.findMany({
    where: { ...managedCohortsWhere(actor), archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      createdAt: true,
      owner: { select: { name: true } },
      _count: { select: { members: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ownerName: r.owner.name,
    memberCount: r._count.members,
    createdAt: r.createdAt,
  }));
}
