/**
 * `npm run db:backup [-- <file>]`: a consistent online backup of the SQLite
 * database, safe while the server is running. `VACUUM INTO` copies the
 * database as of one read transaction, so the copy is one committed state,
 * never a torn file, and in WAL mode writers are not blocked meanwhile. (The
 * page-by-page backup API restarts whenever another connection writes, so
 * under steady traffic it may never finish.) Default target:
 * data/backups/leakless-<UTC timestamp>.db.
 *
 * Restore: stop the server, copy the backup over the database file
 * (DATABASE_URL, default data/leakless.db) and delete any leftover
 * `-wal`/`-shm` files next to it, then `npm start`.
 */
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { ensureLocalEnv } from "./local-env";

export async function backupDatabase(source: string, target: string): Promise<{ target: string; bytes: number }> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}: nothing to back up.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) throw new Error(`${target} already exists: choose another file.`);
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
  return { target, bytes: fs.statSync(target).size };
}

async function main(): Promise<void> {
  ensureLocalEnv();
  const { databaseFilePath } = await import("../lib/db/url");
  const source = databaseFilePath();
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "Z");
  const target = path.resolve(process.argv[2] ?? path.join(path.dirname(source), "backups", `leakless-${stamp}.db`));
  const { bytes } = await backupDatabase(source, target);
  console.log(`Backed up ${source} to ${target} (${bytes} bytes).`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
