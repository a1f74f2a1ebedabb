/**
 * exercises:check's browser run (lib/exercises/check-browser.ts) for real:
 * the server verifier pool, then the exercise page's worker in headless
 * Chromium, on fixtures copied to a folder outside the repo (as an author's
 * drafts). Fixtures whose visible checks notice where they run (Node has
 * `process`, a browser worker has not) make the server and the browser
 * disagree, or make a check endless in the browser only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkCourse } from "@/lib/exercises/check";
import {
  BrowserChecker,
  ServerRuns,
  checkCourseInBrowser,
  compareVisible,
  headerSourcePattern,
  type BrowserReport,
} from "@/lib/exercises/check-browser";
import { loadCourse, type LoadedCourse } from "@/lib/exercises/load";
import type { CheckResult } from "@/lib/grading/result";
import { chromiumMissing } from "@/lib/runner/chromium";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";

const FIXTURES = path.join(__dirname, "../../fixtures/exercises/browser-check");
const REPO_ROOT = path.join(__dirname, "../../..");

let drafts: string;
let course: LoadedCourse;
let pool: VerifierPool;
let server: ServerRuns;
let report: BrowserReport;

beforeAll(async () => {
  // CI installs Chromium: a machine without it must not pass this file by skipping it.
  expect(chromiumMissing()).toBeNull();
  drafts = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-drafts-"));
  fs.cpSync(FIXTURES, drafts, { recursive: true });
  course = loadCourse(drafts);
  pool = createVerifierPool({ rootDir: REPO_ROOT, size: 2, log: () => {} });
  server = new ServerRuns((job) => pool.verify(job));
  const serverReport = await checkCourse(course, server.verify, { runs: 1 });
  // The server alone finds nothing wrong with any of them.
  expect(serverReport.problems.filter((p) => p.severity === "error")).toEqual([]);
  report = await checkCourseInBrowser(course, server, { runs: 1 });
}, 300_000);

afterAll(async () => {
  await pool?.close();
  if (drafts) fs.rmSync(drafts, { recursive: true, force: true });
});

const verdictOf = (slug: string) => report.verdicts.find((v) => v.exercise.slug === slug)!;
const errorsFor = (slug: string) =>
  report.problems
    .filter((p) => p.path.startsWith(`${slug}/`) && p.severity === "error")
    .map((p) => [p.path, p.message]);

it("runs in a cross-origin isolated page with an interruptible worker, as the app does", () => {
  expect(report.skipped).toBeNull();
  expect(report.worker).toMatchObject({ crossOriginIsolated: true, interruptible: true });
  // The endless check was stopped by an interrupt: the one worker served every exercise.
  expect(report.worker!.boots).toHaveLength(1);
});

it("accepts an exercise whose visible checks agree, cases included, and times each program", () => {
  const agrees = verdictOf("agrees");
  expect(errorsFor("agrees")).toEqual([]);
  expect(agrees.ok).toBe(true);
  expect(agrees.programs.map((p) => [p.file, p.statuses])).toEqual([
    ["solution.py", ["passed"]],
    ["starter.py", ["failed"]],
    ["cases/right-add.py", ["passed"]],
    // Fails only the hidden check on the server: with the visible checks alone it passes, as in the browser.
    ["cases/wrong-only-three.py", ["passed"]],
  ]);
  expect(agrees.maxWallMs).toBeGreaterThan(0);
  expect(agrees.maxWallMs).toBeLessThan(agrees.exercise.meta.limits.timeLimitMs);
});

it("reports a visible check whose verdict in the browser differs from the server's", () => {
  expect(errorsFor("differs")).toEqual([
    [
      "differs/solution.py",
      expect.stringMatching(/test_visible\.py::test_outside_a_browser passed on the server, failed in the browser/),
    ],
    [
      "differs/starter.py",
      expect.stringMatching(/test_visible\.py::test_outside_a_browser passed on the server, failed in the browser/),
    ],
  ]);
  expect(verdictOf("differs").ok).toBe(false);
  expect(report.ok).toBe(false);
});

it("reports a check that outlasts the time limit in the browser though the server ran it at once", () => {
  const slow = verdictOf("slow-in-browser");
  expect(slow.programs.map((p) => [p.file, p.statuses])).toEqual([
    ["solution.py", ["timeout"]],
    ["starter.py", ["timeout"]],
  ]);
  expect(errorsFor("slow-in-browser")).toEqual([
    ["slow-in-browser/solution.py", expect.stringMatching(/did not finish within limits\.timeLimitMs \(3000 ms\)/)],
    ["slow-in-browser/starter.py", expect.stringMatching(/did not finish within limits\.timeLimitMs \(3000 ms\)/)],
  ]);
});

describe("compareVisible, on real runs of the same program on both sides", () => {
  let serverResult: CheckResult;
  let browserResult: CheckResult;

  beforeAll(async () => {
    const agrees = course.exercises.find((e) => e.slug === "agrees")!;
    const limits = agrees.meta.limits;
    const job = { timeLimitMs: limits.timeLimitMs, memoryLimitBytes: limits.memoryLimitMb * 1024 * 1024 };
    // The wrong case: passes the visible check, fails the hidden one on the server.
    const code = fs.readFileSync(path.join(drafts, "agrees/cases/wrong-only-three.py"), "utf8");
    [serverResult] = await server.resultsFor({ ...job, code, checks: agrees.checks });
    const checker = await BrowserChecker.start();
    try {
      const visible = agrees.checks.filter((c) => c.visibility === "visible");
      browserResult = (await checker.check({ ...job, code, checks: visible })).result;
    } finally {
      await checker.close();
    }
  }, 120_000);

  it("agrees when only a hidden check failed on the server", () => {
    expect(serverResult.status).toBe("failed");
    expect(browserResult.status).toBe("passed");
    expect(compareVisible(serverResult, browserResult)).toBeNull();
  });

  it("names the check when the server's verdict on a visible check differs", () => {
    const injected: CheckResult = {
      ...serverResult,
      tests: serverResult.tests.map((t) =>
        t.visibility === "visible" ? { ...t, status: "failed", message: "double(3) should be 6" } : t,
      ),
    };
    expect(compareVisible(injected, browserResult)).toBe(
      "the visible checks differ between the server and the browser: test_visible.py::test_double_three failed on the server, passed in the browser",
    );
  });

  it("reports a run that did not finish on one side", () => {
    const timedOut: CheckResult = { ...serverResult, status: "timeout", message: "Stopped after 3000 ms.", tests: [] };
    expect(compareVisible(timedOut, browserResult)).toBe(
      "the visible checks hit the time limit on the server but passed in the browser (Stopped after 3000 ms.)",
    );
    expect(compareVisible(browserResult, timedOut)).toBe(
      "the visible checks passed on the server but hit the time limit in the browser (Stopped after 3000 ms.)",
    );
  });
});

it("matches next.config.ts header sources as Next does, and refuses forms it does not know", () => {
  expect(headerSourcePattern("/exercises/:path*").test("/exercises/__exercises-check__")).toBe(true);
  expect(headerSourcePattern("/exercises/:path*").test("/exercises")).toBe(true);
  expect(headerSourcePattern("/exercises/:path*").test("/exercisesx")).toBe(false);
  expect(headerSourcePattern("/learn/:path+").test("/learn")).toBe(false);
  expect(headerSourcePattern("/pyodide/314.0.7/:file*").test("/pyodide/314.0.7/pyodide.mjs")).toBe(true);
  expect(headerSourcePattern("/pyodide/314.0.7/:file*").test("/pyodide/314x0x7/pyodide.mjs")).toBe(false);
  expect(headerSourcePattern("/:path*").test("/runner/worker.mjs")).toBe(true);
  const snapshot = headerSourcePattern("/pyodide/314.0.7/:name.snapshot.gz");
  expect(snapshot.test("/pyodide/314.0.7/leakless-0123456789abcdef.snapshot.gz")).toBe(true);
  expect(snapshot.test("/pyodide/314.0.7/pyodide.asm.wasm")).toBe(false);
  expect(snapshot.test("/pyodide/314.0.7/x/y.snapshot.gz")).toBe(false);
  expect(snapshot.test("/pyodide/314.0.7/.snapshot.gz")).toBe(false);
  expect(() => headerSourcePattern("/users/:id/edit")).toThrow(/only understands literal paths/);
});
