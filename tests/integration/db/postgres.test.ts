/**
 * PostgreSQL as a deployer runs it. The release step (`scripts/prepare.ts`:
 * migrations, course sync, demo accounts) started by two processes at once
 * on one fresh database: both succeed, everything is done once. The
 * PostgreSQL migrations build exactly what the schema describes. These need
 * a server: they run in the PostgreSQL pass (LEAKLESS_TEST_DATABASE, as
 * `.ci/run` does). A failing connection never prints the password: that one
 * needs no server and runs in both passes.
 */
import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { pendingMigrations, migrationNames } from "@/lib/db/pending-migrations";
import { providerOf } from "@/lib/db/provider";
import { schemaLayout } from "@/lib/db/schema-variants";
import { ROOT } from "../../setup/paths";
import { runPrefix, templateName, withDatabase } from "../../setup/pg-databases";

const url = process.env.DATABASE_URL!;
const onPostgres = providerOf(url) === "postgresql" ? describe : describe.skip;

function prepareProcess(databaseUrl: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "x".repeat(40) },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("a release step that cannot reach PostgreSQL says where, without the password", () => {
  const res = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: "postgresql://leakless:hunter2-secret@127.0.0.1:1/leakless",
      NEXTAUTH_SECRET: "x".repeat(40),
    },
    encoding: "utf8",
  });
  expect(res.status).toBe(1);
  expect(res.stdout + res.stderr).toContain("postgresql://leakless:***@127.0.0.1:1/leakless");
  expect(res.stdout + res.stderr).not.toContain("hunter2");
});

onPostgres("on PostgreSQL", () => {
  const admin = new pg.Client({ connectionString: url });
  beforeAll(() => admin.connect());
  afterAll(() => admin.end());

  test("two instances running the release step at once on a fresh database both succeed, and it is done once", async () => {
    const name = `${runPrefix()}_release`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const fresh = withDatabase(url, name);
    expect(await pendingMigrations(fresh)).toEqual(migrationNames(schemaLayout.postgresql.migrations));

    const [a, b] = await Promise.all([prepareProcess(fresh), prepareProcess(fresh)]);
    // On failure, the output says why.
    const failed = [a, b].filter((r) => r.code !== 0).map((r) => r.out);
    expect({ a: a.code, b: b.code, failed }).toEqual({ a: 0, b: 0, failed: [] });
    // Exactly one of them synced the course and created the demo accounts; the other found them done.
    const created = [a.out, b.out].filter((o) => /Demo accounts were created/.test(o));
    expect(created).toHaveLength(1);
    expect([a.out, b.out].filter((o) => /course synced: 0 new/.test(o))).toHaveLength(1);

    expect(await pendingMigrations(fresh)).toEqual([]);
    const db = new pg.Client({ connectionString: fresh });
    await db.connect();
    try {
      const applied = await db.query(
        `SELECT migration_name, COUNT(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL GROUP BY 1`,
      );
      expect(applied.rows.map((r) => r.migration_name).sort()).toEqual(
        migrationNames(schemaLayout.postgresql.migrations),
      );
      expect(applied.rows.every((r) => r.n === 1)).toBe(true);
      const users = await db.query(`SELECT role, COUNT(*)::int AS n FROM "User" GROUP BY role ORDER BY role`);
      expect(users.rows).toEqual([
        { role: "LEARNER", n: 1 },
        { role: "INSTRUCTOR", n: 1 },
        { role: "ADMIN", n: 1 },
      ]);
      // The course's small tables have planner statistics (autovacuum would never analyze them).
      const analyzed = await db.query(
        `SELECT relname FROM pg_stat_user_tables WHERE relname IN ('Section', 'Exercise') AND last_analyze IS NOT NULL ORDER BY 1`,
      );
      expect(analyzed.rows.map((r) => r.relname)).toEqual(["Exercise", "Section"]);
    } finally {
      await db.end();
    }
  }, 240_000);

  test("the PostgreSQL migrations build exactly what the schema describes (prisma db push finds nothing to do)", async () => {
    const name = `${runPrefix()}_drift`;
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`); // built by `prisma migrate deploy`
    const res = spawnSync(
      process.execPath,
      [require.resolve("prisma/build/index.js"), "db", "push", "--skip-generate"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: withDatabase(url, name) },
        encoding: "utf8",
      },
    );
    expect(res.stdout).toContain("already in sync");
    expect(res.status).toBe(0);
  }, 240_000);
});
