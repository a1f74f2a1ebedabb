/**
 * The checks a verification runs (lib/submissions/verification-spec.ts), kept
 * per process by (exercise, content hash): a new hash is read again, never
 * served from the copy of the old one; checks that do not parse are refused
 * and not kept. Real database, both passes.
 */
import { verificationSpec } from "@/lib/submissions/verification-spec";
import { testDb } from "../../setup/db";
import { CHECKS, createExercise } from "./support";

const db = testDb();
afterAll(() => db.$disconnect());

test("a changed exercise (new hash) is read again; the spec names the hash it belongs to", async () => {
  const id = await createExercise(db);
  const { contentHash } = await db.exercise.findUniqueOrThrow({ where: { id }, select: { contentHash: true } });
  const first = await verificationSpec(db, id, contentHash);
  expect(first).toMatchObject({ ok: true, spec: { contentHash, checks: CHECKS } });

  const visibleOnly = CHECKS.filter((c) => c.visibility === "visible");
  await db.exercise.update({ where: { id }, data: { checks: visibleOnly, timeLimitMs: 1234, contentHash: "h2" } });
  expect(await verificationSpec(db, id, "h2")).toEqual({
    ok: true,
    spec: { contentHash: "h2", checks: visibleOnly, timeLimitMs: 1234, memoryLimitMb: expect.any(Number) },
  });
  // Asked for the old hash after the content moved on: what the database holds now, with its hash.
  expect(await verificationSpec(db, id, contentHash)).toMatchObject({ ok: true, spec: { contentHash: "h2" } });
});

test("checks that do not parse are refused, and a fixed row is read on the next ask", async () => {
  const id = await createExercise(db);
  await db.exercise.update({ where: { id }, data: { checks: [{ name: 42 }], contentHash: "broken" } });
  const refused = await verificationSpec(db, id, "broken");
  expect(refused.ok).toBe(false);
  expect(refused.ok ? "" : refused.error).toMatch(/exercise checks do not parse/);

  await db.exercise.update({ where: { id }, data: { checks: CHECKS } });
  expect(await verificationSpec(db, id, "broken")).toMatchObject({ ok: true, spec: { checks: CHECKS } });
});
