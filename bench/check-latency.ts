/**
 * (2) Check latency after load, in the browser (what learners feel): for every
 * shipped exercise, its visible checks against its reference solution, 20
 * timed runs after an untimed warm-up pass over all exercises, in the real runner worker
 * (`/runner/worker.mjs`) on an exercise page of the production server. The
 * page speaks the worker protocol directly (init → ready → check), so the
 * figure is postMessage → reply, without React rendering. Beside it: the time
 * the harness itself measured inside Python (`result.duration`).
 */
import { createPrismaClient } from "@/lib/db/create-client";
import { PROTOCOL_VERSION } from "@/lib/runner/protocol";
import { PYODIDE_INDEX_PATH, RUNNER_WORKER_URL } from "@/lib/runner/assets";
import { SNAPSHOT_CACHE_NAME } from "@/lib/runner/snapshot-cache";
import type { CheckFile } from "@/lib/grading/result";
import { openProfile } from "./support/browser";
import { requireServer, type BenchEnv } from "./support/bench-env";
import { benchExerciseUrl } from "./support/exercise-under-test";
import { createLearners, signInOverHttp } from "./support/learners";
import type { MeasurementResult, ResultRow } from "./support/report";
import { ms, percentile } from "./support/stats";

export const CHECK_P50_TARGET_MS = 50;

interface ExerciseChecks {
  path: string;
  title: string;
  code: string;
  checks: CheckFile[];
  timeLimitMs: number;
  memoryLimitMb: number;
}

interface Timings {
  path: string;
  statuses: string[];
  roundTripMs: number[];
  harnessMs: number[];
  /** The untimed warm-up run of the exercise (in the warm-up pass, before any timed run). */
  firstRunMs: number;
}

async function shippedExercises(databaseUrl: string): Promise<ExerciseChecks[]> {
  const db = createPrismaClient(databaseUrl);
  try {
    const rows = await db.exercise.findMany({ where: { archivedAt: null }, orderBy: [{ path: "asc" }] });
    return rows.map((row) => ({
      path: row.path,
      title: row.title,
      code: row.solution,
      checks: (row.checks as CheckFile[]).filter((c) => c.visibility === "visible"),
      timeLimitMs: row.timeLimitMs,
      memoryLimitMb: row.memoryLimitMb,
    }));
  } finally {
    await db.$disconnect();
  }
}

/**
 * Runs in the page: one worker, all exercises, `runs` timed checks each.
 * Plain JavaScript in a string: the TypeScript runner's helpers must not leak
 * into code the browser evaluates.
 */
const TIME_CHECKS_IN_PAGE = `async (args) => {
  const worker = new Worker(args.workerUrl, { type: "module" });
  const nonce = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  let waiting = null;
  worker.onmessage = (event) => waiting && waiting(event.data);
  const next = (accept) => new Promise((resolve, reject) => {
    waiting = (data) => {
      if (data.type === "fatal") reject(new Error(data.message));
      else if (accept(data)) resolve(data);
    };
  });
  const ready = next((d) => d.type === "ready");
  worker.postMessage({ type: "init", protocol: args.protocol, indexURL: args.indexURL, memoryLimitBytes: 256 * 1024 * 1024 });
  await ready;
  let id = 1;
  const check = async (exercise) => {
    const requestId = id++;
    const reply = next((d) => d.type === "result" && d.id === requestId);
    const started = performance.now();
    worker.postMessage({
      type: "check", id: requestId, nonce: nonce(), code: exercise.code, checks: exercise.checks,
      options: { timeLimitMs: exercise.timeLimitMs, outputLimit: 64000, seed: 0, memoryReport: false },
    });
    const data = await reply;
    return { elapsed: performance.now() - started, data };
  };
  // Warm-up pass over every exercise first (the first import of its check
  // modules, and the engine's own warm-up of the interpreter's hot code), so an
  // exercise's figure does not depend on where it comes in the order.
  const firstRunMs = [];
  for (const exercise of args.exercises) firstRunMs.push((await check(exercise)).elapsed);
  const out = [];
  for (const [index, exercise] of args.exercises.entries()) {
    const timings = { path: exercise.path, statuses: [], roundTripMs: [], harnessMs: [], firstRunMs: firstRunMs[index] };
    for (let i = 0; i < args.runs; i++) {
      const { elapsed, data } = await check(exercise);
      timings.roundTripMs.push(elapsed);
      timings.harnessMs.push(data.result.duration);
      timings.statuses.push(data.result.status);
    }
    out.push(timings);
  }
  worker.terminate();
  return out;
}`;

export async function measureCheckLatency(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  const runs = env.quick ? 5 : 20;
  const exercises = await shippedExercises(server.databaseUrl);
  const [email] = await createLearners(server.databaseUrl, "checks", 1);
  const learner = await signInOverHttp(server.url, email);
  const profile = await openProfile(server.url, learner);
  let timings: Timings[];
  try {
    const page = await profile.context.newPage();
    await page.goto(await benchExerciseUrl(server));
    page.setDefaultTimeout(600_000);
    // The exercise page starts its own runner, and its warm spare boots a few
    // seconds after ready and copies the interpreter snapshot into Cache
    // Storage. Let both settle first: otherwise the first exercises are timed
    // while another interpreter boots on the same two cores, which no
    // learner's Check competes with once the page has loaded.
    await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor();
    await page.waitForFunction(
      `caches.open(${JSON.stringify(SNAPSHOT_CACHE_NAME)}).then((cache) => cache.keys()).then((keys) => keys.length > 0)`,
      null,
      { timeout: 120_000, polling: 250 },
    );
    const args = {
      exercises,
      runs,
      workerUrl: RUNNER_WORKER_URL,
      indexURL: PYODIDE_INDEX_PATH,
      protocol: PROTOCOL_VERSION,
    };
    timings = (await page.evaluate(`(${TIME_CHECKS_IN_PAGE})(${JSON.stringify(args)})`)) as Timings[];
  } finally {
    await profile.close();
  }
  const section = "2. Check latency (browser worker)";
  const rows: ResultRow[] = [];
  const p50s = timings.map((t) => percentile(t.roundTripMs, 50));
  const worst = Math.max(...p50s);
  const worstP95 = Math.max(...timings.map((t) => percentile(t.roundTripMs, 95)));
  rows.push({
    section,
    metric: `all ${timings.length} exercises: worst p50 / worst p95 (${runs} runs each)`,
    value: `${ms(worst)} / ${ms(worstP95)}`,
    comparison: `median of the exercises' p50s ${ms(percentile(p50s, 50))}`,
    target: "p50 ≤ 50 ms for every exercise",
    met: worst <= CHECK_P50_TARGET_MS,
  });
  for (const t of timings) {
    const p50 = percentile(t.roundTripMs, 50);
    const notPassed = t.statuses.filter((s) => s !== "passed").length;
    rows.push({
      section,
      metric: `${t.path}: p50 / p95`,
      value: `${ms(p50)} / ${ms(percentile(t.roundTripMs, 95))}`,
      comparison: `inside Python p50 ${ms(percentile(t.harnessMs, 50))}; first (untimed) run ${ms(t.firstRunMs)}${notPassed ? `; ${notPassed} runs did not pass` : ""}`,
      target: "p50 ≤ 50 ms",
      met: p50 <= CHECK_P50_TARGET_MS,
    });
  }
  return { rows, raw: { runs, timings } };
}
