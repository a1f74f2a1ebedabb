/**
 * Create a new migration from a change to prisma/schema.prisma:
 *
 *   npm run db:migration -- add_cohort_settings
 *
 * `prisma migrate dev` cannot run offline with the JS schema engine, so this
 * diffs the schema as it was at the last migration (kept beside the
 * migrations as `schema-at-last-migration.prisma`) against the current one
 * and writes `prisma/migrations/<timestamp>_<name>/migration.sql`.
 * tests/integration/db/migrations.test.ts fails if the two ever drift.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const schema = path.join(root, "prisma", "schema.prisma");
const migrations = path.join(root, "prisma", "migrations");
const snapshot = path.join(migrations, "schema-at-last-migration.prisma");

function main(): number {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    return 2;
  }
  const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    process.execPath,
    [require.resolve("prisma/build/index.js"), "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
    { cwd: root, encoding: "utf8" },
  );
  if (/^-- This is an empty migration\.\s*$/m.test(sql) || sql.trim() === "") {
    console.log("The schema has not changed since the last migration: nothing to do.");
    return 0;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(migrations, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.copyFileSync(schema, snapshot);
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
  return 0;
}

process.exit(main());
