/**
 * Once per `jest` run: migrate a template SQLite database with the real
 * migrations (`prisma migrate deploy`), so every test file can start from a
 * copy of it in milliseconds (tests/setup/worker-db.ts). The folder is new
 * for each run; workers inherit its path through LEAKLESS_TEST_DB_DIR.
 * With LEAKLESS_TEST_DATABASE=postgresql://… the same is done on PostgreSQL
 * (tests/setup/pg-databases.ts) and test files get PostgreSQL databases.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTemplate, TEST_PG_URL } from "./pg-databases";

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-jest-"));
  process.env.LEAKLESS_TEST_DB_DIR = dir;
  // Always built: the tests of SQLite-only behaviour (backup, migrations, start) use it on either run.
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: path.resolve(__dirname, "..", ".."),
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "template.db")}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (TEST_PG_URL) await createTemplate(TEST_PG_URL);
}
