/**
 * Issue #14: what a newcomer tripped over, each as the journey that showed
 * it, in headless Chromium against the production server (on a port that is
 * never 3000) at 1280×800 and 390×844. Each test failed before its fix.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parse } from "yaml";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { generateJoinCode } from "@/lib/cohorts/join-code";
import { extractExamples } from "@/lib/exercises/lesson-examples";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import { giveFeedback } from "@/lib/review/give-feedback";
import { overrideGrade } from "@/lib/review/override-grade";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "01-allocation", "shared-default-argument");
const read = (file: string) => fs.readFileSync(path.join(EXERCISE_DIR, file), "utf8");
const EXERCISE_ID = (parse(read("exercise.yaml")) as { id: string }).id;
const SOLUTION = read("solution.py");
const PASSWORD = "a long enough passphrase";
const RUN = randomBytes(3).toString("hex");
const SLOW = { timeout: 150_000 };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A context with instant scrolling, so "is it in view" is asked of where the page ends up. */
async function newPage(viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
  return { context, page: await context.newPage() };
}

/** The element's top edge is in view with room below it to read something (-0.01: sub-pixel layout). */
async function expectTopInView(page: Page, selector: string) {
  const at = await page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top / window.innerHeight);
  expect(at).toBeGreaterThanOrEqual(-0.01);
  expect(at).toBeLessThanOrEqual(0.9);
}

async function replaceCode(page: Page, code: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

async function learner(label: string) {
  const email = `newcomer-${label}-${RUN}@example.com`;
  const user = await createUser("LEARNER", email, PASSWORD, `Nora ${label}`);
  return { email, user };
}

test("1. sign-out stays on the server's own address (the test server's port is not 3000)", async () => {
  expect(new URL(state().url).port).not.toBe("3000");
  const { email } = await learner("signout");
  const { context, page } = await newPage();
  try {
    await signIn(page, email, PASSWORD);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("who").getByRole("link", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(state().url).origin);
  } finally {
    await context.close();
  }
});

test("2. an invitation link survives creating an account, and joining says so", async () => {
  const db = e2eDb();
  const joinCode = generateJoinCode();
  const cohortName = `Tuesday group ${RUN}`;
  try {
    const instructor = await createUser("INSTRUCTOR", `inviter-${RUN}@example.com`, PASSWORD, "Iris Inviter");
    await db.cohort.create({ data: { name: cohortName, joinCode, ownerId: instructor.id } });
  } finally {
    await db.$disconnect();
  }
  const { context, page } = await newPage();
  try {
    await page.goto(`${state().url}/join/${joinCode}`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByRole("heading", { name: "Create an account" }).waitFor();
    await page.getByLabel("Name").fill("Newt Newcomer");
    await page.getByLabel("Email").fill(`invited-${RUN}@example.com`);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    // Back at the invitation, signed in.
    await page.getByRole("heading", { name: `Join ${cohortName}` }).waitFor();
    await page.getByRole("button", { name: `Join ${cohortName}` }).click();
    const joined = page.getByTestId("joined-cohort");
    await joined.waitFor();
    expect(await joined.innerText()).toContain(cohortName);
    // The confirmation is not a message anyone can put in a link: another cohort id shows nothing.
    await page.goto(`${state().url}/learn?joined=not-my-cohort`);
    await page.getByRole("heading", { name: "The course" }).waitFor();
    expect(await page.getByTestId("joined-cohort").count()).toBe(0);
  } finally {
    await context.close();
  }
});

describe("3, 5, 6, 7, 10 on one exercise at 1280×800", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const { email } = await learner("desk");
    ({ context, page } = await newPage());
    await signIn(page, email, PASSWORD);
    await page.goto(`${state().url}/exercises/${EXERCISE_ID}`);
    await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
  }, 200_000);
  afterAll(async () => {
    await context?.close();
  });

  test("3. after Check or Ctrl+Enter the result is in view", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.locator('[data-testid="run-result"]').waitFor(SLOW);
    await expectTopInView(page, ".results");

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator('[data-testid="check-result"]').waitFor(SLOW);
    await expectTopInView(page, ".results");
  }, 200_000);

  test("5. a result for earlier code says so, next to the server's verdict on newer code; 6. a pass offers the next exercise", async () => {
    // The browser's check above failed on the starter; now the learner fixes the code.
    expect(await page.locator('[data-testid="check-result"]').getAttribute("data-status")).toBe("failed");
    await replaceCode(page, SOLUTION);
    await page.getByTestId("output-stale").waitFor();
    await page.getByRole("button", { name: "Submit" }).click();
    const verdict = page.locator('[data-testid="server-verdict"][data-verdict="PASSED"]');
    await verdict.waitFor(SLOW);
    expect(await page.getByTestId("server-verdict-code").innerText()).toContain(
      "The browser check above was for other code.",
    );
    const next = page.getByTestId("next-exercise-after-pass");
    await next.waitFor();
    expect(await next.getAttribute("href")).toMatch(/^\/exercises\//);
    expect(await next.getAttribute("href")).not.toContain(EXERCISE_ID);
    // The server part re-renders: the header offers it too.
    await page.getByTestId("next-exercise").waitFor(SLOW);
    await screenshot(page, "newcomer-next-exercise");
  }, 200_000);

  test("7. the reference solution uses the full width; the task stays beside the code while scrolling", async () => {
    await page.getByRole("button", { name: "View reference solution" }).click();
    const compare = page.getByTestId("solution-compare");
    await compare.waitFor();
    const layout = await page.locator(".exercise-layout").boundingBox();
    const wide = await compare.boundingBox();
    expect(wide!.width).toBeGreaterThan(layout!.width * 0.9);
    // Nothing lies over it (the task column sticks only beside the editor).
    await compare.scrollIntoViewIfNeeded();
    const uncovered = await compare.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(box.left + 10, box.top + 10));
    });
    expect(uncovered).toBe(true);
    // Every line of both programs fits: nothing is cut off mid-line.
    const cut = await compare
      .locator("pre")
      .evaluateAll((pres) => pres.filter((p) => p.scrollWidth > p.clientWidth + 1).length);
    expect(cut).toBe(0);

    // Scrolled down to the last panel beside the task (the hints), the task is still in view.
    await page.locator(".side-panel").evaluate((el) => el.scrollIntoView({ block: "end" }));
    const prompt = await page.locator(".exercise-layout > .prompt").evaluate((el) => el.getBoundingClientRect());
    expect(prompt.bottom).toBeGreaterThan(0);
    expect(prompt.top).toBeLessThan(800);
    await screenshot(page, "newcomer-wide-solution");
  });

  test("10. restoring from the history brings the editor into view", async () => {
    const history = page.getByRole("list", { name: "Your submissions, newest first" });
    const item = history.getByTestId("history-item").first();
    await item.scrollIntoViewIfNeeded();
    await item.getByRole("button", { name: /^Open/ }).click();
    await item.getByRole("button", { name: "Restore this code into the editor" }).click();
    await expectTopInView(page, ".editor-pane");
  });
});

test("4. an approved pass overridden to failed: no 'Reviewed', the learner reads the reason, the grade is not a pass", async () => {
  const { email, user } = await learner("override");
  const db = e2eDb();
  try {
    const instructor = await createUser("INSTRUCTOR", `overrider-${RUN}@example.com`, PASSWORD, "Otto Override");
    await db.cohort.create({
      data: {
        name: `Override group ${RUN}`,
        joinCode: generateJoinCode(),
        ownerId: instructor.id,
        members: { create: { userId: user.id } },
      },
    });
    const exercise = await db.exercise.findUniqueOrThrow({ where: { id: EXERCISE_ID } });
    const submission = await db.submission.create({
      data: {
        userId: user.id,
        exerciseId: EXERCISE_ID,
        exerciseHash: exercise.contentHash,
        code: SOLUTION,
        state: "DONE",
        verdict: "PASSED",
        verifiedAt: new Date(),
      },
    });
    await recomputeProgress(db, user.id, EXERCISE_ID);
    const actor = { id: instructor.id, email: instructor.email, name: instructor.name, role: instructor.role };
    await giveFeedback(db, actor, submission.id, { body: "Nice work.", status: "APPROVED" });
    expect((await db.progress.findFirstOrThrow({ where: { userId: user.id } })).state).toBe("REVIEWED");
    await overrideGrade(db, actor, submission.id, { verdict: "FAILED", reason: "The copy keeps every basket alive." });
    const progress = await db.progress.findFirstOrThrow({ where: { userId: user.id } });
    expect({ state: progress.state, firstPassedAt: progress.firstPassedAt }).toEqual({
      state: "ATTEMPTED",
      firstPassedAt: null,
    });
  } finally {
    await db.$disconnect();
  }
  const { context, page } = await newPage();
  try {
    await signIn(page, email, PASSWORD);
    // Told on every page: the approval's feedback and the grade change are both new.
    await page.goto(`${state().url}/learn`);
    expect(await page.getByTestId("unread-badge").innerText()).toMatch(/^2\b/);
    await page.goto(`${state().url}/exercises/${EXERCISE_ID}`);
    const badge = page.getByTestId("progress-state");
    await badge.waitFor();
    expect(await badge.innerText()).not.toMatch(/Reviewed|Passed/);
    expect(await page.getByTestId("grade-override").innerText()).toMatch(
      /Otto Override set your grade on this exercise to failed: The copy keeps every basket alive\./,
    );
    expect(await page.getByTestId("next-exercise").count()).toBe(0);
    // Seen there (both the feedback and the grade change): the badge is gone, the progress page keeps the record.
    await page.goto(`${state().url}/progress`);
    expect(await page.getByTestId("unread-badge").count()).toBe(0);
    expect(await page.getByTestId("grade-changes").innerText()).toContain("The copy keeps every basket alive.");
  } finally {
    await context.close();
  }
}, 120_000);

test("8. an admin resets a password: the new one signs in, the old one does not; the role dropdown keeps its value", async () => {
  const admin = `admin-${RUN}@example.com`;
  await createUser("ADMIN", admin, PASSWORD, "Ada Admin");
  const { email } = await learner("reset");
  const { context, page } = await newPage();
  let fresh = "";
  try {
    await signIn(page, admin, PASSWORD);
    await page.goto(`${state().url}/admin/users`);
    const row = page.getByRole("row").filter({ hasText: email });
    await row.getByRole("button", { name: /Reset password of/ }).click();
    fresh = (await row.getByTestId("new-password").innerText()).trim();
    expect(fresh.length).toBeGreaterThanOrEqual(10);

    await row.getByLabel(/Role of/).selectOption("INSTRUCTOR");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByText("Role changed to instructor.").waitFor();
    expect(await row.getByLabel(/Role of/).inputValue()).toBe("INSTRUCTOR");
  } finally {
    await context.close();
  }
  // Saved on the account: a new browser profile gets it.
  const other = await newPage();
  try {
    await other.page.goto(`${state().url}/signin`);
    await other.page.getByLabel("Email").fill(email);
    await other.page.getByLabel("Password").fill(PASSWORD);
    await other.page.getByRole("button", { name: "Sign in" }).click();
    await other.page.getByRole("alert").getByText("Wrong email or password.").waitFor();
    await signIn(other.page, email, fresh);
  } finally {
    await other.context.close();
  }
});

test("9. at 390 px the header fits: Sign out is on screen and nothing scrolls sideways", async () => {
  const { email } = await learner("phone");
  const { context, page } = await newPage(PHONE);
  try {
    await page.goto(`${state().url}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const signOut = page.getByRole("button", { name: "Sign out" });
    await signOut.waitFor();
    for (const url of ["/", "/learn", `/exercises/${EXERCISE_ID}`]) {
      await page.goto(`${state().url}${url}`);
      const box = await signOut.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    await screenshot(page, "newcomer-phone-header");
  } finally {
    await context.close();
  }
}, 120_000);

test("smaller: a skip link comes first; an oversized paste is refused in words a person reads", async () => {
  const { email } = await learner("small");
  const { context, page } = await newPage();
  try {
    await page.goto(`${state().url}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");

    await signIn(page, email, PASSWORD);
    const res = await page.request.put(`${state().url}/api/exercises/${EXERCISE_ID}/draft`, {
      data: { code: "x = 1\n".repeat(200_000) },
    });
    expect(res.status()).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/limit \d+ KB/);
  } finally {
    await context.close();
  }
});

test("a lesson's examples run in place, and print what the lesson says they print", async () => {
  const lesson = fs.readFileSync(
    path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "lesson.md"),
    "utf8",
  );
  const [example] = extractExamples(lesson);
  const { email } = await learner("lesson");
  const { context, page } = await newPage();
  try {
    await signIn(page, email, PASSWORD);
    // A full load, as from a link: the lesson page is cross-origin isolated, so Stop keeps the interpreter.
    await page.goto(`${state().url}/learn/cycles`);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    const first = page.getByTestId("runnable-code").first();
    expect(await first.locator("pre").innerText()).toContain(example.code.split("\n")[0]);
    await first.getByRole("button", { name: "Run this example" }).click();
    const result = first.getByTestId("run-result");
    await result.waitFor(SLOW);
    expect(await result.getAttribute("data-status")).toBe("ok");
    expect((await first.getByTestId("stdout").innerText()).trim()).toBe(example.expected.trim());
    await screenshot(page, "newcomer-lesson-run");
  } finally {
    await context.close();
  }
}, 200_000);

test("the editor's text size is kept on the learner's account", async () => {
  const { email } = await learner("fontsize");
  const { context, page } = await newPage();
  let chosen = "";
  try {
    await signIn(page, email, PASSWORD);
    await page.goto(`${state().url}/exercises/${EXERCISE_ID}`);
    const size = page.getByTestId("editor-font-size");
    const before = Number.parseInt(await size.innerText(), 10);
    chosen = `${before + 2} px`;
    const saved = page.waitForResponse(
      (r) => r.url().endsWith("/api/me/preferences") && r.request().postData() === `{"editorFontSize":${before + 2}}`,
    );
    await page.getByRole("button", { name: "Larger code text" }).click();
    await page.getByRole("button", { name: "Larger code text" }).click();
    await size.getByText(`${before + 2} px`).waitFor();
    expect((await saved).ok()).toBe(true);
    const rendered = () => page.locator(".cm-content").evaluate((el) => getComputedStyle(el).fontSize);
    expect(await rendered()).toBe(`${before + 2}px`);
  } finally {
    await context.close();
  }
  const other = await newPage();
  try {
    await signIn(other.page, email, PASSWORD);
    await other.page.goto(`${state().url}/exercises/${EXERCISE_ID}`);
    expect(await other.page.getByTestId("editor-font-size").innerText()).toBe(chosen);
  } finally {
    await other.context.close();
  }
});

test("deadlines: an instructor sets a section's due date; the learner sees it; a later submission is flagged late", async () => {
  const { email, user } = await learner("deadline");
  const instructorEmail = `deadliner-${RUN}@example.com`;
  const instructor = await createUser("INSTRUCTOR", instructorEmail, PASSWORD, "Dee Deadline");
  const db = e2eDb();
  let cohortId = "";
  try {
    const cohort = await db.cohort.create({
      data: {
        name: `Deadline group ${RUN}`,
        joinCode: generateJoinCode(),
        ownerId: instructor.id,
        members: { create: { userId: user.id } },
      },
    });
    cohortId = cohort.id;
    const exercise = await db.exercise.findUniqueOrThrow({ where: { id: EXERCISE_ID } });
    await db.submission.create({
      data: {
        userId: user.id,
        exerciseId: EXERCISE_ID,
        exerciseHash: exercise.contentHash,
        code: SOLUTION,
        state: "DONE",
        verdict: "PASSED",
        createdAt: new Date("2026-01-02T09:00:00Z"),
        verifiedAt: new Date("2026-01-02T09:00:01Z"),
      },
    });
  } finally {
    await db.$disconnect();
  }
  const teacher = await newPage();
  try {
    await signIn(teacher.page, instructorEmail, PASSWORD);
    await teacher.page.goto(`${state().url}/instructor/cohorts/${cohortId}`);
    await teacher.page.getByLabel("Due date for Memory allocation (UTC)").fill("2026-01-01T12:00");
    await teacher.page.getByRole("button", { name: "Save due dates" }).click();
    await teacher.page.getByText("Due dates saved.").waitFor();
    await teacher.page.goto(`${state().url}/instructor/cohorts/${cohortId}/dashboard/learners/${user.id}`);
    await teacher.page.getByTestId("timeline-table").getByTestId("late").first().waitFor();
  } finally {
    await teacher.context.close();
  }
  const { context, page } = await newPage();
  try {
    await signIn(page, email, PASSWORD);
    await page.goto(`${state().url}/learn`);
    expect(await page.getByTestId("due-date").first().innerText()).toBe("Was due Jan 1, 2026, 12:00 PM UTC");
  } finally {
    await context.close();
  }
});

test("trying before signing up: a guest checks code in the browser; Submit asks for an account and the code comes along", async () => {
  const { context, page } = await newPage();
  const email = `guest-${RUN}@example.com`;
  try {
    await page.goto(`${state().url}/learn`);
    await page.getByTestId("guest-notice").waitFor();
    await page.goto(`${state().url}/exercises/${EXERCISE_ID}`);
    await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator('[data-testid="check-result"][data-status="failed"]').waitFor(SLOW);

    await replaceCode(page, SOLUTION);
    await page
      .getByTestId("draft-status")
      .getByText(/Kept in this browser/)
      .waitFor();
    await page.getByRole("button", { name: "Submit" }).click();
    const ask = page.getByTestId("guest-submit");
    await ask.waitFor();
    await ask.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Gus Guest");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();

    // Back on the exercise, signed in, with the code from before: now the account's draft.
    await page.getByTestId("draft-moved").waitFor(SLOW);
    expect(await page.locator(".cm-content").innerText()).toContain(SOLUTION.trim().split("\n")[0]);
    await page
      .getByTestId("draft-status")
      .getByText(/Draft saved/)
      .waitFor(SLOW);
  } finally {
    await context.close();
  }
  const db = e2eDb();
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const draft = await db.draft.findUniqueOrThrow({
      where: { userId_exerciseId: { userId: user.id, exerciseId: EXERCISE_ID } },
    });
    expect(draft.code.trim()).toBe(SOLUTION.trim());
  } finally {
    await db.$disconnect();
  }
}, 200_000);
