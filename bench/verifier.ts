/**
 * (3) Server verifier, measured by the verifier's own benchmark
 * (lib/verifier/bench.ts, owned by the verifier work): boot time of a fresh
 * Pyodide (what a naive grader pays per verification) and of a snapshot
 * restore, warm latency, pool throughput, and resident memory per process.
 * It runs as a child process, so its pool and processes end with it. The
 * baseline throughput (a fresh Pyodide per verification, one per core) is
 * derived from the same run: cores ÷ (cold boot + warm latency).
 */
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BenchEnv } from "./support/bench-env";
import type { MeasurementResult } from "./support/report";

const ROOT = path.resolve(__dirname, "..");
export const VERIFIER_TARGETS = { perSecond: 20, speedup: 100, rssBytes: 200 * 1024 * 1024 };

const firstNumber = (text: string, pattern: RegExp): number | null => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : null;
};

export async function measureVerifier(env: BenchEnv): Promise<MeasurementResult> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const jobs = env.quick ? 20 : 100;
  env.log(`verifier: npx tsx lib/verifier/bench.ts --size ${cores} --jobs ${jobs}`);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [require.resolve("tsx/cli"), "lib/verifier/bench.ts", "--size", String(cores), "--jobs", String(jobs)],
    { cwd: ROOT, maxBuffer: 10 * 1024 * 1024, timeout: 900_000 },
  );
  const coldBootMs = firstNumber(stdout, /boot, cold load\s*:\s*p50 (\d+) ms/);
  const snapshotBootMs = firstNumber(stdout, /boot, from snapshot\s*:\s*p50 (\d+) ms/);
  const warmMs = firstNumber(stdout, /latency, warm\s*:\s*p50 (\d+) ms/);
  const perSecond = firstNumber(stdout, /throughput, size \d+\s*:\s*([\d.]+) verifications\/s/);
  const rssLine = /RSS per warm process\s*:\s*(.*)/.exec(stdout)?.[1] ?? "";
  const rssMb = [...rssLine.matchAll(/(\d+) MB/g)].map((m) => Number(m[1]));
  const section = "3. Server verifier";
  if (coldBootMs === null || perSecond === null || warmMs === null) {
    return {
      rows: [
        {
          section,
          metric: "lib/verifier/bench.ts output",
          value: "could not be parsed",
          comparison: stdout.trim().slice(0, 200),
          target: "",
          met: null,
        },
      ],
      raw: { stdout },
    };
  }
  const baselinePerSecond = cores / ((coldBootMs + warmMs) / 1000);
  const maxRss = rssMb.length ? Math.max(...rssMb) : NaN;
  return {
    rows: [
      {
        section,
        metric: `throughput, warm pool of ${cores}, ${jobs} jobs`,
        value: `${perSecond.toFixed(1)} verifications/s`,
        comparison: `fresh Pyodide per verification: ${baselinePerSecond.toFixed(2)}/s (${coldBootMs} ms boot + ${warmMs} ms) → ${(perSecond / baselinePerSecond).toFixed(0)}×`,
        target: "≥ 20/s and ≥ 100× baseline",
        met: perSecond >= VERIFIER_TARGETS.perSecond && perSecond / baselinePerSecond >= VERIFIER_TARGETS.speedup,
      },
      {
        section,
        metric: "boot: snapshot restore vs cold load (p50)",
        value: snapshotBootMs === null ? "—" : `${snapshotBootMs} ms`,
        comparison: `cold load ${coldBootMs} ms; one verification on a warm process ${warmMs} ms`,
        target: "",
        met: null,
      },
      {
        section,
        metric: "resident memory per warm process",
        value: Number.isFinite(maxRss) ? `${maxRss} MB (max)` : "—",
        comparison: rssLine.trim(),
        target: "≤ 200 MB",
        met: Number.isFinite(maxRss) ? maxRss * 1024 * 1024 <= VERIFIER_TARGETS.rssBytes : null,
      },
    ],
    raw: { stdout, cores, jobs, coldBootMs, snapshotBootMs, warmMs, perSecond, baselinePerSecond, rssMb },
  };
}
