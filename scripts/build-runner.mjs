#!/usr/bin/env node
/**
 * Builds the browser side of the Python runner into `public/` (both outputs
 * are git-ignored and rebuilt at install/build time):
 *
 * 1. copies the Pyodide files the runner needs from node_modules/pyodide to
 *    public/pyodide/<version>/ — a versioned path, so they can be served with
 *    an immutable cache header and the app needs no CDN — and keeps gzipped
 *    copies of the two largest, which the server sends for them;
 * 2. makes the worker's first-visit memory snapshot in Node
 *    (lib/runner/make-runner-snapshot.ts), gzipped, beside the Pyodide files
 *    under a name keyed by what its heap holds — made once per key, reused by
 *    later builds;
 * 3. bundles lib/runner/browser-worker.ts into public/runner/worker.mjs, one
 *    self-contained ES module with the `leakless` Python package embedded
 *    (read with lib/python/load-package.ts's readPackageFiles, so the list of
 *    package files has one owner). Pyodide itself stays outside the bundle:
 *    the worker imports it at run time from its public path.
 *
 * Usage: node scripts/build-runner.mjs
 */
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";
import { require as tsRequire } from "tsx/cjs/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pyodidePackageDir = path.join(root, "node_modules/pyodide");

// Loaded as CommonJS through tsx so `__dirname` inside load-package.ts is real.
const assets = tsRequire("../lib/runner/assets.ts", import.meta.url);
const { readPackageFiles } = tsRequire("../lib/python/load-package.ts", import.meta.url);

const installed = JSON.parse(await readFile(path.join(pyodidePackageDir, "package.json"), "utf8")).version;
if (installed !== assets.PYODIDE_VERSION) {
  throw new Error(
    `node_modules/pyodide is ${installed} but lib/runner/assets.ts says ${assets.PYODIDE_VERSION}; update PYODIDE_VERSION`,
  );
}

// 1. Pyodide files.
const pyodideOut = path.join(root, "public", assets.PYODIDE_INDEX_PATH);
await mkdir(pyodideOut, { recursive: true });
await Promise.all(
  assets.PYODIDE_FILES.map((file) => copyFile(path.join(pyodidePackageDir, file), path.join(pyodideOut, file))),
);
// Their gzipped copies (assets.ts says why), made once per Pyodide version: the path is versioned.
for (const file of assets.PYODIDE_PRECOMPRESSED) {
  const gzipped = path.join(pyodideOut, `${file}.gz`);
  if (existsSync(gzipped)) continue;
  const bytes = gzipSync(await readFile(path.join(pyodideOut, file)), { level: constants.Z_BEST_COMPRESSION });
  await writeFile(`${gzipped}.tmp`, bytes);
  await rename(`${gzipped}.tmp`, gzipped);
}

/** Sizes of the files whose download the worker reports, for an exact progress total. */
const downloadBytes = Object.fromEntries(
  await Promise.all(
    assets.PYODIDE_DOWNLOADS.map(async (file) => [file, (await stat(path.join(pyodidePackageDir, file))).size]),
  ),
);

const packageFiles = readPackageFiles();
if (Object.keys(packageFiles).length === 0) throw new Error("readPackageFiles() found no files");

// 2. The first-visit snapshot. Its key covers what the heap holds: the Pyodide
// version, the `leakless` files and the code that boots the session (the same
// key names the browser's own copies, see __SNAPSHOT_KEY__ below). Served
// from the immutable versioned path (inside the worker's connect-src).
const snapshotKey = createHash("sha256")
  .update(JSON.stringify([assets.PYODIDE_VERSION, packageFiles]))
  .update(
    await Promise.all(
      [
        "lib/runner/session.ts",
        "lib/python/install-package.ts",
        "lib/runner/make-runner-snapshot.ts",
        "lib/judge/interpreters.ts",
        "lib/judge/capi.ts",
      ].map((file) => readFile(path.join(root, file), "utf8")),
    ).then((sources) => sources.join("\0")),
  )
  .digest("hex")
  .slice(0, 16);
const snapshotName = `leakless-${snapshotKey}.snapshot.gz`;
const snapshotFile = path.join(pyodideOut, snapshotName);
for (const name of await readdir(pyodideOut)) {
  if (/^leakless-[0-9a-f]+\.snapshot\.gz(\.tmp)?$/.test(name) && name !== snapshotName)
    await rm(path.join(pyodideOut, name));
}
if (!existsSync(snapshotFile)) {
  const started = Date.now();
  const made = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      path.join(root, "scripts/make-runner-snapshot.ts"),
      snapshotFile,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  if (made.status === 0) {
    console.log(
      `made ${path.relative(root, snapshotFile)} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${made.stdout.trim()}`,
    );
  } else {
    // Not fatal: without it a first visit boots Python itself, as it did before.
    console.warn(
      `warning: no first-visit Python snapshot (${(made.stderr || made.error?.message || "").trim().slice(0, 500)})`,
    );
  }
}
/** The snapshot's inflated size (gzip's trailer: the size mod 2^32; snapshots are ~40 MB): what the worker counts. */
async function inflatedSize(file) {
  const gzipped = await readFile(file);
  return gzipped.readUInt32LE(gzipped.length - 4);
}
const firstVisitSnapshot = existsSync(snapshotFile)
  ? { url: `${assets.PYODIDE_INDEX_PATH}${snapshotName}`, bytes: await inflatedSize(snapshotFile) }
  : null;

// 3. The worker.
const workerOut = path.join(root, "public", assets.RUNNER_WORKER_URL);
await build({
  entryPoints: [path.join(root, "lib/runner/browser-worker.ts")],
  outfile: workerOut,
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  tsconfig: path.join(root, "tsconfig.json"),
  define: {
    __LEAKLESS_PACKAGE_FILES__: JSON.stringify(packageFiles),
    __PYODIDE_DOWNLOAD_BYTES__: JSON.stringify(downloadBytes),
    __FIRST_VISIT_SNAPSHOT__: JSON.stringify(firstVisitSnapshot),
    // The browser's Cache Storage copy (lib/runner/snapshot-cache.ts) holds the same heap as the
    // first-visit snapshot, whichever side made it: one key for both, so a change to the session
    // code retires the browser's copies too.
    __SNAPSHOT_KEY__: JSON.stringify(snapshotKey),
  },
  minify: true,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "// Generated by scripts/build-runner.mjs from lib/runner/browser-worker.ts. Do not edit." },
});

const workerBytes = (await stat(workerOut)).size;
console.log(
  `built ${path.relative(root, workerOut)} (${(workerBytes / 1024).toFixed(0)} KiB, ${Object.keys(packageFiles).length} package files)` +
    ` and ${path.relative(root, pyodideOut)}/ (${assets.PYODIDE_FILES.length} files)`,
);
