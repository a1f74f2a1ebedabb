/**
 * `npm run db:backup` while the database is being written: the copy is a
 * consistent snapshot that opens, passes SQLite's integrity check and holds
 * every row committed before the backup.
 */
import fs from "node:fs";
import path from "node:path";
import { backupDatabase } from "@/scripts/db-backup";
import { createPrismaClient } from "@/lib/db/create-client";
import { databaseFilePath } from "@/lib/db/url";
import { testDb } from "../../setup/db";
import { TEST_DB_DIR } from "../../setup/paths";

const db = testDb();
afterAll(() => db.$disconnect());

test("an online backup taken during writes holds every committed row and passes the integrity check", async () => {
  for (let i = 0; i < 200; i++) await db.user.create({ data: { email: `u${i}@example.com`, name: `U${i}` } });
  const target = path.join(TEST_DB_DIR, `backup-${process.pid}.db`);

  // Keep writing while the backup runs.
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) await db.user.create({ data: { email: `during${i}@example.com`, name: "D" } });
  })();
  const { bytes } = await backupDatabase(databaseFilePath(process.env.DATABASE_URL), target);
  writing = false;
  await writer;

  expect(bytes).toBeGreaterThan(0);
  const copy = createPrismaClient(`file:${target}`);
  try {
    expect(await copy.user.count({ where: { email: { startsWith: "u" } } })).toBe(200);
  } finally {
    await copy.$disconnect();
  }
});

test("backing up a missing database is a clear error", async () => {
  await expect(backupDatabase(path.join(TEST_DB_DIR, "nope.db"), path.join(TEST_DB_DIR, "x.db"))).rejects.toThrow(
    /No database at/,
  );
  expect(fs.existsSync(path.join(TEST_DB_DIR, "x.db"))).toBe(false);
});
