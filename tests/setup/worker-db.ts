/**
 * Runs before each test file (jest `setupFiles`): points DATABASE_URL at a
 * fresh copy of the migrated template, so each file has its own real
 * database and files never see each other's rows: a SQLite file, or with
 * LEAKLESS_TEST_DATABASE a PostgreSQL database (tests/setup/pg-databases.ts).
 * Also provides the secret next-auth needs. This runs before any app module
 * reads lib/env.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TEST_DB_DIR } from "./paths";
import { createTestDatabaseSync, TEST_PG_URL } from "./pg-databases";

const label = `w${process.env.JEST_WORKER_ID ?? "0"}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
if (TEST_PG_URL) {
  process.env.DATABASE_URL = createTestDatabaseSync(TEST_PG_URL, label);
} else {
  const file = path.join(TEST_DB_DIR, `${label}-${Date.now()}.db`);
  if (fs.existsSync(TEMPLATE_DB)) fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
