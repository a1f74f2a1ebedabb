/**
 * The learner's code runs in its own subinterpreter, the checks in the judge's,
 * and every run starts from the boot image (lib/judge/README.md). So whatever
 * learner code patches must neither change what the checks of the same run
 * measure nor reach the next run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { readPackageFiles } from "@/lib/python/load-package";
import { createPythonSession, prepareInterpreter } from "@/lib/runner/session";
import { check, MB, run, startPython, statuses, type Python } from "./pyodide";

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

const code = [
  "class Node:",
  "    pass",
  "",
  "def make_cycle():",
  "    a, b = Node(), Node()",
  "    a.other, b.other = b, a",
  "    return a",
  "",
  "def make_leaf():",
  "    return Node()",
  "",
  "kept = []",
  "",
  "def keep(obj):",
  "    kept.append(obj)",
  "",
].join("\n");

const checks = [
  "import gc, sys",
  "from leakless import freed_by_refcount, needs_cycle_collector, refcount_delta",
  "from submission import Node, keep, make_cycle, make_leaf",
  // First, so that a module planted by the learner would run before the measurements below.
  "def test_a_module_the_judge_had_not_imported():",
  "    import statistics",
  "    assert statistics.median([1, 3, 5]) == 3",
  "def test_cycle_is_detected():",
  "    needs_cycle_collector(make_cycle)",
  "def test_cycle_is_not_freed_by_refcount():",
  "    freed_by_refcount(make_cycle)",
  "def test_leaf_is_freed_by_refcount():",
  "    freed_by_refcount(make_leaf)",
  "def test_reference_counts():",
  "    node = Node()",
  "    assert refcount_delta(node, lambda: [node]) == 0",
  "    assert refcount_delta(node, lambda: keep(node)) == 1",
  "def test_judge_builtins_are_genuine():",
  "    assert len([1, 2]) == 2 and (5).bit_length() == 3",
  "    assert sys.getrecursionlimit() < 10**6",
].join("\n");

const genuine = {
  test_a_module_the_judge_had_not_imported: "passed",
  test_cycle_is_detected: "passed",
  test_cycle_is_not_freed_by_refcount: "failed",
  test_leaf_is_freed_by_refcount: "passed",
  test_reference_counts: "passed",
  test_judge_builtins_are_genuine: "passed",
};

/** Source that writes `source` as `name` into each directory (Python expressions) it can. */
const plantModule = (name: string, source: string, dirs: string[]) =>
  [
    "import os",
    `for _dir in [${dirs.join(", ")}]:`,
    "    try:",
    `        with open(os.path.join(_dir, ${JSON.stringify(name)}), 'w') as _f:`,
    `            _f.write(${JSON.stringify(source)})`,
    "    except OSError:",
    "        pass",
    "",
  ].join("\n");

// Code that, run in the judge's interpreter, would turn every helper into a pass.
const judgeSabotage = [
  "import builtins, sys",
  "builtins.len = lambda obj: 42",
  "for _name, _module in list(sys.modules.items()):",
  "    if _name.startswith('leakless') and hasattr(_module, 'freed_by_refcount'):",
  "        _module.freed_by_refcount.__code__ = (lambda *a, **k: None).__code__",
  "",
].join("\n");

describe.each([
  ["gc.collect", "import gc\ngc.collect = lambda *args: 0\n", "import gc\nprint(type(gc.collect).__name__)"],
  ["gc.disable", "import gc\ngc.disable()\n", "import gc\nprint(gc.isenabled())"],
  ["builtins.len", "import builtins\nbuiltins.len = lambda x: 42\n", "print(len([1]))"],
  ["sys.getrefcount", "import sys\nsys.getrefcount = lambda o: 1\n", "import sys\nprint(sys.getrefcount.__name__)"],
  ["sys.setrecursionlimit", "import sys\nsys.setrecursionlimit(10**9)\n", "import sys\nprint(sys.getrecursionlimit())"],
  [
    "weakref.ref",
    "import weakref\nweakref.ref = lambda obj, *args: (lambda: obj)\n",
    "import weakref\nprint(weakref.ref.__name__)",
  ],
  [
    "sys.modules['gc']",
    "import sys, types\nfake = types.ModuleType('gc')\nfake.collect = lambda *a: 0\nfake.isenabled = lambda: True\nsys.modules['gc'] = fake\n",
    "import gc\nprint(hasattr(gc, 'get_referrers'))",
  ],
  [
    "a fake leakless in sys.modules",
    "import sys, types\nfake = types.ModuleType('leakless')\nfake.freed_by_refcount = lambda *a, **k: None\nfake.needs_cycle_collector = lambda *a, **k: None\nsys.modules['leakless'] = fake\n",
    "import sys\nprint('leakless' in sys.modules)",
  ],
  [
    "the judge's leakless package, imported into the learner's interpreter",
    [
      "import sys, types",
      "sys.modules['_leakless_host'] = types.ModuleType('_leakless_host')",
      "sys.path.insert(0, '/leakless-lib')",
      "try:",
      "    import leakless.lifetimes",
      "    leakless.lifetimes.freed_by_refcount.__code__ = (lambda *a, **k: None).__code__",
      "except BaseException:",
      "    pass",
      "",
    ].join("\n"),
    "import sys\nprint(sorted(m for m in sys.modules if 'leakless' in m), sys.path)",
  ],
  [
    "a built-in type's dict, reached through gc.get_referents",
    "import gc\ngc.get_referents(int.__dict__)[0]['bit_length'] = lambda self: 99\n",
    "print((5).bit_length())",
  ],
  [
    "a module file planted on the judge's import path",
    plantModule("statistics.py", judgeSabotage, ["os.getcwd()", "'/leakless-lib'", "'/lib/python3.14/site-packages'"]),
    "import os\nprint(os.path.exists('statistics.py'), os.path.exists('/leakless-lib/statistics.py'))",
  ],
])("learner code patching %s", (_what, patch, probe) => {
  test("does not affect the checks of the same run", async () => {
    const result = await check(py, code + patch, checks);
    expect(statuses(result)).toEqual(genuine);
  });

  test("does not affect the next run", async () => {
    const before = await run(py, probe);
    expect(before.status).toBe("ok");
    await run(py, patch);
    expect((await run(py, probe)).stdout).toBe(before.stdout);
    expect(py.needsRecycle()).toBe(false);
  });
});

test("a patch made by learner code during one check stays in the learner's interpreter", async () => {
  const learner = "import builtins\ndef sabotage():\n    builtins.len = lambda x: 0\ndef items():\n    return [1, 2]\n";
  const result = await check(
    py,
    learner,
    [
      "from submission import items, sabotage",
      "def test_a():",
      "    sabotage()",
      "def test_judge_len():",
      "    assert len([1]) == 1",
      "def test_len_of_a_learner_list():",
      "    assert len(items()) == 2",
    ].join("\n"),
  );
  expect(statuses(result)).toEqual({
    test_a: "passed",
    test_judge_len: "passed",
    test_len_of_a_learner_list: "passed",
  });
});

test("the learner's interpreter has no route to JavaScript or to raw memory", async () => {
  for (const name of ["js", "pyodide_js", "_pyodide_core", "pyodide.ffi", "_ctypes", "mmap", "_testinternalcapi"]) {
    const result = await run(py, `import ${name}`);
    // _pyodide_core exists but is refused (a single-phase extension in an isolated interpreter).
    expect([
      name,
      result.status,
      ["ModuleNotFoundError", "ImportError"].includes(result.traceback?.type ?? ""),
    ]).toEqual([name, "error", true]);
  }
});

test("building a code object from bytes ends the run as an error even when the learner catches the refusal", async () => {
  const learner =
    "c = (lambda: 0).__code__\ntry:\n    c.replace(co_code=c.co_code)\nexcept BaseException:\n    pass\nVALUE = 1\n";
  const result = await check(py, learner, "from submission import VALUE\ndef test_value():\n    assert VALUE == 1\n");
  expect(result.status).toBe("error");
  expect(result.message).toContain("code.__new__");
  expect((await run(py, "print('alive')")).stdout).toBe("alive\n");
});

test("globals, builtins, modules and files created by one run are gone in the next", async () => {
  await run(
    py,
    [
      "import builtins, os, sys, types",
      "x = 5",
      "builtins.extra = 1",
      "sys.modules['mine'] = types.ModuleType('mine')",
      "with open('left.txt', 'w') as f:",
      "    f.write('x')",
      "os.mkdir('/tmp/left')",
      "os.chdir('/tmp')",
    ].join("\n"),
  );
  const probe = await run(
    py,
    "import builtins, os, sys\nprint('x' in globals(), hasattr(builtins, 'extra'), 'mine' in sys.modules, " +
      "os.path.exists('/home/pyodide/left.txt'), os.path.exists('/tmp/left'), os.getcwd())",
  );
  expect(probe.stdout).toBe("False False False False False /home/pyodide\n");
  expect(py.needsRecycle()).toBe(false);
});

test("a file of the boot image rewritten in place (same size, same mtime) is not seen by the next run", async () => {
  const path = "/leakless-lib/learner/_leakless_memory_report.py";
  const read = `print(open(${JSON.stringify(path)}, 'rb').read(16))`;
  const before = await run(py, read);
  expect(before.status).toBe("ok");
  await run(
    py,
    [
      "import os",
      `p = ${JSON.stringify(path)}`,
      "st = os.stat(p)",
      "with open(p, 'r+b') as f:",
      "    first = f.read(1)",
      "    f.seek(0)",
      "    f.write(b'#' if first != b'#' else b'$')",
      "os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))",
    ].join("\n"),
  );
  // Either the file is back as it was, or the session asks to be replaced (and refuses to run).
  const after = await run(py, read);
  if (after.status === "crashed") expect(py.needsRecycle()).toBe(true);
  else expect(after.stdout).toBe(before.stdout);
});

describe("learner code cannot change a file outside its scratch directories", () => {
  const target = "/leakless-lib/learner/_leakless_memory_report.py";
  test.each([
    ["open for writing", `open(${JSON.stringify(target)}, 'a').write('x')`],
    ["a new module beside the judge's package", "open('/leakless-lib/leakless/planted.py', 'w').write('x = 1')"],
    ["a new module in site-packages", "open('/lib/python3.14/site-packages/planted.py', 'w').write('x = 1')"],
    ["os.open with O_RDWR", `os.open(${JSON.stringify(target)}, os.O_RDWR)`],
    ["a relative path after chdir", "os.chdir('/leakless-lib'); open('planted.py', 'w')"],
    ["a path with ..", "open('/tmp/../leakless-lib/planted.py', 'w')"],
    ["os.remove", `os.remove(${JSON.stringify(target)})`],
    ["os.rename out of the boot image", `os.rename(${JSON.stringify(target)}, '/tmp/moved.py')`],
    [
      "os.rename into the judge's path",
      "open('/tmp/m.py', 'w').write('x = 1'); os.rename('/tmp/m.py', '/leakless-lib/m.py')",
    ],
    [
      "shutil.copy into the judge's path",
      "open('/tmp/m.py', 'w').write('x = 1'); shutil.copy('/tmp/m.py', '/leakless-lib/m.py')",
    ],
    ["os.mkdir", "os.mkdir('/leakless-lib/pkg')"],
    ["os.symlink, even in /tmp", "os.symlink('/leakless-lib', '/tmp/link')"],
    ["os.utime", `os.utime(${JSON.stringify(target)}, (0, 0))`],
    ["os.chmod", `os.chmod(${JSON.stringify(target)}, 0o777)`],
    ["os.truncate", `os.truncate(${JSON.stringify(target)}, 0)`],
    ["pathlib", "pathlib.Path('/leakless-lib/planted.py').write_text('x = 1')"],
  ])("%s is refused with PermissionError and changes nothing", async (_how, attempt) => {
    const listing = `print(sorted(os.listdir('/leakless-lib')), os.stat(${JSON.stringify(target)}).st_size)`;
    const before = await run(py, `import os\n${listing}`);
    const result = await run(
      py,
      `import os, pathlib, shutil\ntry:\n    ${attempt}\nexcept PermissionError as e:\n    print('refused')\n${listing}`,
    );
    expect(result.stdout).toBe(`refused\n${before.stdout}`);
    expect(py.needsRecycle()).toBe(false);
  });

  test("files in /tmp and in the working directory can be written and read back in the same run", async () => {
    const result = await run(
      py,
      "import os\nopen('/tmp/a.txt', 'w').write('a')\nopen('b.txt', 'w').write('b')\n" +
        "os.rename('b.txt', '/tmp/b.txt')\nprint(open('/tmp/a.txt').read() + open('/tmp/b.txt').read())",
    );
    expect(result.stdout).toBe("ab\n");
  });
});

test("learner code cannot start a process (in Node, Emscripten's system() runs a real shell)", async () => {
  const marker = path.join(os.tmpdir(), `leakless-system-${process.pid}-${Date.now()}`);
  const result = await run(
    py,
    [
      "import os",
      "for attempt in (lambda: os.system('touch " + marker + "'), lambda: os.kill(os.getpid(), 9)):",
      "    try:",
      "        attempt()",
      "    except PermissionError as e:",
      "        print('refused', e)",
    ].join("\n"),
  );
  expect(result.stdout).toBe(
    "refused os.system is not available in Leakless: your code cannot start or signal processes\n" +
      "refused os.kill is not available in Leakless: your code cannot start or signal processes\n",
  );
  expect(fs.existsSync(marker)).toBe(false);
});

test("the standard library a learner may reach for imports (from source: no code is unmarshalled)", async () => {
  const modules = [
    "pathlib",
    "ntpath",
    "shutil",
    "tempfile",
    "csv",
    "struct",
    "textwrap",
    "string",
    "statistics",
    "typing",
    "tracemalloc",
    "weakref",
    "unittest",
    "pprint",
    "reprlib",
    "timeit",
    "uuid",
    "hashlib",
    "base64",
    "zlib",
    "xml.etree.ElementTree",
    "html",
    "email.message",
    "urllib.parse",
    "zoneinfo",
    "graphlib",
    "difflib",
    "glob",
    "fnmatch",
    "pickle",
    "shelve",
  ];
  const result = await run(
    py,
    [
      "import importlib",
      "failed = {}",
      `for name in ${JSON.stringify(modules)}:`,
      "    try:",
      "        importlib.import_module(name)",
      "    except Exception as e:",
      "        failed[name] = type(e).__name__",
      "print(failed)",
    ].join("\n"),
  );
  expect(result.status).toBe("ok");
  expect(result.stdout).toBe("{}\n");
});

test("a partial line never leaks into the next run's output", async () => {
  expect((await run(py, "print('x', end='')")).stdout).toBe("x");
  expect((await run(py, "print('y')")).stdout).toBe("y\n");
});

test("random is seeded per request, in the learner's interpreter", async () => {
  const draw = "import random\nprint(random.random())";
  const three = (await run(py, draw, { seed: 3 })).stdout;
  expect((await run(py, draw, { seed: 3 })).stdout).toBe(three);
  expect((await run(py, draw, { seed: 4 })).stdout).not.toBe(three);
});

test("an output flood is truncated with a note", async () => {
  const result = await run(py, "for _ in range(100):\n    print('x' * 10**6)\n", { outputLimit: 1000 });
  expect(result.status).toBe("ok");
  expect(result.truncated).toBe(true);
  expect(result.stdout.startsWith("x".repeat(1000))).toBe(true);
  expect(result.stdout).toContain("… output truncated (limit 1000 bytes)");
  expect(result.stdout.length).toBeLessThan(1100);
});

test("a session restored from a memory snapshot keeps the working directory off the judge's import path", async () => {
  // Pyodide puts "" (the working directory, which learner code can write) back on
  // sys.path when it restores a snapshot; the verifier boots from one.
  const maker = await loadPyodide({ _makeSnapshot: true } as never);
  prepareInterpreter(maker, readPackageFiles());
  const snapshot = (maker as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
  const restored = await createPythonSession({
    loadPyodide,
    packageFiles: readPackageFiles(),
    memoryLimitBytes: 256 * MB,
    pyodideConfig: { _loadSnapshot: Promise.resolve(snapshot) } as never,
  });
  const result = await check(restored, code + plantModule("statistics.py", judgeSabotage, ["os.getcwd()"]), checks);
  expect(statuses(result)).toEqual(genuine);
});
