/**
 * Measures the verifier on this machine: boot time of a sandboxed process
 * (cold Pyodide load vs memory-snapshot restore), latency of one verification
 * on a warm process, throughput of a pool, memory per process.
 *
 *   npx tsx lib/verifier/bench.ts [--size 2] [--jobs 20]
 *
 * Numbers depend on load: run it on an otherwise idle machine.
 */
import type { CheckFile } from "../grading/result";
import { createVerifierPool } from "./pool";

const CHECKS: CheckFile[] = [
  {
    name: "test_visible.py",
    visibility: "visible",
    source: "from submission import add\n\ndef test_adds():\n    assert add(2, 3) == 5\n",
  },
];
const CODE = "def add(a, b):\n    return a + b\n";

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (value: number) => `${Math.round(value / 1024 / 1024)} MB`;

/** Boot times of `samples` processes started one after another (size 1, so they do not compete). */
async function bootTimes(snapshot: boolean, samples: number): Promise<number[]> {
  const pool = createVerifierPool({ size: 1, snapshot });
  try {
    await pool.warmedUp();
    for (let i = 1; i < samples; i++) {
      await pool.verify({ code: CODE, checks: CHECKS });
      await pool.warmedUp();
    }
    return pool.stats().bootMs;
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const size = argument("size", 2);
  const jobs = argument("jobs", 20);

  const cold = await bootTimes(false, 3);
  const restored = await bootTimes(true, 3);
  console.log(`boot, cold load      : p50 ${ms(percentile(cold, 50))}  (${cold.map(ms).join(", ")})`);
  console.log(`boot, from snapshot  : p50 ${ms(percentile(restored, 50))}  (${restored.map(ms).join(", ")})`);

  const pool = createVerifierPool({ size });
  try {
    await pool.warmedUp();
    const stats = pool.stats();
    console.log(`sandbox              : ${stats.sandbox.osSandbox ? "bubblewrap" : "NONE"} (${stats.sandbox.reason})`);
    console.log(`RSS per warm process : ${stats.warmRssBytes.map(mb).join(", ")}`);

    // Latency: one job at a time, each on a warm process.
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      await pool.warmedUp();
      const started = performance.now();
      const result = await pool.verify({ code: CODE, checks: CHECKS });
      latencies.push(performance.now() - started);
      if (result.status !== "passed") throw new Error(`unexpected result: ${JSON.stringify(result)}`);
    }
    console.log(`latency, warm        : p50 ${ms(percentile(latencies, 50))}, p90 ${ms(percentile(latencies, 90))}`);

    // Throughput: a burst, queued, replacements booting while others verify.
    await pool.warmedUp();
    const started = performance.now();
    await Promise.all(Array.from({ length: jobs }, () => pool.verify({ code: CODE, checks: CHECKS })));
    const seconds = (performance.now() - started) / 1000;
    console.log(`throughput, size ${size}  : ${(jobs / seconds).toFixed(2)} verifications/s (${jobs} jobs in ${seconds.toFixed(1)} s)`);
  } finally {
    await pool.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
