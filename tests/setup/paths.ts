import os from "node:os";
import path from "node:path";

/** Where test databases live: outside the repo, one folder per `jest` run. */
export const TEST_DB_DIR = path.join(os.tmpdir(), "leakless-jest");
/** Migrated once per run by global-setup; each test file gets a copy. */
export const TEMPLATE_DB = path.join(TEST_DB_DIR, "template.db");
export const ROOT = path.resolve(__dirname, "..", "..");
