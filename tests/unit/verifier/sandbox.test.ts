/**
 * The sandbox command line: what each layer puts into it. The integration
 * tests (tests/integration/verifier) show the layers working; these pin the
 * exact flags, so a refactor cannot silently drop one.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSandboxCommand, sandboxStatus, VERIFIER_NICENESS, type SandboxOptions } from "@/lib/verifier/sandbox";

let dir: string;
let entry: string;

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "leakless-sandbox-unit-")));
  entry = path.join(dir, "entry.mjs");
  fs.writeFileSync(entry, "");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const options = (overrides: Partial<SandboxOptions> = {}): SandboxOptions => ({
  readablePaths: [dir],
  entryPath: entry,
  entryArgs: ["{}"],
  memoryLimitBytes: 1024 * 1024 * 1024,
  cpuLimitSeconds: 42,
  maxOldSpaceMb: 256,
  ...overrides,
});

test("the environment passed to spawn holds none of the server's variables, only the allocator's tuning", () => {
  process.env.LEAKLESS_SANDBOX_PROBE = "secret";
  try {
    expect(buildSandboxCommand(options()).env).toEqual({ MALLOC_MMAP_THRESHOLD_: "131072" });
  } finally {
    delete process.env.LEAKLESS_SANDBOX_PROBE;
  }
});

test("Node runs with the permission model, reads only the allowed paths, and gets no child process or worker rights", () => {
  const { args } = buildSandboxCommand(options());
  expect(args).toContain("--experimental-permission");
  expect(args).toContain(`--allow-fs-read=${dir}${path.sep}`);
  expect(args.filter((a) => a.startsWith("--allow-"))).toEqual([`--allow-fs-read=${dir}${path.sep}`]);
  expect(args).toContain("--max-old-space-size=256");
  expect(args).toContain("--max-semi-space-size=2");
  expect(args.slice(-2)).toEqual([entry, "{}"]);
});

test("resource limits wrap the whole command: RLIMIT_DATA in KiB and RLIMIT_CPU, never RLIMIT_AS", () => {
  const { args } = buildSandboxCommand(options());
  const sh = args.indexOf("/bin/sh");
  expect(sh).toBeGreaterThanOrEqual(0);
  expect(args[sh + 2]).toBe('ulimit -d 1048576 && ulimit -t 42 && exec "$@"');
  expect(args.join(" ")).not.toContain("ulimit -v");
});

(sandboxStatus().osSandbox ? test : test.skip)(
  "bubblewrap unshares everything, clears the environment, and binds only node, its libraries and the allowed paths",
  () => {
    const { args, osSandbox } = buildSandboxCommand(options());
    expect(osSandbox).toBe(true);
    const bwrapAt = args.indexOf("bwrap");
    expect(bwrapAt).toBeGreaterThan(0);
    for (const flag of ["--unshare-all", "--die-with-parent", "--new-session", "--clearenv"])
      expect(args).toContain(flag);
    expect(args).not.toContain("--share-net");
    expect(args).not.toContain("--proc");
    const bound = args.flatMap((a, i) => (a === "--ro-bind" || a === "--bind" ? [args[i + 2]] : []));
    expect(args).not.toContain("--bind"); // nothing writable from the host
    expect(bound).toContain(dir);
    expect(bound).toContain(fs.realpathSync(process.execPath));
    const unexpected = bound.filter(
      (p) =>
        p !== dir &&
        !p.startsWith(path.dirname(fs.realpathSync(process.execPath))) &&
        !/\/lib(64)?\//.test(p) &&
        !/^\/(usr\/)?lib(64)?$/.test(p),
    );
    expect(unexpected).toEqual([]);
  },
);

test("verifier processes run niced, so contended CPU goes to the web server's requests first", () => {
  const { command, args } = buildSandboxCommand(options());
  expect(command).toBe("/usr/bin/nice");
  expect(args.slice(0, 2)).toEqual(["-n", String(VERIFIER_NICENESS)]);
});

test("with the OS layer switched off, node is started directly", () => {
  const { args, osSandbox } = buildSandboxCommand(options({ layers: { bwrap: false } }));
  expect(osSandbox).toBe(false);
  expect(args).not.toContain("bwrap");
  expect(args[args.indexOf("verifier") + 1]).toBe(process.execPath);
});
