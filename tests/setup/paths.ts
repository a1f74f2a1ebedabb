import os from "node:os";
import path from "node:path";

/**
 * Where test databases live: a folder of this `jest` run only (created by
 * global-setup and handed to the workers through the environment), so two
 * runs on one machine never share or delete each other's files.
 */
export const TEST_DB_DIR = process.env.LEAKLESS_TEST_DB_DIR ?? path.join(os.tmpdir(), "leakless-jest");
/** Migrated once per run by global-setup; each test file gets a copy. */
export const TEMPLATE_DB = path.join(TEST_DB_DIR, "template.db");
export const ROOT = path.resolve(__dirname, "..", "..");
