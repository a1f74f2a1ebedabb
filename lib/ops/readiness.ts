/**
 * What GET /api/ready answers for a load balancer or an orchestrator: may this
 * instance take traffic? The database answers, every migration shipped with
 * this build is applied, and the course is loaded. The answer names which check
 * failed and nothing else: no error text, URL, version or count (the route is
 * public); the reason goes to the server log without the error's text, which
 * could quote a connection string.
 */
import type { Db } from "../db/create-client";

export type ReadinessCheck = "database" | "migrations" | "course";
export type Readiness = { ready: boolean; checks: Record<ReadinessCheck, "ok" | "failing"> };

export async function checkReadiness(
  db: Db,
  shippedMigrations: string[],
  log: (message: string) => void = (m) => console.warn(m),
): Promise<Readiness> {
  const checks: Readiness["checks"] = { database: "failing", migrations: "failing", course: "failing" };
  try {
    await db.$queryRawUnsafe("SELECT 1");
    checks.database = "ok";
  } catch (error) {
    log(`[ready] the database does not answer (${errorCode(error)})`);
    return { ready: false, checks };
  }
  try {
    // Prisma's own record of applied migrations, the same table on both databases.
    const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(applied.map((m) => m.migration_name));
    const missing = shippedMigrations.filter((name) => !done.has(name));
    if (missing.length === 0) checks.migrations = "ok";
    else log(`[ready] ${missing.length} migration(s) not applied yet: ${missing.join(", ")}`);
  } catch (error) {
    log(`[ready] could not read the applied migrations (${errorCode(error)})`);
  }
  try {
    const [synced, live] = await Promise.all([
      db.contentSync.count(),
      db.exercise.count({ where: { archivedAt: null } }),
    ]);
    if (synced > 0 && live > 0) checks.course = "ok";
    else log("[ready] the course has not been loaded yet (run the release step: npm run db:prepare)");
  } catch (error) {
    log(`[ready] could not read the course (${errorCode(error)})`);
  }
  return { ready: Object.values(checks).every((c) => c === "ok"), checks };
}

/** A driver or Prisma error code (P1001, ECONNREFUSED, SQLITE_CANTOPEN…), never the message. */
function errorCode(error: unknown): string {
  const e = error as { code?: unknown; errorCode?: unknown; name?: unknown };
  return String(e?.code ?? e?.errorCode ?? e?.name ?? "unknown error");
}
