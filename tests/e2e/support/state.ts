import os from "node:os";
import path from "node:path";
import fs from "node:fs";

export type E2EState = { url: string; dbFile: string; dir: string; pid: number; outputDir: string };

export const STATE_FILE = path.join(os.tmpdir(), "leakless-e2e-state.json");

export function readState(): E2EState {
  return JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
}
