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
  // The CLI reads prisma.config.ts, which resolves DATABASE_URL via lib/env.ts.
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const { createPrismaClient, applyPragmas } = await import("../lib/db/create-client");
  const { syncCourse } = await import("../lib/exercises/sync");
  const { createDemoAccountsIfEmpty } = await import("../lib/users/demo-accounts");
  const { env } = await import("../lib/env");
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
      const lines = demo.map((d) => `    ${d.role.toLowerCase().padEnd(10)} ${d.email.padEnd(28)} ${d.password}`);
      console.log(
        ["", "  Demo accounts were created. Their passwords are shown ONCE; note them now:", ...lines, ""].join("\n"),
      );
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
