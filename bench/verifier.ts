/**
 * (3) Server verifier, measured by the verifier work's own benchmark
 * (`benchVerifier` in lib/verifier/bench.ts): throughput of the warm pool
 * over every shipped exercise's solution and starter, against a baseline that
 * starts a fresh sandboxed Pyodide per verification, in the same run; boot
 * time; resident memory per warm process.
 */
import { benchVerifier } from "@/lib/verifier/bench";
import type { BenchEnv } from "./support/bench-env";
import type { MeasurementResult } from "./support/report";
import { ms } from "./support/stats";

// Resident memory: issue #13's figure for a process holding two interpreters (learner + judge).
export const VERIFIER_TARGETS = { perSecond: 20, speedup: 100, rssBytes: 250 * 1024 * 1024 };

export async function measureVerifier(env: BenchEnv): Promise<MeasurementResult> {
  const figures = await benchVerifier({
    ...(env.quick ? { jobs: 40, baselineJobs: 5, latencyJobs: 10 } : {}),
    log: (line) => env.log(`verifier: ${line}`),
  });
  const section = "3. Server verifier";
  const maxRss = Math.max(...figures.rssPerWorkerBytes);
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return {
    rows: [
      {
        section,
        metric: `throughput, warm pool of ${figures.poolSize} (${figures.warm.jobs} jobs, sandbox ${figures.sandbox})`,
        value: `${figures.warm.verificationsPerSecond.toFixed(1)} verifications/s`,
        comparison: `fresh Pyodide per verification: ${figures.baseline.verificationsPerSecond.toFixed(3)}/s (cold boot p50 ${ms(figures.baseline.coldBootP50Ms)}) → ${figures.ratio.toFixed(0)}×; ${figures.warm.wrongVerdicts} unexpected verdicts`,
        target: "≥ 20/s and ≥ 100× baseline",
        met:
          figures.warm.verificationsPerSecond >= VERIFIER_TARGETS.perSecond &&
          figures.ratio >= VERIFIER_TARGETS.speedup,
      },
      {
        section,
        metric: "latency on a warm pool (one at a time): p50 / p95",
        value: `${ms(figures.warm.latencyP50Ms)} / ${ms(figures.warm.latencyP95Ms)}`,
        comparison:
          `warm process boot p50 ${ms(figures.bootP50Ms)}; ${figures.warm.recycled} processes replaced; ` +
          `per job (p50, throughput run): ${Object.entries(figures.warm.stageP50Ms)
            .map(([stage, value]) => `${stage} ${ms(value)}`)
            .join(", ")}`,
        target: "",
        met: null,
      },
      {
        section,
        metric: "resident memory per warm process",
        value: `${mb(maxRss)} (max)`,
        comparison: figures.rssPerWorkerBytes.map(mb).join(", "),
        target: "≤ 250 MB",
        met: maxRss <= VERIFIER_TARGETS.rssBytes,
      },
    ],
    raw: figures,
  };
}
