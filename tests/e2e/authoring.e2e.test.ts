/**
 * Instructor tools in a real browser against the production server:
 * - the authoring preview: from the nav to an exercise, its solution and
 *   hidden checks on show, "Run solution against all checks" in the browser
 *   worker with every check (hidden ones included) passing — and a learner
 *   refused;
 * - a feedback snippet saved once and inserted into a review comment with one click;
 * - a regrade: a verdict given by older checks is shown as stale, the regrade
 *   runs on the server's real verifier, its progress reaches 1 of 1 and the
 *   changed verdict is listed with a link to the submission.
 */
import type { Browser } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");
const EXERCISE_ID = (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string }).id;
const STARTER = fs.readFileSync(path.join(EXERCISE_DIR, "starter.py"), "utf8");

const TEACHER = { email: "frances.allen@example.com", password: "optimizing compilers 1966", name: "Frances Allen" };
const LEARNER = { email: "dennis.r@example.com", password: "c language 1972 bell", name: "Dennis Ritchie" };

let browser: Browser;
let submissionId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const teacher = await createUser("INSTRUCTOR", TEACHER.email, TEACHER.password, TEACHER.name);
  const learner = await createUser("LEARNER", LEARNER.email, LEARNER.password, LEARNER.name);
  const db = e2eDb();
  try {
    const cohort = await createCohort(db, teacher, { name: "Compilers" });
    await joinCohort(db, learner, { code: cohort.joinCode });
    // The starter, judged PASSED by an older version of the checks (another content hash):
    // the current checks fail it, which the regrade must find.
    const submission = await db.submission.create({
      data: {
        userId: learner.id,
        exerciseId: EXERCISE_ID,
        code: STARTER,
        exerciseHash: "an-older-content-hash",
        state: "DONE",
        verdict: "PASSED",
        verifiedAt: new Date(),
      },
    });
    submissionId = submission.id;
  } finally {
    await db.$disconnect();
  }
});

afterAll(async () => {
  await browser?.close();
});

test("an instructor previews an exercise, sees its solution and hidden checks, and runs the solution against all checks", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, TEACHER.email, TEACHER.password);
  await page.goto(`${state().url}/instructor/cohorts`);
  await page.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "Exercises" }).click();
  await page.getByRole("heading", { level: 1, name: "Exercises" }).waitFor();
  await page.getByRole("link", { name: "Break the parent cycle" }).click();
  await page.waitForURL(new RegExp(`/instructor/exercises/${EXERCISE_ID}$`));
  await page.getByRole("heading", { level: 1, name: "Break the parent cycle" }).waitFor();

  // The solution and the hidden checks, which learners never see before passing.
  const solution = fs.readFileSync(path.join(EXERCISE_DIR, "solution.py"), "utf8");
  const firstSolutionLine = solution.split("\n").find((l) => l.trim().length > 0)!;
  await page
    .getByRole("table", { name: "solution.py" })
    .getByText(firstSolutionLine.trim(), { exact: false })
    .first()
    .waitFor();
  await page.getByTestId("check-file-hidden").first().waitFor();
  expect(await page.getByTestId("check-file-hidden").count()).toBeGreaterThan(0);

  await page.getByTestId("runner-status").and(page.locator('[data-state="ready"]')).waitFor({ timeout: 90_000 });
  await page.getByRole("button", { name: "Run solution against all checks" }).click();
  const result = page.getByTestId("authoring-result");
  const rows = result.getByTestId("review-checks").locator("tbody tr");
  await rows.first().waitFor({ timeout: 60_000 });
  expect(await result.innerText()).toContain("Run status: passed");
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")),
  );
  // Every check passed, hidden ones included (columns: check, visibility, status, message).
  expect(cells.length).toBeGreaterThan(1);
  expect(cells.every((c) => c[2] === "passed")).toBe(true);
  expect(cells.some((c) => c[1] === "hidden")).toBe(true);
  await screenshot(page, "authoring-solution-passes");

  // Nothing was saved as the instructor.
  const db = e2eDb();
  try {
    const teacher = await db.user.findUniqueOrThrow({ where: { email: TEACHER.email } });
    expect(await db.submission.count({ where: { userId: teacher.id } })).toBe(0);
    expect(await db.draft.count({ where: { userId: teacher.id } })).toBe(0);
  } finally {
    await db.$disconnect();
  }
});

test("a learner is refused the authoring and regrade pages (403) and sees no solution", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, LEARNER.email, LEARNER.password);
  for (const url of [
    `/instructor/exercises/${EXERCISE_ID}`,
    "/instructor/exercises",
    "/instructor/regrade",
    `/instructor/regrade/exercises/${EXERCISE_ID}`,
    "/instructor/review/snippets",
  ]) {
    const response = await page.goto(`${state().url}${url}`);
    expect([url, response?.status()]).toEqual([url, 403]);
    expect(await page.content()).not.toContain("Reference solution");
  }
});

test("a saved snippet goes into a review comment with one click", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, TEACHER.email, TEACHER.password);
  await page.goto(`${state().url}/instructor/review/snippets`);
  await page.getByLabel("Title").fill("Strong parent link");
  await page.getByLabel("Text (Markdown)").fill("The child's `parent` is a strong reference: use `weakref.ref`.");
  await page.getByRole("button", { name: "Save snippet" }).click();
  await page.getByRole("status").getByText("saved").waitFor();

  await page.goto(`${state().url}/instructor/review/submissions/${submissionId}`);
  const comment = page.getByLabel("Comment (Markdown)");
  await comment.fill("Close.");
  await page.getByRole("button", { name: "Strong parent link" }).click();
  expect(await comment.inputValue()).toBe("Close.\n\nThe child's `parent` is a strong reference: use `weakref.ref`.");
});

test("a regrade re-verifies a verdict given by older checks on the server and lists the change", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, TEACHER.email, TEACHER.password);
  await page.goto(`${state().url}/instructor/regrade/exercises/${EXERCISE_ID}`);
  expect(await page.getByTestId("stale-count").innerText()).toBe("1");
  await page.getByRole("button", { name: "Regrade the latest submissions" }).click();
  await page.waitForURL(/\/instructor\/regrade\/jobs\/[^/]+$/);
  // The page refreshes itself while the job runs.
  await page.getByTestId("regrade-progress").getByText("1 of 1 re-verified").waitFor({ timeout: 120_000 });
  const row = page.getByRole("row").filter({ hasText: LEARNER.name });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/passed\s+failed/);
  await screenshot(page, "regrade-changed-verdict");
  await row.getByRole("link", { name: "Review" }).click();
  await page.waitForURL(new RegExp(`/instructor/review/submissions/${submissionId}$`));
  expect(await page.getByTestId("review-verdict").innerText()).toBe("failed");
});
