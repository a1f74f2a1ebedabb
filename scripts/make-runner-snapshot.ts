/**
 * `tsx scripts/make-runner-snapshot.ts <out.gz>`: writes the browser worker's
 * first-visit memory snapshot (lib/runner/make-runner-snapshot.ts), gzipped.
 * Run by scripts/build-runner.mjs in a process of its own: the interpreter it
 * boots (~200 MB) is gone when the build goes on, and a failure here only
 * means cold visits boot Python themselves.
 */
import { loadPyodide } from "pyodide";
import { renameSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { readPackageFiles } from "../lib/python/load-package";
import { makeRunnerSnapshot } from "../lib/runner/make-runner-snapshot";

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("usage: make-runner-snapshot <out.gz>");
  const bytes = await makeRunnerSnapshot({
    loadPyodide: loadPyodide as Parameters<typeof makeRunnerSnapshot>[0]["loadPyodide"],
    packageFiles: readPackageFiles(),
  });
  // Level 6: 31 MB → ~7 MB; decompressing it in the browser takes a fraction of a second.
  const gzipped = gzipSync(bytes, { level: 6 });
  // Written under a temporary name first: a half-written file must never be served as the snapshot.
  writeFileSync(`${out}.tmp`, gzipped);
  renameSync(`${out}.tmp`, out);
  console.log(`${bytes.length} bytes, ${gzipped.length} gzipped`);
}

main().then(
  () => process.exit(0), // Pyodide may leave handles open; the snapshot is written
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
