/**
 * Cohorts in a real browser against the production server: an instructor
 * creates a cohort and reads its join link; a learner who is not signed in
 * opens the link, is sent to sign in and back, and joins; the instructor then
 * sees the learner in the member list, and opens only one section to the
 * cohort: the learner is refused an exercise of another. A made-up code gets
 * a clear message.
 */
import type { Browser } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";

/** An exercise of the "cycles" section, which the cohort below closes. */
const CYCLES_EXERCISE_ID = (
  parse(
    fs.readFileSync(
      path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent", "exercise.yaml"),
      "utf8",
    ),
  ) as { id: string }
).id;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await createUser("INSTRUCTOR", "grace@example.com", "cobol compiler 1959", "Grace Hopper");
  await createUser("LEARNER", "alan@example.com", "bombe at bletchley", "Alan Turing");
});
afterAll(async () => {
  await browser?.close();
});

test("an instructor creates a cohort, a learner joins by its link, the instructor sees them as a member", async () => {
  const instructor = await (await browser.newContext()).newPage();
  await signIn(instructor, "grace@example.com", "cobol compiler 1959");
  await instructor.goto(`${state().url}/instructor`);
  await instructor.getByRole("link", { name: "Cohorts" }).first().click();
  await instructor.getByRole("heading", { level: 1, name: "Cohorts" }).waitFor();
  await instructor.getByText("No cohorts yet.").waitFor();

  await instructor.getByLabel("Cohort name").fill("Compilers 101");
  await instructor.getByRole("button", { name: "Create cohort" }).click();
  await instructor.getByRole("heading", { level: 1, name: "Compilers 101" }).waitFor();
  await instructor.getByText("Nobody has joined yet.").waitFor();
  const joinLink = instructor.getByLabel("Join link");
  await instructor.waitForFunction(() =>
    (document.querySelector("input[readonly]") as HTMLInputElement | null)?.value.startsWith("http"),
  );
  const link = await joinLink.inputValue();
  expect(link).toMatch(new RegExp(`^${state().url}/join/[A-Z2-7]{10}$`));
  await screenshot(instructor, "cohort-created");

  // The learner is not signed in: the link leads to sign-in and back to the join page.
  const learner = await (await browser.newContext()).newPage();
  await learner.goto(link);
  await learner.waitForURL(/\/signin\?callbackUrl=/);
  await learner.getByLabel("Email").fill("alan@example.com");
  await learner.getByLabel("Password").fill("bombe at bletchley");
  await learner.getByRole("button", { name: "Sign in" }).click();
  await learner.getByRole("heading", { level: 1, name: "Join Compilers 101" }).waitFor();
  await learner.getByText("Grace Hopper invites you").waitFor();
  await screenshot(learner, "cohort-join");
  await learner.getByRole("button", { name: "Join Compilers 101" }).click();
  await learner.waitForURL(/\/learn/);

  // Opening the link again says so instead of offering to join twice.
  await learner.goto(link);
  await learner.getByRole("status").getByText("You are a member of Compilers 101.").waitFor();

  await instructor.reload();
  const members = instructor.getByRole("table", { name: /Members/ });
  await members.getByRole("cell", { name: "Alan Turing" }).waitFor();
  expect(await members.getByRole("cell", { name: "alan@example.com" }).count()).toBe(1);
  await instructor.getByRole("heading", { name: "Members (1)" }).waitFor();
  await screenshot(instructor, "cohort-members");

  // Open only the first section; the solution stays hidden after a pass.
  await instructor.getByLabel("Open only the sections checked below").check();
  for (const title of [
    "Memory deallocation",
    "Reference counting",
    "Cyclic references and the gc module",
    "Best practices",
  ]) {
    await instructor.getByRole("checkbox", { name: title }).uncheck();
  }
  await instructor.getByLabel("Show the model solution to a learner after they pass").uncheck();
  await instructor.getByRole("button", { name: "Save settings" }).click();
  await instructor.getByRole("status").getByText("Settings saved.").waitFor();
  const db = e2eDb();
  try {
    const stored = await db.cohort.findFirstOrThrow({ where: { name: "Compilers 101" } });
    expect(stored.openSections).toEqual(["allocation"]);
    expect(stored.showSolutionAfterPass).toBe(false);
  } finally {
    await db.$disconnect();
  }
  await instructor.reload();
  expect(await instructor.getByRole("checkbox", { name: "Memory allocation" }).isChecked()).toBe(true);
  expect(await instructor.getByRole("checkbox", { name: "Best practices" }).isChecked()).toBe(false);

  await learner.goto(`${state().url}/exercises/${CYCLES_EXERCISE_ID}`);
  await learner.getByRole("heading", { level: 1, name: "Not open yet" }).waitFor();
  await learner.getByText("This section is closed by your instructor.").waitFor();
  await learner.goto(`${state().url}/learn`);
  const cycles = learner
    .getByRole("listitem")
    .filter({ has: learner.getByRole("heading", { name: /Cyclic references/ }) });
  await cycles.getByTestId("section-closed").waitFor();

  await instructor.context().close();
  await learner.context().close();
});

test("a made-up join code gets a clear message", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "alan@example.com", "bombe at bletchley");
  await page.goto(`${state().url}/join/AAAAAAAAAA`);
  await page.getByRole("alert").getByText("This join link is not valid.", { exact: false }).waitFor();
  await page.context().close();
});
