/**
 * Which migrations a database has not applied yet, read straight from
 * Prisma's `_prisma_migrations` table (SQLite or PostgreSQL).
 *
 * Why not always run `prisma migrate deploy`: it costs seconds on every
 * start, and on SQLite it wants the database file to itself and fails with a
 * cryptic connector error ("unknown variant SocketTimeout") while any other
 * process has it open — the running app when a learner runs
 * `npm run db:seed-demo`, a sqlite3 shell, a backup. Asking first means the
 * usual case (nothing new to apply) never needs that lock.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf } from "./provider";
import { schemaLayout } from "./schema-variants";
import { databaseFilePath } from "./url";

export function migrationNames(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

const APPLIED =
  "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

function appliedOnSqlite(dbFile: string): string[] | null {
  if (!fs.existsSync(dbFile)) return null;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return table ? (db.prepare(APPLIED).all() as { name: string }[]).map((row) => row.name) : null;
  } finally {
    db.close();
  }
}

async function appliedOnPostgres(url: string): Promise<string[] | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (!table.rows[0].present) return null;
    return (await client.query<{ name: string }>(APPLIED)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** The migrations of `migrationsDir` (default: the folder for the URL's database) not applied to `url`. */
export async function pendingMigrations(
  url: string,
  migrationsDir: string = schemaLayout[providerOf(url)].migrations,
): Promise<string[]> {
  const all = migrationNames(migrationsDir);
  const applied = providerOf(url) === "sqlite" ? appliedOnSqlite(databaseFilePath(url)) : await appliedOnPostgres(url);
  if (!applied) return all;
  const done = new Set(applied);
  return all.filter((name) => !done.has(name));
}
