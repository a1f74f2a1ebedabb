/**
 * The real production server (`next start` over the existing `.next` build) as
 * a child process a test can start, kill and start again on the same database.
 * Used by the shared browser-suite server (server-setup.ts), by tests that
 * need a server of their own (durability: SIGKILL mid-verification), and by
 * `npm run load-test`.
 *
 * The server runs in its own process group (detached), so a test can signal
 * the whole group. Verifier sandboxes are NOT in that group (bubblewrap runs
 * them with --new-session); they die with their parent through
 * --die-with-parent, which `descendantPids` lets a test check.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..", "..");

/** The session secret of throwaway test servers (never a real deployment's). */
export const TEST_NEXTAUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";

export type ProductionServer = {
  url: string;
  port: number;
  pid: number;
  /** Folder holding the database and the log (a temp folder unless given). */
  dir: string;
  dbFile: string;
  /** DATABASE_URL of the server: `file:<dbFile>`, or the PostgreSQL URL it was given. */
  databaseUrl: string;
  logFile: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export type StartOptions = {
  /** Folder for the database and log; default: a new temp folder named after `tmpPrefix`. */
  dir?: string;
  tmpPrefix?: string;
  /**
   * SQLite file (default `<dir>/server.db`); created and migrated by
   * scripts/prepare.ts (like `npm start`) when new. A restart passes the same file.
   */
  dbFile?: string;
  /**
   * A PostgreSQL database (postgresql://…) to serve from instead of the SQLite
   * file; it must exist, and is migrated by scripts/prepare.ts like a new file.
   */
  databaseUrl?: string;
  /** Server output is appended here (default `<dir>/server.log`). */
  logFile?: string;
  /** A fixed port (a restart reuses the previous one); default: a free one. */
  port?: number;
  /** Extra environment (e.g. VERIFIER_POOL_SIZE). */
  env?: Record<string, string>;
  timeoutMs?: number;
};

export function assertBuildExists(): void {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first.");
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function serverEnv(options: StartOptions & { dbFile: string }, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl ?? `file:${options.dbFile}`,
    NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    // The tests act as the one trusted proxy: their X-Forwarded-For is the client address.
    TRUSTED_PROXY_HOPS: "1",
    ...options.env,
  };
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs} ms; see ${logFile}`);
}

/** Migrate, sync the course and start `next start`; resolves once it answers. */
export async function startProductionServer(options: StartOptions): Promise<ProductionServer> {
  assertBuildExists();
  const dir =
    options.dir ??
    (options.dbFile
      ? path.dirname(options.dbFile)
      : fs.mkdtempSync(path.join(os.tmpdir(), options.tmpPrefix ?? "leakless-server-")));
  const dbFile = options.dbFile ?? path.join(dir, "server.db");
  const logFile = options.logFile ?? path.join(dir, "server.log");
  const port = options.port ?? (await freePort());
  const env = serverEnv({ ...options, dbFile }, port);
  // The same preparation as `npm start`: idempotent, so a restart runs it too.
  execFileSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const log = fs.openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: ROOT, env, stdio: ["ignore", log, log], detached: true },
  );
  fs.closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, child, options.timeoutMs ?? 90_000, logFile);
  } catch (error) {
    signalGroup(child.pid!, "SIGKILL");
    throw error;
  }
  const databaseUrl = options.databaseUrl ?? `file:${dbFile}`;
  return { url, port, pid: child.pid!, dir, dbFile, databaseUrl, logFile, child, exited };
}

export type VerifierWorker = { child: ChildProcess; logFile: string };

/**
 * `npm run verifier` (scripts/verifier.ts) on `databaseUrl`: a worker process
 * that only verifies, output appended to `logFile`.
 */
export function startVerifierWorker(options: {
  databaseUrl: string;
  logFile: string;
  env?: Record<string, string>;
}): VerifierWorker {
  const out = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/verifier.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: options.databaseUrl, ...options.env },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  return { child, logFile: options.logFile };
}

/** Signals the server's whole process group; false when it is already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to the server's process group and waits until the server process has exited. */
export async function stopProductionServer(
  server: ProductionServer,
  signal: NodeJS.Signals = "SIGTERM",
): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  signalGroup(server.pid, signal);
  await server.exited;
}

/** Every live process below `pid` (children, grandchildren...), read from /proc (Linux). */
export function descendantPids(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(name), Number(fields[1]));
    } catch {
      // exited while we looked
    }
  }
  const result: number[] = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        result.push(child);
        frontier.push(child);
      }
    }
  }
  return result;
}

/** Whether a process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
