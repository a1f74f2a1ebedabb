/**
 * `npm run db:backup` while the database is being written: the copy is a
 * consistent snapshot that restores and holds every row committed before the
 * backup. On SQLite it passes the integrity check; on PostgreSQL (run with
 * LEAKLESS_TEST_DATABASE) it is a pg_dump that pg_restore loads.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { backupDatabase } from "@/lib/db/backup";
import { createPrismaClient } from "@/lib/db/create-client";
import { providerOf } from "@/lib/db/provider";
import { testDb } from "../../setup/db";
import { TEST_DB_DIR } from "../../setup/paths";
import { withDatabase } from "../../setup/pg-databases";

const url = process.env.DATABASE_URL!;
const db = testDb();
afterAll(() => db.$disconnect());

/** A client on a restored copy of `backup`, and how to get rid of it. */
async function restored(
  backup: string,
): Promise<{ copy: ReturnType<typeof createPrismaClient>; drop(): Promise<void> }> {
  if (providerOf(url) === "sqlite") {
    const copy = createPrismaClient(`file:${backup}`);
    return { copy, drop: () => copy.$disconnect() };
  }
  const name = `${new URL(url).pathname.slice(1)}_restored`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const target = withDatabase(url, name);
  const u = new URL(target);
  const password = decodeURIComponent(u.password);
  u.password = "";
  execFileSync("pg_restore", ["--no-owner", `--dbname=${u.toString()}`, backup], {
    env: { ...process.env, PGPASSWORD: password },
  });
  const copy = createPrismaClient(target);
  return {
    copy,
    async drop() {
      await copy.$disconnect();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

test("an online backup taken during writes holds every committed row and restores", async () => {
  for (let i = 0; i < 200; i++) await db.user.create({ data: { email: `u${i}@example.com`, name: `U${i}` } });
  const target = path.join(TEST_DB_DIR, `backup-${process.pid}.bak`);

  // Keep writing while the backup runs.
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) await db.user.create({ data: { email: `during${i}@example.com`, name: "D" } });
  })();
  const { bytes } = await backupDatabase(url, target);
  writing = false;
  await writer;

  expect(bytes).toBeGreaterThan(0);
  const { copy, drop } = await restored(target);
  try {
    expect(await copy.user.count({ where: { email: { startsWith: "u" } } })).toBe(200);
  } finally {
    await drop();
  }
});

test("backing up a missing SQLite database is a clear error", async () => {
  const missing = `file:${path.join(TEST_DB_DIR, "nope.db")}`;
  await expect(backupDatabase(missing, path.join(TEST_DB_DIR, "x.db"))).rejects.toThrow(/No database at/);
  expect(fs.existsSync(path.join(TEST_DB_DIR, "x.db"))).toBe(false);
});

test("without pg_dump, a PostgreSQL backup says what to install, and never shows the password", async () => {
  const pgUrl = "postgresql://leakless:s3cret-pw@localhost:5432/leakless";
  const target = path.join(TEST_DB_DIR, "never.dump");
  const attempt = backupDatabase(pgUrl, target, { pgDump: path.join(TEST_DB_DIR, "no-such-pg_dump") });
  await expect(attempt).rejects.toThrow(/pg_dump.*not found.*postgresql-client/s);
  await expect(attempt).rejects.not.toThrow(/s3cret-pw/);
  expect(fs.existsSync(target)).toBe(false);
});
