import fs from "node:fs";

/** Remove this run's test databases. */
export default function globalTeardown(): void {
  const dir = process.env.LEAKLESS_TEST_DB_DIR;
  if (dir && dir.includes("leakless-jest-")) fs.rmSync(dir, { recursive: true, force: true });
}
