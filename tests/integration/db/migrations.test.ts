/**
 * The migrations and prisma/schema.prisma must describe the same database.
 * If someone edits the schema without `npm run db:migration -- <name>`, or
 * hand-edits a migration, one of these fails.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migrationNames } from "@/lib/db/pending-migrations";
import { postgresSchemaFrom, schemaLayout } from "@/lib/db/schema-variants";
import { ROOT, TEMPLATE_DB, TEST_DB_DIR } from "../../setup/paths";

const prisma = (args: string[], dbFile?: string) =>
  spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...(dbFile ? { DATABASE_URL: `file:${dbFile}` } : {}) },
    encoding: "utf8",
  });

test("the schema has no changes that are missing from the migrations", () => {
  const snapshot = path.join(ROOT, "prisma", "migrations", "schema-at-last-migration.prisma");
  const res = prisma([
    "migrate",
    "diff",
    "--from-schema-datamodel",
    snapshot,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--exit-code",
  ]);
  // --exit-code: 0 = no difference, 2 = the schema changed since the last migration.
  expect({ status: res.status, diff: res.stdout }).toEqual({ status: 0, diff: expect.any(String) });
});

test("a database built by the migrations is exactly what the schema describes", () => {
  const copy = path.join(TEST_DB_DIR, `drift-${process.pid}.db`);
  fs.copyFileSync(TEMPLATE_DB, copy); // the template was built by `prisma migrate deploy`
  const res = prisma(["db", "push", "--skip-generate"], copy);
  expect(res.status).toBe(0);
  expect(res.stdout).toContain("already in sync");
});

test("every migration is applied to a fresh database and nothing is pending", () => {
  const fresh = path.join(TEST_DB_DIR, `fresh-${process.pid}.db`);
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${fresh}` },
    stdio: "ignore",
  });
  const status = prisma(["migrate", "status"], fresh);
  expect(status.stdout).toContain("Database schema is up to date");
});

test("PostgreSQL has the same migrations, generated from the same schema (npm run db:migration makes both)", () => {
  const sqlite = migrationNames(schemaLayout.sqlite.migrations);
  expect(migrationNames(schemaLayout.postgresql.migrations)).toEqual(sqlite);
  // The PostgreSQL schema is derived, never edited: what is on disk is what the one schema gives.
  expect(fs.readFileSync(schemaLayout.postgresql.schema, "utf8")).toBe(
    postgresSchemaFrom(fs.readFileSync(schemaLayout.sqlite.schema, "utf8")),
  );
  const lock = (dir: string) => fs.readFileSync(path.join(dir, "migration_lock.toml"), "utf8");
  expect(lock(schemaLayout.postgresql.migrations)).toContain('provider = "postgresql"');
  expect(lock(schemaLayout.sqlite.migrations)).toContain('provider = "sqlite"');
});
