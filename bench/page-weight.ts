/**
 * (6) Page weight: bytes the exercise page costs, first visit (fresh
 * profile) vs repeat visit (same profile), from Resource Timing entries of
 * the page and its workers. "transferred" is what crossed the network
 * (headers included, compressed if the server compressed); "size" is the
 * decoded body. Requests answered by the HTTP cache or a service worker's
 * Cache Storage transfer 0 bytes.
 */
import { openProfile } from "./support/browser";
import { requireServer, type BenchEnv } from "./support/bench-env";
import { visitExercise, type ResourceBytes } from "./support/exercise-visit";
import { benchExerciseUrl } from "./support/exercise-under-test";
import { createLearners, signInOverHttp } from "./support/learners";
import type { MeasurementResult, ResultRow } from "./support/report";
import { bytes } from "./support/stats";

type Category = "page HTML" | "page JS" | "page CSS" | "runner worker" | "Pyodide" | "other";

function categorize(resource: ResourceBytes, documentUrl: string): Category {
  const { pathname } = new URL(resource.url);
  if (resource.url === documentUrl) return "page HTML";
  if (pathname.startsWith("/pyodide/")) return "Pyodide";
  if (pathname.startsWith("/runner/")) return "runner worker";
  if (pathname.endsWith(".css")) return "page CSS";
  if (pathname.endsWith(".js")) return "page JS";
  return "other";
}

function totals(resources: ResourceBytes[], documentUrl: string) {
  const out = new Map<Category, { transferred: number; size: number; requests: number; fromCache: number }>();
  for (const r of resources) {
    const cat = categorize(r, documentUrl);
    const t = out.get(cat) ?? { transferred: 0, size: 0, requests: 0, fromCache: 0 };
    t.transferred += r.transferSize;
    t.size += r.decodedBodySize;
    t.requests += 1;
    if (r.transferSize === 0) t.fromCache += 1;
    out.set(cat, t);
  }
  return out;
}

export async function measurePageWeight(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  const [email] = await createLearners(server.databaseUrl, "weight", 1);
  const learner = await signInOverHttp(server.url, email);
  const url = await benchExerciseUrl(server);
  const profile = await openProfile(server.url, learner);
  let first: ResourceBytes[];
  let repeat: ResourceBytes[];
  try {
    // Settle: the warm spare worker loads its copy of Pyodide after the first is ready.
    first = (await visitExercise(profile.context, url, { settleMs: 4000 })).resources;
    repeat = (await visitExercise(profile.context, url, { settleMs: 4000 })).resources;
  } finally {
    await profile.close();
  }
  const firstTotals = totals(first, url);
  const repeatTotals = totals(repeat, url);
  const section = "6. Page weight";
  const rows: ResultRow[] = [];
  const groups: [string, Category[]][] = [
    ["exercise page: HTML + JS + CSS", ["page HTML", "page JS", "page CSS"]],
    ["  of which JS", ["page JS"]],
    ["  of which CSS", ["page CSS"]],
    ["Python: runner worker + Pyodide", ["runner worker", "Pyodide"]],
  ];
  for (const [label, cats] of groups) {
    const sum = (m: typeof firstTotals) =>
      cats.reduce(
        (acc, c) => {
          const t = m.get(c);
          return t
            ? {
                transferred: acc.transferred + t.transferred,
                size: acc.size + t.size,
                requests: acc.requests + t.requests,
                fromCache: acc.fromCache + t.fromCache,
              }
            : acc;
        },
        { transferred: 0, size: 0, requests: 0, fromCache: 0 },
      );
    const f = sum(firstTotals);
    const r = sum(repeatTotals);
    rows.push({
      section,
      metric: `${label}, first visit`,
      value: `${bytes(f.transferred)} transferred`,
      comparison: `${bytes(f.size)} decoded, ${f.requests} requests; repeat visit ${bytes(r.transferred)} transferred`,
      target: "",
      met: null,
    });
    rows.push({
      section,
      metric: `${label}, repeat visit`,
      value: `${bytes(r.transferred)} transferred`,
      comparison: `${r.fromCache}/${r.requests} requests from a cache; first visit ${bytes(f.transferred)}`,
      target: "",
      met: null,
    });
  }
  return {
    rows,
    raw: {
      url,
      first: Object.fromEntries(firstTotals),
      repeat: Object.fromEntries(repeatTotals),
      resources: { first, repeat },
    },
  };
}
