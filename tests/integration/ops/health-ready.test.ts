/**
 * GET /api/health and GET /api/ready through their route handlers on a real
 * database: health answers without touching anything; ready is 503 naming
 * the failing check until the migrations are applied and the course loaded,
 * then 200; an unreachable database is a 503 whose answer and log carry no
 * path, URL or error text.
 */
import os from "node:os";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { createPrismaClient } from "@/lib/db/create-client";
import { checkReadiness } from "@/lib/ops/readiness";
import { testDb } from "../../setup/db";
import { createExercise } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

async function answer(res: Response) {
  return { status: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
}

test("health is 200 and says only that the process is up", async () => {
  expect(await answer(health())).toEqual({ status: 200, body: { status: "ok" }, cache: "no-store" });
});

test("ready is 503 until the course is loaded and every migration applied, then 200", async () => {
  // A migrated database with no course yet.
  expect(await answer(await ready())).toEqual({
    status: 503,
    body: { status: "not ready", checks: { database: "ok", migrations: "ok", course: "failing" } },
    cache: "no-store",
  });
  await createExercise(db);
  await db.contentSync.create({ data: { exerciseCount: 1, problems: [] } });
  expect(await answer(await ready())).toMatchObject({
    status: 200,
    body: { status: "ready", checks: { database: "ok", migrations: "ok", course: "ok" } },
  });
  // A build that ships a migration the database has not had.
  const [last] = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`,
  );
  await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE id = ${last.id}`;
  expect(await answer(await ready())).toMatchObject({
    status: 503,
    body: { checks: { database: "ok", migrations: "failing", course: "ok" } },
  });
});

test("an unreachable database is 'database: failing', and nothing about it reaches the answer or the log", async () => {
  // A directory is no database file: SQLite cannot open it.
  const broken = createPrismaClient(`file:${os.tmpdir()}`);
  const logged: string[] = [];
  const readiness = await checkReadiness(broken, ["20261125023430_init"], (m) => logged.push(m));
  await broken.$disconnect();
  expect(readiness).toEqual({
    ready: false,
    checks: { database: "failing", migrations: "failing", course: "failing" },
  });
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatch(/^\[ready\] the database does not answer \(\S+\)$/);
  expect(logged[0]).not.toContain(os.tmpdir());
});
