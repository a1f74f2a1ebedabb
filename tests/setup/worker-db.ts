/**
 * Runs before each test file (jest `setupFiles`): points DATABASE_URL at a
 * fresh copy of the migrated template, so each file has its own real SQLite
 * database and files never see each other's rows. Also provides the secret
 * next-auth needs. This runs before any app module reads lib/env.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TEST_DB_DIR } from "./paths";

const file = path.join(
  TEST_DB_DIR,
  `w${process.env.JEST_WORKER_ID ?? "0"}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`,
);
if (fs.existsSync(TEMPLATE_DB)) fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
