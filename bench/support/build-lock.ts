/**
 * The `.next` build and the browser-test server are shared by everyone on this
 * machine: building, and serving from the build, happen under one exclusive
 * lock (`flock /tmp/leakless-next.lock`, the same lock the team's
 * `flock ... -c 'npm run build && npm run test:e2e'` takes). The lock is held
 * by a `flock` child whose command waits on its stdin: when this process exits
 * for any reason the pipe closes and the lock is released.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const LOCK_FILE = process.env.LEAKLESS_BUILD_LOCK ?? "/tmp/leakless-next.lock";
const ROOT = path.resolve(__dirname, "..", "..");

export interface HeldLock {
  release(): void;
}

export async function acquireBuildLock(log: (line: string) => void): Promise<HeldLock> {
  if (spawnSync("flock", ["--version"]).error) {
    log(`flock is not installed: running without the build lock (${LOCK_FILE})`);
    return { release() {} };
  }
  log(`waiting for the build lock ${LOCK_FILE} …`);
  const holder: ChildProcess = spawn("flock", ["-x", LOCK_FILE, "-c", "echo locked; exec cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new Error(`flock exited with code ${code}`)));
    holder.stdout!.once("data", () => resolve());
  });
  log("build lock held");
  return {
    release() {
      holder.stdin!.end();
    },
  };
}

/** Newest modification time under the paths a production build depends on. */
function newestSourceMtime(): number {
  const roots = ["app", "lib", "public", "exercises", "next.config.ts", "package.json", "scripts/build-runner.mjs"];
  const skip = new Set(["node_modules", "dist", "generated", "pyodide", "runner"]);
  let newest = 0;
  const walk = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (!skip.has(name)) walk(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const r of roots) walk(path.join(ROOT, r));
  return newest;
}

/** Why the build must be (re)made, or null when `.next` is newer than every source file. */
export function buildStaleness(): string | null {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = fs.statSync(buildId, { throwIfNoEntry: false });
  if (!built) return "no production build";
  const newest = newestSourceMtime();
  return newest > built.mtimeMs ? `sources changed after the build (${new Date(newest).toISOString()})` : null;
}

/** `npm run build` when stale; call with the lock held. */
export function ensureFreshBuild(log: (line: string) => void, force = false): void {
  const reason = force ? "--rebuild" : buildStaleness();
  if (!reason) {
    log("production build is up to date");
    return;
  }
  log(`building (${reason}) …`);
  const started = Date.now();
  const result = spawnSync("npm", ["run", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(
      `npm run build failed:\n${(result.stdout ?? "").slice(-3000)}\n${(result.stderr ?? "").slice(-3000)}`,
    );
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
