/**
 * Builds the command line that starts one verifier process, in layers, each
 * stopping something the others do not (Pyodide itself is not a sandbox: learner
 * Python reaches Node's `process`, `fs` and builtin modules through `js`):
 *
 * 1. OS layer: bubblewrap. New user/pid/net/ipc/uts/cgroup namespaces
 *    (`--unshare-all`: no network at all, not even loopback to the host; no
 *    view of host processes), an empty environment (`--clearenv`, so
 *    `process.env` and /proc/self/environ hold no secrets), and a root file
 *    system holding only read-only binds of the node binary, its shared
 *    libraries, the Pyodide files and the verifier's own build output. No /proc
 *    of the host, no database, no repository, no home directory.
 * 2. Node's permission model (`--experimental-permission`): file reads only
 *    from the Pyodide and verifier directories, no file writes, no child
 *    processes, no worker threads, no inspector. This still holds when
 *    bubblewrap is unavailable, and inside bubblewrap it closes what the bind
 *    mounts leave open (e.g. writing to the tmpfs).
 * 3. Resource limits: `ulimit -d` (RLIMIT_DATA) caps the process's private
 *    writable memory, which is where Pyodide's wasm heap lives, so a memory bomb
 *    turns into a Python MemoryError or a dead process rather than a dead host.
 *    RLIMIT_AS would not work: V8 reserves many GB of address space for wasm
 *    guard regions. `ulimit -t` (RLIMIT_CPU) is a backstop for a parent that
 *    stops watching; the parent's own timer is the real time limit.
 *    `--max-old-space-size` caps the JS heap that learner code can reach
 *    through `js`.
 *
 * When bubblewrap is missing or cannot create namespaces (e.g. inside some
 * containers), layers 2 and 3 still apply and a loud warning is logged once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type SandboxStatus = {
  /** True when bubblewrap is installed and could start a process in new namespaces. */
  osSandbox: boolean;
  /** Human-readable explanation, e.g. the bwrap error when it is unavailable. */
  reason: string;
};

export type SandboxOptions = {
  /** Files and directories the process may read (bound read-only, allowed by Node). */
  readablePaths: string[];
  /** The compiled verifier entry (an .mjs file inside one of readablePaths). */
  entryPath: string;
  /** Arguments after the entry path. */
  entryArgs: string[];
  /** RLIMIT_DATA for the whole process (JS heap + wasm heap + Node's own). */
  memoryLimitBytes: number;
  /** RLIMIT_CPU in seconds; a backstop only, the parent enforces wall time. */
  cpuLimitSeconds: number;
  /** V8 old-space cap for the JS heap, in MB. */
  maxOldSpaceMb: number;
  /**
   * Which layers to use. Tests turn layers off to show that each one is what
   * stops an escape; production code leaves the defaults.
   */
  layers?: Partial<SandboxLayers>;
};

export type SandboxLayers = {
  /** bubblewrap namespaces and bind mounts (only used if available). */
  bwrap: boolean;
  /** Node's --experimental-permission with an fs-read allow list. */
  nodePermissions: boolean;
  /** ulimit -d / -t. */
  rlimits: boolean;
};

export type SandboxCommand = {
  command: string;
  args: string[];
  /** Environment for spawn(): none of the parent's variables, only the allocator's tuning. */
  env: Record<string, string>;
  /** Whether the OS layer is really in this command (false when disabled or unavailable). */
  osSandbox: boolean;
};

/**
 * V8's young generation capped at 2 MB per semi-space instead of 16: a
 * verifier process allocates little JavaScript per job (a request string, a
 * result string). Measured with the shipped course (RSS of the sandbox tree
 * after 40 jobs, back to back with the defaults, load ~7): 186-188 MB vs
 * 197-204 MB, CPU per job within the noise (92 vs 85 ms, 101 vs 105 ms).
 * Tried and left out: a 1 MB semi-space and `--v8-pool-size=1` (a few MB
 * less, but 10-30 % more CPU per job in three of four runs).
 */
export const V8_MEMORY_FLAGS = ["--max-semi-space-size=2"];

/**
 * glibc's allocator with a fixed mmap threshold: every allocation of 128 KB
 * or more gets its own mapping and goes back to the OS when freed. By default
 * the threshold rises (to 32 MB) after the first large free, so the boot's
 * large temporaries (the snapshot restore, wasm compilation) stay resident in
 * malloc's arenas for the process's life. Measured (bench verifier, three
 * pairs in a row): RSS 233-238 MB vs 248-263 MB without, job latency p50
 * the same, throughput within the runs' spread, warm boot ~0.3 s longer.
 */
export const ALLOCATOR_ENV: Record<string, string> = { MALLOC_MMAP_THRESHOLD_: "131072" };

const BWRAP = "bwrap";
const NICE = "/usr/bin/nice";
/** Scheduling niceness of verifier processes (0 = normal, 19 = lowest). */
export const VERIFIER_NICENESS = 10;
/** The unprivileged "nobody" ids inside the user namespace. */
const SANDBOX_UID = "65534";

/** No variable of the server's environment (secrets, DATABASE_URL) reaches a sandbox. */
const EMPTY_ENV = {} as NodeJS.ProcessEnv;

let cachedStatus: SandboxStatus | null = null;
let warned = false;

/**
 * Whether bubblewrap works on this machine. Probed once by running `true`
 * inside the same kind of sandbox the verifier uses, because an installed bwrap
 * can still fail (no user namespaces, seccomp in a container).
 */
export function sandboxStatus(): SandboxStatus {
  if (cachedStatus) return cachedStatus;
  const probe = spawnSync(
    BWRAP,
    [...bwrapBaseArgs(), ...bindArgs(systemBinds(process.execPath)), process.execPath, "-e", "0"],
    { encoding: "utf8", timeout: 10_000, env: EMPTY_ENV },
  );
  if (probe.error) {
    const code = (probe.error as NodeJS.ErrnoException).code;
    cachedStatus = {
      osSandbox: false,
      reason:
        code === "ENOENT"
          ? "bwrap is not installed (Debian package: bubblewrap)"
          : `bwrap failed to start: ${probe.error.message}`,
    };
  } else if (probe.status !== 0) {
    cachedStatus = {
      osSandbox: false,
      reason: `bwrap cannot create a sandbox here: ${probe.stderr.trim() || `exit ${probe.status}`}`,
    };
  } else {
    cachedStatus = { osSandbox: true, reason: "bubblewrap with new namespaces, no network, empty environment" };
  }
  return cachedStatus;
}

/** Builds the spawn() arguments for one verifier process. */
export function buildSandboxCommand(options: SandboxOptions): SandboxCommand {
  const layers: SandboxLayers = { bwrap: true, nodePermissions: true, rlimits: true, ...options.layers };

  const nodeArgs = [`--max-old-space-size=${options.maxOldSpaceMb}`, ...V8_MEMORY_FLAGS];
  if (layers.nodePermissions) {
    nodeArgs.push("--experimental-permission", "--no-warnings=ExperimentalWarning");
    for (const p of options.readablePaths) nodeArgs.push(`--allow-fs-read=${allowPattern(p)}`);
  }
  const nodeCommand = [process.execPath, ...nodeArgs, options.entryPath, ...options.entryArgs];

  let command = nodeCommand;
  let osSandbox = false;
  if (layers.bwrap) {
    const status = sandboxStatus();
    if (status.osSandbox) {
      osSandbox = true;
      const binds = [...systemBinds(process.execPath), ...options.readablePaths.map((p) => fs.realpathSync(p))];
      command = [BWRAP, ...bwrapBaseArgs(), ...bindArgs(binds), ...nodeCommand];
    } else if (!warned) {
      warned = true;
      console.warn(
        `[verifier] WARNING: no OS sandbox (${status.reason}). Learner code runs with Node's permission ` +
          "model and resource limits only: it can reach the network and read files that Node allows. " +
          "Install bubblewrap before running this server for real learners.",
      );
    }
  }

  if (layers.rlimits) {
    // `sh` applies the limits to itself and then execs the sandbox, so the
    // limits are inherited by bwrap and node. Kilobytes for -d, seconds for -t.
    const dataKb = Math.ceil(options.memoryLimitBytes / 1024);
    command = [
      "/bin/sh",
      "-c",
      `ulimit -d ${dataKb} && ulimit -t ${options.cpuLimitSeconds} && exec "$@"`,
      "verifier",
      ...command,
    ];
  }

  // Verification is batch work; page loads and submits are interactive. On a
  // small machine the verifier processes would otherwise take the cores from
  // the web server exactly when many learners submit at once, so they run
  // niced: idle CPU still goes to them, contended CPU goes to requests first.
  if (fs.existsSync(NICE)) command = [NICE, "-n", String(VERIFIER_NICENESS), ...command];

  const [head, ...rest] = command;
  return { command: head, args: rest, env: { ...ALLOCATOR_ENV }, osSandbox };
}

function bwrapBaseArgs(): string[] {
  return [
    "--unshare-all", // user, pid, net, ipc, uts, cgroup: no network, no host processes
    "--die-with-parent", // a dying server takes its sandboxes with it
    "--new-session", // no TIOCSTI into the server's terminal
    "--clearenv",
    ...Object.entries(ALLOCATOR_ENV).flatMap(([name, value]) => ["--setenv", name, value]),
    "--cap-drop",
    "ALL",
    "--uid",
    SANDBOX_UID,
    "--gid",
    SANDBOX_UID,
    "--hostname",
    "verifier",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    // No --proc: Node and Pyodide run without it, and the fewer host-shaped
    // files the better. /proc/self/environ would be empty anyway (--clearenv).
    "--chdir",
    "/tmp",
  ];
}

function bindArgs(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.flatMap((p) => ["--ro-bind", p, p]);
}

/** ldd output per node binary: it does not change while the server runs, and ldd is a synchronous spawn. */
const systemBindsCache = new Map<string, string[]>();

/**
 * The node binary and the shared libraries it loads, each bound at the path
 * the dynamic loader will look for it (a symlink such as /lib64 → usr/lib64 is
 * bound as the resolved file at the unresolved path). Memoized because every
 * verifier process start needs it and the synchronous ldd would block the web
 * server's event loop each time (~0.5 s over a burst in a submit-path profile).
 */
function systemBinds(nodePath: string): string[] {
  let binds = systemBindsCache.get(nodePath);
  if (!binds) {
    binds = readSystemBinds(nodePath);
    systemBindsCache.set(nodePath, binds);
  }
  return [...binds];
}

function readSystemBinds(nodePath: string): string[] {
  const binds = [fs.realpathSync(nodePath)];
  if (nodePath !== binds[0]) binds.push(nodePath);
  let lddOutput = "";
  try {
    lddOutput = execFileSync("ldd", [binds[0]], { encoding: "utf8" });
  } catch {
    // A statically linked node (or no ldd): fall back to the usual library dirs.
    return [...binds, ...["/lib", "/lib64", "/usr/lib", "/usr/lib64"].filter((d) => fs.existsSync(d))];
  }
  for (const line of lddOutput.split("\n")) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match) binds.push(match[1]);
  }
  return binds;
}

/** Node 20's allow-list: a directory given with a trailing separator allows everything below it. */
function allowPattern(p: string): string {
  const real = fs.realpathSync(p);
  return fs.statSync(real).isDirectory() ? real + path.sep : real;
}
