/**
 * (4) Submit path over HTTP with real sessions: N learners (10, 50, 100), each
 * signed in through next-auth, submit the same exercise's reference solution
 * at the same moment. Measured per learner:
 *   - submit: POST /api/exercises/:id/submissions → 202 (stored + queued);
 *   - submit-to-verdict: POST sent → GET /api/submissions/:id says DONE,
 *     polled every 100 ms (so up to 100 ms of polling delay is included);
 *     beside it the server's own stamps (verifiedAt − createdAt).
 * The server verifies with its warm pool (one sandboxed process per core by
 * default), so at N = 100 the queue, not the request, dominates: the floor is
 * N ÷ verifications per second.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createPrismaClient } from "@/lib/db/create-client";
import { requireServer, type BenchEnv } from "./support/bench-env";
import { createLearners, signInAll, type SignedInLearner } from "./support/learners";
import type { MeasurementResult, ResultRow } from "./support/report";
import { ms, percentile, seconds } from "./support/stats";

export const SUBMIT_TARGETS = { submitP95Ms: 100, verdictP95Ms: 1500 };
const POLL_MS = 100;
const EXERCISE_DIR = path.resolve(__dirname, "..", "exercises", "04-cycles-and-gc", "weak-parent");

interface LearnerTiming {
  submitMs: number;
  verdictMs: number;
  state: string;
  verdict: string | null;
  id: string;
}

async function submitAndWait(
  baseUrl: string,
  exerciseId: string,
  code: string,
  learner: SignedInLearner,
): Promise<LearnerTiming> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/exercises/${exerciseId}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: learner.cookie },
    body: JSON.stringify({ code }),
  });
  const submitMs = performance.now() - started;
  if (res.status !== 202)
    throw new Error(`submit of ${learner.email} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const { submission } = (await res.json()) as { submission: { id: string; state: string; verdict: string | null } };
  let current = submission;
  const deadline = Date.now() + 300_000;
  while (current.state !== "DONE" && current.state !== "ERRORED") {
    if (Date.now() > deadline) throw new Error(`no verdict for ${submission.id} after 300 s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
    const poll = await fetch(`${baseUrl}/api/submissions/${submission.id}`, { headers: { cookie: learner.cookie } });
    current = ((await poll.json()) as { submission: typeof current }).submission;
  }
  return {
    submitMs,
    verdictMs: performance.now() - started,
    state: current.state,
    verdict: current.verdict,
    id: submission.id,
  };
}

async function serverSideVerdictMs(dbFile: string, ids: string[]): Promise<number[]> {
  const db = createPrismaClient(`file:${dbFile}`);
  try {
    const rows = await db.submission.findMany({
      where: { id: { in: ids } },
      select: { createdAt: true, verifiedAt: true },
    });
    return rows.filter((r) => r.verifiedAt).map((r) => r.verifiedAt!.getTime() - r.createdAt.getTime());
  } finally {
    await db.$disconnect();
  }
}

export async function measureSubmitPath(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  const { id: exerciseId } = parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string };
  const code = fs.readFileSync(path.join(EXERCISE_DIR, "solution.py"), "utf8");
  const levels = env.quick ? [10] : [10, 50, 100];
  const section = "4. Submit path (HTTP, real sessions)";
  const rows: ResultRow[] = [];
  const raw: Record<string, unknown> = {};
  for (const n of levels) {
    const emails = await createLearners(server.dbFile, `submit${n}`, n);
    const learners = await signInAll(server.url, emails);
    // Let the verifier pool finish booting replacements from the previous level.
    await new Promise((r) => setTimeout(r, 3000));
    const timings = await Promise.all(learners.map((l) => submitAndWait(server.url, exerciseId, code, l)));
    const serverMs = await serverSideVerdictMs(
      server.dbFile,
      timings.map((t) => t.id),
    );
    const submit = timings.map((t) => t.submitMs);
    const verdict = timings.map((t) => t.verdictMs);
    const passed = timings.filter((t) => t.verdict === "PASSED").length;
    env.log(
      `submit N=${n}: submit p95 ${ms(percentile(submit, 95))}, verdict p95 ${seconds(percentile(verdict, 95))}, ${passed}/${n} passed`,
    );
    rows.push({
      section,
      metric: `N=${n}: submit (store + queue) p50 / p95`,
      value: `${ms(percentile(submit, 50))} / ${ms(percentile(submit, 95))}`,
      comparison: `max ${ms(Math.max(...submit))}`,
      target: n === 100 ? "p95 ≤ 100 ms at N=100" : "",
      met: n === 100 ? percentile(submit, 95) <= SUBMIT_TARGETS.submitP95Ms : null,
    });
    rows.push({
      section,
      metric: `N=${n}: submit-to-verdict p50 / p95`,
      value: `${seconds(percentile(verdict, 50))} / ${seconds(percentile(verdict, 95))}`,
      comparison: `server stamps p50 ${seconds(percentile(serverMs, 50))} / p95 ${seconds(percentile(serverMs, 95))}; ${passed}/${n} passed`,
      target: "p95 ≤ 1.5 s",
      met: percentile(verdict, 95) <= SUBMIT_TARGETS.verdictP95Ms,
    });
    raw[`n${n}`] = { timings, serverVerdictMs: serverMs };
  }
  return { rows, raw: { pollMs: POLL_MS, ...raw } };
}
