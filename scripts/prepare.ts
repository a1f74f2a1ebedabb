/**
 * Make the database ready to serve (the release step): apply migrations,
 * sync the course from exercises/, and on a brand-new database create demo
 * accounts (printed once). Safe to run on every start, and by two instances
 * at once on PostgreSQL (lib/db/release.ts): it never deletes data.
 */
import path from "node:path";
import { ensureLocalEnv } from "./local-env";

export async function prepare(): Promise<void> {
  ensureLocalEnv();
  const root = path.resolve(__dirname, "..");
  const { env } = await import("../lib/env");
  const { localDataDir } = await import("../lib/db/url");
  const { applyPendingMigrations, withReleaseLock } = await import("../lib/db/release");
  const { createPrismaClient, applyPragmas } = await import("../lib/db/create-client");
  const { syncCourse } = await import("../lib/exercises/sync");
  const { createDemoAccountsIfEmpty, demoCredentialsFile, formatDemoCredentials, saveDemoCredentials } =
    await import("../lib/users/demo-accounts");
  // Under one lock: a second instance starting now waits, then finds nothing to migrate and no new course changes.
  await withReleaseLock(env.DATABASE_URL, async () => {
    await applyPendingMigrations(env.DATABASE_URL);
    const db = createPrismaClient();
    try {
      await applyPragmas(db);
      const report = await syncCourse(db, path.resolve(root, env.COURSE_DIR));
      console.log(
        `[leakless] course synced: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.archived} archived`,
      );
      for (const p of report.problems) console.warn(`[leakless] content ${p.severity}: ${p.path}: ${p.message}`);
      const demo = await createDemoAccountsIfEmpty(db);
      if (demo.length > 0) {
        saveDemoCredentials(demoCredentialsFile(localDataDir(env.DATABASE_URL)), demo);
        console.log(["", "  Demo accounts were created:", formatDemoCredentials(demo), ""].join("\n"));
      }
    } finally {
      await db.$disconnect();
    }
  });
}

if (require.main === module) {
  prepare().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
