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
 * Marks a submission RUNNING and counts the try, in one statement, if it is
 * not settled yet and `owner` still holds its job's lease. False: settled
 * already, or the lease was lost (the caller tells which).
 */
export async function claimSubmission(
  db: Raw,
  submissionId: string,
  lease: { jobId: string; owner: string },
): Promise<boolean> {
  const sql = `UPDATE "Submission" SET "state" = 'RUNNING', "attempts" = "attempts" + 1
     WHERE "id" = $1 AND "state" IN ('QUEUED', 'RUNNING')
       AND EXISTS (SELECT 1 FROM "Job" WHERE "id" = $2 AND "leaseOwner" = $3 AND "state" = 'RUNNING')`;
  const count = await db.$executeRawUnsafe(
    queueProvider() === "postgresql" ? sql : sql.replace(/\$\d/g, "?"),
    submissionId,
    lease.jobId,
    lease.owner,
  );
  return count === 1;
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
