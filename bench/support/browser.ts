/**
 * Headless Chromium (Debian's, through playwright-core) with a persistent
 * profile in a temp folder: a new folder is a learner's first visit (empty
 * HTTP cache, no service worker, no code cache); reopening a page in the same
 * profile is a repeat visit.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM } from "@/tests/e2e/support/browser";
import type { SignedInLearner } from "./learners";

export interface Profile {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openProfile(baseUrl: string, learner: SignedInLearner): Promise<Profile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-bench-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  await context.addCookies([{ ...learner.sessionToken, url: baseUrl }]);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}
