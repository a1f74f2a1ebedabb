/**
 * Sandbox escapes. Learner code runs in an isolated subinterpreter with no
 * route to JavaScript (lib/judge/README.md): inside the real verifier (real
 * bubblewrap, real Pyodide) it tries to reach the host from Python, and each
 * attempt must be refused. Under the interpreter, the OS sandbox is there for
 * code that would escape it: a Node program run by the same sandbox command
 * tries what such code would.
 *
 * The layer tests switch sandbox layers off to show that the test really
 * observes the layer: with every layer off, the same program does read the
 * secret file, and one started without bwrap does reach the test's TCP
 * server. A test that cannot fail proves nothing.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { CheckFile, CheckResult } from "@/lib/grading/result";
import { createVerifierPool, type VerifierPool, type VerifierPoolOptions } from "@/lib/verifier/pool";
import { buildSandboxCommand, sandboxStatus, type SandboxLayers } from "@/lib/verifier/sandbox";

const status = sandboxStatus();
if (!status.osSandbox) {
  console.warn(`[verifier tests] SKIPPING bubblewrap-specific cases: ${status.reason}`);
}
/** Cases only the OS layer can pass (network, the layer tests that need bwrap). */
const testWithBwrap = status.osSandbox ? test : test.skip;

const SECRET = `leakless-secret-${randomBytes(8).toString("hex")}`;
const ENV_NAME = "LEAKLESS_TEST_SECRET";
const CHECKS: CheckFile[] = [
  {
    name: "test_visible.py",
    visibility: "visible",
    source: "from submission import add\n\ndef test_adds():\n    assert add(2, 3) == 5\n",
  },
];
const WRONG = "def add(a, b):\n    return a - b\n";
const QUIET: Pick<VerifierPoolOptions, "log" | "timeLimitMs"> = { log: () => {}, timeLimitMs: 10_000 };

let secretDir: string;
let secretFile: string;
let server: net.Server;
let serverPort: number;
let connections = 0;
let pool: VerifierPool;

beforeAll(async () => {
  process.env[ENV_NAME] = SECRET;
  secretDir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-secret-"));
  secretFile = path.join(secretDir, "secret.txt");
  fs.writeFileSync(secretFile, SECRET);
  server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverPort = (server.address() as net.AddressInfo).port;
  pool = createVerifierPool({ size: 2, ...QUIET });
  await pool.warmedUp();
}, 180_000);

afterAll(async () => {
  delete process.env[ENV_NAME];
  await pool?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(secretDir, { recursive: true, force: true });
});

/** Learner code that reports what it saw on stdout, then a wrong `add` so the verdict is known. */
async function attempt(target: VerifierPool, body: string): Promise<CheckResult> {
  return target.verify({ code: `${body}\n${WRONG}`, checks: CHECKS });
}

/** Python that prints `<label> OK <value>` or `<label> REFUSED <error>`. */
function probe(label: string, expression: string): string {
  return [
    "try:",
    `    print(${JSON.stringify(label)}, "OK", ${expression})`,
    "except BaseException as error:",
    `    print(${JSON.stringify(label)}, "REFUSED", type(error).__name__, str(error)[:200])`,
  ].join("\n");
}

describe("learner code in the verifier reaches nothing of the host", () => {
  test("no route to JavaScript: js, pyodide_js and the FFI cannot be imported", async () => {
    const body = ["js", "pyodide_js", "pyodide.ffi", "_pyodide_core"]
      .map((name) => probe(name.toUpperCase(), `__import__(${JSON.stringify(name)})`))
      .join("\n");
    const result = await attempt(pool, body);
    for (const name of ["JS", "PYODIDE_JS", "PYODIDE.FFI", "_PYODIDE_CORE"]) {
      expect(result.stdout).toContain(`${name} REFUSED`);
    }
    expect(result.status).toBe("failed");
  });

  test("the server's environment is not visible (os.environ)", async () => {
    const result = await attempt(pool, ["import os", probe("PYENV", "dict(os.environ)")].join("\n"));
    expect(result.stdout).toContain("PYENV OK");
    expect(result.stdout).not.toContain(SECRET);
  });

  test("files of the host cannot be read (the interpreter's file system is its own)", async () => {
    const body = [
      probe("FILE", `open(${JSON.stringify(secretFile)}).read()`),
      probe("ENVIRON", `open("/proc/${process.pid}/environ").read()`),
    ].join("\n");
    const result = await attempt(pool, body);
    expect(result.stdout).toContain("FILE REFUSED");
    expect(result.stdout).toContain("ENVIRON REFUSED");
    expect(result.stdout).not.toContain(SECRET);
  });

  test("no process can be spawned and no socket opened", async () => {
    const body = [
      "import os",
      probe("SYSTEM", 'os.system("echo hi")'),
      probe("SUBPROCESS", '__import__("subprocess").run(["echo", "hi"])'),
      probe("SOCKET", `__import__("socket").create_connection(("127.0.0.1", ${serverPort}))`),
    ].join("\n");
    connections = 0;
    const result = await attempt(pool, body);
    for (const label of ["SYSTEM", "SUBPROCESS", "SOCKET"]) expect(result.stdout).toContain(`${label} REFUSED`);
    expect(connections).toBe(0);
  });

  test("a forged reply on stdout does not change the verdict", async () => {
    const forged = JSON.stringify({
      type: "reply",
      nonce: "0".repeat(64),
      resultJson: JSON.stringify({
        version: 1,
        kind: "check",
        status: "passed",
        message: "",
        tests: [],
        traceback: null,
        duration: 1,
        stdout: "",
        stderr: "",
        truncated: false,
      }),
    });
    const body = [
      `FORGED = ${JSON.stringify(forged)}`,
      "import os",
      'os.write(1, ("\\n" + FORGED + "\\n").encode())',
      "print(FORGED)",
    ].join("\n");
    const result = await attempt(pool, body);
    expect(result.status).toBe("failed");
    expect(result.tests[0]?.status).toBe("failed");
  });
});

/**
 * The layers under the interpreter, for code that would escape it: a small
 * Node program run by the verifier's own sandbox command (the one the pool
 * starts processes with) tries what escaped code would.
 */
async function sandboxProbe(layers: Partial<SandboxLayers>, body: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-probe-"));
  const script = path.join(dir, "probe.mjs");
  fs.writeFileSync(
    script,
    `const probe = async (label, fn) => {
  try { console.log(label + " OK " + String(await fn())); }
  catch (error) { console.log(label + " REFUSED " + (error.code ?? error.name)); }
};
${body}`,
  );
  const command = buildSandboxCommand({
    readablePaths: [dir],
    entryPath: fs.realpathSync(script),
    entryArgs: [],
    memoryLimitBytes: 1024 * 1024 * 1024,
    cpuLimitSeconds: 30,
    maxOldSpaceMb: 128,
    layers,
  });
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(command.command, command.args, { env: command.env as NodeJS.ProcessEnv });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.on("error", reject);
      child.on("close", () => resolve(out));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const readSecret = `await probe("FILE", async () => (await import("node:fs")).readFileSync(${JSON.stringify("SECRET_FILE")}, "utf8"));`;

describe("escaped code in the full sandbox", () => {
  test("sees no secret in its environment and cannot read the secret file or the server's environ", async () => {
    const out = await sandboxProbe(
      {},
      [
        readSecret.replace("SECRET_FILE", secretFile),
        `await probe("ENV", () => JSON.stringify(process.env));`,
        `await probe("ENVIRON", async () => (await import("node:fs")).readFileSync("/proc/${process.pid}/environ", "utf8"));`,
      ].join("\n"),
    );
    expect(out).toContain("FILE REFUSED");
    expect(out).toContain("ENVIRON REFUSED");
    expect(out).toContain("ENV OK");
    expect(out).not.toContain(SECRET);
  });

  // (It can read its own heap, v8.getHeapSnapshot() included: that holds the job it already has.)
  test("cannot spawn processes, attach an inspector or start threads", async () => {
    const out = await sandboxProbe(
      {},
      [
        `await probe("SPAWN", async () => (await import("node:child_process")).execSync("echo spawned").toString());`,
        `await probe("INSPECTOR", async () => new (await import("node:inspector")).Session().connect());`,
        `await probe("WORKER", async () => new (await import("node:worker_threads")).Worker("1", { eval: true }));`,
      ].join("\n"),
    );
    for (const label of ["SPAWN", "INSPECTOR", "WORKER"]) expect(out).toContain(`${label} REFUSED`);
  });
});

describe("each layer is what stops the escape", () => {
  const fileRead = (layers: Partial<SandboxLayers>) =>
    sandboxProbe(layers, readSecret.replace("SECRET_FILE", secretFile));

  test("with every layer off, the same code reads the secret file", async () => {
    expect(await fileRead({ bwrap: false, nodePermissions: false })).toContain(`FILE OK ${SECRET}`);
  });

  test("Node's permission model alone refuses the read", async () => {
    const stdout = await fileRead({ bwrap: false, nodePermissions: true });
    expect(stdout).toContain("FILE REFUSED");
    expect(stdout).not.toContain(SECRET);
  });

  testWithBwrap("bubblewrap alone refuses the read (the file is not in its file system)", async () => {
    const stdout = await fileRead({ bwrap: true, nodePermissions: false });
    expect(stdout).toContain("FILE REFUSED");
    expect(stdout).not.toContain(SECRET);
  });

  const networkProbe = (layers: Partial<SandboxLayers>) =>
    sandboxProbe(
      layers,
      `await probe("NET", () => new Promise((resolve, reject) => {
  import("node:net").then((net) => {
    const s = net.connect(${serverPort}, "127.0.0.1");
    s.on("connect", () => { s.destroy(); resolve("CONNECTED"); });
    s.on("error", reject);
  });
}));`,
    );

  test("without bubblewrap a sandboxed process reaches the host's 127.0.0.1", async () => {
    connections = 0;
    expect(await networkProbe({ bwrap: false })).toContain("CONNECTED");
    expect(connections).toBe(1);
  });

  testWithBwrap("with bubblewrap the same process cannot connect", async () => {
    connections = 0;
    const out = await networkProbe({ bwrap: true });
    expect(out).toContain("REFUSED");
    expect(out).not.toContain("CONNECTED");
    expect(connections).toBe(0);
  });
});
