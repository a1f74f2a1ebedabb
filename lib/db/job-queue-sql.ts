/**
 * The job queue's statements that differ between the two databases (lib/jobs
 * holds the rest, written once through Prisma).
 *
 * - Claim: one statement that marks up to `limit` claimable jobs RUNNING under
 *   this worker's lease and returns them. A job is claimable when QUEUED, or
 *   RUNNING with a lease that has run out (its worker died or hung).
 *   PostgreSQL: the candidates are locked with `FOR UPDATE SKIP LOCKED`, so
 *   concurrent claimers never wait on each other nor take the same row.
 *   SQLite: a single conditional `UPDATE … RETURNING`; SQLite runs one writer
 *   at a time, so the subquery and the update see the same rows.
 * - Lease times come from the database's clock on PostgreSQL (workers on
 *   several machines need one clock), from this machine's on SQLite (one machine).
 * - Notifications: `pg_notify` inside the caller's transaction (delivered at
 *   commit, never for a rolled-back write) on PostgreSQL; nothing on SQLite,
 *   where a single machine's processes rely on in-process events and polling.
 */
import type { JobKind } from "./generated/enums";
import type { Db } from "./create-client";
import { env } from "../env";
import { providerOf, type DatabaseProvider } from "./provider";

export type ClaimedJob = { id: string; kind: JobKind; subjectId: string; key: string; attempts: number };

/** What both a client and a transaction offer for raw statements. */
type Raw = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Channels of the database's notifications (PostgreSQL only). */
export const JOBS_CHANNEL = "leakless_jobs";
export const VERDICTS_CHANNEL = "leakless_verdicts";

export function queueProvider(): DatabaseProvider {
  return providerOf(env.DATABASE_URL);
}

export async function claimJobs(db: Raw, owner: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  if (limit <= 0) return [];
  if (queueProvider() === "postgresql") {
    const rows = await db.$queryRawUnsafe<ClaimedJob[]>(
      `UPDATE "Job" SET "state" = 'RUNNING', "leaseOwner" = $1,
         "leaseUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::double precision),
         "attempts" = "attempts" + 1
       WHERE "id" IN (
         SELECT "id" FROM "Job"
         WHERE "state" = 'QUEUED' OR ("state" = 'RUNNING' AND "leaseUntil" < (now() AT TIME ZONE 'UTC'))
         ORDER BY "priority", "createdAt"
         LIMIT $3::int
         FOR UPDATE SKIP LOCKED)
       RETURNING "id", "kind"::text AS "kind", "subjectId", "key", "attempts"`,
      owner,
      leaseMs / 1000,
      limit,
    );
    return rows.map(toClaimed);
  }
  const now = new Date();
  const rows = await db.$queryRawUnsafe<ClaimedJob[]>(
    `UPDATE "Job" SET "state" = 'RUNNING', "leaseOwner" = ?, "leaseUntil" = ?, "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT "id" FROM "Job"
       WHERE "state" = 'QUEUED' OR ("state" = 'RUNNING' AND "leaseUntil" < ?)
       ORDER BY "priority", "createdAt"
       LIMIT ?)
     RETURNING "id", "kind", "subjectId", "key", "attempts"`,
    owner,
    sqliteTime(new Date(now.getTime() + leaseMs)),
    sqliteTime(now),
    limit,
  );
  return rows.map(toClaimed);
}

/** Extends every lease `owner` holds; returns the ids still held (a job missing here was taken over). */
export async function renewLeases(db: Raw, owner: string, leaseMs: number): Promise<Set<string>> {
  const rows =
    queueProvider() === "postgresql"
      ? await db.$queryRawUnsafe<{ id: string }[]>(
          `UPDATE "Job" SET "leaseUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::double precision)
           WHERE "leaseOwner" = $1 AND "state" = 'RUNNING' RETURNING "id"`,
          owner,
          leaseMs / 1000,
        )
      : await db.$queryRawUnsafe<{ id: string }[]>(
          `UPDATE "Job" SET "leaseUntil" = ? WHERE "leaseOwner" = ? AND "state" = 'RUNNING' RETURNING "id"`,
          sqliteTime(new Date(Date.now() + leaseMs)),
          owner,
        );
  return new Set(rows.map((r) => r.id));
}

/**
 * Ends `lease`'s hold on its job, in one statement conditional on the lease:
 * DONE (its outcome is being stored) or back to QUEUED (a retry, a draining
 * worker). False: the lease was lost. Raw, like the claim: it runs in every
 * job's storing transaction, and a compiled Prisma updateMany costs three
 * times the round trip here.
 */
export async function endLease(
  db: Raw,
  lease: { jobId: string; owner: string },
  to: "DONE" | "QUEUED",
): Promise<boolean> {
  const set = `"state" = '${to}', "leaseOwner" = NULL, "leaseUntil" = NULL`;
  const count =
    queueProvider() === "postgresql"
      ? await db.$executeRawUnsafe(
          `UPDATE "Job" SET ${set}, "finishedAt" = ${to === "DONE" ? "(now() AT TIME ZONE 'UTC')" : "NULL"}
           WHERE "id" = $1 AND "leaseOwner" = $2 AND "state" = 'RUNNING'`,
          lease.jobId,
          lease.owner,
        )
      : await db.$executeRawUnsafe(
          `UPDATE "Job" SET ${set}, "finishedAt" = ? WHERE "id" = ? AND "leaseOwner" = ? AND "state" = 'RUNNING'`,
          to === "DONE" ? sqliteTime(new Date()) : null,
          lease.jobId,
          lease.owner,
        );
  return count === 1;
}

/** What a claimed submission's verification needs, read by the claim itself. */
export type ClaimedSubmission = {
  userId: string;
  exerciseId: string;
  code: string;
  /** Tries so far, this one included. */
  attempts: number;
  /** The exercise's current content hash: which checks the verdict will belong to. */
  contentHash: string;
};

/**
 * Marks a submission RUNNING and counts the try, in one statement, if it is
 * not settled yet and `owner` still holds its job's lease, and returns what
 * the verification needs (one round trip instead of a claim and a read).
 * Null: settled already, or the lease was lost (the caller tells which).
 */
export async function claimSubmission(
  db: Raw,
  submissionId: string,
  lease: { jobId: string; owner: string },
): Promise<ClaimedSubmission | null> {
  const sql = `UPDATE "Submission" SET "state" = 'RUNNING', "attempts" = "attempts" + 1
     WHERE "id" = $1 AND "state" IN ('QUEUED', 'RUNNING')
       AND EXISTS (SELECT 1 FROM "Job" WHERE "id" = $2 AND "leaseOwner" = $3 AND "state" = 'RUNNING')
     RETURNING "userId", "exerciseId", "code", "attempts",
       (SELECT "contentHash" FROM "Exercise" WHERE "Exercise"."id" = "Submission"."exerciseId") AS "contentHash"`;
  const rows = await db.$queryRawUnsafe<ClaimedSubmission[]>(
    queueProvider() === "postgresql" ? sql : sql.replace(/\$\d/g, "?"),
    submissionId,
    lease.jobId,
    lease.owner,
  );
  return rows.length === 1 ? { ...rows[0], attempts: Number(rows[0].attempts) } : null;
}

/** Tells listening workers that a job was queued (PostgreSQL; call inside the enqueuing transaction). */
export async function notifyJobQueued(tx: Raw): Promise<void> {
  if (queueProvider() === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
}

/** Tells every web instance that a submission settled (PostgreSQL; call inside the storing transaction). */
export async function notifyVerdictSettled(tx: Raw, submissionId: string): Promise<void> {
  if (queueProvider() === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_notify('${VERDICTS_CHANNEL}', $1)`, submissionId);
  }
}

/** Prisma's own SQLite DateTime text (what the better-sqlite3 adapter writes), so comparisons stay textual and exact. */
function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** Counts may come back as bigint from a raw query. */
function toClaimed({ id, kind, subjectId, key, attempts }: ClaimedJob): ClaimedJob {
  return { id, kind, subjectId, key, attempts: Number(attempts) };
}
