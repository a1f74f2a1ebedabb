import path from "node:path";
import fs from "node:fs";

export type E2EState = { url: string; dbFile: string; dir: string; pid: number; outputDir: string };

/** In this checkout (not a shared temp path), so e2e runs of two checkouts on one machine stay apart. */
export const STATE_FILE = path.resolve(__dirname, "..", "..", "..", "test-results", "e2e-state.json");

export function readState(): E2EState {
  return JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
}
