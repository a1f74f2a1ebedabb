/**
 * The instructor dashboard in a real browser against the production server:
 * the numbers on the overview and per-exercise pages match activity arranged
 * in the database, the grades CSV downloads and parses (a name with a comma
 * and one in two scripts survive), and another instructor is refused both
 * the page and the download.
 */
import type { Browser } from "playwright-core";
import fs from "node:fs";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import { parseCsv } from "../integration/export/parse-csv";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

const PASSWORD = "dashboards for the win 2026";
let browser: Browser;
let cohortId: string;
let ex1: { id: string; title: string; sectionId: string };
let ex2: { id: string; title: string };
let sectionTitle: string;
let sectionSize: number;

async function submit(db: ReturnType<typeof e2eDb>, userId: string, exerciseId: string, at: Date, passed: boolean) {
  const tests = [
    {
      name: "test_visible.py::test_shape",
      status: "passed" as const,
      message: "",
      duration: 1,
      visibility: "visible" as const,
    },
    {
      name: "test_hidden.py::test_is_freed",
      status: passed ? ("passed" as const) : ("failed" as const),
      message: passed ? "" : "still alive",
      duration: 1,
      visibility: "hidden" as const,
    },
  ];
  await db.submission.create({
    data: {
      userId,
      exerciseId,
      code: "pass\n",
      createdAt: at,
      exerciseHash: "h",
      state: "DONE",
      verdict: passed ? "PASSED" : "FAILED",
      verifiedAt: at,
      durationMs: 300,
      result: {
        version: 1,
        kind: "check",
        status: passed ? "passed" : "failed",
        message: "",
        tests,
        traceback: null,
        duration: 2,
        stdout: "",
        stderr: "",
        truncated: false,
      },
      checks: { create: tests.map((t) => ({ name: t.name, status: t.status, visibility: t.visibility })) },
    },
  });
  await recomputeProgress(db, userId, exerciseId);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const teacher = await createUser("INSTRUCTOR", "dash-teacher@example.com", PASSWORD, "Dorothy Dashboard");
  await createUser("INSTRUCTOR", "dash-other@example.com", PASSWORD, "Other Teacher");
  const dana = await createUser("LEARNER", "dash-dana@example.com", PASSWORD, "Dana Scott");
  const smith = await createUser("LEARNER", "dash-smith@example.com", PASSWORD, "Smith, Jr.");
  const zoe = await createUser("LEARNER", "dash-zoe@example.com", PASSWORD, "Zoë 王芳");
  const db = e2eDb();
  try {
    const cohort = await createCohort(db, teacher, { name: "Dashboards 101" });
    cohortId = cohort.id;
    for (const u of [dana, smith, zoe]) await joinCohort(db, u, { code: cohort.joinCode });
    const course = await db.exercise.findMany({
      where: { archivedAt: null },
      orderBy: [{ section: { order: "asc" } }, { order: "asc" }],
      select: { id: true, title: true, sectionId: true, section: { select: { title: true } } },
    });
    [ex1, ex2] = course;
    sectionTitle = course[0].section.title;
    sectionSize = course.filter((e) => e.sectionId === ex1.sectionId).length;
    expect(course[1].sectionId).toBe(ex1.sectionId);
    const t = Date.now() - 3_600_000;
    // Dana: ex1 fails twice then passes (3 attempts); ex2 passes. Smith fails ex1. Zoë passes ex1 at once.
    await submit(db, dana.id, ex1.id, new Date(t), false);
    await submit(db, dana.id, ex1.id, new Date(t + 60_000), false);
    await submit(db, dana.id, ex1.id, new Date(t + 120_000), true);
    await submit(db, dana.id, ex2.id, new Date(t + 180_000), true);
    await submit(db, smith.id, ex1.id, new Date(t + 200_000), false);
    await submit(db, zoe.id, ex1.id, new Date(t + 240_000), true);
  } finally {
    await db.$disconnect();
  }
});
afterAll(async () => {
  await browser?.close();
});

test("the dashboard's numbers match the seeded activity, and the grades CSV downloads and parses", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, "dash-teacher@example.com", PASSWORD);
  await page.goto(`${state().url}/instructor/cohorts/${cohortId}`);
  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Dashboard: Dashboards 101" }).waitFor();

  expect(await page.getByTestId("figure-learners").innerText()).toBe("3");
  expect(await page.getByTestId("figure-submissions").innerText()).toBe("6");
  // Section of ex1 and ex2: Dana passed 2, Zoë 1 → 3 of 3 × sectionSize pairs.
  const completion = page.getByTestId("completion-table").getByRole("row", { name: new RegExp(sectionTitle) });
  const cells = await completion.getByRole("cell").allInnerTexts();
  expect(cells).toEqual([
    String(sectionSize),
    `3 of ${3 * sectionSize}`,
    `${Math.round((3 / (3 * sectionSize)) * 100)}%`,
    sectionSize === 2 ? "1" : "0",
  ]);
  // The heat map is an image with a text alternative; its table lists the states.
  const heat = page.getByRole("img", { name: /Progress of each learner on each exercise: 3 learners/ });
  await heat.waitFor();
  expect(await heat.getAttribute("aria-label")).toContain("3 passed,");
  await page.getByText("The grid as a table").click();
  const danaRow = page.getByTestId("grid-table").getByRole("row", { name: /Dana Scott/ });
  expect((await danaRow.getByRole("cell").allTextContents()).slice(0, 2)).toEqual(["Passed (3)", "Passed (1)"]);
  await screenshot(page, "dashboard-overview");

  // The per-exercise page: 2 of 3 who tried passed; median attempts of 3 and 1 is 2; the hidden check is the misconception.
  await page.getByRole("link", { name: `1. ${ex1.title}` }).click();
  await page.getByTestId("exercise-figures").waitFor();
  expect(await page.getByTestId("figure-pass-rate").innerText()).toBe("67%");
  expect(await page.getByTestId("figure-median-attempts").innerText()).toBe("2");
  const stuck = page.getByTestId("misconceptions-table").getByRole("row", { name: /test_is_freed/ });
  expect(await stuck.getByRole("cell").allInnerTexts()).toEqual(["hidden", "3", "2", "1"]);
  await screenshot(page, "dashboard-exercise");

  // The grades CSV, downloaded through the link.
  await page.goto(`${state().url}/instructor/cohorts/${cohortId}/dashboard`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "grades", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^leakless-dashboards-101-grades-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(rows).toHaveLength(4);
  const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
  expect([...byName.keys()].sort()).toEqual(["Dana Scott", "Smith, Jr.", "Zoë 王芳"]);
  const header = rows[0];
  const col = (e: { title: string }) => header.findIndex((h) => h.endsWith(`/ ${e.title}`));
  expect(byName.get("Dana Scott")![col(ex1)]).toBe("PASSED");
  expect(byName.get("Dana Scott")![col(ex2)]).toBe("PASSED");
  expect(byName.get("Smith, Jr.")![col(ex1)]).toBe("ATTEMPTED");
  expect(byName.get("Zoë 王芳")!.at(-4)).toBe("1");
  await context.close();
});

test("another instructor gets a 404 for the dashboard and the exports", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "dash-other@example.com", PASSWORD);
  const res = await page.goto(`${state().url}/instructor/cohorts/${cohortId}/dashboard`);
  expect(res?.status()).toBe(404);
  const csv = await page.request.get(`${state().url}/api/cohorts/${cohortId}/export/submissions`);
  expect(csv.status()).toBe(404);
  await context.close();
});
