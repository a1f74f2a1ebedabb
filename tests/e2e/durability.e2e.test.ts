/**
 * Kill during verification (issue #7, "Durability"): learners with real
 * sessions submit 200 solutions to the production server; while the server
 * verifier is working through them the server's process group gets SIGKILL;
 * the server is started again on the same database. Then every submission must
 * be there with its code byte for byte, each with exactly one server verdict
 * that matches the code (solutions pass, starters fail), nothing counted twice
 * (CheckOutcome rows, Progress rows and attempts), and no verifier sandbox
 * outliving the killed server.
 *
 * Why an e2e file with a server of its own: it needs the real build, a real
 * server process to kill and a restart on the same database — the shared
 * browser-suite server must not be the one killed. It makes its requests over
 * HTTP (next-auth sessions, no browser: 200 submissions are about the
 * server, not the page).
 *
 * The run time follows the verifier's throughput (200 verifications in
 * total); the timeout leaves room for a slow, shared machine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";
import { HttpSession } from "./support/http-session";
import {
  descendantPids,
  isAlive,
  signalGroup,
  startProductionServer,
  stopProductionServer,
  type ProductionServer,
} from "./support/production-server";

const SUBMISSIONS = 200;
const LEARNERS = 10; // 20 submissions each: under the 30-a-minute submission limit
const EXERCISE_PATHS = ["01-allocation/shared-default-argument", "01-allocation/shared-grid"];
const PASSWORD = "durability-password-1";
const DRAIN_TIMEOUT_MS = 25 * 60_000;
/**
 * Every submission first sleeps half a second: whatever the verifier's throughput —
 * one fresh process per job today, warm processes tomorrow — verifying 200
 * then takes far longer than submitting them, so the kill finds most of them
 * queued or running, not already done.
 */
const SLOW_START = "import time\ntime.sleep(0.5)  # durability test: keep verifications in flight\n";

type Planned = { index: number; learner: number; exerciseId: string; code: string; passing: boolean };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let server: ProductionServer | null = null;
let passed = false;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-durability-"));
  // Short leases: the restarted server takes the killed one's jobs over after 5 s, not 30.
  server = await startProductionServer({ dir, env: { JOB_LEASE_SECONDS: "5" } });
});

afterAll(async () => {
  if (server) await stopProductionServer(server);
  // On failure the folder (database and server log) stays for a post-mortem.
  if (passed) fs.rmSync(dir, { recursive: true, force: true });
  else console.warn(`[durability] database and server log kept in ${dir}`);
});

test(
  "SIGKILL while 200 submissions are being verified loses none and counts none twice",
  async () => {
    const first = server!;
    let db = createPrismaClient(`file:${first.dbFile}`);
    try {
      const exercises = await Promise.all(
        EXERCISE_PATHS.map((p) =>
          db.exercise.findFirstOrThrow({
            where: { path: p, archivedAt: null },
            select: { id: true, starter: true, solution: true },
          }),
        ),
      );
      const passwordHash = await hashPassword(PASSWORD);
      const learners = await Promise.all(
        Array.from({ length: LEARNERS }, (_, i) =>
          db.user.create({
            data: { email: `durability-${i}@example.test`, name: `Durability ${i}`, role: "LEARNER", passwordHash },
          }),
        ),
      );
      const sessions = learners.map(() => new HttpSession(first.url));
      await Promise.all(sessions.map((s, i) => s.signIn(learners[i].email, PASSWORD)));

      // Per learner, in order: exercise A pass, B pass, A fail, B fail, ...
      // so every learner has 5 passing and 5 failing submissions per exercise.
      const plan: Planned[] = Array.from({ length: SUBMISSIONS }, (_, index) => {
        const learner = index % LEARNERS;
        const k = Math.floor(index / LEARNERS);
        const exercise = exercises[k % 2];
        const passing = k % 4 < 2;
        // A unique, non-ASCII tail: the stored code must be exactly what was sent.
        const code = `${SLOW_START}${passing ? exercise.solution : exercise.starter}\n# durability #${index} by learner ${learner}: ünïcödé ✓ \t\n`;
        return { index, learner, exerciseId: exercise.id, code, passing };
      });

      const planById = new Map<string, Planned>();
      await Promise.all(
        sessions.map(async (session, learner) => {
          for (const item of plan.filter((p) => p.learner === learner)) {
            const res = await session.request("POST", `/api/exercises/${item.exerciseId}/submissions`, {
              code: item.code,
            });
            expect({ status: res.status, text: res.status === 202 ? "" : res.text }).toEqual({ status: 202, text: "" });
            planById.set((res.body as { submission: { id: string } }).submission.id, item);
          }
        }),
      );
      expect(planById.size).toBe(SUBMISSIONS);

      // Kill while verifications are in flight: at least one RUNNING row.
      const pending = { state: { in: ["QUEUED" as const, "RUNNING" as const] } };
      const deadline = Date.now() + 120_000;
      while ((await db.submission.count({ where: { state: "RUNNING" } })) === 0) {
        if ((await db.submission.count({ where: pending })) === 0) {
          throw new Error(`all ${SUBMISSIONS} were verified before the kill: raise SUBMISSIONS or submit faster`);
        }
        if (Date.now() > deadline) throw new Error("no verification started within 2 minutes");
        await sleep(20);
      }
      const sandboxes = descendantPids(first.pid);
      expect(sandboxes.length).toBeGreaterThan(0); // the verifier pool's processes
      const killedAt = new Date();
      expect(signalGroup(first.pid, "SIGKILL")).toBe(true);
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
      server = null;

      // Verifier sandboxes live in their own session (bubblewrap --new-session),
      // outside the killed group: --die-with-parent must take them down.
      const sandboxDeadline = Date.now() + 10_000;
      while (sandboxes.some(isAlive) && Date.now() < sandboxDeadline) await sleep(100);
      expect(sandboxes.filter(isAlive)).toEqual([]);

      // The database as the dead server left it.
      const atKill = await db.submission.findMany({
        select: { id: true, state: true, attempts: true, verifiedAt: true, checks: { select: { id: true } } },
      });
      const doneAtKill = atKill.filter((s) => s.state === "DONE");
      const runningAtKill = atKill.filter((s) => s.state === "RUNNING");
      const queuedAtKill = atKill.filter((s) => s.state === "QUEUED");
      expect(runningAtKill.length).toBeGreaterThan(0);
      expect(atKill.filter((s) => s.state === "ERRORED")).toEqual([]);
      console.info(
        `[durability] at SIGKILL: ${doneAtKill.length} done, ${runningAtKill.length} running, ${queuedAtKill.length} queued`,
      );

      // Like a real restart, no other process holds the database while the
      // server prepares it: `prisma migrate deploy` cannot lock it otherwise.
      await db.$disconnect();
      const restartedAt = Date.now();
      server = await startProductionServer({
        dir,
        dbFile: first.dbFile,
        port: first.port,
        env: { JOB_LEASE_SECONDS: "5" },
      });
      db = createPrismaClient(`file:${first.dbFile}`);
      while ((await db.submission.count({ where: pending })) > 0) {
        if (Date.now() - restartedAt > DRAIN_TIMEOUT_MS) throw new Error("verifications did not finish after restart");
        await sleep(1000);
      }
      console.info(
        `[durability] ${runningAtKill.length + queuedAtKill.length} resumed verifications took ${Math.round((Date.now() - restartedAt) / 1000)} s including the restart`,
      );
      // The killed server's jobs in flight were taken over once their leases ran out: claimed twice.
      const heldAtKill = await db.job.findMany({
        where: { subjectId: { in: runningAtKill.map((s) => s.id) } },
        select: { state: true, attempts: true },
      });
      expect(heldAtKill.map((j) => [j.state, j.attempts])).toEqual(runningAtKill.map(() => ["DONE", 2]));

      const after = await db.submission.findMany({
        select: {
          id: true,
          userId: true,
          exerciseId: true,
          code: true,
          state: true,
          verdict: true,
          attempts: true,
          verifiedAt: true,
          result: true,
          checks: { select: { id: true, name: true } },
        },
      });

      // Every acknowledged submission, and nothing else, with its exact code.
      expect(after.map((s) => s.id).sort()).toEqual([...planById.keys()].sort());
      for (const s of after) {
        const planned = planById.get(s.id)!;
        expect(s.code).toBe(planned.code);
        expect(s.userId).toBe(learners[planned.learner].id);
        expect(s.exerciseId).toBe(planned.exerciseId);
        // Exactly one final verdict, and the one the code deserves.
        expect({ id: s.id, state: s.state, verdict: s.verdict }).toEqual({
          id: s.id,
          state: "DONE",
          verdict: planned.passing ? "PASSED" : "FAILED",
        });
        // One CheckOutcome per check of the stored result: no duplicates from a second run.
        const tests = (s.result as { tests: Array<{ name: string }> }).tests;
        expect(s.checks.map((c) => c.name).sort()).toEqual(tests.map((t) => t.name).sort());
        expect(new Set(s.checks.map((c) => c.name)).size).toBe(s.checks.length);
      }

      // Finished before the kill: not run again (same verification, same rows).
      const afterById = new Map(after.map((s) => [s.id, s]));
      for (const before of doneAtKill) {
        const now = afterById.get(before.id)!;
        expect({ id: before.id, attempts: now.attempts, verifiedAt: now.verifiedAt }).toEqual({
          id: before.id,
          attempts: before.attempts,
          verifiedAt: before.verifiedAt,
        });
        expect(now.checks.map((c) => c.id).sort()).toEqual(before.checks.map((c) => c.id).sort());
      }
      // Cut off mid-run: run again once, after the restart.
      for (const before of runningAtKill) {
        const now = afterById.get(before.id)!;
        expect({ id: before.id, attempts: now.attempts }).toEqual({ id: before.id, attempts: before.attempts + 1 });
        expect(now.verifiedAt!.getTime()).toBeGreaterThan(killedAt.getTime());
      }
      for (const before of queuedAtKill) {
        expect({ id: before.id, attempts: afterById.get(before.id)!.attempts }).toEqual({ id: before.id, attempts: 1 });
      }

      // Progress: one row per learner and exercise, attempts = submissions made.
      const progress = await db.progress.findMany({
        where: { userId: { in: learners.map((l) => l.id) } },
        select: { userId: true, exerciseId: true, attempts: true, state: true, lastSubmissionId: true },
      });
      expect(progress).toHaveLength(LEARNERS * exercises.length);
      for (const row of progress) {
        const mine = plan.filter((p) => learners[p.learner].id === row.userId && p.exerciseId === row.exerciseId);
        const last = [...planById].filter(([, p]) => p === mine[mine.length - 1])[0][0];
        expect(row).toEqual({
          userId: row.userId,
          exerciseId: row.exerciseId,
          attempts: mine.length,
          state: "PASSED",
          lastSubmissionId: last,
        });
      }
      passed = true;
    } finally {
      await db.$disconnect();
    }
  },
  DRAIN_TIMEOUT_MS + 5 * 60_000,
);
