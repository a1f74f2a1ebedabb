/**
 * A consistent online backup of the database, safe while the server runs.
 *
 * SQLite: `VACUUM INTO` copies the database as of one read transaction, so
 * the copy is one committed state, never a torn file, and in WAL mode writers
 * are not blocked meanwhile. (The page-by-page backup API restarts whenever
 * another connection writes, so under steady traffic it may never finish.)
 * The copy must pass SQLite's integrity check.
 *
 * PostgreSQL: `pg_dump --format=custom` (one snapshot transaction, writers
 * not blocked), which must then list cleanly with `pg_restore --list`. The
 * password goes to pg_dump in its environment, never on its command line
 * (where `ps` would show it).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { providerOf } from "./provider";
import { databaseFilePath, localDataDir, redactUrls } from "./url";

const run = promisify(execFile);

/** data/backups/leakless-<UTC timestamp>.db (SQLite) or .dump (PostgreSQL). */
export function defaultBackupFile(url: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..+/, "Z");
  const ext = providerOf(url) === "sqlite" ? "db" : "dump";
  return path.join(localDataDir(url), "backups", `leakless-${stamp}.${ext}`);
}

export async function backupDatabase(
  url: string,
  target: string,
  options: { pgDump?: string; pgRestore?: string } = {},
): Promise<{ target: string; bytes: number }> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) throw new Error(`${target} already exists: choose another file.`);
  if (providerOf(url) === "sqlite") await backupSqlite(databaseFilePath(url), target);
  else await backupPostgres(url, target, options.pgDump ?? "pg_dump", options.pgRestore ?? "pg_restore");
  return { target, bytes: fs.statSync(target).size };
}

async function backupSqlite(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}: nothing to back up.`);
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare("VACUUM INTO ?").run(target);
  } finally {
    db.close();
  }
  // Prove the copy opens and is intact before calling it a backup.
  const check = new Database(target, { readonly: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`The backup failed its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
}

async function backupPostgres(url: string, target: string, pgDump: string, pgRestore: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    await run(pgDump, ["--format=custom", "--no-owner", `--file=${target}`, `--dbname=${u.toString()}`], { env });
    await run(pgRestore, ["--list", target], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    fs.rmSync(target, { force: true });
    const e = error as NodeJS.ErrnoException & { stderr?: string; path?: string };
    if (e.code === "ENOENT") {
      throw new Error(
        `${e.path ?? pgDump} was not found: backing up PostgreSQL needs pg_dump and pg_restore of the server's ` +
          "major version or newer (Debian/Ubuntu: apt-get install postgresql-client).",
      );
    }
    throw new Error(`The PostgreSQL backup failed: ${redactUrls(String(e.stderr || e.message)).trim()}`);
  }
}
