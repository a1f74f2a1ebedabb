/**
 * The regrade overview: every live exercise with how many of the latest
 * submissions in the actor's scope (one per learner) have a verdict, and how
 * many of those were graded against an older version of its checks. One query
 * for the submissions of the whole scope, grouped here per exercise.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { assertCanRegrade, latestSubmissions, learnerScopeOf } from "./regrade-scope";

export type ExerciseRegradeRow = {
  id: string;
  title: string;
  sectionTitle: string;
  path: string;
  gradable: number;
  stale: number;
};

export async function listExerciseRegradeStatuses(db: Db, actor: SessionUser): Promise<ExerciseRegradeRow[]> {
  assertCanRegrade(actor);
  const learners = await learnerScopeOf(db, actor);
  const [exercises, latest] = await Promise.all([
    db.exercise.findMany({
      where: { archivedAt: null },
      orderBy: [{ section: { order: "asc" } }, { order: "asc" }],
      select: { id: true, title: true, path: true, contentHash: true, section: { select: { title: true } } },
    }),
    latestSubmissions(db, { learners }),
  ]);
  const hashes = new Map(exercises.map((e) => [e.id, e.contentHash]));
  const counts = new Map<string, { gradable: number; stale: number }>();
  for (const s of latest) {
    // A latest submission still in the queue will be graded with the current checks anyway.
    if (s.state !== "DONE" && s.state !== "ERRORED") continue;
    const c = counts.get(s.exerciseId) ?? { gradable: 0, stale: 0 };
    c.gradable += 1;
    if (s.exerciseHash !== hashes.get(s.exerciseId)) c.stale += 1;
    counts.set(s.exerciseId, c);
  }
  return exercises.map((e) => ({
    id: e.id,
    title: e.title,
    sectionTitle: e.section.title,
    path: e.path,
    ...(counts.get(e.id) ?? { gradable: 0, stale: 0 }),
  }));
}
