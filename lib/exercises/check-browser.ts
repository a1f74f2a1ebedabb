/**
 * `exercises:check`'s browser run: every exercise's solution and starter (and
 * its `cases/wrong-*.py` / `cases/right-*.py`) run with the visible checks in
 * the real browser worker, in headless Chromium, exactly as the exercise page
 * runs them — because that is where learners press Check, and a check can
 * behave differently there (one took 1.5 s on the server and over 5 s in the
 * browser).
 *
 * How: a tiny static server serves the repo's `public/` (the built worker,
 * the Pyodide files and the first-visit snapshot, at the app's paths) with
 * the app's own response headers (next.config.ts, and the worker's CSP of
 * proxy.ts: the page is cross-origin isolated, so time limits interrupt
 * Python as in the app), plus a harness page (check-browser-page.ts) that
 * drives the exercise page's PythonRunner. One browser, one page and one
 * worker serve every exercise.
 *
 * Errors: a browser verdict on the visible checks that differs from the
 * server's verdict on the visible checks (`compareVisible`), a crash or an
 * unexpected error in the page or worker, and a run that does not finish
 * within the exercise's `limits.timeLimitMs` — the limit at which the page
 * stops a learner's check. A run over half of it is a warning, as on the server.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import nextConfig from "@/next.config";
import type { CheckFile, CheckResult, RunStatus, TestStatus } from "@/lib/grading/result";
import { PYODIDE_INDEX_PATH, RUNNER_WORKER_URL } from "@/lib/runner/assets";
import { chromiumMissing, launchBrowser } from "@/lib/runner/chromium";
import { workerContentSecurityPolicy } from "@/lib/runner/worker-csp";
import type { Verify, VerifyJob } from "./check";
import type { HarnessReply, HarnessRequest } from "./check-browser-page";
import { CASES_DIR, SOLUTION_FILE, STARTER_FILE, type ContentProblem, type Exercise, type LoadedCourse } from "./load";

const REPO_ROOT = path.resolve(__dirname, "../..");

/** Where the harness page lives: under /exercises/, so next.config.ts gives it the exercise page's headers. */
const HARNESS_PATH = "/exercises/__exercises-check__";
const HARNESS_SCRIPT = `${HARNESS_PATH}/harness.mjs`;
/** The window property the harness page defines (its only export to this side). */
const HARNESS_FUNCTION = "__leaklessCheck";

/**
 * Beyond the time limit, how long a check may take to come back before the
 * page counts as stuck: the runner's grace after an interrupt, and two worker
 * loads after a kill (it gives up after two; each may stall 60 s).
 */
const HARNESS_SLACK_MS = 150_000;

// ---------------------------------------------------------------- server results

/**
 * Records what the server verifier answered for each (code, checks), so the
 * browser's verdicts are compared with the very runs `checkCourse` made:
 * pass `verify` to `checkCourse`, then this object to `checkCourseInBrowser`.
 */
export class ServerRuns {
  private readonly recorded = new Map<string, CheckResult[]>();

  constructor(private readonly inner: Verify) {}

  readonly verify: Verify = async (job) => {
    const result = await this.inner(job);
    const key = ServerRuns.key(job);
    this.recorded.set(key, [...(this.recorded.get(key) ?? []), result]);
    return result;
  };

  /** The server's runs of this job; runs it once when `checkCourse` did not (a case file, say). */
  async resultsFor(job: VerifyJob): Promise<CheckResult[]> {
    return this.recorded.get(ServerRuns.key(job)) ?? [await this.verify(job)];
  }

  private static key(job: VerifyJob): string {
    return createHash("sha256")
      .update(JSON.stringify([job.code, job.checks]))
      .digest("hex");
  }
}

// ---------------------------------------------------------------- the comparison

/** What a learner's Check shows: the run's status as the visible checks see it, and each visible check's status. */
export interface VisibleVerdict {
  status: RunStatus;
  tests: Map<string, TestStatus>;
}

/**
 * The verdict on the visible checks alone. A server run has hidden checks
 * too: a run that failed only a hidden check passed the visible ones.
 */
export function visibleVerdict(result: CheckResult): VisibleVerdict {
  if (result.status === "error" || result.status === "timeout" || result.status === "crashed") {
    // No per-check verdict: the code did not load, or the run did not finish.
    return { status: result.status, tests: new Map() };
  }
  const visible = result.tests.filter((t) => t.visibility === "visible");
  return {
    status: visible.every((t) => t.status === "passed") ? "passed" : "failed",
    tests: new Map(visible.map((t) => [t.name, t.status])),
  };
}

/**
 * Null when the browser's run and the server's agree on the visible checks;
 * else a sentence saying how they differ, naming the checks.
 */
export function compareVisible(server: CheckResult, browser: CheckResult): string | null {
  const s = visibleVerdict(server);
  const b = visibleVerdict(browser);
  if (s.status !== b.status && (s.tests.size === 0 || b.tests.size === 0)) {
    return `the visible checks ${describeStatus(s.status)} on the server but ${describeStatus(b.status)} in the browser${reason(b.status === "passed" || b.status === "failed" ? server : browser)}`;
  }
  const differences: string[] = [];
  for (const name of new Set([...s.tests.keys(), ...b.tests.keys()])) {
    const onServer = s.tests.get(name) ?? "not run";
    const inBrowser = b.tests.get(name) ?? "not run";
    if (onServer === inBrowser) continue;
    const message = browser.tests.find((t) => t.name === name && t.status !== "passed")?.message;
    differences.push(
      `${name} ${onServer} on the server, ${inBrowser} in the browser${message ? ` (${firstLine(message)})` : ""}`,
    );
  }
  return differences.length
    ? `the visible checks differ between the server and the browser: ${differences.join("; ")}`
    : null;
}

function describeStatus(status: RunStatus): string {
  switch (status) {
    case "passed":
      return "passed";
    case "failed":
      return "failed";
    case "error":
      return "could not import the code";
    case "timeout":
      return "hit the time limit";
    case "crashed":
      return "crashed";
  }
}

function reason(result: CheckResult): string {
  const text = result.traceback ? `${result.traceback.type}: ${result.traceback.message}` : result.message;
  return text ? ` (${firstLine(text)})` : "";
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0];
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

// ---------------------------------------------------------------- serving public/ as the app does

/**
 * Turns a next.config.ts header `source` into a RegExp. Only the forms the
 * config uses (literal segments, then a last `:name*`, `:name+` or
 * `:name.suffix`); anything else is refused rather than matched wrongly.
 */
export function headerSourcePattern(source: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const param = /^(.*?)\/:\w+(?:([*+])|(\.[\w.-]+))$/.exec(source);
  const literal = param ? param[1] : source;
  if (/[:()*+?]/.test(literal)) {
    throw new Error(
      `next.config.ts header source ${JSON.stringify(source)}: exercises:check's static server (lib/exercises/check-browser.ts) only understands literal paths ending in /:name*, /:name+ or /:name.suffix`,
    );
  }
  if (!param) return new RegExp(`^${escape(literal)}$`);
  if (param[3]) return new RegExp(`^${escape(literal)}/[^/]+${escape(param[3])}$`);
  return new RegExp(param[2] === "*" ? `^${escape(literal)}(?:/.*)?$` : `^${escape(literal)}/.+$`);
}

/** The response headers the app sends for a path: next.config.ts's rules in order (a later one wins), and proxy.ts's. */
async function appHeaders(): Promise<(pathname: string, origin: string) => Record<string, string>> {
  const rules = (await nextConfig.headers?.()) ?? [];
  const compiled = rules.map((rule) => {
    if (rule.has || rule.missing)
      throw new Error(`next.config.ts header rule ${rule.source}: has/missing not supported here`);
    return { pattern: headerSourcePattern(rule.source), headers: rule.headers };
  });
  return (pathname, origin) => {
    const headers: Record<string, string> = {};
    for (const rule of compiled) {
      if (rule.pattern.test(pathname)) for (const h of rule.headers) headers[h.key] = h.value;
    }
    if (pathname === RUNNER_WORKER_URL) headers["Content-Security-Policy"] = workerContentSecurityPolicy(origin);
    return headers;
  };
}

/** next.config.ts's rewrites before the public folder (the precompressed Pyodide files): literal paths only. */
async function appRewrites(): Promise<Map<string, string>> {
  const rewrites = await nextConfig.rewrites?.();
  const rules = (rewrites && !Array.isArray(rewrites) ? rewrites.beforeFiles : rewrites) ?? [];
  return new Map(
    rules.map((rule) => {
      if (/[:()*+?]/.test(rule.source + rule.destination) || rule.has || rule.missing) {
        throw new Error(
          `next.config.ts rewrite ${rule.source}: exercises:check's static server serves literal ones only`,
        );
      }
      return [rule.source, rule.destination];
    }),
  );
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".gz": "application/gzip",
};

interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

async function startStaticServer(publicDir: string, harnessScript: string): Promise<StaticServer> {
  const headersFor = await appHeaders();
  const rewrites = await appRewrites();
  const page = `<!doctype html><meta charset="utf-8"><title>exercises:check</title><link rel="icon" href="data:,"><script type="module" src="${HARNESS_SCRIPT}"></script>`;
  let origin = "";
  const server = http.createServer((request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", origin).pathname);
    } catch {
      pathname = "";
    }
    const send = (status: number, type: string, body: Buffer | string) => {
      response.writeHead(status, {
        "Content-Type": type,
        ...headersFor(pathname, origin),
        "Content-Length": Buffer.byteLength(body),
      });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") return send(405, "text/plain", "method not allowed");
    if (pathname === HARNESS_PATH) return send(200, CONTENT_TYPES[".html"], page);
    if (pathname === HARNESS_SCRIPT) return send(200, CONTENT_TYPES[".mjs"], harnessScript);
    const file = path.join(publicDir, rewrites.get(pathname) ?? pathname);
    if (!file.startsWith(publicDir + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      return send(404, "text/plain", "not found");
    }
    send(200, CONTENT_TYPES[path.extname(pathname)] ?? "application/octet-stream", fs.readFileSync(file));
  });
  // 127.0.0.1 is a secure context, which cross-origin isolation needs.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, "check-browser-page.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    target: "es2022",
    tsconfig: path.join(REPO_ROOT, "tsconfig.json"),
    define: { __HARNESS_FUNCTION__: JSON.stringify(HARNESS_FUNCTION) },
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

// ---------------------------------------------------------------- the browser

/** One browser, one page, one worker, for every check of a run of `exercises:check`. */
export class BrowserChecker {
  private page: Page | null = null;
  /** Errors the page reported since the last check. */
  private pageErrors: string[] = [];

  private constructor(
    private readonly server: StaticServer,
    private readonly browser: Browser,
  ) {}

  /** Null with the reason when this machine cannot run the browser check. */
  static unavailable(publicDir = path.join(REPO_ROOT, "public")): string | null {
    const missing = chromiumMissing();
    if (missing) return missing;
    for (const file of [RUNNER_WORKER_URL, `${PYODIDE_INDEX_PATH}pyodide.mjs`]) {
      if (!fs.existsSync(path.join(publicDir, file))) {
        return `${path.join(publicDir, file)} is missing: build the runner first (\`node scripts/build-runner.mjs\`; \`npm install\` runs it)`;
      }
    }
    return null;
  }

  static async start(publicDir = path.join(REPO_ROOT, "public")): Promise<BrowserChecker> {
    const server = await startStaticServer(path.resolve(publicDir), await bundleHarness());
    try {
      return new BrowserChecker(server, await launchBrowser());
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  private async openPage(): Promise<Page> {
    if (this.page) return this.page;
    const page = await this.browser.newPage();
    page.on("pageerror", (error) => this.pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") this.pageErrors.push(message.text());
    });
    page.on("crash", () => this.pageErrors.push("the page crashed"));
    await page.goto(`${this.server.origin}${HARNESS_PATH}`);
    await page.waitForFunction(
      (name) => typeof (window as unknown as Record<string, unknown>)[name] === "function",
      HARNESS_FUNCTION,
    );
    this.page = page;
    return page;
  }

  /**
   * Runs `code` against `checks` (the visible ones) as the exercise page's
   * Check button does. Rejects when the harness itself failed (the page
   * crashed or stopped answering); the next call gets a fresh page.
   */
  async check(request: HarnessRequest): Promise<HarnessReply & { pageErrors: string[] }> {
    const page = await this.openPage();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const reply = await Promise.race([
        page.evaluate(
          ({ name, request }) => {
            const harness = (window as unknown as Record<string, (r: HarnessRequest) => Promise<HarnessReply>>)[name];
            return harness(request);
          },
          { name: HARNESS_FUNCTION, request },
        ),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new Error(
                  `the page did not answer within ${Math.round((request.timeLimitMs + HARNESS_SLACK_MS) / 1000)} s`,
                ),
              ),
            request.timeLimitMs + HARNESS_SLACK_MS,
          );
        }),
      ]);
      return { ...reply, pageErrors: this.pageErrors.splice(0) };
    } catch (error) {
      this.page = null;
      await page.close().catch(() => {});
      throw new Error([(error as Error).message, ...this.pageErrors.splice(0)].join("; "));
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}

// ---------------------------------------------------------------- the course

/** One program's runs in the browser. */
export interface BrowserProgram {
  /** The program's file, relative to its exercise: solution.py, starter.py, cases/wrong-x.py. */
  file: string;
  /** What each run took, ms (with a ready worker, as the learner waits). */
  wallMs: number[];
  statuses: RunStatus[];
}

export interface BrowserVerdict {
  exercise: Exercise;
  programs: BrowserProgram[];
  /** Slowest run of any program, ms; null when nothing ran. */
  maxWallMs: number | null;
  ok: boolean;
  problems: ContentProblem[];
}

export interface BrowserReport {
  /** Why the browser run was skipped; null when it ran. */
  skipped: string | null;
  verdicts: BrowserVerdict[];
  problems: ContentProblem[];
  ok: boolean;
  /** How the browser's workers behaved; null when no check ran. */
  worker: WorkerSummary | null;
}

export interface WorkerSummary {
  /** Every check ran in a cross-origin isolated page with an interruptible worker, as in the app. */
  crossOriginIsolated: boolean;
  interruptible: boolean;
  /** How each worker got its interpreter (the ready message's `snapshot`), in order. */
  boots: string[];
  /** Each fresh worker's untimed first check, ms (check-browser-page.ts). */
  warmUpMs: number[];
}

export interface BrowserCheckOptions {
  /** Runs per program (the server's `--runs`). Default 3. */
  runs?: number;
  /** The folder served as the app's `public/` (the built runner). Default: the repo's. */
  publicDir?: string;
  onExercise?: (verdict: BrowserVerdict) => void;
}

/** The programs of an exercise that run in the browser: solution, starter, then its cases as the loader read them. */
export function browserPrograms(exercise: Exercise): { file: string; code: string }[] {
  const cases = exercise.cases.map((c) => ({ file: `${CASES_DIR}/${c.name}`, code: c.source }));
  return [{ file: SOLUTION_FILE, code: exercise.solution }, { file: STARTER_FILE, code: exercise.starter }, ...cases];
}

/**
 * Runs every exercise of `course` in the browser and compares each run with
 * the server's (`server`, which recorded them). Never throws for a machine
 * without Chromium: the report says the run was skipped.
 */
export async function checkCourseInBrowser(
  course: LoadedCourse,
  server: ServerRuns,
  options: BrowserCheckOptions = {},
): Promise<BrowserReport> {
  const unavailable = BrowserChecker.unavailable(options.publicDir);
  if (unavailable) return { skipped: unavailable, verdicts: [], problems: [], ok: true, worker: null };
  const runs = options.runs ?? 3;
  const checker = await BrowserChecker.start(options.publicDir);
  const verdicts: BrowserVerdict[] = [];
  const worker: WorkerSummary = { crossOriginIsolated: true, interruptible: true, boots: [], warmUpMs: [] };
  const onReply = (reply: HarnessReply) => {
    worker.crossOriginIsolated &&= reply.crossOriginIsolated;
    worker.interruptible &&= reply.ready.interruptible;
    if (reply.warmUpMs !== null) {
      worker.boots.push(reply.ready.snapshot ?? "none");
      worker.warmUpMs.push(reply.warmUpMs);
    }
  };
  try {
    for (const exercise of course.exercises) {
      const verdict = await checkExercise(checker, exercise, server, runs, onReply);
      verdicts.push(verdict);
      options.onExercise?.(verdict);
    }
  } finally {
    await checker.close();
  }
  const problems = verdicts.flatMap((v) => v.problems);
  const ran = worker.boots.length > 0;
  if (ran && !(worker.crossOriginIsolated && worker.interruptible)) {
    problems.push({
      path: ".",
      severity: "error",
      message:
        "the browser's worker cannot be interrupted (the harness page is not cross-origin isolated), unlike the app's",
    });
  }
  return {
    skipped: null,
    verdicts,
    problems,
    ok: !problems.some((p) => p.severity === "error"),
    worker: ran ? worker : null,
  };
}

async function checkExercise(
  checker: BrowserChecker,
  exercise: Exercise,
  server: ServerRuns,
  runs: number,
  onReply: (reply: HarnessReply) => void,
): Promise<BrowserVerdict> {
  const problems: ContentProblem[] = [];
  const where = (file: string) => [exercise.dir, file].filter((p) => p !== ".").join("/");
  const problem = (file: string, severity: ContentProblem["severity"], message: string) =>
    problems.push({ path: where(file), severity, message });
  const { timeLimitMs, memoryLimitMb } = exercise.meta.limits;
  const memoryLimitBytes = memoryLimitMb * 1024 * 1024;
  const visibleChecks: CheckFile[] = exercise.checks.filter((c) => c.visibility === "visible");
  const programs: BrowserProgram[] = [];

  for (const { file, code } of browserPrograms(exercise)) {
    const [serverResult] = await server.resultsFor({ code, checks: exercise.checks, timeLimitMs, memoryLimitBytes });
    const program: BrowserProgram = { file, wallMs: [], statuses: [] };
    programs.push(program);
    for (let i = 0; i < runs; i++) {
      let reply: Awaited<ReturnType<BrowserChecker["check"]>>;
      try {
        reply = await checker.check({ code, checks: visibleChecks, timeLimitMs, memoryLimitBytes });
      } catch (error) {
        problem(file, "error", `could not run in the browser: ${(error as Error).message}`);
        break;
      }
      onReply(reply);
      const { result, wallMs } = reply;
      program.wallMs.push(wallMs);
      program.statuses.push(result.status);
      const run = runs > 1 ? ` (browser run ${i + 1})` : "";
      const failures: string[] = [];
      if (reply.pageErrors.length)
        failures.push(`unexpected error in the browser: ${reply.pageErrors.map(firstLine).join("; ")}`);
      if (result.status === "crashed") failures.push(`the browser worker crashed: ${firstLine(result.message)}`);
      else if ((result.status === "timeout" || wallMs > timeLimitMs) && serverResult.status !== "timeout") {
        failures.push(
          `with the visible checks, the browser did not finish within limits.timeLimitMs (${timeLimitMs} ms): ` +
            `the exercise page stops it there and the learner sees "Stopped"; the server's whole run took ${Math.round(serverResult.duration)} ms`,
        );
      } else {
        const difference = compareVisible(serverResult, result);
        if (difference) failures.push(difference);
      }
      // After a timeout a replaced worker is expected (a check that ignored the interrupt); otherwise it costs the learner a boot.
      if (failures.length === 0 && result.status !== "timeout" && reply.restarts.length) {
        problem(
          file,
          "warning",
          `the browser worker was replaced after this check (${reply.restarts.join("; ")}): the learner's next check waits for a new one${run}`,
        );
      }
      if (failures.length) {
        for (const message of failures) problem(file, "error", message + run);
        break; // the answer is known; more runs would repeat it
      }
    }
  }

  const times = programs.flatMap((p) => p.wallMs);
  const maxWallMs = times.length ? Math.max(...times) : null;
  if (
    maxWallMs !== null &&
    maxWallMs > timeLimitMs / 2 &&
    maxWallMs <= timeLimitMs &&
    !problems.some((p) => p.severity === "error")
  ) {
    problem(
      "exercise.yaml",
      "warning",
      `slowest browser run took ${Math.round(maxWallMs)} ms, over half of limits.timeLimitMs (${timeLimitMs} ms): slower machines than this one will stop it`,
    );
  }
  return { exercise, programs, maxWallMs, ok: !problems.some((p) => p.severity === "error"), problems };
}
