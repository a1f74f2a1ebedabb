/**
 * PostgreSQL test databases, when `LEAKLESS_TEST_DATABASE=postgresql://…`
 * names a server (and a database on it to connect to, e.g. `postgres`) where
 * the user may create databases. global-setup migrates a template database
 * with the real migrations; each test file gets its own copy
 * (`CREATE DATABASE … TEMPLATE`, tens of milliseconds); global-teardown drops
 * every database of the run. Names start with the URL's database name, so
 * runs of different people on one server never touch each other's.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

export const TEST_PG_URL = process.env.LEAKLESS_TEST_DATABASE;

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Set by global-setup for the whole run: `<db>_<pid>_<time>`. */
export function runPrefix(): string {
  const prefix = process.env.LEAKLESS_TEST_PG_PREFIX;
  if (!prefix) throw new Error("LEAKLESS_TEST_PG_PREFIX is not set: tests/setup/global-setup.ts did not run");
  return prefix;
}

export const templateName = () => `${runPrefix()}_tpl`;

export async function createTemplate(adminUrl: string): Promise<void> {
  const base = new URL(adminUrl).pathname.slice(1) || "leakless";
  const prefix = `${base}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  process.env.LEAKLESS_TEST_PG_PREFIX = prefix;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${templateName()}"`);
  } finally {
    await admin.end();
  }
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: path.resolve(__dirname, "..", ".."),
    env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, templateName()) },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * A fresh migrated database for one test file; returns its URL. Synchronous
 * (a child process) because jest's setupFiles run before the test file's
 * imports read DATABASE_URL, and cannot be awaited.
 */
export function createTestDatabaseSync(adminUrl: string, label: string): string {
  const name = `${runPrefix()}_${label}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 63);
  const script = `
    const pg = require("pg");
    const [url, name, template] = process.argv.slice(1);
    (async () => {
      for (let attempt = 0; ; attempt++) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try { await c.query('CREATE DATABASE "' + name + '" TEMPLATE "' + template + '"'); return; }
        catch (e) { if (attempt >= 20 || !/being accessed by other users/.test(e.message)) throw e; }
        finally { await c.end(); }
        await new Promise((r) => setTimeout(r, 100)); // another file is being created from the template right now
      }
    })().catch((e) => { console.error(e.message); process.exit(1); });`;
  execFileSync(process.execPath, ["-e", script, adminUrl, name, templateName()], {
    cwd: path.resolve(__dirname, "..", ".."),
    stdio: ["ignore", "ignore", "inherit"],
  });
  return withDatabase(adminUrl, name);
}

/** Drop every database this run created (FORCE: a test file may have left a connection open). */
export async function dropRunDatabases(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [`${runPrefix()}_`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
