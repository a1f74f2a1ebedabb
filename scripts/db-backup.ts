/**
 * `npm run db:backup [-- <file>]`: a consistent online backup of the
 * database, safe while the server is running (lib/db/backup.ts). Default
 * target: data/backups/leakless-<UTC timestamp>.db (SQLite) or .dump
 * (PostgreSQL, pg_dump's custom format).
 *
 * Restore, SQLite: stop the server, copy the backup over the database file
 * (DATABASE_URL, default data/leakless.db) and delete any leftover
 * `-wal`/`-shm` files next to it, then `npm start`.
 * Restore, PostgreSQL: into a new, empty database,
 * `pg_restore --no-owner --dbname=postgresql://… <file>`, then point
 * DATABASE_URL at it.
 */
import path from "node:path";
import { ensureLocalEnv } from "./local-env";

async function main(): Promise<void> {
  ensureLocalEnv();
  const { env } = await import("../lib/env");
  const { backupDatabase, defaultBackupFile } = await import("../lib/db/backup");
  const { redactUrl } = await import("../lib/db/url");
  const target = path.resolve(process.argv[2] ?? defaultBackupFile(env.DATABASE_URL));
  const { bytes } = await backupDatabase(env.DATABASE_URL, target);
  console.log(`Backed up ${redactUrl(env.DATABASE_URL)} to ${target} (${bytes} bytes).`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
