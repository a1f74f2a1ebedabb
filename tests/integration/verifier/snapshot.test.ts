/**
 * Memory snapshots are an experimental Pyodide API: a process given a
 * snapshot it cannot restore must fall back to a cold load and still verify.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CheckFile } from "@/lib/grading/result";
import { readPackageFiles } from "@/lib/python/load-package";
import { ensureEntryBuilt, PROCESS_OVERHEAD_BYTES, verifierPaths } from "@/lib/verifier/artifacts";
import { createVerifierPool } from "@/lib/verifier/pool";
import { VerifierProcess } from "@/lib/verifier/process";
import type { VerifierArgs } from "@/lib/verifier/protocol";
import { buildSandboxCommand } from "@/lib/verifier/sandbox";

const CHECKS: CheckFile[] = [
  {
    name: "test_visible.py",
    visibility: "visible",
    source: "from submission import add\n\ndef test_adds():\n    assert add(2, 3) == 5\n",
  },
];
const CORRECT = "def add(a, b):\n    return a + b\n";
const MEMORY = 512 * 1024 * 1024;

test("a snapshot that cannot be restored falls back to a cold load", async () => {
  const paths = verifierPaths();
  await ensureEntryBuilt(paths);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "leakless-badsnapshot-")));
  const snapshotPath = path.join(dir, "broken.snapshot");
  fs.writeFileSync(snapshotPath, Buffer.alloc(4096, 7));
  try {
    const args: VerifierArgs = { mode: "verify", pyodideDir: paths.pyodideDir, snapshotPath, memoryLimitBytes: MEMORY };
    const command = buildSandboxCommand({
      readablePaths: [paths.pyodideDir, paths.entryPath, snapshotPath],
      entryPath: paths.entryPath,
      entryArgs: [JSON.stringify(args)],
      memoryLimitBytes: MEMORY + PROCESS_OVERHEAD_BYTES,
      cpuLimitSeconds: 300,
      maxOldSpaceMb: 256,
    });
    const child = new VerifierProcess({
      command,
      packageFiles: readPackageFiles(),
      bootTimeoutMs: 120_000,
      graceMs: 2_000,
    });
    const boot = await child.ready;
    expect(boot.snapshot).toBe(false);
    const outcome = await child.run({ code: CORRECT, checks: CHECKS, timeLimitMs: 10_000 });
    expect(outcome.kind === "result" && outcome.result.status).toBe("passed");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

test("a pool without snapshots loads cold and verifies the same way", async () => {
  const pool = createVerifierPool({ size: 1, snapshot: false, log: () => {} });
  try {
    const result = await pool.verify({ code: CORRECT, checks: CHECKS });
    expect(result.status).toBe("passed");
    expect(pool.stats().snapshot).toBe(false);
  } finally {
    await pool.close();
  }
}, 180_000);
