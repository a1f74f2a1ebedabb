/**
 * Accounts in a real browser against the production server: sign up, sign
 * out, sign in, and page protection by role (checked on the server).
 */
import type { Browser, Page } from "playwright-core";
import { createUser, launchBrowser, screenshot, signIn, state } from "./support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  const context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await page.context().close();
});

test("the landing page says what the course is and lists its sections", async () => {
  await page.goto(state().url);
  await page.getByRole("heading", { level: 1, name: /Python memory management/ }).waitFor();
  const outline = await page.locator(".outline > li").count();
  expect(outline).toBeGreaterThanOrEqual(5);
  await screenshot(page, "landing");
});

test("sign up, sign out, sign in again", async () => {
  await page.goto(`${state().url}/signup`);
  await page.getByLabel("Name").fill("Margaret Hamilton");
  await page.getByLabel("Email").fill("margaret@example.com");
  await page.getByLabel(/Password/).fill("apollo-guidance-computer");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("who").getByText("Margaret Hamilton").waitFor();
  expect(await page.getByTestId("who").innerText()).toContain("learner");
  await screenshot(page, "signed-up");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByTestId("who").getByRole("link", { name: "Sign in" }).waitFor();

  await signIn(page, "margaret@example.com", "apollo-guidance-computer");
  expect(await page.getByTestId("who").innerText()).toContain("Margaret Hamilton");
});

test("a wrong password is refused with a clear message", async () => {
  await createUser("LEARNER", "wrong-pass@example.com", "the right password");
  await page.goto(`${state().url}/signin`);
  await page.getByLabel("Email").fill("wrong-pass@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").getByText("Wrong email or password.").waitFor();
});

test("sign-up with a taken email or a short password shows the reason", async () => {
  await createUser("LEARNER", "taken@example.com", "some long password");
  await page.goto(`${state().url}/signup`);
  await page.getByLabel("Name").fill("Someone");
  await page.getByLabel("Email").fill("taken@example.com");
  await page.getByLabel(/Password/).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText("Password must be at least 10 characters.").waitFor();
  await page.getByLabel(/Password/).fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText("An account with this email already exists.").waitFor();
});

test("a learner is refused the instructor page", async () => {
  await createUser("LEARNER", "just-a-learner@example.com", "learner password");
  await signIn(page, "just-a-learner@example.com", "learner password");
  const res = await page.goto(`${state().url}/instructor`);
  expect(res?.status()).toBe(403);
  await page.getByRole("heading", { name: /403/ }).waitFor();
  await screenshot(page, "learner-refused");
});

test("an anonymous visitor is sent to sign in, then back", async () => {
  await createUser("INSTRUCTOR", "returning-instructor@example.com", "instructor password");
  await page.goto(`${state().url}/instructor`);
  await page.waitForURL(/\/signin\?callbackUrl=%2Finstructor/);
  await page.getByLabel("Email").fill("returning-instructor@example.com");
  await page.getByLabel("Password").fill("instructor password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/instructor$/);
  await page.getByRole("heading", { name: "Course content" }).waitFor();
});

test("an instructor reaches the instructor page and sees the course status", async () => {
  await createUser("INSTRUCTOR", "teacher@example.com", "instructor password");
  await signIn(page, "teacher@example.com", "instructor password");
  const res = await page.goto(`${state().url}/instructor`);
  expect(res?.status()).toBe(200);
  await page.getByRole("heading", { name: "Course content" }).waitFor();
  expect(await page.locator("main").innerText()).toMatch(/\d+ sections and \d+ exercises are live/);
  await screenshot(page, "instructor");
});

test("an admin promotes a learner, who then reaches the instructor page", async () => {
  await createUser("ADMIN", "boss@example.com", "admin password");
  await createUser("LEARNER", "promote-me@example.com", "learner password", "Promote Me");
  await signIn(page, "boss@example.com", "admin password");
  await page.goto(`${state().url}/admin/users`);
  const row = page.getByRole("row", { name: /promote-me@example.com/ });
  await row.getByLabel("Role of Promote Me").selectOption("INSTRUCTOR");
  await row.getByRole("button", { name: "Save" }).click();
  await row.getByRole("status").getByText("Role changed to instructor.").waitFor();

  const other = await browser.newContext();
  const learnerPage = await other.newPage();
  await signIn(learnerPage, "promote-me@example.com", "learner password");
  const res = await learnerPage.goto(`${state().url}/instructor`);
  expect(res?.status()).toBe(200);
  await other.close();
});
