/**
 * Make the database ready to serve: apply migrations, sync the course from
 * exercises/, and on a brand-new database create demo accounts (printed
 * once). Safe to run on every start: it never deletes data.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ensureLocalEnv } from "./local-env";

export async function prepare(): Promise<void> {
  ensureLocalEnv();
  const root = path.resolve(__dirname, "..");
  const { env } = await import("../lib/env");
  const { databaseFilePath } = await import("../lib/db/url");
  const { pendingMigrations } = await import("../lib/db/pending-migrations");
  const dbFile = databaseFilePath(env.DATABASE_URL);
  const pending = pendingMigrations(dbFile, path.join(root, "prisma", "migrations"));
  if (pending.length > 0) {
    try {
      // The CLI reads prisma.config.ts, which resolves DATABASE_URL via lib/env.ts.
      execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
      });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? "");
      const busy = /SocketTimeout|database is locked|SQLITE_BUSY/i.test(stderr);
      throw new Error(
        busy
          ? `Could not apply ${pending.length} new database migration(s) to ${dbFile}: another process has the ` +
              "database open (a running Leakless server, a sqlite3 shell, a backup). Stop it and run this again."
          : `Applying database migrations to ${dbFile} failed:\n${stderr.trim()}`,
      );
    }
  }
  const { createPrismaClient, applyPragmas } = await import("../lib/db/create-client");
  const { syncCourse } = await import("../lib/exercises/sync");
  const { createDemoAccountsIfEmpty, demoCredentialsFile, formatDemoCredentials, saveDemoCredentials } =
    await import("../lib/users/demo-accounts");
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
      saveDemoCredentials(demoCredentialsFile(dbFile), demo);
      console.log(["", "  Demo accounts were created:", formatDemoCredentials(demo), ""].join("\n"));
    }
  } finally {
    await db.$disconnect();
  }
}

if (require.main === module) {
  prepare().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
