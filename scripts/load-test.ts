/**
 * `npm run load-test`: simulated learners against the production build, over
 * HTTP with real next-auth sessions. Not part of `npm test`.
 *
 *   npm run load-test                        # 100 learners, 60 s, own server + throwaway DB
 *   npm run load-test -- --learners 20 --seconds 30
 *   npm run load-test -- --url http://127.0.0.1:3000 --db data/leakless.db
 *   npm run load-test -- --db postgresql://user:pass@localhost:5432/leakless_load   # own server on PostgreSQL
 *   npm run load-test -- --db postgresql://… --web 2 --verifiers 2 --learners 200 --seconds 120
 *
 * `--web N --verifiers M`: N web instances (`start:web` when M > 0, else
 * all-in-one) and M verifier workers (`npm run verifier`) on one database,
 * the learners spread over the instances; a submission verified more than
 * once (its attempts counter above 1) is reported as doubled.
 *
 * Each learner signs in (CSRF token + credentials callback, as a browser
 * does), opens an exercise page, edits for a while (a draft autosave every
 * couple of seconds), submits — half of the time the exercise's solution,
 * otherwise its starter — and polls the submission like the page does, until
 * a verdict or a patience limit; then the next exercise, until time is up.
 *
 * Reported: throughput, p50/p95/p99 latency per kind of request, every
 * non-2xx answer and network error (with samples), and — after waiting for
 * the verification queue to drain — a check in the database that every
 * submission the server acknowledged (202) is stored with the exact code and
 * verified, with the verdict its code deserves (solution PASSED, starter not).
 *
 * Sign-in rate limiting: the limit counts FAILED sign-ins only (per account
 * and per IP, lib/auth/rate-limit.ts), so 100 learners signing in correctly
 * from one address are not refused, and the test needs no bypass. A load test
 * that made the server relax its limits would measure a different product.
 */
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPrismaClient } from "../lib/db/create-client";
import { redactUrl } from "../lib/db/url";
import { hashPassword } from "../lib/auth/password";
import { HttpSession, type HttpResponse } from "../tests/e2e/support/http-session";
import {
  signalGroup,
  startProductionServer,
  startVerifierWorker,
  stopProductionServer,
  type ProductionServer,
  type VerifierWorker,
} from "../tests/e2e/support/production-server";

const OptionsSchema = z
  .object({
    learners: z.coerce.number().int().min(1).max(2000).default(100),
    seconds: z.coerce.number().min(1).max(3600).default(60),
    url: z.url().optional(),
    db: z.string().min(1).optional(),
    /** Pause between a learner's draft saves (the editor's autosave), in ms. */
    "draft-interval-ms": z.coerce.number().int().min(0).default(2000),
    /** How long a learner waits for a verdict before moving on, in s. */
    "patience-seconds": z.coerce.number().min(0).default(20),
    /** How long to wait for the verification queue to drain at the end, in s. */
    "drain-seconds": z.coerce.number().min(0).default(1800),
    /** Stop waiting early when no verification finished for this long, in s (a stuck verifier). */
    "stall-seconds": z.coerce.number().min(1).default(180),
    /** Web instances to start (not with --url). */
    web: z.coerce.number().int().min(1).max(8).default(1),
    /** Separate verifier workers to start (not with --url); with any, the web instances only serve. */
    verifiers: z.coerce.number().int().min(0).max(8).default(0),
    /** Write the results as JSON here too. */
    json: z.string().min(1).optional(),
  })
  .refine((o) => !o.url || o.db, {
    message: "--url needs --db (that server's SQLite file or PostgreSQL URL)",
    path: ["db"],
  })
  .refine((o) => !o.url || (o.web === 1 && o.verifiers === 0), {
    message: "--web and --verifiers start their own processes: not with --url",
    path: ["url"],
  });
type Options = z.infer<typeof OptionsSchema>;

type Kind = "sign-in" | "exercise page" | "save draft" | "submit" | "submission status";
const KINDS: Kind[] = ["sign-in", "exercise page", "save draft", "submit", "submission status"];

type ErrorSample = { kind: Kind; status: number | "network"; detail: string };
type Exercise = { id: string; starter: string; solution: string };
type Acknowledged = { id: string; code: string; passing: boolean };

const PASSWORD = "load-test-password-1";

class Recorder {
  /** Per kind: when each request started (ms since the recorder was made) and how long it took. */
  readonly latencies = new Map<Kind, Array<{ at: number; ms: number }>>(KINDS.map((k) => [k, []]));
  private readonly origin = performance.now();
  readonly errors = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  readonly samples: ErrorSample[] = [];

  /** Times one request; a non-2xx answer or a network error counts as an error of its kind. */
  async time(kind: Kind, request: () => Promise<HttpResponse>): Promise<HttpResponse | null> {
    const start = performance.now();
    const sample = () => ({ at: start - this.origin, ms: performance.now() - start });
    try {
      const res = await request();
      this.latencies.get(kind)!.push(sample());
      if (res.status < 200 || res.status >= 300) this.fail(kind, res.status, res.text);
      return res;
    } catch (error) {
      this.latencies.get(kind)!.push(sample());
      this.fail(
        kind,
        "network",
        error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error),
      );
      return null;
    }
  }

  fail(kind: Kind, status: number | "network", detail: string): void {
    this.errors.set(kind, this.errors.get(kind)! + 1);
    if (this.samples.length < 20) this.samples.push({ kind, status, detail: detail.slice(0, 300) });
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.5 + Math.random());

async function simulateLearner(
  url: string,
  email: string,
  exercises: Exercise[],
  until: number,
  options: Options,
  recorder: Recorder,
  acknowledged: Acknowledged[],
): Promise<void> {
  const session = new HttpSession(url);
  // Spread the sign-ins over the first seconds, as arriving learners would.
  await sleep(Math.random() * Math.min(5000, (until - Date.now()) / 4));
  const signedIn = await recorder.time("sign-in", async () => {
    await session.signIn(email, PASSWORD);
    return { status: 200, body: null, text: "" };
  });
  if (!signedIn) return;

  let n = 0;
  while (Date.now() < until) {
    const exercise = exercises[Math.floor(Math.random() * exercises.length)];
    await recorder.time("exercise page", () => session.get(`/exercises/${exercise.id}`));
    const passing = Math.random() < 0.5;
    const code = `${passing ? exercise.solution : exercise.starter}\n# ${email} attempt ${++n}\n`;
    // Editing: a few autosaves of a growing draft.
    const saves = 2 + Math.floor(Math.random() * 4);
    for (let i = 1; i <= saves && Date.now() < until; i += 1) {
      await sleep(jitter(options["draft-interval-ms"]));
      const partial = code.slice(0, Math.ceil((code.length * i) / saves));
      await recorder.time("save draft", () =>
        session.request("PUT", `/api/exercises/${exercise.id}/draft`, { code: partial }),
      );
    }
    if (Date.now() >= until) break;
    const res = await recorder.time("submit", () =>
      session.request("POST", `/api/exercises/${exercise.id}/submissions`, { code }),
    );
    const id = res?.status === 202 ? (res.body as { submission?: { id?: string } })?.submission?.id : undefined;
    if (!id) continue;
    acknowledged.push({ id, code, passing });
    // Wait for the verdict like the page does (poll), up to the learner's patience.
    const giveUpAt = Math.min(until, Date.now() + options["patience-seconds"] * 1000);
    while (Date.now() < giveUpAt) {
      await sleep(1000);
      const status = await recorder.time("submission status", () => session.get(`/api/submissions/${id}`));
      const state = (status?.body as { submission?: { state?: string } } | undefined)?.submission?.state;
      if (!status || state === "DONE" || state === "ERRORED") break;
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      learners: { type: "string" },
      seconds: { type: "string" },
      url: { type: "string" },
      db: { type: "string" },
      "draft-interval-ms": { type: "string" },
      "patience-seconds": { type: "string" },
      "drain-seconds": { type: "string" },
      "stall-seconds": { type: "string" },
      web: { type: "string" },
      verifiers: { type: "string" },
      json: { type: "string" },
    },
  });
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  const options = parsed.data;

  const servers: ProductionServer[] = [];
  const workers: VerifierWorker[] = [];
  const stopAll = async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => (w.child.exitCode === null ? once(w.child, "exit") : null)));
    for (const server of servers) await stopProductionServer(server);
  };
  let urls = options.url ? [options.url] : [];
  // --db: a SQLite file, or a PostgreSQL URL.
  const givenDb =
    options.db && (/^postgres(ql)?:\/\//.test(options.db) ? options.db : `file:${path.resolve(options.db)}`);
  let databaseUrl = givenDb;
  if (!options.url) {
    const onPostgres = givenDb?.startsWith("postgres");
    console.log(
      `[load-test] starting ${options.web} web instance(s) and ${options.verifiers} verifier worker(s) on ` +
        `${onPostgres ? "that PostgreSQL database" : "a throwaway database"}…`,
    );
    // The servers run in their own process groups: an interrupted load test must not leave them running.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        for (const server of servers) signalGroup(server.pid, "SIGTERM");
        for (const w of workers) w.child.kill("SIGTERM");
        console.log(`[load-test] interrupted; servers stopped, the database and logs are in ${servers[0]?.dir}`);
        process.exit(130);
      });
    }
    try {
      const env: Record<string, string> = options.verifiers > 0 ? { LEAKLESS_ROLE: "web" } : {};
      // One after the other: the first prepares the database, the others find it ready.
      const first = await startProductionServer({
        tmpPrefix: "leakless-load-",
        databaseUrl: onPostgres ? givenDb : undefined,
        env,
      });
      servers.push(first);
      for (let i = 1; i < options.web; i++) {
        servers.push(
          await startProductionServer({
            dir: first.dir,
            dbFile: first.dbFile,
            databaseUrl: onPostgres ? givenDb : undefined,
            logFile: path.join(first.dir, `server-${i + 1}.log`),
            env,
          }),
        );
      }
      databaseUrl = first.databaseUrl;
      // One machine here: the cores shared between the workers, as separate machines would each have theirs.
      const poolSize = String(Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, options.verifiers))));
      for (let i = 0; i < options.verifiers; i++) {
        workers.push(
          startVerifierWorker({
            databaseUrl,
            logFile: path.join(first.dir, `verifier-${i + 1}.log`),
            env: { VERIFIER_POOL_SIZE: poolSize },
          }),
        );
      }
    } catch (error) {
      // What did start must not outlive the failed start-up.
      await stopAll();
      throw error;
    }
    urls = servers.map((server) => server.url);
    console.log(
      `[load-test] servers ${urls.join(", ")}, database ${redactUrl(databaseUrl!)}, logs in ${servers[0].dir}`,
    );
  }
  const db = createPrismaClient(databaseUrl);
  try {
    const exercises = await db.exercise.findMany({
      where: { archivedAt: null },
      select: { id: true, starter: true, solution: true },
    });
    if (exercises.length === 0) throw new Error("no exercises in the database");
    const runId = Date.now().toString(36);
    const passwordHash = await hashPassword(PASSWORD);
    const emails = Array.from({ length: options.learners }, (_, i) => `load-${runId}-${i}@example.test`);
    await db.user.createMany({
      data: emails.map((email, i) => ({ email, name: `Load ${i}`, role: "LEARNER" as const, passwordHash })),
    });

    console.log(`[load-test] ${options.learners} learners for ${options.seconds} s against ${urls.join(", ")}`);
    const recorder = new Recorder();
    const acknowledged: Acknowledged[] = [];
    const startedAt = performance.now();
    const until = Date.now() + options.seconds * 1000;
    await Promise.all(
      emails.map((email, i) =>
        simulateLearner(urls[i % urls.length], email, exercises, until, options, recorder, acknowledged),
      ),
    );
    const elapsedS = (performance.now() - startedAt) / 1000;

    // Drain: every acknowledged submission verified (or the time is up).
    const drainStart = performance.now();
    const ids = acknowledged.map((a) => a.id);
    const pendingNow = () => db.submission.count({ where: { id: { in: ids }, state: { in: ["QUEUED", "RUNNING"] } } });
    let pending = await pendingNow();
    console.log(`[load-test] load done; waiting for ${pending} verification(s) still queued or running…`);
    let lastProgressAt = performance.now();
    let lastReportAt = performance.now();
    while (pending > 0 && performance.now() - drainStart < options["drain-seconds"] * 1000) {
      await sleep(2000);
      const now = await pendingNow();
      if (now < pending) lastProgressAt = performance.now();
      pending = now;
      if (performance.now() - lastProgressAt > options["stall-seconds"] * 1000) {
        console.log(`[load-test] no verification finished for ${options["stall-seconds"]} s: giving up the wait`);
        break;
      }
      if (performance.now() - lastReportAt > 30_000) {
        lastReportAt = performance.now();
        console.log(`[load-test] ${pending} still queued or running`);
      }
    }
    const drainS = (performance.now() - drainStart) / 1000;

    const stored = await db.submission.findMany({
      where: { id: { in: ids } },
      select: { id: true, code: true, state: true, verdict: true, createdAt: true, verifiedAt: true, attempts: true },
    });
    const storedById = new Map(stored.map((s) => [s.id, s]));
    const lost = acknowledged.filter((a) => !storedById.has(a.id));
    const codeMismatch = acknowledged.filter((a) => storedById.has(a.id) && storedById.get(a.id)!.code !== a.code);
    const unverified = stored.filter((s) => s.state !== "DONE");
    const errored = stored.filter((s) => s.state === "ERRORED");
    // Claimed for verification more than once: a retry or a second worker (none without a kill).
    const doubled = stored.filter((s) => s.attempts > 1);
    const wrongVerdict = acknowledged.filter((a) => {
      const s = storedById.get(a.id);
      return s?.state === "DONE" && (a.passing ? s.verdict !== "PASSED" : s.verdict === "PASSED");
    });
    const toVerdict = stored
      .filter((s) => s.verifiedAt)
      .map((s) => s.verifiedAt!.getTime() - s.createdAt.getTime())
      .sort((a, b) => a - b);

    const rows = KINDS.map((kind) => {
      const sorted = recorder.latencies
        .get(kind)!
        .map((l) => l.ms)
        .sort((a, b) => a - b);
      return {
        kind,
        requests: sorted.length,
        perSecond: sorted.length / elapsedS,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        errors: recorder.errors.get(kind)!,
      };
    });
    const totalRequests = rows.reduce((n, r) => n + r.requests, 0);
    const totalErrors = rows.reduce((n, r) => n + r.errors, 0);
    const ms = (v: number) => (Number.isNaN(v) ? "-" : v.toFixed(0));

    console.log("");
    console.log(
      `Load: ${options.learners} learners, ${elapsedS.toFixed(1)} s, ${totalRequests} requests ` +
        `(${(totalRequests / elapsedS).toFixed(1)}/s), ${totalErrors} errors`,
    );
    console.log("");
    console.log("| request | count | per s | p50 ms | p95 ms | p99 ms | errors |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) {
      console.log(
        `| ${r.kind} | ${r.requests} | ${r.perSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} |`,
      );
    }
    // The sign-in burst (bcrypt on the server's event loop) slows everything
    // while it lasts: the same figures for requests started after it.
    const signIns = recorder.latencies.get("sign-in")!;
    const burstEnd = signIns.length > 0 ? Math.max(...signIns.map((l) => l.at + l.ms)) : 0;
    console.log("");
    console.log(`Requests started after the last sign-in finished (t > ${(burstEnd / 1000).toFixed(1)} s):`);
    console.log("");
    console.log("| request | count | p50 ms | p95 ms | p99 ms |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    const afterBurst = KINDS.filter((k) => k !== "sign-in").map((kind) => {
      const sorted = recorder.latencies
        .get(kind)!
        .filter((l) => l.at > burstEnd)
        .map((l) => l.ms)
        .sort((a, b) => a - b);
      const row = {
        kind,
        requests: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      };
      console.log(`| ${kind} | ${row.requests} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} |`);
      return row;
    });
    console.log("");
    console.log(
      `Submissions acknowledged: ${acknowledged.length}; stored: ${stored.length}; lost: ${lost.length}; ` +
        `code differs: ${codeMismatch.length}; not verified after ${drainS.toFixed(0)} s drain: ${unverified.length} ` +
        `(${errored.length} ERRORED by the verifier); ` +
        `verdict not what the code deserves: ${wrongVerdict.length}; verified more than once: ${doubled.length}`,
    );
    console.log(
      `Submit → verdict: p50 ${ms(percentile(toVerdict, 50))} ms, p95 ${ms(percentile(toVerdict, 95))} ms, ` +
        `p99 ${ms(percentile(toVerdict, 99))} ms; verifications per s over load + drain: ` +
        `${(toVerdict.length / (elapsedS + drainS)).toFixed(2)}`,
    );
    for (const s of recorder.samples) console.log(`  error sample: ${s.kind} ${s.status}: ${s.detail}`);
    for (const s of unverified.slice(0, 5)) console.log(`  unverified sample: ${s.id} ${s.state}`);
    for (const a of wrongVerdict.slice(0, 5)) {
      console.log(`  wrong verdict sample: ${a.id} ${storedById.get(a.id)!.verdict} (solution: ${a.passing})`);
    }

    const ok =
      totalErrors === 0 &&
      lost.length === 0 &&
      codeMismatch.length === 0 &&
      unverified.length === 0 &&
      wrongVerdict.length === 0 &&
      doubled.length === 0;
    if (options.json) {
      fs.writeFileSync(
        options.json,
        JSON.stringify(
          {
            date: new Date().toISOString(),
            options,
            elapsedS,
            drainS,
            rows,
            signInBurstEndS: burstEnd / 1000,
            afterBurst,
            errorSamples: recorder.samples,
            submissions: {
              acknowledged: acknowledged.length,
              stored: stored.length,
              lost: lost.length,
              codeMismatch: codeMismatch.length,
              unverified: unverified.length,
              errored: errored.length,
              wrongVerdict: wrongVerdict.length,
              doubled: doubled.length,
              toVerdictMs: { p50: percentile(toVerdict, 50), p95: percentile(toVerdict, 95) },
            },
            ok,
          },
          null,
          2,
        ),
      );
    }
    console.log(
      ok ? "\nOK: zero errors, every acknowledged submission stored and verified once." : "\nFAILED (see above).",
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db.$disconnect();
    if (servers.length > 0) {
      await stopAll();
      // The throwaway database and logs stay when something failed.
      if (process.exitCode === 0) fs.rmSync(servers[0].dir, { recursive: true, force: true });
      else console.log(`[load-test] database and logs kept in ${servers[0].dir}`);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
