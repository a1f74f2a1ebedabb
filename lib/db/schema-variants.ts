/**
 * prisma/schema.prisma is the one schema (written for SQLite, the built-in
 * database). The PostgreSQL schema is derived from it by swapping the
 * datasource and the client's output folder, nothing else, so the two can
 * never describe different models. Written to prisma/postgresql/ at install
 * time (scripts/db-generate.ts) and whenever a migration is made.
 */
import fs from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "./provider";

export const PRISMA_DIR = path.resolve(__dirname, "..", "..", "prisma");

/** Each provider's migrations folder under prisma/ (the app's route handlers resolve it from the working directory). */
export const MIGRATIONS_FOLDER: Record<DatabaseProvider, string> = {
  sqlite: "migrations",
  postgresql: "migrations-postgresql",
};

/** Where each provider's schema, migrations and generated client live. */
export const schemaLayout: Record<DatabaseProvider, { schema: string; migrations: string; clientOutput: string }> = {
  sqlite: {
    schema: path.join(PRISMA_DIR, "schema.prisma"),
    migrations: path.join(PRISMA_DIR, MIGRATIONS_FOLDER.sqlite),
    clientOutput: path.resolve(PRISMA_DIR, "..", "lib", "db", "generated"),
  },
  postgresql: {
    schema: path.join(PRISMA_DIR, "postgresql", "schema.prisma"),
    migrations: path.join(PRISMA_DIR, MIGRATIONS_FOLDER.postgresql),
    clientOutput: path.resolve(PRISMA_DIR, "..", "lib", "db", "generated-pg"),
  },
};

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(
    new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"),
  );
  if (!matches || matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  }
  return text.replace(pattern, replacement);
}

/** The PostgreSQL twin of a SQLite schema text, to be written to `schemaLayout.postgresql.schema`. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  let text = replaceOnce(sqliteSchema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'provider = "sqlite"');
  // The URL is never used (the driver adapter connects, see create-client.ts) but must be a postgresql one.
  text = replaceOnce(text, /url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/leakless"', "file: url");
  text = replaceOnce(
    text,
    /output\s*=\s*"\.\.\/lib\/db\/generated"/,
    'output     = "../../lib/db/generated-pg"',
    "client output",
  );
  const header =
    "// GENERATED from prisma/schema.prisma by scripts/db-generate.ts: do not edit.\n" +
    "// Edit prisma/schema.prisma, then `npm run db:migration -- <name>`.\n\n";
  return header + text;
}

/** Write prisma/postgresql/schema.prisma from prisma/schema.prisma; returns its path. */
export function writePostgresSchema(): string {
  const target = schemaLayout.postgresql.schema;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, postgresSchemaFrom(fs.readFileSync(schemaLayout.sqlite.schema, "utf8")));
  return target;
}
