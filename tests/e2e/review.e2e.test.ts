/**
 * Submission review in a real browser against the production server: an
 * instructor goes from their cohort to its submission queue, opens a
 * learner's submission (hidden checks shown to them), leaves a line comment
 * and "needs revision"; the learner then sees the feedback with the line
 * number on the exercise page, and it counts as read.
 *
 * The learner's submission is arranged in the database (its verification is
 * covered by the submission tests); the review flow itself is all UI.
 */
import type { Browser } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

const EXERCISE_ID = (
  parse(
    fs.readFileSync(
      path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent", "exercise.yaml"),
      "utf8",
    ),
  ) as { id: string }
).id;

const CODE = "class Node:\n    def __init__(self):\n        self.parent = None\n";

let browser: Browser;
let cohortId: string;
let submissionId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const teacher = await createUser("INSTRUCTOR", "barbara@example.com", "liskov substitution 1987", "Barbara Liskov");
  const learner = await createUser("LEARNER", "ken@example.com", "unix at bell labs", "Ken Thompson");
  const db = e2eDb();
  try {
    const cohort = await createCohort(db, teacher, { name: "Abstractions" });
    cohortId = cohort.id;
    await joinCohort(db, learner, { code: cohort.joinCode });
    const exercise = await db.exercise.findUniqueOrThrow({ where: { id: EXERCISE_ID }, select: { contentHash: true } });
    const submission = await db.submission.create({
      data: {
        userId: learner.id,
        exerciseId: EXERCISE_ID,
        code: CODE,
        exerciseHash: exercise.contentHash,
        state: "DONE",
        verdict: "FAILED",
        verifiedAt: new Date(),
        result: {
          version: 1,
          kind: "check",
          status: "failed",
          message: "",
          tests: [
            {
              name: "test_hidden.py::test_no_cycle",
              status: "failed",
              message: "the parent link still forms a cycle",
              duration: 2,
              visibility: "hidden",
            },
          ],
          traceback: null,
          duration: 5,
          stdout: "",
          stderr: "",
          truncated: false,
        },
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

test("an instructor leaves a line comment and 'needs revision'; the learner sees it on the exercise page", async () => {
  const instructor = await (await browser.newContext()).newPage();
  await signIn(instructor, "barbara@example.com", "liskov substitution 1987");
  await instructor.goto(`${state().url}/instructor/cohorts/${cohortId}`);
  await instructor.getByRole("link", { name: "Review submissions" }).click();
  await instructor.getByRole("heading", { level: 1, name: "Submissions in Abstractions" }).waitFor();
  const queue = instructor.getByTestId("review-queue");
  await queue.getByRole("cell", { name: "Ken Thompson" }).waitFor();
  await queue.getByRole("link").first().click();
  await instructor.waitForURL(new RegExp(`/instructor/review/submissions/${submissionId}$`));
  // The reviewer sees the hidden check and its message.
  await instructor.getByTestId("review-checks").getByText("the parent link still forms a cycle").waitFor();

  await instructor.getByLabel("Comment (Markdown)").fill("The **parent** link keeps the tree alive.");
  // A click on line 3 of the code starts the comment there, its text field focused.
  await instructor.getByRole("button", { name: "Comment on line 3" }).click();
  expect(await instructor.getByLabel("Line", { exact: true }).inputValue()).toBe("3");
  await instructor.keyboard.type("Use weakref.ref here.");
  expect(await instructor.getByLabel("Comment on that line").inputValue()).toBe("Use weakref.ref here.");
  await instructor.getByLabel("Needs revision").check();
  await instructor.getByRole("button", { name: "Send feedback" }).click();
  await instructor.getByRole("status").getByText("Feedback sent to the learner.").waitFor();
  await screenshot(instructor, "review-feedback-sent");

  const learner = await (await browser.newContext()).newPage();
  await signIn(learner, "ken@example.com", "unix at bell labs");
  // The header says there is something new, on any page.
  expect(await learner.getByTestId("unread-badge").innerText()).toMatch(/^1\b/);
  await learner.goto(`${state().url}/exercises/${EXERCISE_ID}`);
  const feedback = learner.getByTestId("feedback-list");
  await feedback.getByText("Needs revision").waitFor();
  await feedback.locator("strong", { hasText: "parent" }).waitFor();
  // Inline, under line 3 of the learner's own code.
  expect(await feedback.locator('tr[data-line="3"] + tr[data-testid="line-comment"]').innerText()).toContain(
    "Use weakref.ref here.",
  );
  await screenshot(learner, "review-feedback-seen");

  // Seen once: the progress page's unread badge is clear.
  await learner.goto(`${state().url}/progress`);
  expect(await learner.getByTestId("unread-feedback").innerText()).toBe("0 unread");
  expect(await learner.getByTestId("unread-badge").count()).toBe(0);

  const db = e2eDb();
  try {
    const stored = await db.feedback.findFirstOrThrow({ where: { submissionId }, include: { lineComments: true } });
    expect(stored.status).toBe("NEEDS_REVISION");
    expect(stored.readAt).not.toBeNull();
    expect(stored.lineComments).toEqual([expect.objectContaining({ line: 3, body: "Use weakref.ref here." })]);
  } finally {
    await db.$disconnect();
  }
});
