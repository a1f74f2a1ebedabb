import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { findManagedCohort } from "./cohort-scope";
import { OpenSectionsSchema } from "./open-sections";
import { cohortDeadlines } from "./deadlines";

export type CohortDetail = {
  id: string;
  name: string;
  joinCode: string;
  ownerName: string;
  /** null = every section is open. */
  openSections: string[] | null;
  showSolutionAfterPass: boolean;
  members: { id: string; name: string; email: string; joinedAt: Date }[];
  /** The course's live sections, for the settings form, each with its due date for this cohort. */
  sections: { id: string; title: string; dueAt: Date | null }[];
};

/** The cohort page's data. Another instructor's cohort is a 404, never a 403. */
export async function getCohortForInstructor(db: Db, actor: SessionUser, cohortId: unknown): Promise<CohortDetail> {
  const cohort = await findManagedCohort(db, actor, cohortId, {
    id: true,
    name: true,
    joinCode: true,
    openSections: true,
    showSolutionAfterPass: true,
    owner: { select: { name: true } },
    members: {
      orderBy: { joinedAt: "asc" },
      select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } },
    },
  });
  const [sections, due] = await Promise.all([
    db.section.findMany({ where: { archivedAt: null }, orderBy: { order: "asc" }, select: { id: true, title: true } }),
    cohortDeadlines(db, cohort.id),
  ]);
  const open = OpenSectionsSchema.safeParse(cohort.openSections);
  return {
    id: cohort.id,
    name: cohort.name,
    joinCode: cohort.joinCode,
    ownerName: cohort.owner.name,
    openSections: open.success ? open.data : null,
    showSolutionAfterPass: cohort.showSolutionAfterPass,
    members: cohort.members.map((m) => ({ ...m.user, joinedAt: m.joinedAt })),
    sections: sections.map((s) => ({ ...s, dueAt: due.get(s.id) ?? null })),
  };
}
