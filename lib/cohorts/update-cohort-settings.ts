import { z } from "zod";
import { HttpError } from "../http/errors";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { Prisma } from "../db/generated/client";
import { findManagedCohort } from "./cohort-scope";
import { OpenSectionsSchema } from "./open-sections";

export const UpdateCohortSettingsSchema = z.object({
  /** null = every section open; a list = only those. */
  openSections: OpenSectionsSchema,
  showSolutionAfterPass: z.boolean(),
});
export type UpdateCohortSettings = z.infer<typeof UpdateCohortSettingsSchema>;

export class UnknownSectionError extends HttpError {
  constructor(readonly sectionIds: string[]) {
    super(400, `Unknown section(s): ${sectionIds.join(", ")}.`);
    this.name = "UnknownSectionError";
  }
}

export async function updateCohortSettings(db: Db, actor: SessionUser, cohortId: unknown, input: unknown) {
  const cohort = await findManagedCohort(db, actor, cohortId, { id: true });
  const { openSections, showSolutionAfterPass } = UpdateCohortSettingsSchema.parse(input);
  let stored: string[] | null = null;
  if (openSections !== null) {
    stored = [...new Set(openSections)];
    // A typo would silently close a section for everyone; refuse it instead.
    const known = await db.section.findMany({ where: { id: { in: stored } }, select: { id: true } });
    const knownIds = new Set(known.map((s) => s.id));
    const unknown = stored.filter((id) => !knownIds.has(id));
    if (unknown.length > 0) throw new UnknownSectionError(unknown);
  }
  return db.cohort.update({
    where: { id: cohort.id },
    data: { openSections: stored ?? Prisma.DbNull, showSolutionAfterPass },
    select: { id: true, openSections: true, showSolutionAfterPass: true },
  });
}
