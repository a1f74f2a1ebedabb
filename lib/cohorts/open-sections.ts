/**
 * Which sections a learner's cohorts open. A learner in no cohort sees the
 * whole course; in one or more, a section is open when at least one of their
 * (live) cohorts opens it — `openSections: null` opens everything. The most
 * generous cohort wins, so joining a second cohort never takes work away.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import { AuthError } from "../auth/errors";

export const OpenSectionsSchema = z.array(z.string().min(1).max(64)).max(200).nullable();

export const SECTION_CLOSED_MESSAGE = "This section is closed by your instructor.";

/** A 403 that pages show as "not open yet" (told apart by its class, never by its text). */
export class SectionClosedError extends AuthError {
  constructor() {
    super(403, SECTION_CLOSED_MESSAGE);
    this.name = "SectionClosedError";
  }
}

/** null = every section is open to this learner; otherwise the ids that are. */
export async function openSectionIdsFor(db: Db, userId: string): Promise<Set<string> | null> {
  const memberships = await db.cohortMember.findMany({
    where: { userId, cohort: { archivedAt: null } },
    select: { cohort: { select: { openSections: true } } },
  });
  if (memberships.length === 0) return null;
  const open = new Set<string>();
  for (const m of memberships) {
    // A malformed value is treated as "no limit" rather than locking learners out.
    const parsed = OpenSectionsSchema.safeParse(m.cohort.openSections);
    if (!parsed.success || parsed.data === null) return null;
    for (const id of parsed.data) open.add(id);
  }
  return open;
}

export function isSectionOpen(open: Set<string> | null, sectionId: string): boolean {
  return open === null || open.has(sectionId);
}

/** For exercise views and commands: 403 with a message the learner can act on. */
export async function assertSectionOpenFor(db: Db, userId: string, sectionId: string): Promise<void> {
  if (!isSectionOpen(await openSectionIdsFor(db, userId), sectionId)) throw new SectionClosedError();
}
