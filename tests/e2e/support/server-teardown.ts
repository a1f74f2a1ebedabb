import fs from "node:fs";
import { STATE_FILE, type E2EState } from "./state";

export default async function teardown(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  try {
    process.kill(-state.pid, "SIGTERM"); // the whole process group (next spawns children)
  } catch {
    // already gone
  }
  fs.rmSync(STATE_FILE, { force: true });
  fs.rmSync(state.dir, { recursive: true, force: true });
}
