/**
 * The feedback a learner has received — on their own submissions only — for
 * one exercise or all of them. Viewing it marks it read (readAt), which is
 * what clears the unread badge; each item still says whether it was new at
 * this view so the page can highlight it once.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { forbidden } from "../auth/errors";
import { can } from "../auth/permissions";
import type { Verdict } from "../db/generated/enums";

export type FeedbackForLearner = {
  id: string;
  body: string;
  status: "APPROVED" | "NEEDS_REVISION" | null;
  createdAt: Date;
  authorName: string;
  /** Unread before this view. */
  isNew: boolean;
  /** The code the feedback is about, for its line comments to show inline. */
  submission: { id: string; createdAt: Date; code: string };
  exercise: { id: string; title: string };
  lineComments: { line: number; body: string }[];
};

export async function getFeedbackForLearner(
  db: Db,
  learner: SessionUser,
  options: { exerciseId?: string; markRead?: boolean } = {},
): Promise<FeedbackForLearner[]> {
  if (!can(learner.role, "exercise:solve")) throw forbidden("see feedback");
  const rows = await db.feedback.findMany({
    where: {
      submission: { userId: learner.id, ...(options.exerciseId ? { exerciseId: options.exerciseId } : {}) },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      body: true,
      status: true,
      createdAt: true,
      readAt: true,
      author: { select: { name: true } },
      submission: {
        select: { id: true, createdAt: true, code: true, exercise: { select: { id: true, title: true } } },
      },
      lineComments: { orderBy: { line: "asc" }, select: { line: true, body: true } },
    },
  });
  const unread = rows.filter((r) => r.readAt === null).map((r) => r.id);
  if (unread.length > 0 && options.markRead !== false) {
    // Scoped to the learner again: ids alone never decide whose rows change.
    await db.feedback.updateMany({
      where: { id: { in: unread }, readAt: null, submission: { userId: learner.id } },
      data: { readAt: new Date() },
    });
  }
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    status: r.status,
    createdAt: r.createdAt,
    authorName: r.author.name,
    isNew: r.readAt === null,
    submission: { id: r.submission.id, createdAt: r.submission.createdAt, code: r.submission.code },
    exercise: r.submission.exercise,
    lineComments: r.lineComments,
  }));
}

/** Unread feedback for the progress page's count. */
export async function countUnreadFeedback(db: Db, learner: SessionUser): Promise<number> {
  return db.feedback.count({ where: { readAt: null, submission: { userId: learner.id } } });
}

/** The header's badge: feedback not read yet and grade changes not seen yet. */
export async function countNotifications(db: Db, learner: SessionUser): Promise<number> {
  const [feedback, overrides] = await Promise.all([
    countUnreadFeedback(db, learner),
    db.gradeOverride.count({ where: { seenAt: null, submission: { userId: learner.id } } }),
  ]);
  return feedback + overrides;
}

export type GradeOverrideForLearner = {
  verdict: Verdict;
  reason: string;
  createdAt: Date;
  actorName: string;
};

/**
 * The instructor's override that decides this learner's grade on an exercise,
 * with its reason, or null when the server's verdict stands. Showing it is
 * seeing it: the exercise's overrides are marked seen (the header's badge).
 */
export async function getGradeOverrideForLearner(
  db: Db,
  learner: SessionUser,
  exerciseId: string,
): Promise<GradeOverrideForLearner | null> {
  if (!can(learner.role, "exercise:solve")) throw forbidden("see grades");
  const progress = await db.progress.findUnique({
    where: { userId_exerciseId: { userId: learner.id, exerciseId } },
    select: { overrideVerdict: true },
  });
  await db.gradeOverride.updateMany({
    where: { seenAt: null, submission: { userId: learner.id, exerciseId } },
    data: { seenAt: new Date() },
  });
  if (!progress?.overrideVerdict) return null;
  const latest = await db.gradeOverride.findFirst({
    where: { submission: { userId: learner.id, exerciseId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { toVerdict: true, reason: true, createdAt: true, actor: { select: { name: true } } },
  });
  if (!latest) return null;
  return {
    verdict: latest.toVerdict,
    reason: latest.reason,
    createdAt: latest.createdAt,
    actorName: latest.actor.name,
  };
}

export type GradeChange = GradeOverrideForLearner & { exercise: { id: string; title: string }; isNew: boolean };

/** Every grade change on the learner's own work, newest first; listing them marks them seen. */
export async function listGradeChangesForLearner(db: Db, learner: SessionUser): Promise<GradeChange[]> {
  if (!can(learner.role, "exercise:solve")) throw forbidden("see grades");
  const rows = await db.gradeOverride.findMany({
    where: { submission: { userId: learner.id } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      toVerdict: true,
      reason: true,
      createdAt: true,
      seenAt: true,
      actor: { select: { name: true } },
      submission: { select: { exercise: { select: { id: true, title: true } } } },
    },
  });
  const unseen = rows.filter((r) => r.seenAt === null).map((r) => r.id);
  if (unseen.length > 0) {
    await db.gradeOverride.updateMany({
      where: { id: { in: unseen }, seenAt: null, submission: { userId: learner.id } },
      data: { seenAt: new Date() },
    });
  }
  return rows.map((r) => ({
    verdict: r.toVerdict,
    reason: r.reason,
    createdAt: r.createdAt,
    actorName: r.actor.name,
    exercise: r.submission.exercise,
    isNew: r.seenAt === null,
  }));
}
