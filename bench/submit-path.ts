/**
 * (4) Submit path over HTTP with real sessions: N learners (10, 50, 100), each
 * signed in through next-auth, submit an exercise's reference solution.
 * Measured per submission:
 *   - submit: POST /api/exercises/:id/submissions → 202 (stored + queued);
 *   - submit-to-verdict: POST sent → the verdict is in the client's hands,
 *     following it exactly as the exercise page does (`followVerdict` from
 *     lib/submissions/follow-verdict.ts: a long-poll the server answers when
 *     the verdict lands); beside it the server's own stamps (verifiedAt − createdAt).
 *
 * Two load models, both reported:
 *   - burst: all N learners submit in the same millisecond. The worst case: N
 *     requests queue on one event loop, and N verifications on the pool, whose
 *     throughput sets the verdict floor (N ÷ verifications per second, reported).
 *     Also run with the old bench's follower (GET every 100 ms) so the earlier
 *     figures stay comparable: that is not what the app does, and at N = 100
 *     its 1,000 requests/s compete with the submits.
 *   - class session: N learners working, each submitting at their own moments.
 *     A learner waits for the verdict (the Submit button is disabled until it
 *     lands), then thinks for an exponentially distributed time (mean 20 s)
 *     before the next submission — a closed-loop Poisson model. 20 s between
 *     verdict and next submit is at the busy end of the learner flow: Check runs
 *     in the browser in milliseconds, so a learner submits when the visible
 *     checks pass, which takes reading and editing; a class of 100 then offers
 *     ~4-5 submissions a second. Each level runs for a fixed session length;
 *     submissions started inside it are timed to their verdict.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createPrismaClient } from "@/lib/db/create-client";
import { seededRandom } from "@/lib/demo/synthetic-activity";
import { followVerdict, type FollowedSubmission } from "@/lib/submissions/follow-verdict";
import { requireServer, type BenchEnv } from "./support/bench-env";
import { createLearners, signInAll, type SignedInLearner } from "./support/learners";
import type { MeasurementResult, ResultRow } from "./support/report";
import { ms, percentile, seconds } from "./support/stats";

export const SUBMIT_TARGETS = { submitP95Ms: 100, verdictP95Ms: 1500 };
/** The old bench's follower: GET every 100 ms (kept for comparison with earlier figures). */
const LEGACY_POLL_MS = 100;
/** Class-session model: mean think time between a verdict and the learner's next submit. */
export const THINK_MEAN_MS = 20_000;
const SESSION_MS = { full: 90_000, quick: 30_000 };
const EXERCISE_DIR = path.resolve(__dirname, "..", "exercises", "04-cycles-and-gc", "weak-parent");

type Submission = FollowedSubmission & { verdict: string | null };

/** Follows one submission to its verdict; what differs between the app's way and the old bench's. */
export type Follower = (baseUrl: string, learner: SignedInLearner, submission: Submission) => Promise<Submission>;

async function getJson<T>(url: string, cookie: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { cookie }, signal });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** What the exercise page does (app/components/learner/learner-api.ts → followVerdict). */
export const appFollower: Follower = (baseUrl, learner, submission) =>
  followVerdict(submission, async (id, waitSeconds, signal) => {
    const url = `${baseUrl}/api/submissions/${encodeURIComponent(id)}?wait=${waitSeconds}`;
    return (await getJson<{ submission: Submission }>(url, learner.cookie, signal)).submission;
  });

/** The old bench: a GET every 100 ms until settled. */
export const legacyPollFollower: Follower = async (baseUrl, learner, submission) => {
  let current = submission;
  while (current.state !== "DONE" && current.state !== "ERRORED") {
    await new Promise((r) => setTimeout(r, LEGACY_POLL_MS));
    current = (await getJson<{ submission: Submission }>(`${baseUrl}/api/submissions/${current.id}`, learner.cookie))
      .submission;
  }
  return current;
};

interface Timing {
  submitMs: number;
  verdictMs: number;
  state: string;
  verdict: string | null;
  id: string;
}

async function submitAndFollow(
  baseUrl: string,
  exerciseId: string,
  code: string,
  learner: SignedInLearner,
  follow: Follower,
): Promise<Timing> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/exercises/${exerciseId}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: learner.cookie },
    body: JSON.stringify({ code }),
  });
  const submitMs = performance.now() - started;
  if (res.status !== 202)
    throw new Error(`submit of ${learner.email} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const { submission } = (await res.json()) as { submission: Submission };
  const settled = await withDeadline(follow(baseUrl, learner, submission), 300_000, `no verdict for ${submission.id}`);
  return {
    submitMs,
    verdictMs: performance.now() - started,
    state: settled.state,
    verdict: settled.verdict,
    id: submission.id,
  };
}

function withDeadline<T>(promise: Promise<T>, limitMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${message} after ${limitMs} ms`)), limitMs)),
    ),
  ]).finally(() => clearTimeout(timer));
}

const exponential = (random: () => number, mean: number) => -mean * Math.log(1 - random());

/** Every learner at the same instant. */
async function burst(baseUrl: string, exerciseId: string, code: string, learners: SignedInLearner[], follow: Follower) {
  return Promise.all(learners.map((l) => submitAndFollow(baseUrl, exerciseId, code, l, follow)));
}

/** Each learner: think (exponential, memoryless start), submit, wait for the verdict, repeat until the session ends. */
async function classSession(
  baseUrl: string,
  exerciseId: string,
  code: string,
  learners: SignedInLearner[],
  follow: Follower,
  sessionMs: number,
  seed: number,
): Promise<Timing[]> {
  const random = seededRandom(seed);
  const timings: Timing[] = [];
  const end = performance.now() + sessionMs;
  await Promise.all(
    learners.map(async (l) => {
      for (;;) {
        const think = exponential(random, THINK_MEAN_MS);
        if (performance.now() + think >= end) return;
        await new Promise((r) => setTimeout(r, think));
        timings.push(await submitAndFollow(baseUrl, exerciseId, code, l, follow));
      }
    }),
  );
  return timings;
}

/** The server's own stamps: per-submission verifiedAt − createdAt, and verifications per second over the whole set. */
async function serverStamps(databaseUrl: string, ids: string[]): Promise<{ verdictMs: number[]; perSecond: number }> {
  const db = createPrismaClient(databaseUrl);
  try {
    const rows = await db.submission.findMany({
      where: { id: { in: ids } },
      select: { createdAt: true, verifiedAt: true },
    });
    const done = rows.filter((r) => r.verifiedAt);
    const first = Math.min(...rows.map((r) => r.createdAt.getTime()));
    const last = Math.max(...done.map((r) => r.verifiedAt!.getTime()));
    return {
      verdictMs: done.map((r) => r.verifiedAt!.getTime() - r.createdAt.getTime()),
      perSecond: done.length / Math.max(0.001, (last - first) / 1000),
    };
  } finally {
    await db.$disconnect();
  }
}

/** A server verifies every changed exercise after it starts (lib/exercises/verify-content.ts); wait it out, as a class would. */
async function waitForContentVerification(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  const started = performance.now();
  try {
    for (;;) {
      const rows = await db.exercise.findMany({
        where: { archivedAt: null },
        select: { contentHash: true, contentVerifiedHash: true },
      });
      if (rows.every((r) => r.contentHash === r.contentVerifiedHash)) break;
      if (performance.now() - started > 600_000) throw new Error("content verification did not finish in 10 min");
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await db.$disconnect();
  }
  log(`submit: waited ${seconds(performance.now() - started)} for the server's content verification`);
}

export interface SubmitPathOptions {
  levels: number[];
  sessionMs: number;
  /** How the app follows a verdict (default: the app's own follower). */
  follower?: Follower;
  /** Also run the burst with the old bench's 100 ms polling. */
  legacyBurst?: boolean;
  /** Prefix of the learner accounts this run creates (unique per run on one database). */
  learnerPrefix?: string;
  log(line: string): void;
}

export async function runSubmitPath(
  server: { url: string; databaseUrl: string },
  options: SubmitPathOptions,
): Promise<MeasurementResult> {
  const follow = options.follower ?? appFollower;
  const { id: exerciseId } = parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string };
  const code = fs.readFileSync(path.join(EXERCISE_DIR, "solution.py"), "utf8");
  const section = "4. Submit path (HTTP, real sessions)";
  const rows: ResultRow[] = [];
  const raw: Record<string, unknown> = {};
  await waitForContentVerification(server.databaseUrl, options.log);
  const settle = () => new Promise((r) => setTimeout(r, 3000)); // the pool replaces processes between runs

  const report = async (n: number, model: string, timings: Timing[], extra = "") => {
    const stamps = await serverStamps(
      server.databaseUrl,
      timings.map((t) => t.id),
    );
    const submit = timings.map((t) => t.submitMs);
    const verdict = timings.map((t) => t.verdictMs);
    const passed = timings.filter((t) => t.verdict === "PASSED").length;
    options.log(
      `submit N=${n} ${model}: submit p50 ${ms(percentile(submit, 50))} p95 ${ms(percentile(submit, 95))}, ` +
        `verdict p50 ${seconds(percentile(verdict, 50))} p95 ${seconds(percentile(verdict, 95))}, ` +
        `${passed}/${timings.length} passed, ${stamps.perSecond.toFixed(1)} verifications/s`,
    );
    const atTarget = n === 100;
    rows.push({
      section,
      metric: `N=${n}, ${model}: submit (store + queue) p50 / p95`,
      value: `${ms(percentile(submit, 50))} / ${ms(percentile(submit, 95))}`,
      comparison: `max ${ms(Math.max(...submit))}; ${timings.length} submissions${extra}`,
      target: atTarget ? "p95 ≤ 100 ms at N=100" : "",
      met: atTarget ? percentile(submit, 95) <= SUBMIT_TARGETS.submitP95Ms : null,
    });
    rows.push({
      section,
      metric: `N=${n}, ${model}: submit-to-verdict p50 / p95`,
      value: `${seconds(percentile(verdict, 50))} / ${seconds(percentile(verdict, 95))}`,
      comparison:
        `server stamps p50 ${seconds(percentile(stamps.verdictMs, 50))} / p95 ${seconds(percentile(stamps.verdictMs, 95))}; ` +
        `${stamps.perSecond.toFixed(1)} verifications/s` +
        (model.startsWith("burst") ? ` → floor for the last verdict ${seconds((n / stamps.perSecond) * 1000)}` : "") +
        `; ${passed}/${timings.length} passed`,
      target: "p95 ≤ 1.5 s",
      met: percentile(verdict, 95) <= SUBMIT_TARGETS.verdictP95Ms,
    });
    raw[`n${n} ${model}`] = { timings, serverVerdictMs: stamps.verdictMs, verificationsPerSecond: stamps.perSecond };
  };

  // A class meets a server that has been up for a while: one submission through both followers first,
  // so the first burst does not pay for loading the route modules and warming the JIT and the pool.
  const [warm] = await signInAll(
    server.url,
    await createLearners(server.databaseUrl, `${options.learnerPrefix ?? "submit"}-warm`, 1),
  );
  await submitAndFollow(server.url, exerciseId, code, warm, follow);
  await submitAndFollow(server.url, exerciseId, code, warm, legacyPollFollower);

  for (const n of options.levels) {
    const learners = await signInAll(
      server.url,
      await createLearners(server.databaseUrl, `${options.learnerPrefix ?? "submit"}${n}`, n),
    );
    await settle();
    await report(n, "burst", await burst(server.url, exerciseId, code, learners, follow));
    if (options.legacyBurst) {
      await settle();
      await report(
        n,
        "burst, old bench polling 100 ms",
        await burst(server.url, exerciseId, code, learners, legacyPollFollower),
      );
    }
    await settle();
    const session = await classSession(server.url, exerciseId, code, learners, follow, options.sessionMs, n);
    await report(
      n,
      `class session (think ~ Exp(mean ${THINK_MEAN_MS / 1000} s))`,
      session,
      ` in ${seconds(options.sessionMs)} (${(session.length / (options.sessionMs / 1000)).toFixed(1)}/s offered)`,
    );
  }
  return {
    rows,
    raw: { thinkMeanMs: THINK_MEAN_MS, sessionMs: options.sessionMs, legacyPollMs: LEGACY_POLL_MS, ...raw },
  };
}

export async function measureSubmitPath(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  return runSubmitPath(server, {
    levels: env.quick ? [10] : [10, 50, 100],
    sessionMs: env.quick ? SESSION_MS.quick : SESSION_MS.full,
    legacyBurst: true,
    log: env.log,
  });
}
