/**
 * The release step's database half: apply pending migrations, then run the
 * rest of the release (course sync, demo accounts) while holding a lock, so
 * two instances starting at once take turns instead of racing.
 *
 * PostgreSQL: a session-level advisory lock on a connection of its own (it
 * is released when that connection ends, even if the process dies). SQLite:
 * one file on one machine, run by one `npm start`; no lock is taken.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { pendingMigrations } from "./pending-migrations";
import { providerOf } from "./provider";
import { databaseFilePath, redactUrl, redactUrls } from "./url";

/** Any fixed 64-bit key, the same in every instance ("leakless" in ASCII). */
const RELEASE_LOCK_KEY = "7810756242751976307";

const ROOT = path.resolve(__dirname, "..", "..");

export async function withReleaseLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  if (providerOf(url) !== "postgresql") return fn();
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Could not connect to ${redactUrl(url)}: ${redactUrls(String((error as Error).message))}`);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [RELEASE_LOCK_KEY]);
    return await fn();
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

/**
 * Apply the migrations `url` has not applied yet with `prisma migrate deploy`
 * (prisma.config.ts picks the schema and migrations folder for the URL's
 * database). Returns the names applied. Errors never contain the password.
 */
export async function applyPendingMigrations(url: string): Promise<string[]> {
  const pending = await pendingMigrations(url);
  if (pending.length === 0) return [];
  const where = providerOf(url) === "sqlite" ? databaseFilePath(url) : redactUrl(url);
  try {
    execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
  } catch (error) {
    const stderr = redactUrls(String((error as { stderr?: unknown }).stderr ?? "")).trim();
    const busy = /SocketTimeout|database is locked|SQLITE_BUSY/i.test(stderr);
    throw new Error(
      busy
        ? `Could not apply ${pending.length} new database migration(s) to ${where}: another process has the ` +
            "database open (a running Leakless server, a sqlite3 shell, a backup). Stop it and run this again."
        : `Applying database migrations to ${where} failed:\n${stderr}`,
    );
  }
  return pending;
}
