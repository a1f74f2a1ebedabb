/**
 * Helpers of the browser tests. Chromium itself (Debian's, driven by
 * playwright-core) is launched by lib/runner/chromium.ts.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";
import { readState } from "./state";

export { CHROMIUM, launchBrowser } from "@/lib/runner/chromium";

export const state = () => readState();

/** The e2e server's database, for arranging users the UI cannot create (instructors). */
export function e2eDb() {
  return createPrismaClient(`file:${readState().dbFile}`);
}

export async function createUser(
  role: "LEARNER" | "INSTRUCTOR" | "ADMIN",
  email: string,
  password: string,
  name = email.split("@")[0],
) {
  const db = e2eDb();
  try {
    return await db.user.create({ data: { email, name, role, passwordHash: await hashPassword(password) } });
  } finally {
    await db.$disconnect();
  }
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${readState().url}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The Sign out button, not the "Signed in as" text: a phone-sized header leaves the text out.
  await page.getByTestId("who").getByRole("button", { name: "Sign out" }).waitFor();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(readState().outputDir, `${name}.png`), fullPage: true });
}
