/**
 * The job queue's own cost (issue #16), on this process's database
 * (DATABASE_URL: SQLite by default; run with a PostgreSQL URL for its figures):
 *
 * - claim-to-verdict overhead: a submission queued, claimed, verified by the
 *   real sandboxed pool and stored, one at a time; the queue's share is the
 *   wall time from queueing to the stored verdict minus the pool's own time
 *   (Submission.durationMs), i.e. nudge, claim, lease checks and the storing
 *   transaction;
 * - cross-instance wake-up: a long-poll waiting in one "instance" (its own
 *   client and verdict events, listening as a web instance does) while another
 *   client stores the verdict as a worker elsewhere would; the time from the
 *   commit to the waiting request's answer. PostgreSQL: LISTEN/NOTIFY; SQLite:
 *   the one-second re-read (no cross-process signal).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { notifyVerdictSettled, queueProvider, VERDICTS_CHANNEL } from "@/lib/db/job-queue-sql";
import { listen } from "@/lib/db/listen";
import { env } from "@/lib/env";
import { enqueueJobs, submissionJob } from "@/lib/jobs/enqueue";
import { createJobRunner } from "@/lib/jobs/runner";
import { readPackageFiles } from "@/lib/python/load-package";
import { createVerdictEvents } from "@/lib/submissions/verdict-events";
import { waitForVerdict } from "@/lib/submissions/wait-for-verdict";
import { createVerifierPool } from "@/lib/verifier/pool";
import type { BenchEnv } from "./support/bench-env";
import type { MeasurementResult } from "./support/report";
import { median, ms, percentile } from "./support/stats";

export const QUEUE_TARGETS = { overheadP50Ms: 20, wakeUpP95Ms: 250 };
const ROOT = path.resolve(__dirname, "..");

export async function measureQueue(benchEnv: BenchEnv): Promise<MeasurementResult> {
  const provider = queueProvider();
  // SQLite: a throwaway copy prepared like `npm start`; PostgreSQL: the database DATABASE_URL names.
  const url =
    provider === "sqlite"
      ? `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "leakless-bench-queue-")), "queue.db")}`
      : env.DATABASE_URL;
  execFileSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "b".repeat(40) },
    stdio: "ignore",
  });
  const worker = createPrismaClient(url);
  const web = createPrismaClient(url);
  const samples = benchEnv.quick ? 10 : 40;
  const pool = createVerifierPool({ size: 1, packageFiles: readPackageFiles(path.join(ROOT, "lib/python")) });
  try {
    await pool.warmedUp();
    const exercise = await worker.exercise.findFirstOrThrow({
      where: { archivedAt: null },
      orderBy: { order: "asc" },
      select: { id: true, solution: true, contentHash: true },
    });
    const user = await worker.user.create({
      data: { email: `bench-queue-${Date.now()}@example.test`, name: "Bench queue", role: "LEARNER" },
      select: { id: true, role: true, name: true, email: true },
    });
    const queue = async (db: typeof worker) => {
      const row = await db.submission.create({
        data: { userId: user.id, exerciseId: exercise.id, code: exercise.solution, exerciseHash: exercise.contentHash },
        select: { id: true },
      });
      await db.$transaction((tx) => enqueueJobs(tx, [submissionJob(row.id)]));
      return row.id;
    };

    // Claim-to-verdict overhead, one job at a time on an otherwise idle queue.
    const settled = new Map<string, () => void>();
    const runner = createJobRunner(worker, {
      pool,
      concurrency: 1,
      log: (line) => benchEnv.log(`queue: ${line}`),
      onOutcome: (job) => settled.get(job.subjectId)?.(),
    });
    const overhead: number[] = [];
    for (let i = 0; i < samples + 2; i++) {
      const id = await queue(worker);
      const done = new Promise<void>((resolve) => settled.set(id, resolve));
      const started = performance.now();
      runner.nudge();
      await done;
      const wall = performance.now() - started;
      const { durationMs } = await worker.submission.findUniqueOrThrow({ where: { id }, select: { durationMs: true } });
      if (i >= 2) overhead.push(wall - (durationMs ?? 0)); // the first two warm the statements
    }
    await runner.close();

    // Cross-instance wake-up: the web side waits; the worker side stores and notifies.
    const events = createVerdictEvents();
    const listener = listen({ [VERDICTS_CHANNEL]: (id) => events.settled(id) });
    await new Promise((r) => setTimeout(r, 500)); // the listening connection is up
    const wakeUps: number[] = [];
    const sessionUser = { ...user, sessionVersion: 0 } as Parameters<typeof waitForVerdict>[1];
    for (let i = 0; i < samples; i++) {
      const id = await queue(web);
      const waiting = waitForVerdict(web, sessionUser, id, 20_000, events);
      // Land the verdict at a random point of the waiting request's re-read cycle.
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 1000));
      await worker.$transaction(async (tx) => {
        await tx.submission.update({
          where: { id },
          data: { state: "DONE", verdict: "PASSED", verifiedAt: new Date() },
        });
        await notifyVerdictSettled(tx, id);
      });
      const committed = performance.now();
      await waiting;
      wakeUps.push(performance.now() - committed);
    }
    await listener.close();

    const section = `16. Job queue (${provider === "postgresql" ? "PostgreSQL" : "SQLite"})`;
    const overheadP50 = median(overhead);
    const wakeP95 = percentile(wakeUps, 95);
    return {
      rows: [
        {
          section,
          metric: `claim-to-verdict overhead of the queue, p50 / p95 (${overhead.length} jobs)`,
          value: `${ms(overheadP50)} / ${ms(percentile(overhead, 95))}`,
          comparison: "queueing to stored verdict, minus the sandboxed verification itself",
          target: "p50 ≤ 20 ms",
          met: overheadP50 <= QUEUE_TARGETS.overheadP50Ms,
        },
        {
          section,
          metric: `cross-instance wake-up of a long-poll, p50 / p95 (${wakeUps.length} verdicts)`,
          value: `${ms(median(wakeUps))} / ${ms(wakeP95)}`,
          comparison:
            provider === "postgresql"
              ? "LISTEN/NOTIFY on a dedicated connection"
              : "SQLite has no cross-process signal: the one-second re-read (the target is for PostgreSQL)",
          target: "p95 ≤ 250 ms (PostgreSQL)",
          met: provider === "postgresql" ? wakeP95 <= QUEUE_TARGETS.wakeUpP95Ms : null,
        },
      ],
      raw: { provider, overheadMs: overhead, wakeUpMs: wakeUps },
    };
  } finally {
    await pool.close();
    await worker.$disconnect();
    await web.$disconnect();
  }
}
