/**
 * axe-core (the engine behind most accessibility checkers) on every kind of
 * page, as each role sees it, in the light and the dark theme
 * (`prefers-color-scheme`), at 1280×800 and 390×844: no violations.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parse } from "yaml";
import type { Browser, Page } from "playwright-core";
import { generateJoinCode } from "@/lib/cohorts/join-code";
import { createUser, e2eDb, launchBrowser, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "01-allocation", "shared-default-argument");
const EXERCISE_ID = (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string }).id;
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PASSWORD = "a long enough passphrase";
const RUN = randomBytes(3).toString("hex");

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

let browser: Browser;
let cohortId = "";
let joinCode = "";
let learnerId = "";
let submissionId = "";
const users = {
  learner: `a11y-learner-${RUN}@example.com`,
  instructor: `a11y-instructor-${RUN}@example.com`,
  admin: `a11y-admin-${RUN}@example.com`,
};

beforeAll(async () => {
  browser = await launchBrowser();
  const learner = await createUser("LEARNER", users.learner, PASSWORD, "Ally Learner");
  const instructor = await createUser("INSTRUCTOR", users.instructor, PASSWORD, "Ally Instructor");
  await createUser("ADMIN", users.admin, PASSWORD, "Ally Admin");
  const db = e2eDb();
  try {
    const cohort = await db.cohort.create({
      data: {
        name: `Accessible cohort ${RUN}`,
        joinCode: generateJoinCode(),
        ownerId: instructor.id,
        members: { create: { userId: learner.id } },
      },
    });
    cohortId = cohort.id;
    learnerId = learner.id;
    // A cohort the learner may join (the join page), and a submission to review.
    joinCode = (
      await db.cohort.create({
        data: { name: `Other cohort ${RUN}`, joinCode: generateJoinCode(), ownerId: instructor.id },
      })
    ).joinCode;
    const exercise = await db.exercise.findUniqueOrThrow({ where: { id: EXERCISE_ID } });
    submissionId = (
      await db.submission.create({
        data: {
          userId: learner.id,
          exerciseId: EXERCISE_ID,
          exerciseHash: exercise.contentHash,
          code: exercise.starter,
          state: "DONE",
          verdict: "FAILED",
          verifiedAt: new Date(),
        },
      })
    ).id;
  } finally {
    await db.$disconnect();
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const PAGES: Array<{ who: keyof typeof users | null; paths: () => string[] }> = [
  { who: null, paths: () => ["/", "/signin", "/signup", "/learn", "/learn/cycles", `/exercises/${EXERCISE_ID}`] },
  {
    who: "learner",
    paths: () => ["/", "/learn", "/learn/cycles", `/exercises/${EXERCISE_ID}`, "/progress", `/join/${joinCode}`],
  },
  {
    who: "instructor",
    paths: () => [
      "/instructor",
      "/instructor/cohorts",
      "/instructor/exercises",
      `/instructor/exercises/${EXERCISE_ID}`,
      `/instructor/cohorts/${cohortId}`,
      `/instructor/cohorts/${cohortId}/dashboard`,
      `/instructor/cohorts/${cohortId}/dashboard/exercises/${EXERCISE_ID}`,
      `/instructor/cohorts/${cohortId}/dashboard/learners/${learnerId}`,
      `/instructor/review/cohorts/${cohortId}`,
      `/instructor/review/submissions/${submissionId}`,
      "/instructor/review/snippets",
      "/instructor/regrade",
      `/instructor/regrade/exercises/${EXERCISE_ID}`,
    ],
  },
  { who: "admin", paths: () => ["/admin/users"] },
];

describe.each([
  ["light", { width: 1280, height: 800 }],
  ["dark", { width: 1280, height: 800 }],
  ["light", { width: 390, height: 844 }],
  ["dark", { width: 390, height: 844 }],
] as const)("%s theme at %o", (scheme, viewport) => {
  test.each(PAGES.map((p) => [p.who ?? "signed out", p] as const))(
    "%s: every page has no axe violations",
    async (_who, { who, paths }) => {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      try {
        const page = await context.newPage();
        if (who) await signIn(page, users[who], PASSWORD);
        const report: Record<string, string[]> = {};
        for (const url of paths()) {
          await page.goto(`${state().url}${url}`);
          await page.waitForLoadState("networkidle");
          const found = await violations(page);
          if (found.length > 0) report[url] = found;
        }
        expect(report).toEqual({});
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
