/**
 * Measures the server verifier on this machine (issue #8):
 *
 * - warm pool: `size` (default: one per core) sandboxed processes that serve
 *   many jobs each; throughput over `jobs` (default 240) real verifications of
 *   the shipped course's reference solutions and starters, mixed, submitted
 *   all at once; then latency p50/p95 of jobs submitted one at a time;
 * - baseline: what a naive grader does, a new process and a cold
 *   `loadPyodide` per verification (same sandbox, no snapshot, no reuse), over
 *   `baselineJobs` (default 6) verifications with the same pool size;
 * - the ratio of the two throughputs, and the resident memory of each warm
 *   process (its whole sandbox tree: sh, bwrap, node).
 *
 *   npx tsx lib/verifier/bench.ts [--size 2] [--jobs 240] [--baseline-jobs 6]
 *
 * Or from code: `await benchVerifier({ size, jobs, baselineJobs })`.
 * Numbers depend on load: run it on an otherwise idle machine.
 */
import os from "node:os";
import { loadCourse } from "../exercises/load";
import type { CheckResult } from "../grading/result";
import { createVerifierPool, type VerifyJob } from "./pool";

export type VerifierBenchOptions = {
  /** Pool size for both runs. Default: the number of CPU cores. */
  size?: number;
  /** Verifications in the warm throughput run (at least 200 for issue #8). Default 240. */
  jobs?: number;
  /** Verifications in the baseline run (at least 5). Default 6. */
  baselineJobs?: number;
  /** Jobs submitted one at a time for the latency figures. Default 40. */
  latencyJobs?: number;
  /** The course to take exercises from. Default "exercises". */
  courseDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
};

export type VerifierBenchFigures = {
  cores: number;
  poolSize: number;
  /** "bubblewrap" or "none" (see sandbox.ts). */
  sandbox: string;
  warm: {
    jobs: number;
    seconds: number;
    verificationsPerSecond: number;
    /** Latency of jobs submitted one at a time to a warm pool (no queueing). */
    latencyP50Ms: number;
    latencyP95Ms: number;
    /** Processes replaced during the throughput run, and why (counts per reason). */
    recycled: number;
    recycleReasons: Record<string, number>;
    /** Jobs whose verdict was not the expected one (solution: passed; starter: anything else). */
    wrongVerdicts: number;
    /**
     * Median time per stage over the throughput run, in ms, as the child measured
     * it (parse, check = the harness, interpreter and realm = the after-job
     * checks) and as the parent saw it (roundTrip, ipc = roundTrip minus the
     * child's stages).
     */
    stageP50Ms: Record<string, number>;
  };
  baseline: {
    jobs: number;
    seconds: number;
    verificationsPerSecond: number;
    /** Boot of one such process (spawn, sandbox, cold loadPyodide, the leakless package), median. */
    coldBootP50Ms: number;
  };
  /** warm.verificationsPerSecond / baseline.verificationsPerSecond. */
  ratio: number;
  /** Resident memory of each warm process after the throughput run, in bytes (Linux). */
  rssPerWorkerBytes: number[];
  /** Boot time of warm processes (memory snapshot restore + warm-up + fingerprint), median. */
  bootP50Ms: number;
};

type BenchJob = { job: VerifyJob; expectPass: boolean };

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Solutions and starters of every shipped exercise, alternating, repeated up to `count`. */
function courseJobs(courseDir: string, count: number): BenchJob[] {
  const exercises = loadCourse(courseDir).exercises;
  if (exercises.length === 0) throw new Error(`no exercises in ${courseDir}`);
  const one = exercises.flatMap((exercise) =>
    [true, false].map((expectPass) => ({
      expectPass,
      job: {
        code: expectPass ? exercise.solution : exercise.starter,
        checks: exercise.checks,
        timeLimitMs: exercise.meta.limits.timeLimitMs,
        memoryLimitBytes: exercise.meta.limits.memoryLimitMb * 1024 * 1024,
      },
    })),
  );
  return Array.from({ length: count }, (_, index) => one[index % one.length]);
}

function isExpected(result: CheckResult, expectPass: boolean): boolean {
  return expectPass ? result.status === "passed" : result.status !== "passed";
}

export async function benchVerifier(options: VerifierBenchOptions = {}): Promise<VerifierBenchFigures> {
  const cores = os.cpus().length;
  const size = options.size ?? cores;
  const log = options.log ?? (() => {});
  const jobs = courseJobs(options.courseDir ?? "exercises", options.jobs ?? 240);
  const latencyJobs = courseJobs(options.courseDir ?? "exercises", options.latencyJobs ?? 40);
  const baselineJobs = courseJobs(options.courseDir ?? "exercises", options.baselineJobs ?? 6);

  // Warm pool.
  const pool = createVerifierPool({ size, log: () => {} });
  let warm: VerifierBenchFigures["warm"];
  let rssPerWorkerBytes: number[];
  let bootP50Ms: number;
  let sandbox: string;
  try {
    await pool.warmedUp();
    sandbox = pool.stats().sandbox.osSandbox ? "bubblewrap" : "none";
    log(`warm pool of ${size} ready (${sandbox}); throughput run of ${jobs.length} verifications`);
    const recycledBefore = pool.stats().recycled;
    const started = performance.now();
    const results = await Promise.all(jobs.map(({ job }) => pool.verify(job)));
    const seconds = (performance.now() - started) / 1000;
    const stats = pool.stats();
    rssPerWorkerBytes = stats.warmRssBytes;
    const reasons: Record<string, number> = {};
    for (const reason of stats.recycleReasons) {
      const key = reason.replace(/\d+/g, "N").replace(/ \(.*\)$/, "");
      reasons[key] = (reasons[key] ?? 0) + 1;
    }
    const wrongVerdicts = results.filter((result, index) => !isExpected(result, jobs[index].expectPass)).length;
    const stageP50Ms = Object.fromEntries(
      Object.entries(stats.stageMs).map(([stage, samples]) => [stage, Math.round(percentile(samples, 50) * 10) / 10]),
    );

    log(`latency run of ${latencyJobs.length} verifications, one at a time`);
    const latencies: number[] = [];
    for (const { job } of latencyJobs) {
      await pool.warmedUp();
      const jobStarted = performance.now();
      await pool.verify(job);
      latencies.push(performance.now() - jobStarted);
    }
    bootP50Ms = percentile(pool.stats().bootMs, 50);
    warm = {
      jobs: jobs.length,
      seconds,
      verificationsPerSecond: jobs.length / seconds,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      recycled: stats.recycled - recycledBefore,
      recycleReasons: reasons,
      wrongVerdicts,
      stageP50Ms,
    };
  } finally {
    await pool.close();
  }

  // Baseline: a fresh process with a cold Pyodide load for every verification.
  log(`baseline: ${baselineJobs.length} verifications, each in a new process with a cold loadPyodide`);
  const naive = createVerifierPool({ size, snapshot: false, maxJobsPerProcess: 1, log: () => {} });
  let baseline: VerifierBenchFigures["baseline"];
  try {
    const started = performance.now();
    await Promise.all(baselineJobs.map(({ job }) => naive.verify(job)));
    const seconds = (performance.now() - started) / 1000;
    baseline = {
      jobs: baselineJobs.length,
      seconds,
      verificationsPerSecond: baselineJobs.length / seconds,
      coldBootP50Ms: percentile(naive.stats().bootMs, 50),
    };
  } finally {
    await naive.close();
  }

  return {
    cores,
    poolSize: size,
    sandbox,
    warm,
    baseline,
    ratio: warm.verificationsPerSecond / baseline.verificationsPerSecond,
    rssPerWorkerBytes,
    bootP50Ms,
  };
}

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : undefined;
}

async function main(): Promise<void> {
  const figures = await benchVerifier({
    size: argument("size"),
    jobs: argument("jobs"),
    baselineJobs: argument("baseline-jobs"),
    log: (line) => console.log(`# ${line}`),
  });
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(`cores ${figures.cores}, pool size ${figures.poolSize}, sandbox ${figures.sandbox}`);
  console.log(
    `warm pool    : ${figures.warm.verificationsPerSecond.toFixed(2)} verifications/s ` +
      `(${figures.warm.jobs} in ${figures.warm.seconds.toFixed(1)} s), latency p50 ${ms(figures.warm.latencyP50Ms)}, ` +
      `p95 ${ms(figures.warm.latencyP95Ms)}, ${figures.warm.recycled} processes replaced ${JSON.stringify(figures.warm.recycleReasons)}, ` +
      `${figures.warm.wrongVerdicts} unexpected verdicts`,
  );
  console.log(
    `baseline     : ${figures.baseline.verificationsPerSecond.toFixed(3)} verifications/s ` +
      `(${figures.baseline.jobs} in ${figures.baseline.seconds.toFixed(1)} s), cold boot p50 ${ms(figures.baseline.coldBootP50Ms)}`,
  );
  console.log(`stages (p50) : ${JSON.stringify(figures.warm.stageP50Ms)}`);
  console.log(`ratio        : ${figures.ratio.toFixed(1)}x`);
  console.log(`RSS / worker : ${figures.rssPerWorkerBytes.map(mb).join(", ")}; warm boot p50 ${ms(figures.bootP50Ms)}`);
}

// CLI only when run directly (`npx tsx lib/verifier/bench.ts`), not when imported by `npm run bench`.
if (process.argv[1] && /lib[\\/]verifier[\\/]bench\.(ts|js|mjs)$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
