/**
 * The learner's path through the real app: course map, lesson, and one
 * exercise end to end — real Pyodide in the browser worker (Run, Check,
 * Stop), real server verification (Submit), drafts in the real database,
 * hints, history with a diff, the reference solution after passing, and a
 * forged "PASSED" from the browser that the server overrules.
 *
 * The tests in this file run in order on one signed-in page: each step
 * builds on the learner's state from the one before (as a learner would).
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");
const exercise = {
  id: (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string }).id,
  hints: (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { hints: string[] }).hints,
  starter: fs.readFileSync(path.join(EXERCISE_DIR, "starter.py"), "utf8"),
  solution: fs.readFileSync(path.join(EXERCISE_DIR, "solution.py"), "utf8"),
};
const EMAIL = "ada@example.com";
const PASSWORD = "analytical engine";

/** Loading Pyodide and verifying on the server are slow on a loaded 2-core machine; never a timing assertion. */
const SLOW = { timeout: 100_000 };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  await createUser("LEARNER", EMAIL, PASSWORD, "Ada Lovelace");
  await signIn(page, EMAIL, PASSWORD);
});
afterAll(async () => {
  await browser?.close();
});

const exerciseUrl = () => `${state().url}/exercises/${exercise.id}`;
const editorText = () => page.locator(".cm-content").innerText();
const results = () => page.getByRole("region", { name: "Results" });

/** Replace the editor's document the way a learner pastes: select all, insert (no auto-indent). */
async function replaceCode(code: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

async function openExercise() {
  await page.goto(exerciseUrl());
  await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
}

async function waitForServerVerdict() {
  const verdict = page.locator('[data-testid="server-verdict"][data-state="DONE"]');
  await verdict.waitFor(SLOW);
  return verdict;
}

test("the course map lists the sections with progress bars and exercise states; a lesson renders", async () => {
  await page.goto(`${state().url}/learn`);
  await page.getByRole("heading", { level: 1, name: "The course" }).waitFor();
  const bar = page.getByRole("progressbar", { name: "Progress in Cyclic references and the gc module" });
  expect(await bar.getAttribute("aria-valuenow")).toBe("0");
  expect(Number(await bar.getAttribute("aria-valuemax"))).toBeGreaterThanOrEqual(5);
  const row = page
    .locator(".exercise-list > li")
    .filter({ has: page.getByRole("link", { name: "Break the parent cycle" }) });
  expect(await row.getByTestId("exercise-state").innerText()).toBe("Not started");
  await screenshot(page, "learner-course-map");

  await page.getByRole("link", { name: /^Read the lesson\W+Cyclic references and the gc module$/ }).click();
  await page.getByRole("heading", { level: 1, name: "Cyclic references and the gc module" }).waitFor();
  // Markdown: the lesson's "## A cycle survives `del`" and its fenced Python block.
  await page.getByRole("heading", { level: 2, name: /A cycle survives/ }).waitFor();
  // The file's own "# title" is not repeated under the page's h1.
  expect(await page.getByRole("heading", { name: "Cyclic references and the gc module" }).count()).toBe(1);
  expect(await page.locator("article pre code[data-language=python]").count()).toBeGreaterThan(0);
  await screenshot(page, "learner-lesson");
});

test("an unknown exercise is a 404; an anonymous visitor may try the exercise, told what an account adds", async () => {
  const missing = await page.goto(`${state().url}/exercises/00000000-0000-4000-8000-000000000000`);
  expect(missing?.status()).toBe(404);
  const anonymous = await browser.newContext();
  try {
    const visitor = await anonymous.newPage();
    await visitor.goto(exerciseUrl());
    await visitor.getByTestId("guest-notice").waitFor();
    expect(await visitor.getByTestId("guest-notice").getByRole("link", { name: "sign in" }).getAttribute("href")).toBe(
      `/signin?callbackUrl=${encodeURIComponent(new URL(exerciseUrl()).pathname)}`,
    );
  } finally {
    await anonymous.close();
  }
});

test("the exercise page is cross-origin isolated, shows the prompt and loads the starter", async () => {
  await openExercise();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await page.getByRole("heading", { level: 1, name: "Break the parent cycle" }).waitFor();
  // Markdown: inline code is a <code> element inside the sentence.
  const task = page.getByRole("region", { name: "Task" });
  await task.getByText(/module is the tool for this/).waitFor();
  expect(await task.locator("code", { hasText: "weakref" }).count()).toBeGreaterThan(0);
  expect(await editorText()).toContain("self.parent = parent");
  // The results region announces politely.
  expect(await results().getAttribute("aria-live")).toBe("polite");
  await screenshot(page, "learner-exercise");
});

test("Run shows output, and an exception's traceback with the learner's line number (Ctrl+Enter runs)", async () => {
  await replaceCode('print("hello from Pyodide")\n');
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await results().getByTestId("stdout").getByText("hello from Pyodide").waitFor(SLOW);

  await replaceCode('x = 1\nraise ValueError("boom")\n');
  await page.keyboard.press("ControlOrMeta+Enter");
  const traceback = results().getByTestId("traceback");
  await traceback.waitFor(SLOW);
  expect(await traceback.innerText()).toMatch(/ValueError: boom/);
  await results().getByRole("heading", { name: "ValueError on line 2" }).waitFor();
});

test("Escape then Tab leaves the editor (no keyboard trap); Tab alone indents", async () => {
  await replaceCode("x = 1");
  await page.keyboard.press("Tab");
  expect(await editorText()).toMatch(/^ {4}x = 1/);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".cm-content")))).toBe(false);
});

test("Reset asks first, then the starter fails its visible checks with teaching messages", async () => {
  await page.getByRole("button", { name: "Reset" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset to the starter code?" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Reset my code" }).click();
  await dialog.waitFor({ state: "hidden" });
  expect(await editorText()).toContain("self.parent = parent");

  await page.getByRole("button", { name: "Check", exact: true }).click();
  const check = results().locator('[data-testid="check-result"]');
  await check.waitFor(SLOW);
  expect(await check.getAttribute("data-status")).toBe("failed");
  const failing = check.locator('li[data-status="failed"]');
  expect(await failing.count()).toBeGreaterThan(0);
  expect(await check.innerText()).toMatch(/tree is freed without the cycle collector — failed/);
  expect(await check.innerText()).toMatch(/still alive after `del`/);
  await screenshot(page, "learner-check-failed");
});

test("the reference solution passes the checks in the browser, then on the server", async () => {
  await replaceCode(exercise.solution);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const check = results().locator('[data-testid="check-result"]');
  await check.waitFor(SLOW);
  expect(await check.getAttribute("data-status")).toBe("passed");
  expect(await check.locator('li[data-status="failed"]').count()).toBe(0);

  await page.getByRole("button", { name: "Submit" }).click();
  await results()
    .getByText(/Verifying on the server…|Server verdict/)
    .first()
    .waitFor(SLOW);
  const verdict = await waitForServerVerdict();
  expect(await verdict.getAttribute("data-verdict")).toBe("PASSED");
  await verdict.getByRole("heading", { name: "Server verdict: Passed" }).waitFor();
  // Hidden checks are listed, never named.
  expect(await verdict.innerText()).toMatch(/hidden check/);
  await screenshot(page, "learner-server-passed");
});

test("after passing, the reference solution is shown side by side with the learner's code", async () => {
  // The pass re-renders the server part of the page (progress badge, solution).
  await page.getByTestId("progress-state").getByText("Passed").waitFor(SLOW);
  await page.getByRole("button", { name: "View reference solution" }).click();
  const compare = page.getByTestId("solution-compare");
  await compare.getByText("Reference solution").waitFor();
  expect(await compare.innerText()).toContain("weakref.ref(parent)");
  // The learner submitted the reference solution itself: nothing differs.
  await page.getByText("Line by line: what the reference solution does differently").click();
  expect(await page.locator(".solution-diff caption").innerText()).toMatch(/0 lines added, 0 removed/);
  await screenshot(page, "learner-solution");
});

test("a reload restores the latest draft, not the starter", async () => {
  await replaceCode(`${exercise.solution}\n# my notes: children own parents weakly\n`);
  await page
    .getByTestId("draft-status")
    .getByText(/Draft saved/)
    .waitFor(SLOW);
  await openExercise();
  const text = await editorText();
  expect(text).toContain("# my notes: children own parents weakly");
  expect(text).not.toContain("self.parent = parent");
});

test("Stop ends an infinite loop, and the next run works", async () => {
  await replaceCode("while True:\n    pass\n");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.getByRole("button", { name: "Running…" }).waitFor();
  await page.getByRole("button", { name: "Stop" }).click();
  const stopped = results().locator('[data-testid="run-result"][data-status="timeout"]');
  await stopped.waitFor(SLOW);
  expect(await stopped.innerText()).toMatch(/Stopped by the Stop button/);

  await replaceCode('print("running again")\n');
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await results().getByTestId("stdout").getByText("running again").waitFor(SLOW);
});

test("the exercise's time limit stops a runaway loop without a click", async () => {
  await replaceCode("while True:\n    pass\n");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const stopped = results().locator('[data-testid="run-result"][data-status="timeout"]');
  await stopped.waitFor(SLOW);
  expect(await stopped.innerText()).toMatch(/still running after the time limit of 5000 ms/);
  await replaceCode('print("after the limit")\n');
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await results().getByTestId("stdout").getByText("after the limit").waitFor(SLOW);
});

test("hints are revealed one at a time and counted", async () => {
  expect(await page.getByTestId("hints-used").innerText()).toBe(`Hints used: 0 of ${exercise.hints.length}`);
  await page.getByRole("button", { name: "Show a hint" }).click();
  await page.getByTestId("hints-used").getByText(`Hints used: 1 of ${exercise.hints.length}`).waitFor();
  const hints = page.locator(".hint-list li");
  expect(await hints.count()).toBe(1);
  expect(await hints.first().innerText()).toContain("two strong references in a loop");
  await page.getByRole("button", { name: "Show the next hint" }).waitFor();
});

test("history lists submissions; opening one shows the diff against the previous; restore puts it back", async () => {
  // A second submission: back to the starter, which the server fails.
  await replaceCode(exercise.starter);
  await page.getByRole("button", { name: "Submit" }).click();
  await page.locator('[data-testid="server-verdict"][data-verdict="FAILED"]').waitFor(SLOW);
  // The page's server part re-renders after a verdict: a later failure does not undo the pass.
  await page.getByTestId("progress-state").getByText("Passed · 2 submissions").waitFor(SLOW);

  const history = page.getByRole("list", { name: "Your submissions, newest first" });
  await history.getByTestId("history-item").nth(1).waitFor();
  expect(await history.getByTestId("history-item").count()).toBe(2);
  const newest = history.getByTestId("history-item").first();
  expect(await newest.innerText()).toMatch(/Failed/);
  await newest.getByRole("button", { name: /^Open/ }).click();
  const diff = newest.getByTestId("diff");
  await diff.waitFor();
  expect(await diff.locator("caption").innerText()).toMatch(
    /Changes since the previous submission: \d+ lines? added, \d+ removed/,
  );
  expect(await diff.locator("tr.diff-removed").filter({ hasText: "weakref.ref(parent)" }).count()).toBe(1);
  expect(await diff.locator("tr.diff-added").filter({ hasText: "self.parent = parent" }).count()).toBe(1);
  await screenshot(page, "learner-history-diff");

  const older = history.getByTestId("history-item").nth(1);
  await older.getByRole("button", { name: /^Open/ }).click();
  await older.getByRole("button", { name: "Restore this code into the editor" }).click();
  expect(await editorText()).toContain("weakref.ref(parent)");
});

test("a forged browser verdict does not count: the server stores FAILED for the starter", async () => {
  const res = await page.request.post(`${state().url}/api/exercises/${exercise.id}/submissions`, {
    data: { code: exercise.starter, clientVerdict: "PASSED" },
  });
  expect(res.status()).toBe(202);
  const { submission } = (await res.json()) as { submission: { id: string; clientVerdict: string } };
  expect(submission.clientVerdict).toBe("PASSED");

  type Settled = { state: string; verdict: string | null; verdictDiffers: boolean; explanation: string | null };
  let settled: Settled | null = null;
  for (let i = 0; i < 200 && !settled; i++) {
    const poll = await page.request.get(`${state().url}/api/submissions/${submission.id}`);
    const body = (await poll.json()) as { submission: Settled };
    if (body.submission.state === "DONE" || body.submission.state === "ERRORED") settled = body.submission;
    else await page.waitForTimeout(500);
  }
  expect(settled).toMatchObject({ state: "DONE", verdict: "FAILED", verdictDiffers: true });
  expect(settled?.explanation).toMatch(/server/);

  const db = e2eDb();
  try {
    const row = await db.submission.findUniqueOrThrow({
      where: { id: submission.id },
      select: { verdict: true, clientVerdict: true },
    });
    expect(row).toEqual({ verdict: "FAILED", clientVerdict: "PASSED" });
  } finally {
    await db.$disconnect();
  }
});

test("the progress page and the course map show the pass", async () => {
  await page.goto(`${state().url}/progress`);
  await page.getByRole("heading", { level: 1, name: "Your progress" }).waitFor();
  expect(await page.getByTestId("overall-passed").innerText()).toMatch(/^1 of \d+ exercises$/);
  const bar = page.getByRole("progressbar", { name: "Progress in Cyclic references and the gc module" });
  expect(await bar.getAttribute("aria-valuenow")).toBe("1");
  expect(await page.getByTestId("streak").innerText()).toBe("1 day");
  expect(await page.getByTestId("unread-feedback").innerText()).toBe("0 unread");
  await screenshot(page, "learner-progress");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Learn" }).click();
  const row = page
    .locator(".exercise-list > li")
    .filter({ has: page.getByRole("link", { name: "Break the parent cycle" }) });
  await row.getByTestId("exercise-state").getByText("Passed").waitFor();
  // Following the link from the map is a full load, so the exercise page is cross-origin isolated.
  await row.getByRole("link", { name: "Break the parent cycle" }).click();
  await page.waitForURL(/\/exercises\//);
  await page.getByRole("heading", { level: 1, name: "Break the parent cycle" }).waitFor();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
});

test("when Python cannot load, the page says so and Retry starts it once the worker is reachable", async () => {
  const other = await browser.newContext();
  try {
    const learner = await other.newPage();
    await signIn(learner, EMAIL, PASSWORD);
    // The worker script is unreachable (a proxy or an old cached page would do the same).
    const refuse = (route: { fulfill: (r: { status: number; body: string }) => Promise<void> }) =>
      route.fulfill({ status: 404, body: "not here" });
    await learner.route("**/runner/worker.mjs", refuse);
    await learner.goto(exerciseUrl());
    const failed = learner.locator('[data-testid="runner-status"][data-state="failed"]');
    await failed.waitFor(SLOW);
    expect(await failed.getAttribute("role")).toBe("alert");
    // The editor works without Python; Run waits for it.
    expect(await learner.getByRole("button", { name: "Run", exact: true }).isDisabled()).toBe(true);
    await screenshot(learner, "learner-runner-failed");

    await learner.unroute("**/runner/worker.mjs", refuse);
    await failed.getByRole("button", { name: "Retry" }).click();
    await learner.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
  } finally {
    await other.close();
  }
});

test("without cross-origin isolation, Stop replaces the worker and the next run still works", async () => {
  const other = await browser.newContext();
  try {
    const learner = await other.newPage();
    await signIn(learner, EMAIL, PASSWORD);
    // Serve the page without its COOP/COEP headers (as a proxy that drops them would).
    await learner.route(exerciseUrl(), async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["cross-origin-opener-policy"];
      delete headers["cross-origin-embedder-policy"];
      await route.fulfill({ response, headers });
    });
    await learner.goto(exerciseUrl());
    expect(await learner.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    await learner.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
    expect(await learner.getByTestId("runner-status").innerText()).toMatch(/Stop restarts the interpreter/);

    await learner.locator(".cm-content").click();
    await learner.keyboard.press("ControlOrMeta+A");
    await learner.keyboard.insertText("while True:\n    pass\n");
    await learner.getByRole("button", { name: "Run", exact: true }).click();
    const runButton = learner.getByRole("button", { name: "Running…" });
    await runButton.waitFor();
    // While Python restarts, Run stays usable (the run waits for the new worker): a button that
    // turned disabled when the new worker's progress arrived dropped the click that landed then.
    await runButton.evaluate((button) => {
      const seen: string[] = [];
      Object.assign(window, { runDisabledWhile: seen });
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="runner-status"]')?.getAttribute("data-state");
        if ((button as HTMLButtonElement).disabled) seen.push(state ?? "none");
      }).observe(button, { attributes: true, attributeFilter: ["disabled"] });
    });
    await learner.getByRole("button", { name: "Stop" }).click();
    await learner.locator('[data-testid="run-result"][data-status="timeout"]').waitFor(SLOW);

    await learner.locator(".cm-content").click();
    await learner.keyboard.press("ControlOrMeta+A");
    await learner.keyboard.insertText('print("fresh worker")\n');
    await learner.getByRole("button", { name: "Run", exact: true }).click();
    await learner
      .getByTestId("stdout")
      .getByText("fresh worker")
      .waitFor(SLOW)
      .catch(async (error: unknown) => {
        await screenshot(learner, "learner-not-isolated-failure");
        throw error;
      });
    expect(
      await learner.evaluate(() => (window as unknown as { runDisabledWhile: string[] }).runDisabledWhile),
    ).toEqual([]);
  } finally {
    await other.close();
  }
});

test("the code is editable before the page's JavaScript runs; CodeMirror takes it over with the caret", async () => {
  const other = await browser.newContext();
  try {
    const learner = await other.newPage();
    await signIn(learner, EMAIL, PASSWORD);
    // The page's JavaScript and the Python worker held back: what a learner sees first on a slow start.
    const holder = () => {
      const held: Array<() => void> = [];
      return {
        // unroute() may have let a held request through already: then there is nothing to continue.
        hold: (route: Route) =>
          new Promise<void>((release) => held.push(release)).then(() => route.continue().catch(() => {})),
        release: () => held.splice(0).forEach((release) => release()),
      };
    };
    const scripts = holder();
    const worker = holder();
    await learner.route("**/_next/static/chunks/*.js", scripts.hold);
    await learner.route("**/runner/worker.mjs", worker.hold);
    await learner.goto(exerciseUrl(), { waitUntil: "domcontentloaded" });

    const plain = learner.getByRole("textbox", { name: /Your code/ });
    expect(await plain.inputValue()).not.toBe(""); // the learner's draft, rendered on the server
    await plain.click();
    await learner.keyboard.press("ControlOrMeta+End");
    await learner.keyboard.type("\n# typed before JavaScript");
    expect(await learner.locator(".cm-content").count()).toBe(0);

    // The page's JavaScript arrives (Python is still held back): the focus is what brings CodeMirror.
    await learner.unroute("**/_next/static/chunks/*.js", scripts.hold);
    scripts.release();
    await learner.locator(".cm-content").getByText("# typed before JavaScript").waitFor(SLOW);
    expect(await learner.evaluate(() => Boolean(document.activeElement?.closest(".cm-content")))).toBe(true);
    await learner.keyboard.type(" and after");
    expect(await learner.locator('[data-testid="runner-status"]').getAttribute("data-state")).toBe("loading");
    await learner
      .getByTestId("draft-status")
      .getByText(/Draft saved/)
      .waitFor(SLOW);

    await learner.unroute("**/runner/worker.mjs", worker.hold);
    worker.release();
    await learner.reload();
    await learner.locator(".cm-content").getByText("# typed before JavaScript and after").waitFor(SLOW);
  } finally {
    await other.close();
  }
});
