/**
 * A cohort's submission queue for its instructor: filters, newest/oldest, and
 * keyset pagination on (createdAt, id). An offset would make SQLite walk and
 * discard every earlier row; a keyset seeks straight into the
 * Submission(createdAt) / (exerciseId, createdAt) / (userId, exerciseId,
 * createdAt) indexes, so page 5 000 costs what page 1 does. The id breaks
 * ties between submissions made in the same millisecond, so every row is on
 * exactly one page.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import type { SessionUser } from "../auth/session";
import { forbidden } from "../auth/errors";
import { can } from "../auth/permissions";
import { findManagedCohort } from "../cohorts/cohort-scope";
import { parseWith } from "../http/errors";

export const REVIEW_PAGE_SIZE = 50;

const VERDICTS = ["PASSED", "FAILED", "ERROR", "TIMEOUT", "CRASHED"] as const;

/** A position in the queue: the row's createdAt and id, opaque to the page. */
type Cursor = { at: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.getTime()}:${c.id}`, "utf8").toString("base64url");
}

function decodeCursor(raw: string): Cursor | null {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const m = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(text);
  return m ? { at: new Date(Number(m[1])), id: m[2] } : null;
}

const optionalText = z
  .string()
  .trim()
  .max(64)
  .transform((s) => (s === "" ? undefined : s))
  .optional();
const optionalDate = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === "") return undefined;
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use a date like 2026-11-25." });
      return z.NEVER;
    }
    return d;
  })
  .optional();

export const ListCohortSubmissionsSchema = z.object({
  exerciseId: optionalText,
  learnerId: optionalText,
  verdict: z
    .union([z.enum(VERDICTS), z.literal("")])
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
  /** Only the latest verified submission per learner and exercise that has no feedback yet. */
  needsReview: z.boolean().optional(),
  /** Inclusive lower bound on createdAt. */
  from: optionalDate,
  /** Exclusive upper bound on createdAt (a date's "to" is the start of the next day; the page does that). */
  to: optionalDate,
  sort: z.enum(["newest", "oldest"]).default("newest"),
  /** Rows after this cursor in the chosen order (next page)... */
  after: z.string().max(200).optional(),
  /** ...or rows before it (previous page). */
  before: z.string().max(200).optional(),
});
export type ListCohortSubmissionsInput = z.input<typeof ListCohortSubmissionsSchema>;

export type QueueRow = {
  id: string;
  createdAt: Date;
  learner: { id: string; name: string; email: string };
  exercise: { id: string; title: string };
  state: string;
  verdict: string | null;
  hasFeedback: boolean;
};

export type QueuePage = {
  cohort: { id: string; name: string };
  rows: QueueRow[];
  /** Cursor for the next page, null on the last one. */
  nextCursor: string | null;
  /** Cursor for the previous page, null on the first one. */
  prevCursor: string | null;
};

const rowSelect = {
  id: true,
  createdAt: true,
  userId: true,
  exerciseId: true,
  state: true,
  verdict: true,
  user: { select: { id: true, name: true, email: true } },
  exercise: { select: { id: true, title: true } },
  _count: { select: { feedback: true } },
} satisfies Prisma.SubmissionSelect;
type Selected = Prisma.SubmissionGetPayload<{ select: typeof rowSelect }>;

export async function listCohortSubmissions(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  input: unknown,
): Promise<QueuePage> {
  if (!can(actor.role, "submission:review")) throw forbidden("review submissions");
  // 404 for a cohort that is not the actor's, before anything else is read.
  const cohort = await findManagedCohort(db, actor, cohortId, { id: true, name: true });
  const q = parseWith(ListCohortSubmissionsSchema, input ?? {});

  const where: Prisma.SubmissionWhereInput = {
    user: { memberships: { some: { cohortId: cohort.id } } },
    ...(q.exerciseId ? { exerciseId: q.exerciseId } : {}),
    ...(q.learnerId ? { userId: q.learnerId } : {}),
    ...(q.verdict ? { verdict: q.verdict } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
    ...(q.needsReview ? { state: "DONE", feedback: { none: {} } } : {}),
  };

  const backwards = Boolean(q.before) && !q.after;
  const cursor = q.after ? decodeCursor(q.after) : q.before ? decodeCursor(q.before) : null;
  // Walking backwards is walking forwards in the opposite order, then reversing the page.
  const descending = (q.sort === "newest") !== backwards;
  const dir = descending ? "desc" : "asc";
  const past = descending ? "lt" : "gt";

  const rows: Selected[] = [];
  let seek = cursor;
  let more = false;
  // The "needs review" rule (no later verified submission) is not expressible
  // as a Prisma filter, so rows that fail it are dropped and the scan continues
  // from the last row seen until the page is full — still a keyset walk.
  const take = q.needsReview ? 200 : REVIEW_PAGE_SIZE + 1;
  for (;;) {
    const batch = await db.submission.findMany({
      where: seek
        ? {
            AND: [where, { OR: [{ createdAt: { [past]: seek.at } }, { createdAt: seek.at, id: { [past]: seek.id } }] }],
          }
        : where,
      orderBy: [{ createdAt: dir }, { id: dir }],
      take,
      select: rowSelect,
    });
    const kept = q.needsReview ? await dropSuperseded(db, batch) : batch;
    for (const row of kept) {
      if (rows.length === REVIEW_PAGE_SIZE) {
        // One row beyond the page: there is a next page.
        more = true;
        break;
      }
      rows.push(row);
    }
    if (more || batch.length < take) break;
    const last = batch[batch.length - 1];
    seek = { at: last.createdAt, id: last.id };
  }
  if (backwards) rows.reverse();

  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = backwards ? cursor !== null : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    cohort,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      learner: r.user,
      exercise: r.exercise,
      state: r.state,
      verdict: r.verdict,
      hasFeedback: r._count.feedback > 0,
    })),
    nextCursor: hasNext && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ at: first.createdAt, id: first.id }) : null,
  };
}

/** Keep only rows that are their learner's latest verified submission for that exercise. */
async function dropSuperseded(db: Db, batch: Selected[]): Promise<Selected[]> {
  if (batch.length === 0) return batch;
  const pairs = new Map<string, { userId: string; exerciseId: string }>();
  for (const r of batch) pairs.set(`${r.userId}\u0000${r.exerciseId}`, { userId: r.userId, exerciseId: r.exerciseId });
  const latest = await Promise.all(
    [...pairs.values()].map((p) =>
      db.submission.findFirst({
        where: { userId: p.userId, exerciseId: p.exerciseId, state: "DONE" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true },
      }),
    ),
  );
  const latestIds = new Set(latest.filter((l) => l !== null).map((l) => l.id));
  return batch.filter((r) => latestIds.has(r.id));
}

/**
 * What the queue's filters offer: the cohort's learners by name, and the
 * course's live exercises in course order (section order, then exercise
 * order; archived sections and exercises left out).
 */
export async function reviewFilterOptions(db: Db, actor: SessionUser, cohortId: unknown) {
  const cohort = await findManagedCohort(db, actor, cohortId, { id: true });
  const [members, exercises] = await Promise.all([
    db.cohortMember.findMany({
      where: { cohortId: cohort.id },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
    db.exercise.findMany({
      where: { archivedAt: null, section: { archivedAt: null } },
      orderBy: [{ section: { order: "asc" } }, { order: "asc" }],
      select: { id: true, title: true },
    }),
  ]);
  return { learners: members.map((m) => m.user), exercises };
}
