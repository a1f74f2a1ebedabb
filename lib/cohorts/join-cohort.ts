import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { AuthError, forbidden } from "../auth/errors";
import { can } from "../auth/permissions";
import { normalizeJoinCode } from "./join-code";

export const JoinCohortSchema = z.object({ code: z.string().max(64) });
export type JoinCohort = z.infer<typeof JoinCohortSchema>;

export const BAD_CODE_MESSAGE = "This join link is not valid. Ask your instructor for a new one.";

/** A missing, malformed or unknown code all read the same: a 404 in the learner's words. */
const badCode = () => new AuthError(404, BAD_CODE_MESSAGE);

function parseCode(input: unknown): string | null {
  const parsed = JoinCohortSchema.safeParse(input);
  return parsed.success ? normalizeJoinCode(parsed.data.code) : null;
}

/** What a learner sees of a cohort before joining: its name, nothing about its members. */
export async function findCohortByCode(db: Db, actor: SessionUser, input: unknown) {
  if (!can(actor.role, "cohort:join")) throw forbidden("join cohorts");
  const code = parseCode(input);
  const cohort = code
    ? await db.cohort.findFirst({
        where: { joinCode: code, archivedAt: null },
        select: { id: true, name: true, owner: { select: { name: true } } },
      })
    : null;
  if (!cohort) throw badCode();
  const member = await db.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId: cohort.id, userId: actor.id } },
    select: { joinedAt: true },
  });
  return { name: cohort.name, instructorName: cohort.owner.name, alreadyMember: member !== null };
}

/** Join by code. Idempotent: joining twice keeps the first join date. */
export async function joinCohort(db: Db, actor: SessionUser, input: unknown) {
  if (!can(actor.role, "cohort:join")) throw forbidden("join cohorts");
  const code = parseCode(input);
  const cohort = code
    ? await db.cohort.findFirst({ where: { joinCode: code, archivedAt: null }, select: { id: true, name: true } })
    : null;
  if (!cohort) throw badCode();
  const key = { cohortId: cohort.id, userId: actor.id };
  const member = await db.cohortMember.upsert({
    where: { cohortId_userId: key },
    create: key,
    update: {},
    select: { joinedAt: true },
  });
  return { cohortId: cohort.id, name: cohort.name, joinedAt: member.joinedAt };
}

/** The name of cohort `cohortId` if `actor` is a member of it (the confirmation after joining), else null. */
export async function joinedCohortName(db: Db, actor: SessionUser, cohortId: string): Promise<string | null> {
  const member = await db.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId, userId: actor.id } },
    select: { cohort: { select: { name: true } } },
  });
  return member?.cohort.name ?? null;
}
