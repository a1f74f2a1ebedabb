/**
 * Once per `jest` run: migrate a template SQLite database with the real
 * migrations (`prisma migrate deploy`), so every test file can start from a
 * copy of it in milliseconds (tests/setup/worker-db.ts). The folder is new
 * for each run; workers inherit its path through LEAKLESS_TEST_DB_DIR.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-jest-"));
  process.env.LEAKLESS_TEST_DB_DIR = dir;
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: path.resolve(__dirname, "..", ".."),
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "template.db")}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
