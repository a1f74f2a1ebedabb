/**
 * (5) Dashboards: server time of the cohort overview and per-exercise pages
 * over synthetic data (1,000 learners × all exercises × 10 submissions).
 * The data comes from the dashboards work's seeder in lib/demo/ and the pages
 * from /instructor/cohorts/[id]/dashboard; until both exist in the tree this
 * measurement says so instead of producing a figure.
 */
import fs from "node:fs";
import path from "node:path";
import type { BenchEnv } from "./support/bench-env";
import type { MeasurementResult } from "./support/report";

const ROOT = path.resolve(__dirname, "..");

export async function measureDashboards(env: BenchEnv): Promise<MeasurementResult> {
  const seeder = path.join(ROOT, "lib", "demo");
  const page = path.join(ROOT, "app", "instructor", "cohorts", "[id]", "dashboard");
  const missing = [seeder, page].filter((p) => !fs.existsSync(p)).map((p) => path.relative(ROOT, p));
  env.log(`dashboards: ${missing.length ? `not ready (${missing.join(", ")} missing)` : "seeder and pages present"}`);
  return {
    rows: [
      {
        section: "5. Dashboards",
        metric: "cohort overview and per-exercise page, 1,000 learners × 10 submissions",
        value: "not measured",
        comparison: missing.length
          ? `waiting for ${missing.join(" and ")}`
          : "seeder present but not wired into the bench yet",
        target: "≤ 300 ms",
        met: null,
      },
    ],
    raw: { missing },
  };
}
