/**
 * `npm run bench [-- names…] [--quick] [--rebuild] [--report]`: the performance figures of
 * issue #8 on this machine, printed as one table (medians, p95 where asked,
 * each beside its comparison from the same run) and written to
 * `.bench/results.json` (git-ignored) for docs/performance.md.
 *
 * Names: ttff checks verifier submit dashboards weight queue (default: all).
 * Measurements that need the production server build it when stale and run
 * under the shared build lock (see support/build-lock.ts), against a fresh
 * throwaway database; each measurement creates the accounts it uses.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureCheckLatency } from "./check-latency";
import { measureDashboards } from "./dashboards";
import { measurePageWeight } from "./page-weight";
import { measureQueue } from "./queue";
import { measureSubmitPath } from "./submit-path";
import { measureTimeToFirstFeedback } from "./time-to-first-feedback";
import { measureVerifier } from "./verifier";
import { acquireBuildLock, ensureFreshBuild, type HeldLock } from "./support/build-lock";
import type { BenchEnv } from "./support/bench-env";
import { chromiumVersion } from "./support/browser";
import { markdownTable, printTable, type MeasurementResult, type ResultRow } from "./support/report";
import {
  startProductionServer,
  stopProductionServer,
  type ProductionServer,
} from "@/tests/e2e/support/production-server";

interface Measurement {
  name: string;
  needsServer: boolean;
  run(env: BenchEnv): Promise<MeasurementResult>;
}

/** In the order of the list; the printed table follows it. */
const MEASUREMENTS: Measurement[] = [
  { name: "ttff", needsServer: true, run: measureTimeToFirstFeedback },
  { name: "checks", needsServer: true, run: measureCheckLatency },
  { name: "verifier", needsServer: false, run: measureVerifier },
  { name: "submit", needsServer: true, run: measureSubmitPath },
  { name: "dashboards", needsServer: true, run: measureDashboards },
  { name: "weight", needsServer: true, run: measurePageWeight },
  { name: "queue", needsServer: false, run: measureQueue },
];

const ROOT = path.resolve(__dirname, "..");
export const RESULTS_FILE = path.join(ROOT, ".bench", "results.json");

function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    chromium: chromiumVersion(),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !MEASUREMENTS.some((m) => m.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown measurement(s): ${unknown.join(", ")}; choose from ${MEASUREMENTS.map((m) => m.name).join(" ")}`,
    );
    process.exit(2);
  }
  // --report: measure nothing, rewrite the table and .bench/results.md from the stored results.
  const selected = flags.has("--report")
    ? []
    : names.length
      ? MEASUREMENTS.filter((m) => names.includes(m.name))
      : MEASUREMENTS;
  const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const about = machine();
  log(
    `${about.cores} cores, ${about.cpu}, ${about.ramGiB} GiB, load ${about.loadAverageAtStart.join(" ")}, ${about.chromium}`,
  );

  const rows: ResultRow[] = [];
  const raw: Record<string, unknown> = {};
  const failures: string[] = [];
  const runOne = async (m: Measurement, server: ProductionServer | null) => {
    log(`${m.name} …`);
    const started = Date.now();
    try {
      const result = await m.run({ server, quick: flags.has("--quick"), log });
      rows.push(...result.rows);
      raw[m.name] = result.raw;
      log(`${m.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (error) {
      failures.push(`${m.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      log(`${m.name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // Without the server first (no lock needed), then everything that needs it under one lock.
  for (const m of selected.filter((m) => !m.needsServer)) await runOne(m, null);
  const serverOnes = selected.filter((m) => m.needsServer);
  if (serverOnes.length > 0) {
    let lock: HeldLock | null = null;
    let server: ProductionServer | null = null;
    try {
      lock = await acquireBuildLock(log);
      ensureFreshBuild(log, flags.has("--rebuild"));
      // BENCH_DATABASE_URL=postgresql://… measures on PostgreSQL (an empty database; the bench fills it).
      server = await startProductionServer({
        tmpPrefix: "leakless-bench-",
        databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
      });
      log(`production server at ${server.url}`);
      for (const m of serverOnes) await runOne(m, server);
    } finally {
      if (server) {
        await stopProductionServer(server);
        fs.rmSync(server.dir, { recursive: true, force: true });
      }
      lock?.release();
    }
  }

  const order = (r: ResultRow) =>
    MEASUREMENTS.findIndex((m) => r.section.startsWith(`${MEASUREMENTS.indexOf(m) + 1}.`));
  rows.sort((a, b) => order(a) - order(b));
  // Every figure here is wall-clock time on a shared machine: say how busy it was.
  rows.push({
    section: "Machine",
    metric: `${about.cores} cores, ${about.cpu}, ${about.ramGiB} GiB`,
    value: `load ${about.loadAverageAtStart[0]} → ${Math.round(os.loadavg()[0] * 100) / 100}`,
    comparison: "1-minute load average at start → end (above the core count, the figures are inflated by other work)",
    target: "",
    met: null,
  });
  console.log(printTable(rows));
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  // Merge with earlier runs of other subsets, so `npm run bench -- ttff` does not erase the rest.
  const previous = fs.existsSync(RESULTS_FILE)
    ? (JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")) as { runs?: Record<string, unknown> })
    : {};
  const runs = { ...(previous.runs ?? {}) } as Record<string, unknown>;
  for (const m of selected) {
    if (m.name in raw)
      runs[m.name] = {
        machine: about,
        rows: rows.filter((r) => r.section.startsWith(`${MEASUREMENTS.indexOf(m) + 1}.`)),
        raw: raw[m.name],
      };
  }
  fs.writeFileSync(RESULTS_FILE, JSON.stringify({ updated: about.date, runs }, null, 2));
  // The Markdown copy for docs/performance.md: all measurements in the order, then when
  // and under what load each was taken (they may come from different runs).
  type StoredRun = { machine: ReturnType<typeof machine>; rows: ResultRow[] };
  const stored = MEASUREMENTS.filter((m) => m.name in runs).map((m) => [m.name, runs[m.name] as StoredRun] as const);
  const provenance = stored.map(
    ([name, run]) =>
      `- \`${name}\`: ${run.machine.date.slice(0, 16).replace("T", " ")} UTC, 1-minute load average at start ${run.machine.loadAverageAtStart[0]} (${run.machine.cores} cores)`,
  );
  fs.writeFileSync(
    RESULTS_FILE.replace(/\.json$/, ".md"),
    `${markdownTable(stored.flatMap(([, run]) => run.rows))}\n\n${provenance.join("\n")}\n`,
  );
  log(`results written to ${path.relative(ROOT, RESULTS_FILE)} (and .md)`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} measurement(s) failed:\n${failures.join("\n\n")}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
