/**
 * One verifier child process, seen from the parent: spawn it in the sandbox,
 * wait for "ready", give it jobs one at a time, each with its own nonce, and
 * read back one nonce'd reply per job. The process is SIGKILLed after any
 * outcome but a clean one (a valid reply whose `recycle` is null); the pool
 * decides when a clean process has served enough jobs.
 * Everything the child writes after "ready" is untrusted (see protocol.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { CheckResultSchema, type CheckFile, type CheckResult } from "../grading/result";
import { ReadyMessageSchema, ReplyMessageSchema, type VerifierJob } from "./protocol";
import type { SandboxCommand } from "./sandbox";
import { descendantPids, rssOfTree } from "./process-tree";

/** Cap on what the parent reads from a child's stdout per job: learner code can flood it. */
const MAX_STDOUT_BYTES = 32 * 1024 * 1024;
const MAX_STDERR_KEPT = 16 * 1024;
/** After a kill, how long "close" may wait for pipes held by something we could not reach. */
const KILLED_PIPES_GRACE_MS = 2_000;

export type ProcessOutcome =
  /** `recycle`: null when the child may take another job, else why not (the child is then killed). */
  | {
      kind: "result";
      result: CheckResult;
      recycle: string | null;
      heapBytes: number;
      jobs: number;
      /** The child's own account of where the job's time went (untrusted; for measurements only). */
      stageMs: Record<string, number>;
      /** From writing the job to the child's stdin to reading its reply, in the parent. */
      roundTripMs: number;
    }
  /** No valid reply: the process died, was killed, or answered garbage. Worth one retry. */
  | { kind: "crashed"; message: string; diagnostics: string }
  /** Killed by the parent at its time limit. */
  | { kind: "timeout"; message: string };

export type VerifierProcessOptions = {
  command: SandboxCommand;
  packageFiles: Record<string, string>;
  /** How long boot may take before the process is considered broken. */
  bootTimeoutMs: number;
  /** Extra time after a job's own limit before SIGKILL (harness overhead, reply). */
  graceMs: number;
};

export type BootInfo = { bootMs: number; snapshot: boolean };

export class VerifierProcess {
  private readonly child: ChildProcess;
  private stdout: Buffer = Buffer.alloc(0);
  private stdoutBytes = 0;
  private stderr = "";
  private exited = false;
  private killed = false;
  private running = false;
  /** Set when the child flooded stdout past the cap (then it is killed). */
  stdoutLimitHit = false;
  private jobsRun = 0;
  private lineListener: ((line: Buffer) => void) | null = null;
  private exitListener: (() => void) | null = null;
  /** Resolves when the child reports ready; rejects when it dies or times out first. */
  readonly ready: Promise<BootInfo>;
  /** Resolves once the child has exited and its pipes are closed. */
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  readonly spawnedAt = performance.now();

  constructor(private readonly options: VerifierProcessOptions) {
    const { command } = options;
    this.closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));
    this.child = spawn(command.command, command.args, {
      env: command.env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdin!.on("error", () => {}); // EPIPE when the child dies first: reported through "exit"
    this.child.stdout!.on("data", (chunk: Buffer) => this.onStdout(chunk));
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-MAX_STDERR_KEPT);
    });
    this.child.on("error", (error) => {
      this.stderr += `\nspawn failed: ${error.message}`;
      this.markExited();
    });
    // "close", not "exit": "exit" can fire before the last stdout chunk (the reply) is read.
    this.child.on("close", () => this.markExited());
    // Once we have killed it, nothing it still writes matters: if something
    // outside our reach keeps its pipes open, stop waiting for them.
    this.child.on("exit", () => {
      if (!this.killed) return;
      setTimeout(() => {
        this.child.stdout?.destroy();
        this.child.stderr?.destroy();
        this.markExited();
      }, KILLED_PIPES_GRACE_MS).unref();
    });
    this.child.stdin!.write(JSON.stringify({ type: "boot", packageFiles: options.packageFiles }) + "\n");

    this.ready = new Promise<BootInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(
          new Error(`verifier process did not become ready within ${options.bootTimeoutMs} ms${this.diagnostics()}`),
        );
      }, options.bootTimeoutMs);
      this.lineListener = (line) => {
        const ready = ReadyMessageSchema.safeParse(parseJson(line.toString("utf8")));
        if (!ready.success) return; // Node warnings etc. before ready are ignored
        clearTimeout(timer);
        this.lineListener = null;
        this.exitListener = null;
        resolve({ bootMs: ready.data.bootMs, snapshot: ready.data.snapshot });
      };
      this.exitListener = () => {
        clearTimeout(timer);
        reject(new Error(`verifier process exited during boot (${this.exitDescription()})${this.diagnostics()}`));
      };
    });
    this.ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Jobs given to this process so far. */
  get jobs(): number {
    return this.jobsRun;
  }

  /** Resident memory of the sandboxed node process, in bytes (Linux), for measurements. */
  rssBytes(): number | null {
    return rssOfTree(this.child.pid);
  }

  /**
   * Runs one job. Never rejects: every way a child can fail becomes an outcome.
   * Unless the outcome is a result with `recycle: null`, the process has been
   * killed by the time this resolves.
   */
  run(job: {
    code: string;
    checks: CheckFile[];
    timeLimitMs: number;
    memoryLimitBytes?: number;
  }): Promise<ProcessOutcome> {
    const nonce = randomBytes(32).toString("hex");
    const message: VerifierJob = {
      type: "job",
      code: job.code,
      checks: job.checks,
      timeLimitMs: job.timeLimitMs,
      ...(job.memoryLimitBytes ? { memoryLimitBytes: job.memoryLimitBytes } : {}),
    };
    if (this.running) throw new Error("a verifier process runs one job at a time");
    this.running = true;
    this.jobsRun += 1;
    this.stdoutBytes = 0;
    return new Promise<ProcessOutcome>((resolve) => {
      let settled = false;
      let sentAt = performance.now();
      const settle = (outcome: ProcessOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.lineListener = null;
        this.exitListener = null;
        this.running = false;
        if (outcome.kind !== "result" || outcome.recycle !== null) this.kill();
        resolve(outcome);
      };
      const limitMs = job.timeLimitMs + this.options.graceMs;
      const timer = setTimeout(
        () => settle({ kind: "timeout", message: `Time limit exceeded (${job.timeLimitMs} ms)` }),
        limitMs,
      );
      this.lineListener = (line) => {
        const reply = ReplyMessageSchema.safeParse(parseJson(line.toString("utf8")));
        // Lines without our nonce are learner output or forgeries: ignore them.
        if (!reply.success || reply.data.nonce !== nonce) return;
        const result = CheckResultSchema.safeParse(parseJson(reply.data.resultJson));
        settle(
          result.success
            ? {
                kind: "result",
                result: result.data,
                recycle: reply.data.recycle,
                heapBytes: reply.data.heapBytes,
                jobs: reply.data.jobs,
                stageMs: reply.data.stageMs ?? {},
                roundTripMs: performance.now() - sentAt,
              }
            : {
                kind: "crashed",
                message: "The verifier returned a malformed result.",
                diagnostics: result.error.message.slice(0, 2000),
              },
        );
      };
      this.exitListener = () =>
        settle({
          kind: "crashed",
          message: `The Python process stopped before reporting a result (${this.exitDescription()}).`,
          diagnostics: this.stderr,
        });
      if (this.exited) return this.exitListener();
      sentAt = performance.now();
      this.child.stdin!.write(`${nonce}\n${JSON.stringify(message)}\n`);
    });
  }

  /** SIGKILL: the child holds no state worth a graceful shutdown. */
  kill(): void {
    if (!this.exited && this.child.pid !== undefined) {
      // The whole tree, found before the top dies (orphans are reparented
      // and could no longer be found): see process-tree.ts.
      for (const pid of descendantPids(this.child.pid)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      this.child.kill("SIGKILL");
    }
    // A sandboxed node that still outlived it gets EOF on stdin and exits.
    this.child.stdin?.destroy();
    this.killed = true;
  }

  private onStdout(chunk: Buffer): void {
    this.stdoutBytes += chunk.length;
    if (this.stdoutBytes > MAX_STDOUT_BYTES) {
      this.stderr += "\n[parent] stdout limit exceeded";
      this.stdoutLimitHit = true;
      this.kill();
      return;
    }
    this.stdout = this.stdout.length ? Buffer.concat([this.stdout, chunk]) : chunk;
    let newline: number;
    while ((newline = this.stdout.indexOf(10)) >= 0) {
      const line = this.stdout.subarray(0, newline);
      this.stdout = this.stdout.subarray(newline + 1);
      if (line.length > 0) this.lineListener?.(line);
    }
  }

  private markExited(): void {
    if (this.exited) return;
    this.exited = true;
    this.resolveClosed();
    this.exitListener?.();
  }

  private exitDescription(): string {
    const { exitCode, signalCode } = this.child;
    if (signalCode) return `killed by ${signalCode}`;
    return exitCode === null ? "no exit status" : `exit code ${exitCode}`;
  }

  private diagnostics(): string {
    const text = this.stderr.trim();
    return text ? `: ${text.slice(-2000)}` : "";
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
