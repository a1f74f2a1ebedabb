/**
 * The first-visit snapshot made in Node at build time
 * (lib/runner/make-runner-snapshot.ts): it holds a pristine interpreter with
 * `leakless` imported and none of the building process's traces, and a
 * session restored from it (the browser worker's own code path, here in
 * Node) checks code like a cold one. Chromium restoring the same file is
 * covered by tests/e2e/snapshot-cache.e2e.test.ts.
 */
import { readPackageFiles } from "@/lib/python/load-package";
import { makeRunnerSnapshot } from "@/lib/runner/make-runner-snapshot";
import { createPythonSession } from "@/lib/runner/session";
import type { PyodideConfig } from "pyodide";
import { loadPyodide, MB } from "./pyodide-node";

jest.setTimeout(180_000);

test("a Node-made snapshot restores into a working session with nothing of the build process in it", async () => {
  const packageFiles = readPackageFiles();
  const argv = [...process.argv];
  const snapshot = await makeRunnerSnapshot({ loadPyodide, packageFiles });
  expect(process.argv).toEqual(argv); // put back after the boot

  const session = await createPythonSession({
    loadPyodide,
    packageFiles,
    memoryLimitBytes: 64 * MB,
    pyodideConfig: { _loadSnapshot: snapshot } as Partial<PyodideConfig>,
  });
  const environ = JSON.parse(
    session.pyodide.runPython(
      "import json, os, sys; json.dumps([dict(os.environ), 'leakless.harness' in sys.modules])",
    ),
  ) as [Record<string, string>, boolean];
  expect(environ[1]).toBe(true);
  // Emscripten's program name, as in a browser: not the path of the script that made the snapshot.
  expect(environ[0]._).toBe("./this.program");
  expect(JSON.stringify(environ[0])).not.toContain(process.cwd());

  const checks = [
    {
      name: "test_value.py",
      source: "from submission import VALUE\n\ndef test_value():\n    assert VALUE == 2\n",
      visibility: "visible" as const,
    },
  ];
  expect((await session.check("VALUE = 2\n", checks)).status).toBe("passed");
  expect((await session.check("VALUE = 3\n", checks)).status).toBe("failed");
});
