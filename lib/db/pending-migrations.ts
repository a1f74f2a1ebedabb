/**
 * Which migrations in prisma/migrations a SQLite database has not applied
 * yet, read straight from Prisma's `_prisma_migrations` table.
 *
 * Why not always run `prisma migrate deploy`: it wants the database file to
 * itself and fails with a cryptic connector error ("unknown variant
 * SocketTimeout") while any other process has it open — the running app when
 * a learner runs `npm run db:seed-demo`, a sqlite3 shell, a backup. Asking
 * first means the usual case (nothing new to apply) never needs that lock.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export function migrationNames(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

export function pendingMigrations(dbFile: string, migrationsDir: string): string[] {
  const all = migrationNames(migrationsDir);
  if (!fs.existsSync(dbFile)) return all;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return all;
    const rows = db
      .prepare(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      )
      .all() as { name: string }[];
    const applied = new Set(rows.map((row) => row.name));
    return all.filter((name) => !applied.has(name));
  } finally {
    db.close();
  }
}
