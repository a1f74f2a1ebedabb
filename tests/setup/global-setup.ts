/**
 * Once per `jest` run: migrate a template SQLite database with the real
 * migrations (`prisma migrate deploy`), so every test file can start from a
 * copy of it in milliseconds (tests/setup/worker-db.ts).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { ROOT, TEMPLATE_DB, TEST_DB_DIR } from "./paths";

export default function globalSetup(): void {
  fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_DB_DIR, { recursive: true });
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
