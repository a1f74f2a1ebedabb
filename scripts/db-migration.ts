/**
 * Create a new migration from a change to prisma/schema.prisma, for both
 * databases at once:
 *
 *   npm run db:migration -- add_cohort_settings
 *
 * `prisma migrate dev` cannot run offline with the JS schema engine, so this
 * diffs the schema as it was at the last migration (kept beside the
 * migrations as `schema-at-last-migration.prisma`) against the current one
 * and writes `prisma/migrations/<timestamp>_<name>/migration.sql` (SQLite)
 * and the same name under `prisma/migrations-postgresql/` (the diff of the
 * two schemas' PostgreSQL twins, lib/db/schema-variants.ts).
 * tests/integration/db/migrations.test.ts fails if they ever drift.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresSchemaFrom, schemaLayout, writePostgresSchema } from "../lib/db/schema-variants";

const root = path.resolve(__dirname, "..");
const { schema, migrations } = schemaLayout.sqlite;
const snapshot = path.join(migrations, "schema-at-last-migration.prisma");

function diff(from: string | null, to: string): string {
  const fromArgs = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return execFileSync(
    process.execPath,
    [require.resolve("prisma/build/index.js"), "migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"],
    { cwd: root, encoding: "utf8" },
  );
}

const isEmpty = (sql: string) => /^-- This is an empty migration\.\s*$/m.test(sql) || sql.trim() === "";

function main(): number {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    return 2;
  }
  const hasSnapshot = fs.existsSync(snapshot);
  const sqlite = diff(hasSnapshot ? snapshot : null, schema);
  if (isEmpty(sqlite)) {
    console.log("The schema has not changed since the last migration: nothing to do.");
    return 0;
  }
  const pgCurrent = writePostgresSchema();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-migration-"));
  const pgSnapshot = path.join(tmp, "schema-at-last-migration.prisma");
  if (hasSnapshot) fs.writeFileSync(pgSnapshot, postgresSchemaFrom(fs.readFileSync(snapshot, "utf8")));
  const postgres = diff(hasSnapshot ? pgSnapshot : null, pgCurrent);
  fs.rmSync(tmp, { recursive: true, force: true });

  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  for (const [dir, sql] of [
    [migrations, sqlite],
    [schemaLayout.postgresql.migrations, postgres],
  ] as const) {
    const target = path.join(dir, `${stamp}_${name}`);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(root, target)}/migration.sql`);
  }
  fs.copyFileSync(schema, snapshot);
  return 0;
}

process.exit(main());
