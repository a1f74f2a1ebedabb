/**
 * Memory snapshots of a prepared interpreter (`prepareInterpreter`: the
 * judge's `leakless` imported, the learner's subinterpreter created, no host
 * function installed, no learner code run), restored by `createPythonSession`
 * as the browser worker and the verifier do, here in Node:
 * - the first-visit snapshot made at build time (lib/runner/make-runner-snapshot.ts),
 *   which must hold none of the building process's traces;
 * - the `preparedSnapshot` a session booted in snapshot mode offers (the
 *   browser's warm spare stores it in Cache Storage);
 * - a restore whose boot image takes over the snapshot's bytes (the browser's
 *   first worker), which must put back the boot state after every run as well.
 * Chromium restoring the same file is covered by tests/e2e/snapshot-cache.e2e.test.ts.
 */
import type { PyodideConfig } from "pyodide";
import type { CheckFile } from "@/lib/grading/result";
import { readPackageFiles } from "@/lib/python/load-package";
import { makeRunnerSnapshot } from "@/lib/runner/make-runner-snapshot";
import { createPythonSession, type PythonSession } from "@/lib/runner/session";
import { loadPyodide, MB } from "./pyodide-node";

jest.setTimeout(180_000);

const packageFiles = readPackageFiles();

const checks: CheckFile[] = [
  {
    name: "test_value.py",
    source: "from submission import VALUE\n\ndef test_value():\n    assert VALUE == 2\n",
    visibility: "visible",
  },
];

function restore(snapshot: Uint8Array, reuseSnapshotBytes = false): Promise<PythonSession> {
  return createPythonSession({
    loadPyodide,
    packageFiles,
    memoryLimitBytes: 256 * MB,
    pyodideConfig: { _loadSnapshot: snapshot } as Partial<PyodideConfig>,
    reuseSnapshotBytes,
  });
}

/** A restored session grades like a cold one, with learner code in its own interpreter. */
async function expectWorkingSession(session: PythonSession): Promise<void> {
  expect((await session.check("VALUE = 2\n", checks)).status).toBe("passed");
  expect((await session.check("VALUE = 3\n", checks)).status).toBe("failed");
  // The learner interpreter came from the snapshot too: no route to JavaScript there.
  expect((await session.run("import js")).traceback?.type).toBe("ModuleNotFoundError");
  expect(await session.run("print(sum(range(10)))")).toMatchObject({ status: "ok", stdout: "45\n" });
}

test("a Node-made snapshot restores into a working session with nothing of the build process in it", async () => {
  const argv = [...process.argv];
  const snapshot = await makeRunnerSnapshot({ loadPyodide, packageFiles });
  expect(process.argv).toEqual(argv); // put back after the boot

  const session = await restore(snapshot);
  // Read in the judge's interpreter (the one Pyodide's own API runs in); the next run puts the boot image back.
  const [environ, modules] = JSON.parse(
    session.pyodide.runPython(
      "import json, os, sys; json.dumps([dict(os.environ), [m for m in ('leakless.harness', '_leakless_engine') if m in sys.modules]])",
    ),
  ) as [Record<string, string>, string[]];
  expect(modules).toEqual(["leakless.harness", "_leakless_engine"]);
  // Emscripten's program name, as in a browser: not the path of the script that made the snapshot.
  expect(environ._).toBe("./this.program");
  expect(JSON.stringify(environ)).not.toContain(process.cwd());
  await expectWorkingSession(session);
});

test("a session booted in snapshot mode offers its prepared snapshot, which restores into a working session", async () => {
  const spare = await createPythonSession({
    loadPyodide,
    packageFiles,
    memoryLimitBytes: 256 * MB,
    pyodideConfig: { _makeSnapshot: true } as Partial<PyodideConfig>,
  });
  const snapshot = spare.preparedSnapshot;
  expect(snapshot).toBeInstanceOf(Uint8Array);
  // The spare itself works as an ordinary session.
  expect((await spare.check("VALUE = 2\n", checks)).status).toBe("passed");

  await expectWorkingSession(await restore(snapshot!));
});

test("a session whose boot image takes over the snapshot's bytes puts the boot state back after every run", async () => {
  const snapshot = await makeRunnerSnapshot({ loadPyodide, packageFiles });
  const original = snapshot.slice();
  const session = await restore(snapshot, true);
  // Taken over: the bytes now hold the boot image, and Pyodide's kept options no longer hold them.
  expect(Buffer.from(snapshot).equals(Buffer.from(original))).toBe(false);
  expect(
    (session.pyodide as unknown as { _api: { config: { _loadSnapshot?: unknown } } })._api.config._loadSnapshot,
  ).toBe(undefined);
  for (let i = 0; i < 3; i++) {
    // What one run leaves in the interpreter (and a large allocation past the image's end) is gone in the next.
    const seen = await session.run(
      "import sys\nprint(hasattr(sys, 'left_over'))\nsys.left_over = bytearray(40_000_000)\n",
    );
    expect(seen).toMatchObject({ status: "ok", stdout: "False\n" });
  }
  await expectWorkingSession(session);
});
