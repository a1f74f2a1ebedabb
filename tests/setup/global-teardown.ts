import fs from "node:fs";
import { dropRunDatabases, TEST_PG_URL } from "./pg-databases";

/** Remove this run's test databases. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.LEAKLESS_TEST_DB_DIR;
  if (dir && dir.includes("leakless-jest-")) fs.rmSync(dir, { recursive: true, force: true });
  if (TEST_PG_URL) await dropRunDatabases(TEST_PG_URL);
}
