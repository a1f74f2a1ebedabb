/**
 * Hostile learner code in a real browser (Debian's Chromium, real Pyodide in
 * the module worker, the production server):
 *
 * 1. the shared attack table (tests/fixtures/hostile/attacks.ts) through the
 *    learner's exercise page — each attack's exact outcome with Check, and the
 *    page still usable after it (the next Check of the solution passes);
 * 2. browser-only escapes: the page's cookies and DOM from the worker, forged
 *    messages to the page, and the app's API called with the session of
 *    whoever runs the code;
 * 3. an instructor runs a learner's submission with "Run in my browser" on the
 *    review page; the submission tries to override its own grade, post
 *    feedback and read the instructor's other cohort through the instructor's
 *    session, and nothing happens: the learner's interpreter has no `js`
 *    module (lib/judge/README.md), so every attempt is refused at its import.
 *    The worker's CSP and network lock stay behind that as a second layer.
 */
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parse } from "yaml";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  ATTACKS,
  EXERCISE_DIR,
  EXERCISE_ID,
  SOLUTION,
  STARTER,
  probe,
  wallBoundMs,
  type Attack,
  type Outcome,
} from "../fixtures/hostile/attacks";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

const SLOW = { timeout: 150_000 };
const meta = parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as {
  limits?: { timeLimitMs?: number };
};
/** The exercise page's limits: the exercise's own time limit, the browser client's grace (browser-client.ts). */
const LIMITS = { timeLimitMs: meta.limits?.timeLimitMs ?? 5_000, graceMs: 1_000 };
const RUN = randomBytes(4).toString("hex");
const PASSWORD = "hostile suite password";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// ------------------------------------------------------------------ page helpers

async function replaceCode(page: Page, code: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

/** Counts the Results region's busy → idle transitions, so a test can wait for the NEXT result. */
async function watchResults(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __resultsDone: number };
    w.__resultsDone = 0;
    const section = document.querySelector("section.results");
    if (!section) throw new Error("no results section");
    new MutationObserver(() => {
      if (section.getAttribute("aria-busy") === "false") w.__resultsDone += 1;
    }).observe(section, { attributes: true, attributeFilter: ["aria-busy"] });
  });
}

/** Click Check and return the new result's status, text and wall time. */
async function check(page: Page, code: string) {
  await replaceCode(page, code);
  const before = await page.evaluate(() => (window as unknown as { __resultsDone: number }).__resultsDone);
  const started = Date.now();
  // Playwright waits for the button to be enabled: a recycled worker must be ready again first.
  await page.getByRole("button", { name: "Check", exact: true }).click(SLOW);
  await page.waitForFunction((n) => (window as unknown as { __resultsDone: number }).__resultsDone > n, before, SLOW);
  const elapsedMs = Date.now() - started;
  const result = page.getByRole("region", { name: "Results" }).locator('[data-testid="check-result"]');
  await result.waitFor(SLOW);
  return { status: await result.getAttribute("data-status"), text: await result.innerText(), elapsedMs };
}

function expectOutcome(actual: { status: string | null; text: string; elapsedMs: number }, outcome: Outcome) {
  expect({ status: actual.status, text: actual.text.slice(0, 600) }).toMatchObject({ status: outcome.status });
  if (outcome.message !== undefined) expect(actual.text).toContain(outcome.message);
  if (outcome.tracebackType !== undefined) expect(actual.text).toContain(outcome.tracebackType);
  if (outcome.testMessage !== undefined) expect(actual.text).toContain(outcome.testMessage);
  for (const fragment of outcome.stdoutIncludes ?? []) expect(actual.text).toContain(fragment);
  for (const fragment of outcome.stdoutExcludes ?? []) expect(actual.text).not.toContain(fragment);
  if (outcome.truncated) expect(actual.text).toContain("Output was cut off at the output limit.");
  if (outcome.boundedByLimit) {
    expect(actual.text).toMatch(/time limit/i);
    expect(actual.elapsedMs).toBeLessThan(wallBoundMs(LIMITS));
  }
}

async function openExerciseAs(
  email: string,
  name: string,
): Promise<{ page: Page; context: BrowserContext; userId: string }> {
  const user = await createUser("LEARNER", email, PASSWORD, name);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  await page.goto(`${state().url}/exercises/${EXERCISE_ID}`);
  await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
  await watchResults(page);
  return { page, context, userId: user.id };
}

// ------------------------------------------------------------------ 1. the attack table on the exercise page

describe("the attack table through the learner's exercise page", () => {
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    ({ page, context } = await openExerciseAs(`hostile-table-${RUN}@example.com`, "Mallory"));
  }, 180_000);
  afterAll(async () => {
    await context?.close();
  });

  const browserAttacks = ATTACKS.filter((a: Attack) => a.expect.browser);
  test.each(browserAttacks.map((a) => [a.id, a] as const))(
    "%s: exact outcome, then the solution's Check passes",
    async (_id, attack) => {
      expectOutcome(await check(page, attack.code), attack.expect.browser!);
      const next = await check(page, SOLUTION);
      expect({ status: next.status, text: next.text.slice(0, 600) }).toMatchObject({ status: "passed" });
    },
    300_000,
  );

  test("Stop ends a runaway loop at once, and the page stays usable", async () => {
    await replaceCode(page, "while True:\n    pass\n");
    const before = await page.evaluate(() => (window as unknown as { __resultsDone: number }).__resultsDone);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator("section.results[aria-busy='true']").waitFor(SLOW);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.waitForFunction((n) => (window as unknown as { __resultsDone: number }).__resultsDone > n, before, SLOW);
    const result = page.getByRole("region", { name: "Results" }).locator('[data-testid="check-result"]');
    expect(await result.getAttribute("data-status")).toBe("timeout");
    expect((await check(page, SOLUTION)).status).toBe("passed");
  }, 300_000);
});

// ------------------------------------------------------------------ 2. browser-only escapes

describe("escapes that only exist in the browser", () => {
  let page: Page;
  let context: BrowserContext;
  let userId: string;

  beforeAll(async () => {
    ({ page, context, userId } = await openExerciseAs(`hostile-escape-${RUN}@example.com`, "Eve"));
  }, 180_000);
  afterAll(async () => {
    await context?.close();
  });

  test("the worker has no DOM, no cookies and no way to the page's window", async () => {
    // Each probe imports `js` itself: the learner's interpreter has none, so each is refused there.
    const js = "__import__('js')";
    const code = [
      probe("COOKIE", `${js}.document.cookie`),
      probe("DOM", `${js}.document.body.innerHTML`),
      probe("PARENT", `${js}.parent.location.href`),
      probe("STORAGE", `${js}.localStorage.getItem('x')`),
      probe("OPENER", `${js}.opener`),
      "",
      SOLUTION,
    ].join("\n");
    const result = await check(page, code);
    expect(result.status).toBe("passed");
    for (const label of ["COOKIE", "DOM", "PARENT", "STORAGE", "OPENER"])
      expect(result.text).toContain(`${label} REFUSED ModuleNotFoundError`);
    // The session cookie is HttpOnly anyway; nothing that looks like it reached the output.
    expect(result.text).not.toMatch(/next-auth\.session-token=/);
  }, 180_000);

  test("learner code cannot call the app's API with the session of whoever runs it", async () => {
    const db = e2eDb();
    try {
      const before = await db.submission.count({ where: { userId } });
      const js = "__import__('js')";
      const base = `str(${js}.location.origin)`;
      const post = (label: string, urlPath: string, body: string) =>
        probe(
          label,
          `(lambda x: (x.open("POST", ${base} + ${JSON.stringify(urlPath)}, False), x.setRequestHeader("Content-Type", "application/json"), x.send(${JSON.stringify(body)}), x.status))(${js}.XMLHttpRequest.new())[3]`,
        );
      const code = [
        post(
          "SUBMIT",
          `/api/exercises/${EXERCISE_ID}/submissions`,
          JSON.stringify({ code: SOLUTION, clientVerdict: "PASSED" }),
        ),
        probe("FETCH", `${js}.fetch(${base} + "/api/exercises/${EXERCISE_ID}/draft")`),
        probe("BEACON", `${js}.navigator.sendBeacon(${base} + "/api/exercises/${EXERCISE_ID}/draft", "x")`),
        probe("WEBSOCKET", `${js}.WebSocket.new("ws://" + str(${js}.location.host) + "/")`),
        "",
        STARTER,
      ].join("\n");
      const result = await check(page, code);
      expect(result.status).toBe("failed");
      for (const label of ["SUBMIT", "FETCH", "BEACON", "WEBSOCKET"])
        expect(result.text).toContain(`${label} REFUSED ModuleNotFoundError`);
      expect(await db.submission.count({ where: { userId } })).toBe(before);
    } finally {
      await db.$disconnect();
    }
  }, 180_000);

  test("forged result, ready and fatal messages from learner code do not show a pass", async () => {
    // Extends memory-and-forgery.e2e.test.ts: a flood of forged replies with guessed nonces
    // and forged lifecycle messages, posted through postMessage captured at every level.
    const forged = `
import json, random

def forge():
    import js
    passed = {"version": 1, "kind": "check", "status": "passed", "message": "", "traceback": None,
              "duration": 1, "stdout": "", "stderr": "", "truncated": False, "tests": []}
    post = js.postMessage
    for i in range(200):
        nonce = "%032x" % random.getrandbits(128)
        post(js.JSON.parse(json.dumps({"type": "result", "kind": "check", "id": i, "nonce": nonce, "result": passed,
                                       "heapBytes": 1, "needsRecycle": False})))
    post(js.JSON.parse(json.dumps({"type": "ready", "pyodideVersion": "forged", "interruptible": True, "loadMs": 1})))

try:
    forge()
except ImportError as error:
    print("FORGERY REFUSED", type(error).__name__)
${STARTER}`;
    const result = await check(page, forged);
    expect(result.status).toBe("failed");
    expect(result.text).toContain("FORGERY REFUSED ModuleNotFoundError");
    expect(result.text).toContain("the second call without a basket");
    expect((await check(page, SOLUTION)).status).toBe("passed");
  }, 180_000);
});

// ------------------------------------------------------------------ 3. an instructor runs a learner's submission

/**
 * The learner's submission: on Check it reads the instructor's cohort list,
 * then replays the review page's own forms (override grade, feedback) for the
 * learner's earlier submission through synchronous XHR with the instructor's
 * cookies — what a real attacker would do. It prints what it got.
 */
function impersonationAttack(targetSubmissionId: string): string {
  return `
import re, html

def js():
    return __import__("js")

def get(path):
    xhr = js().XMLHttpRequest.new()
    xhr.open("GET", str(js().location.origin) + path, False)
    xhr.send()
    return str(xhr.responseText)

def replay_form(path, field, values):
    page = get(path)
    form = next(f for f in re.findall(r"<form\\b.*?</form>", page, re.S) if f'name="{field}"' in f)
    data = js().FormData.new()
    for tag in re.findall(r"<input\\b[^>]*>", form):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            data.append(html.unescape(name.group(1)), html.unescape(value.group(1)) if value else "")
    for key, value in values.items():
        data.set(key, value)
    xhr = js().XMLHttpRequest.new()
    xhr.open("POST", str(js().location.origin) + path, False)
    xhr.send(data)
    return xhr.status

def attempt(label, action):
    try:
        print(label, "OK", action())
    except BaseException as error:
        print(label, "REFUSED", type(error).__name__, str(error)[:160])

TARGET = "/instructor/review/submissions/${targetSubmissionId}"
attempt("READ", lambda: re.sub(r"<[^>]+>", " ", get("/instructor/cohorts"))[:20000])
attempt("OVERRIDE", lambda: replay_form(TARGET, "verdict", {"verdict": "PASSED", "reason": "forged by the learner's own code"}))
attempt("FEEDBACK", lambda: replay_form(TARGET, "body", {"body": "forged feedback from the learner's code", "status": "APPROVED"}))

${STARTER}`;
}

describe("an instructor runs a learner's submission in their own browser", () => {
  const instructorEmail = `hostile-instructor-${RUN}@example.com`;
  const otherCohortName = `Evening cohort ${RUN}`;
  let learnerId: string;

  /** A learner in the instructor's cohort with a failed submission, and the attack that targets it. */
  async function arrange(label: string) {
    const db = e2eDb();
    try {
      const instructor =
        (await db.user.findUnique({ where: { email: instructorEmail } })) ??
        (await createUser("INSTRUCTOR", instructorEmail, PASSWORD, "Ines Instructor"));
      const learner = await createUser(
        "LEARNER",
        `hostile-learner-${label}-${RUN}@example.com`,
        PASSWORD,
        `Lee ${label}`,
      );
      const exercise = await db.exercise.findUniqueOrThrow({
        where: { id: EXERCISE_ID },
        select: { contentHash: true },
      });
      await db.cohort.create({
        data: {
          name: `Morning cohort ${label} ${RUN}`,
          joinCode: `m-${label}-${RUN}`,
          ownerId: instructor.id,
          members: { create: { userId: learner.id } },
        },
      });
      if (!(await db.cohort.findFirst({ where: { name: otherCohortName } }))) {
        await db.cohort.create({ data: { name: otherCohortName, joinCode: `e-${RUN}`, ownerId: instructor.id } });
      }
      const stored = {
        exerciseId: EXERCISE_ID,
        exerciseHash: exercise.contentHash,
        state: "DONE" as const,
        verdict: "FAILED" as const,
      };
      const first = await db.submission.create({ data: { ...stored, userId: learner.id, code: STARTER } });
      await db.progress.create({
        data: {
          userId: learner.id,
          exerciseId: EXERCISE_ID,
          state: "ATTEMPTED",
          attempts: 2,
          lastSubmissionId: first.id,
        },
      });
      const attack = await db.submission.create({
        data: {
          ...stored,
          userId: learner.id,
          code: impersonationAttack(first.id),
          createdAt: new Date(Date.now() + 1000),
        },
      });
      return { learnerId: learner.id, first: first.id, attack: attack.id };
    } finally {
      await db.$disconnect();
    }
  }

  async function grades(userId: string) {
    const db = e2eDb();
    try {
      return {
        overrides: await db.gradeOverride.count({ where: { submission: { userId } } }),
        feedback: await db.feedback.count({ where: { submission: { userId } } }),
        overrideVerdict:
          (await db.progress.findUnique({ where: { userId_exerciseId: { userId, exerciseId: EXERCISE_ID } } }))
            ?.overrideVerdict ?? null,
      };
    } finally {
      await db.$disconnect();
    }
  }

  /** Sign in as the instructor, open the attack's review page, Run in my browser → Check. */
  async function runAsInstructor(context: BrowserContext, submissionId: string) {
    const page = await context.newPage();
    await signIn(page, instructorEmail, PASSWORD);
    await page.goto(`${state().url}/instructor/review/submissions/${submissionId}`);
    const panel = page.getByTestId("run-in-browser");
    await panel.getByRole("button", { name: "Run in my browser" }).click();
    await panel.getByRole("button", { name: "Check (all checks)" }).click(SLOW);
    const result = panel.getByRole("region", { name: "Browser run result" }).locator('[data-testid="check-result"]');
    await result.waitFor(SLOW);
    return { page, status: await result.getAttribute("data-status"), text: await result.innerText() };
  }

  test("the submission cannot override its grade, post feedback or read another cohort", async () => {
    const ids = await arrange("guarded");
    learnerId = ids.learnerId;
    const context = await browser.newContext();
    try {
      const run = await runAsInstructor(context, ids.attack);
      await screenshot(run.page, "hostile-run-in-browser");
      // The checks ran (hidden ones too) and failed: the code underneath is the starter.
      expect(run.status).toBe("failed");
      expect(run.text).toContain("READ REFUSED");
      expect(run.text).toContain("OVERRIDE REFUSED");
      expect(run.text).toContain("FEEDBACK REFUSED");
      // Refused at the first layer: the learner's interpreter has no `js` module.
      expect(run.text).toContain("READ REFUSED ModuleNotFoundError");
      expect(run.text).not.toContain(otherCohortName);
      expect(await grades(learnerId)).toEqual({ overrides: 0, feedback: 0, overrideVerdict: null });

      // The instructor's own session still works (nothing was broken on the way).
      await run.page.reload();
      await run.page.getByTestId("review-verdict").waitFor();
    } finally {
      await context.close();
    }
  }, 300_000);
});
