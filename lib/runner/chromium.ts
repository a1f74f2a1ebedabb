/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser),
 * for the browser tests and `exercises:check`'s browser run. Flags: run as
 * root with no network (README "Development"); playwright gives every launch
 * a fresh temporary profile.
 */
import fs from "node:fs";
import type { Browser } from "playwright-core";

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Null when Chromium is there; else a sentence saying why the browser cannot be used. */
export function chromiumMissing(): string | null {
  if (!fs.existsSync(CHROMIUM)) {
    return `no Chromium at ${CHROMIUM} (install Debian's \`chromium\`, or set CHROMIUM_PATH)`;
  }
  try {
    require.resolve("playwright-core");
  } catch {
    return "playwright-core is not installed (a dev dependency: `npm install` without --omit=dev)";
  }
  return null;
}

export async function launchBrowser(): Promise<Browser> {
  // Imported when used: playwright-core is a dev dependency, and `exercises:check` must run without it.
  const { chromium } = await import("playwright-core");
  return chromium.launch({
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
}
