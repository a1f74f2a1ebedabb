/**
 * The files a verifier process needs, and how they come to exist:
 * - the bundled entry (scripts/build-verifier.mjs), built on demand if missing;
 * - the Pyodide memory snapshot, made once per (entry, Pyodide version) by a
 *   sandboxed child in "snapshot" mode and cached next to the entry.
 * Both live in lib/verifier/dist/ (git-ignored).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { SnapshotHeaderSchema, type BootMessage, type VerifierArgs } from "./protocol";
import { buildSandboxCommand, type SandboxLayers } from "./sandbox";

export type VerifierPaths = {
  rootDir: string;
  /** Directory with pyodide.mjs & co, with a trailing slash. */
  pyodideDir: string;
  distDir: string;
  entryPath: string;
  buildScript: string;
};

export function verifierPaths(rootDir: string = process.cwd()): VerifierPaths {
  const distDir = path.join(rootDir, "lib/verifier/dist");
  return {
    rootDir,
    // Real paths: the sandbox binds real paths, and a symlinked node_modules
    // (pnpm, a linked checkout) would otherwise point outside the binds.
    pyodideDir: fs.realpathSync(path.join(rootDir, "node_modules/pyodide")) + path.sep,
    distDir,
    entryPath: path.join(distDir, "verifier-process.mjs"),
    buildScript: path.join(rootDir, "scripts/build-verifier.mjs"),
  };
}

/**
 * Builds the entry bundle when it is missing or older than one of its sources
 * (a fresh checkout, or a change to lib/runner or lib/python while developing):
 * a stale bundle would verify with yesterday's code.
 */
export async function ensureEntryBuilt(paths: VerifierPaths): Promise<void> {
  if (!isEntryStale(paths)) return;
  await promisify(execFile)(process.execPath, [paths.buildScript], { cwd: paths.rootDir });
  if (!fs.existsSync(paths.entryPath)) throw new Error(`${paths.buildScript} did not produce ${paths.entryPath}`);
}

function isEntryStale(paths: VerifierPaths): boolean {
  const inputsFile = paths.entryPath.replace(/\.mjs$/, ".inputs.json");
  if (!fs.existsSync(paths.entryPath) || !fs.existsSync(inputsFile)) return true;
  const builtAt = fs.statSync(paths.entryPath).mtimeMs;
  const inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8")) as string[];
  // A production install without sources (only the bundle shipped) is never stale.
  return inputs.some((input) => fs.existsSync(input) && fs.statSync(input).mtimeMs > builtAt);
}

/**
 * The snapshot holds an interpreter with the `leakless` package imported, so it
 * depends on the entry bundle, the Pyodide build and the package sources: name
 * it by their hash, and a change to any of them makes a new one.
 */
export function snapshotPathFor(paths: VerifierPaths, packageFiles: Record<string, string>): string {
  const hash = createHash("sha256");
  hash.update(fs.readFileSync(paths.entryPath));
  hash.update(JSON.stringify(Object.entries(packageFiles).sort(([a], [b]) => a.localeCompare(b))));
  hash.update(fs.readFileSync(path.join(paths.pyodideDir, "package.json")));
  hash.update(process.version);
  return path.join(paths.distDir, `pyodide-${hash.digest("hex").slice(0, 16)}.snapshot`);
}

export type SnapshotOutcome = { path: string | null; reason: string };

/**
 * Returns the path of a usable memory snapshot, making it if needed, or null
 * (with the reason) when this Pyodide cannot make one: processes then load cold.
 */
export async function ensureSnapshot(
  paths: VerifierPaths,
  packageFiles: Record<string, string>,
  limits: { memoryLimitBytes: number; layers?: Partial<SandboxLayers> },
): Promise<SnapshotOutcome> {
  const target = snapshotPathFor(paths, packageFiles);
  if (fs.existsSync(target)) return { path: target, reason: "cached" };

  const args: VerifierArgs = {
    mode: "snapshot",
    pyodideDir: paths.pyodideDir,
    snapshotPath: null,
    memoryLimitBytes: limits.memoryLimitBytes,
  };
  const cmd = buildSandboxCommand({
    readablePaths: [paths.pyodideDir, paths.entryPath],
    entryPath: paths.entryPath,
    entryArgs: [JSON.stringify(args)],
    memoryLimitBytes: limits.memoryLimitBytes + PROCESS_OVERHEAD_BYTES,
    cpuLimitSeconds: 300,
    maxOldSpaceMb: 512,
    layers: limits.layers,
  });
  let stdout: Buffer;
  try {
    const running = promisify(execFile)(cmd.command, cmd.args, {
      env: cmd.env as NodeJS.ProcessEnv,
      encoding: "buffer",
      maxBuffer: 1024 * 1024 * 1024,
      timeout: 180_000,
    });
    running.child.stdin!.end(JSON.stringify({ type: "boot", packageFiles } satisfies BootMessage) + "\n");
    ({ stdout } = await running);
  } catch (error) {
    return {
      path: null,
      reason: `snapshot process failed: ${String(error instanceof Error ? error.message : error).slice(0, 500)}`,
    };
  }
  const newline = stdout.indexOf(10);
  const header = SnapshotHeaderSchema.safeParse(safeJson(stdout.subarray(0, Math.max(newline, 0)).toString("utf8")));
  if (newline < 0 || !header.success) return { path: null, reason: "snapshot process wrote no header" };
  if (header.data.bytes === 0)
    return { path: null, reason: `Pyodide could not make a snapshot: ${header.data.error ?? "unknown"}` };
  const bytes = stdout.subarray(newline + 1);
  if (bytes.length !== header.data.bytes) return { path: null, reason: "snapshot truncated" };

  // Write-then-rename, so concurrent pools (jest workers) never read half a file.
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, target);
  pruneSnapshots(paths.distDir, target);
  return { path: target, reason: "made" };
}

/** A half-written snapshot (`<target>.<pid>.<time>.tmp`) older than this is a leftover of a killed writer. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Every change to the bundle or the Python package makes a new snapshot (~36 MB)
 * (13 had piled up here, 391 MB): when one is made, every other snapshot in
 * `distDir` is deleted, and temporary files of writers that died. A pool
 * still running from a deleted snapshot (a dev server started before the
 * change) notices when it next starts a process and loads Pyodide cold from
 * then on (pool.ts): slower, never wrong. Returns the names it deleted.
 */
export function pruneSnapshots(distDir: string, keep: string, now: number = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(distDir)) {
    const file = path.join(distDir, name);
    if (file === keep) continue;
    const snapshot = /^pyodide-[0-9a-f]+\.snapshot$/.test(name);
    const temp = /^pyodide-[0-9a-f]+\.snapshot\.\d+\.\d+\.tmp$/.test(name);
    if (!snapshot && !temp) continue;
    try {
      if (temp && now - fs.statSync(file).mtimeMs < STALE_TEMP_MS) continue; // another writer, still busy
      fs.rmSync(file);
      removed.push(name);
    } catch {
      // removed by a concurrent pool
    }
  }
  return removed;
}

/**
 * Memory a verifier process needs besides the Python heap: Node and V8, the
 * compiled wasm code, the snapshot buffer. Measured ~200 MB; the margin keeps
 * a learner's MemoryError (session heap cap) ahead of the OS limit.
 */
export const PROCESS_OVERHEAD_BYTES = 448 * 1024 * 1024;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
